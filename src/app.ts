import 'reflect-metadata';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';
import type { AppConfig } from './config';
import { HttpDrain } from './http/drain';
import { corsHandler } from './http/cors';
import { serveSubscriptions } from './live/ws-server';
import { Metrics, operationTracePlugin, type RequestTrace } from './observability/metrics';
import { authenticate, presentedKey } from './auth/access';
import { hashApiKey } from './auth/api-key';
import { operationLimitsPlugin } from './limits/operation-limits';
import { RateLimiter } from './limits/rate-limit';
import { type Limiter, sharedLimiter } from './limits/shared-rate-limit';
import { connectRedis } from './live/redis';
import { nestsDeeperThan } from './limits/json-depth';
import { requestIdOf } from './request-id';
import { createContext, type Context } from './context';
import { ReadScope } from './db/read-scope';
import { initORM } from './db/orm';
import { Store } from './db/store';
import { createFormatError, errorIdsPlugin, statusPlugin } from './errors/format-error';
import { OutageLog, RETRY_AFTER_SECONDS } from './db/availability';
import { queueStatus } from './modules/queue/queue-status';
import { UserRole } from './entities';
import { isUnavailable } from './db/backend/db-errors';
import { UnavailableError } from './errors/codes';
import { createLogger, type Logger } from './logger';
import { createSchema } from './schema';
import { jitGateway } from './jit-executor';
import { migrateUp } from './db/migrate';

export interface App {
  httpServer: Server;
  apollo: ApolloServer<Context>;
  store: Store;
  logger: Logger;
  /** Listens on config.port (0 = any free port) and resolves with the URL of /graphql. */
  listen(): Promise<string>;
  /** Stops taking requests, drains those in flight, closes the ORM. Safe to call twice. */
  stop(): Promise<void>;
}

export type AppOptions = AppConfig;

/**
 * Builds the whole server: ORM, schema, Apollo and the HTTP routes. Used by main, the CLI and the tests.
 * The HTTP layer is node:http by hand: Fastify 5 + @as-integrations/fastify serving the same Apollo
 * server, even without this layer's rate limits, metrics and request log, took 0.89× its CPU per
 * request on the smallest answer and 0.99× on a 50-row page (`npm run bench:http`): not worth a second layer.
 */
