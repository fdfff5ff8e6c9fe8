import { request, type Agent } from 'node:http';
import { connect, type Socket } from 'node:net';

/** How one request ended, as the client saw it. */
export type Outcome = { kind: 'answered'; status: number; body: string; connection?: string } | { kind: 'refused' } | { kind: 'reset'; code: string };

/** POSTs JSON with node:http (agent false = a new connection per request), reporting resets instead of throwing. */
export function postJson(url: string, body: unknown, headers: Record<string, string>, agent: Agent | false): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ kind: 'answered', status: res.statusCode!, body: text, connection: res.headers.connection }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ kind: 'reset', code: e.code ?? e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'reset', code: e.code ?? e.message }));
    req.end(JSON.stringify(body));
  });
}

/** A raw TCP connection to the server of `url`, with what it received and when it closed. */
export function rawConnection(url: string): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (received += d));
    socket.on('error', () => undefined);
    const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now() - started)));
    socket.once('connect', () => resolve({ socket, received: () => received, closed }));
    socket.once('error', reject);
  });
}

/** The request line and headers of a GraphQL POST whose body is `length` bytes. */
export function postHead(url: string, length: number, headers: Record<string, string> = {}): string {
  const { host, pathname } = new URL(url);
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;
}
