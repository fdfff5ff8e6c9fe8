import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import type { CorsSettings } from '../config';

/** Request headers a browser client may send (Apollo Client, urql, Relay, GraphQL Code Generator's fetchers). */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'apollographql-client-name', 'apollographql-client-version', 'x-request-id'];
/** Response headers a browser client may read: the request id to quote, Retry-After on 429/503. */
const EXPOSED_HEADERS = ['x-request-id', 'retry-after', 'www-authenticate'];

/**
 * CORS for /graphql with the `cors` package: listed origins are echoed (with
 * Vary: Origin), others get no CORS headers and the browser refuses the answer;
 * a preflight (OPTIONS) is answered 204 here, before rate limits and auth. Null
 * when no origin is allowed (same-origin only, the default). Apollo's CSRF
 * prevention is untouched: a browser's JSON POST is not a simple request, so
 * it is preflighted, and GETs need a non-simple header.
 */
export function corsHandler(settings: CorsSettings): ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>) | null {
  if (!settings.origins.length) return null;
  const middleware = cors({
    origin: settings.origins.includes('*') ? '*' : settings.origins,
    credentials: settings.credentials,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: settings.maxAgeSeconds,
    optionsSuccessStatus: 204,
  });
  /** Sets the CORS headers; true when it answered the request itself (a preflight). */
  return (req, res) =>
    new Promise((resolve, reject) => {
      res.once('finish', () => resolve(true));
      middleware(req as never, res as never, (error?: unknown) => (error ? reject(error) : resolve(false)));
    });
}
