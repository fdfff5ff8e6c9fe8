import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './ports';

/**
 * A TCP proxy in front of a database server, to cut it off and bring it back
 * as a network outage would: halt() drops every connection and refuses new
 * ones; resume() accepts them again on the same port.
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1') {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let down = false;
  const listen = () =>
    new Promise<void>((ok, fail) => {
      down = false;
      server = createServer((client) => {
        // A connection the kernel accepted just before halt(): dropped too, or it would hang half-open.
        if (down) return void client.destroy();
        const upstream = createConnection(targetPort, targetHost);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok());
    });
  await listen();
  return {
    port,
    halt: async () => {
      down = true;
      await new Promise<void>((ok) => {
        server?.close(() => ok());
        for (const s of sockets) s.destroy();
      });
    },
    resume: listen,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => (server?.listening ? server.close(() => ok()) : ok()));
    },
  };
}
