import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The caller's x-request-id when it is a sane token, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}