export async function createApp(config: AppOptions, logger: Logger = createLogger(config.logLevel)): Promise<App> {
  // Replicas are read only where the gateway says so (see read-target.ts), never by MikroORM's own choice.
  const replicas = config.replicas.urls.length ? { replicas: config.replicas.urls.map((clientUrl, i) => ({ clientUrl, name: `read-${i + 1}` })), preferReadReplicas: false } : {};
  const orm = await initORM({ driver: config.driver, databaseUrl: config.databaseUrl, debug: config.logLevel === 'debug' }, replicas);
  try {
    if (config.autoMigrate) await migrateUp(orm, logger);
  } catch (e) {
    await orm.close(true);
    throw e;
  }
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined;
  const store = await Store.open(orm, config.driver, {
    openSignup: config.openSignup,
    authCacheTtlMs: config.authCacheTtlMs,
    compiledReads: config.compiledReads,
    queue: config.queue,
    redis,
    replicaStickyMs: config.replicas.urls.length ? config.replicas.stickyMs : undefined,
  });
  const schema = await createSchema();
  const httpServer = createServer({
    // Slow and silent clients are answered 408 and closed (Node checks every connectionsCheckingInterval).
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, Math.ceil(config.headersTimeoutMs / 4)),
  });
  const drain = new HttpDrain(httpServer);
  const outages = new OutageLog(
    logger,
    config.driver,
    () => store.ping(),
    () => store.recover(),
  );
  // The one place errors become what clients see, for HTTP and WebSocket answers alike.
  const formatError = createFormatError(logger, { exposeStack: !config.production, hideSuggestions: config.production, outages });

  const apollo = new ApolloServer<Context>({
    ...(config.executor === 'jit' ? { gateway: jitGateway(schema) } : { schema }),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // Stated rather than inherited: one operation per request, and CSRF protection on.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: config.maxTokens },
    // Parsed and validated documents, by the size of their JSON (Apollo's default allows 30 MiB,
    // which as live ASTs is several times that in heap): bounded so a flood of distinct
    // operations cannot grow the heap past the bound the README gives.
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: 8 * 1024 * 1024 }),
    // Automatic persisted queries (query text by hash), bounded the same way.
    persistedQueries: { cache: new InMemoryLRUCache<string>({ maxSize: 4 * 1024 * 1024 }) },
    // main.ts owns SIGTERM/SIGINT: drain, close the ORM, then exit 0.
    stopOnTerminationSignals: false,
    formatError,
    plugins: [
      errorIdsPlugin(),
      operationTracePlugin(),
      statusPlugin(),
      operationLimitsPlugin(config.limits),
      // We send no cache hints; left on, it wraps every field resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      !config.introspection
        ? ApolloServerPluginLandingPageDisabled()
        : config.production
          ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
          : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();
  // Subscriptions: GraphQL over WebSocket on the same server and path.
  const live = serveSubscriptions(httpServer, schema, store, config, logger, formatError);

  const metrics = new Metrics({
    roundTrips: () => store.roundTrips,
    readPaths: () => store.readPaths,
    databaseDown: () => outages.open,
    queue: () => queueStatus(store.backend, store.orm.em.fork(), store.now()),
    live: live.stats,
  });
  // Requests still being answered: shutdown waits for them before closing the ORM.
  const inFlight = new Set<Promise<unknown>>();
  // With Redis, limits are counted there, once for every instance.
  const limiter = (perMinute: number, name: string): Limiter => (redis ? sharedLimiter(perMinute, redis.commands, name) : new RateLimiter(perMinute));
  const keyed = limiter(config.rateLimitPerMinute, 'key');
  const anonymous = limiter(config.rateLimitAnonPerMinute, 'ip');
  // WORKER keys have their own limit (RATE_LIMIT_WORKER_PER_MINUTE, default none): queue work comes in bursts.
  const workers = limiter(config.rateLimitWorkerPerMinute, 'worker');
  const knownKeys = new Map<string, Limiter>();
  const rememberKey = (hash: string, limiter: Limiter) => {
    if (knownKeys.size >= 100_000) knownKeys.clear(); // bounded; a cleared key re-earns its bucket on its next success
    knownKeys.set(hash, limiter);
  };

  const applyCors = corsHandler(config.cors);

  httpServer.on('request', (req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    route(req, res, requestId).catch((error) => {
      if (error instanceof ClientGoneError) return logger.debug('client went away before its request arrived', { requestId });
      logger.error('request failed', { error });
      if (!res.headersSent) send(res, 500, { error: 'internal server error' });
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new RequestUrl(req.url ?? '/');
    if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
    if (url.pathname === '/metrics') {
      if (config.metricsToken && !sameSecret(req.headers.authorization ?? '', `Bearer ${config.metricsToken}`)) {
        res.setHeader('www-authenticate', 'Bearer');
        return send(res, 401, { error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
      }
      res.setHeader('content-type', metrics.registry.contentType);
      res.end(await metrics.registry.metrics());
      return;
    }
    if (url.pathname === '/readyz') {
      if (drain.stopping) {
        res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        return send(res, 503, { status: 'stopping', driver: config.driver });
      }
      try {
        await store.ping();
        return send(res, 200, { status: 'ready', driver: config.driver });
      } catch (error) {
        outages.failed(error);
        res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        return send(res, 503, { status: 'unavailable', driver: config.driver });
      }
    }
    if (url.pathname !== '/graphql' && url.pathname !== '/') return send(res, 404, { error: 'not found' });
    if (applyCors && (await applyCors(req, res))) return;
    const started = performance.now();
    const trace: RequestTrace = {};
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      trace.code ??= res.statusCode < 400 ? 'ok' : `HTTP_${res.statusCode}`;
      metrics.observe(trace, seconds);
      logger.info('request', { requestId, operation: trace.operation, caller: trace.caller, status: res.statusCode, code: trace.code, ms: Math.round(seconds * 10000) / 10 });
    });
    const work = graphql(req, res, url, requestId, trace);
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: RequestUrl, requestId: string, trace: RequestTrace) {
    // Every answer made here records its code for the request log and metrics.
    const reply = (status: number, answer: { errors: { message: string; extensions: { code: string; retryAfterSeconds?: number } }[] }) => {
      trace.code = answer.errors[0].extensions.code;
      send(res, status, answer);
    };
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // Rate limit before reading the body or touching the database.
    // Keys that have authenticated get a bucket of their own. Calls without a key are
    // charged to the client IP, and so are failed keys (see the context below): guessing
    // keys is rate-limited per IP, while a valid key's first call costs the IP nothing.
    const key = presentedKey(headers);
    const keyHash = key ? hashApiKey(key) : null;
    const ip = req.socket.remoteAddress ?? 'unknown';
    const wait = await (!keyHash ? anonymous.take(ip) : knownKeys.has(keyHash) ? knownKeys.get(keyHash)!.take(keyHash) : anonymous.peek(ip));
    if (wait !== null) {
      res.setHeader('retry-after', String(wait));
      return reply(429, { errors: [{ message: `Rate limit exceeded; retry in ${wait} s`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait } }] });
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req, config.maxBodyBytes);
      if (raw === null) {
        res.setHeader('connection', 'close');
        return reply(413, { errors: [{ message: `Request body is larger than ${config.maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      }
      if ((headers.get('content-type') ?? '').includes('application/json')) {
        try {
          body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
        } catch {
          return reply(400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else {
        body = raw.toString('utf8');
      }
    }
    // Variables and extensions nest no deeper than the limit, checked before anything recurses into them.
    const params = req.method === 'GET' ? [url.searchParams.get('variables'), url.searchParams.get('extensions')].map(parseJsonParam) : [body];
    if (params.some((p) => nestsDeeperThan(p, config.maxVariablesDepth + 1))) {
      return reply(400, { errors: [{ message: `Variables nest deeper than ${config.maxVariablesDepth} levels`, extensions: { code: 'VARIABLES_TOO_DEEP' } }] });
    }
    const execution = apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      // Authentication happens once per request; a bad key fails the whole request (401).
      context: async () => {
        const scope = new ReadScope(store.backend, store.orm.em);
        const caller = await authenticate(scope, key, store.keys, keyHash ?? undefined).catch(async (e) => {
          if (isUnavailable(e)) {
            outages.failed(e);
            throw new UnavailableError('The database is unavailable; retry shortly', RETRY_AFTER_SECONDS);
          }
          await anonymous.take(ip);
          throw e;
        });
        if (keyHash && caller.user) rememberKey(keyHash, caller.user.role === UserRole.WORKER ? workers : keyed);
        trace.caller = caller.user?.id;
        const context = createContext(store, caller, scope, requestId);
        context.trace = trace;
        return context;
      },
    });
    // Past the timeout the client gets TIMEOUT at once; the operation still finishes (and is awaited at shutdown).
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      logger.warn('execution timed out', { requestId, ms: config.executionTimeoutMs });
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      reply(503, { errors: [{ message: `Execution took longer than ${config.executionTimeoutMs} ms`, extensions: { code: 'TIMEOUT', retryAfterSeconds: RETRY_AFTER_SECONDS } }] });
    }, config.executionTimeoutMs);
    let result: Awaited<typeof execution>;
    try {
      result = await execution;
    } finally {
      clearTimeout(timer);
    }
    if (timedOut) return;
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    // A wrong key fails the whole request in the context (401): it says how to authenticate, as a missing key does.
    if (res.statusCode === 401) res.setHeader('www-authenticate', 'Bearer');
    if (result.body.kind === 'complete') {
      trace.code = firstErrorCode(result.body.string);
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    apollo,
    store,
    logger,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
          resolve(`http://${host}:${port}/graphql`);
        });
      }),
    stop: () =>
      (stopping ??= (async () => {
        const started = Date.now();
        await live.close(); // subscribers are told (1001 going away) before HTTP drains
        await drain.drain(config.shutdownTimeoutMs); // stops accepting, answers what was received, closes connections
        // Clients may have hung up on requests we are still computing: let those finish too.
        const left = Math.max(0, config.shutdownTimeoutMs - (Date.now() - started));
        const deadline = new Promise((r) => setTimeout(r, left).unref());
        await Promise.race([Promise.allSettled([...inFlight]), deadline]);
        await apollo.stop();
        outages.stop();
        // A pool that lost connections in an outage may never finish closing them: bounded like the rest of shutdown.
        await Promise.race([orm.close(true), new Promise((r) => setTimeout(r, Math.max(1000, config.shutdownTimeoutMs - (Date.now() - started))).unref())]);
        await redis?.close();
      })()),
  };
}

/**
 * A request's path and query string, its parameters parsed only when read (GET
 * requests): WHATWG URL parsing took 1.2 µs of every POST, for a path.
 */
class RequestUrl {
  readonly pathname: string;
  readonly search: string;
  #params?: URLSearchParams;

  constructor(target: string) {
    const q = target.indexOf('?');
    this.pathname = q < 0 ? target : target.slice(0, q);
    this.search = q < 0 ? '' : target.slice(q);
  }

  get searchParams(): URLSearchParams {
    return (this.#params ??= new URLSearchParams(this.search));
  }
}

/** A JSON query parameter as Apollo will read it (undefined when absent or not JSON: Apollo reports that). */
function parseJsonParam(value: string | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, payload: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}

/** The request body, or null once it grows past `limit` bytes (the rest is not read). */
/** Compares a presented secret in constant time (by SHA-256, so lengths do not leak either). */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** `ok`, or the first error's code: Apollo writes `errors` first, so the head of the answer says it. */
function firstErrorCode(answer: string): string {
  if (!answer.startsWith('{"errors":')) return 'ok';
  return /"code":"([A-Z_]{1,64})"/.exec(answer.slice(0, 4096))?.[1] ?? 'ERROR';
}

/** The request body never arrived whole: the connection closed first. */
class ClientGoneError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    // A client that hangs up (or is cut by REQUEST_TIMEOUT_MS) mid-body: nothing to answer.
    req.on('error', () => reject(new ClientGoneError()));
    req.on('close', () => {
      if (!req.complete) reject(new ClientGoneError());
    });
  });
}
