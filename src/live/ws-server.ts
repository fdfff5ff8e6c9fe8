import type { Server } from 'node:http';
import {
  type DocumentNode,
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  parse,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { LRUCache } from 'lru-cache';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppConfig } from '../config';
import { authenticate, type Caller, isAdminCaller } from '../auth/access';
import { hashApiKey } from '../auth/api-key';
import { createContext } from '../context';
import type { Store } from '../db/store';
import { ReadScope } from '../db/read-scope';
import { fragmentsOf, measure, overLimits } from '../limits/operation-limits';
import type { Logger } from '../logger';
import { mapStream } from './streams';
import type { LiveLimits } from './limits';
import { Fanout, type Reader } from './fanout';
import { LiveQueries, liveThrottle } from './live-query';

type Extra = { socket: WebSocket; request: { socket: { remoteAddress?: string } } };
/** A connection's caller, and the ids of its subscriptions counted under the key's limit. */
type Held = { caller: Caller; hash: string; counted: Set<string> };
/**
 * What graphql-ws holds for each subscription as its context: the caller, what it shares its
 * execution by, and whether it is a live query (its asked throttle). Only the execution a
 * group shares gets a whole request context (services, loaders), made when it starts: 10,000
 * subscribers of 100 streams hold 100 of them, not 10,000.
 */
type Sharing = { caller: Caller; key: string; live: number | null | undefined; socket: WebSocket };

const refuse = (code: string, message: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * GraphQL over WebSocket (graphql-ws) on the HTTP server's /graphql: the same
 * schema, limits and API keys as HTTP. The key is checked once at
 * connection_init (`{ Authorization: "Bearer <key>" }`) and again every
 * AUTH_CACHE_TTL_MS (at least every second): a revoked key's sockets close with
 * 4403. Every event runs on a fresh context, so what it reads is current.
 */
export function serveSubscriptions(
  httpServer: Server,
  schema: GraphQLSchema,
  store: Store,
  config: AppConfig,
  logger: Logger,
  formatError: (formatted: GraphQLFormattedError, raw: unknown) => GraphQLFormattedError,
  limits: LiveLimits = config.live,
) {
  // A stream that fails (its database read did) ends with that error, as graphql-ws would end it.
  const fanout = new Fanout<ExecutionResult>((error) => ({ errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error })] }));
  const liveQueries = new LiveQueries(store, logger, limits.liveThrottleMs);
  /**
   * A subscriber's socket as a Reader: dropped (4408) when it falls behind, and corked while
   * results are handed out. One event reaches every subscription of a connection in the same
   * turn of the event loop; corked until the next, their frames leave in one write instead of
   * one each (50 subscriptions of one connection: 1 syscall, not 50), which on this machine was
   * the largest cost of a delivery.
   */
  const corked = new Set<{ cork(): void; uncork(): void }>();
  let flushing = false;
  const readerOf = (socket: WebSocket): Reader => ({
    overflow: () => socket.close(4408, 'Not reading fast enough'),
    pushed: () => {
      const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
      if (!raw || corked.has(raw)) return;
      raw.cork();
      corked.add(raw);
      if (flushing) return;
      flushing = true;
      setImmediate(() => {
        flushing = false;
        for (const s of corked) s.uncork();
        corked.clear();
      });
    },
  });
  /**
   * Documents parsed and validated, by text: a page that opens 50 subscriptions, or 1,000 clients
   * that open the same one, parse it once (10,000 subscribes of one document took 5 s of CPU
   * without it, long enough to starve the database pool's timers). Bounded by the texts' size.
   */
  const documents = new LRUCache<string, DocumentNode | GraphQLError[]>({ maxSize: 8 * 1024 * 1024, sizeCalculation: (_v, text) => Math.max(1, text.length) });
  const checkDocument = (text: string): DocumentNode | GraphQLError[] => {
    let checked = documents.get(text);
    if (checked) return checked;
    try {
      const document = parse(text, { maxTokens: config.maxTokens });
      const invalid = validate(schema, document);
      checked = invalid.length ? invalid.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) : document;
    } catch (error) {
      checked = refuse('GRAPHQL_PARSE_FAILED', (error as Error).message);
    }
    documents.set(text, checked);
    return checked;
  };
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.maxBodyBytes });
  const perIp = new Map<string, number>();
  const perKey = new Map<string, number>();
  const held = new WeakMap<object, Held>();

  wss.on('connection', (socket, request) => {
    const ip = request.socket.remoteAddress ?? 'unknown';
    const open = (perIp.get(ip) ?? 0) + 1;
    perIp.set(ip, open);
    socket.once('close', () => {
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
    });
    if (open > limits.connectionsPerIp) socket.close(4429, 'Too many connections from this address');
    // A client's protocol error (a message past maxPayload: ws closes with 1009) is the client's mistake:
    // logged at debug here, where graphql-ws's own listener would print a stack trace on stderr.
    queueMicrotask(() => {
      socket.removeAllListeners('error');
      socket.on('error', (error) => {
        logger.debug('websocket closed on a client error', { error: error.message });
        if (socket.readyState === socket.OPEN) socket.close(1011, 'Internal server error');
      });
    });
  });

  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.Authorization ?? ctx.connectionParams?.authorization;
        const key = typeof raw === 'string' ? (/^Bearer\s+(\S+)\s*$/i.exec(raw)?.[1] ?? raw) : null;
        if (!key) return false;
        try {
          const hash = hashApiKey(key);
          const caller = await authenticate(new ReadScope(store.backend, store.orm.em), key, store.keys, hash);
          if (!caller.user) return false;
          held.set(ctx, { caller, hash, counted: new Set() });
          watchKey(ctx.extra.socket, key, hash, caller.user.role);
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, id, payload) => {
        const who = held.get(ctx)!;
        const counted = who.counted;
        if (Object.keys(ctx.subscriptions).length >= limits.subscriptionsPerConnection) {
          return refuse('TOO_MANY_SUBSCRIPTIONS', `At most ${limits.subscriptionsPerConnection} subscriptions per connection`);
        }
        if ((perKey.get(who.hash) ?? 0) >= limits.subscriptionsPerKey) return refuse('TOO_MANY_SUBSCRIPTIONS', `At most ${limits.subscriptionsPerKey} subscriptions per API key`);
        const checked = checkDocument(payload.query);
        if (Array.isArray(checked)) return checked;
        const document = checked;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return refuse('BAD_REQUEST', 'No operation to run');
        const over = overLimits(measure(schema, operation, fragmentsOf(document), payload.variables ?? {}), config.limits);
        if (over) return [new GraphQLError(over.message, { extensions: { code: over.extensions.code } })];
        perKey.set(who.hash, (perKey.get(who.hash) ?? 0) + 1);
        counted.add(id);
        // Subscribers who would see the same data share one execution: same user and role, operation and variables.
        const user = who.caller.user!;
        const live = liveThrottle(operation, payload.variables);
        const key = [live === undefined ? 'stream' : 'live', user.id, user.role, payload.operationName ?? '', JSON.stringify(payload.variables ?? {}), payload.query].join('\0');
        const contextValue: Sharing = { caller: who.caller, key, live, socket: ctx.extra.socket };
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      onComplete: (ctx, id) => release(ctx, id),
      onError: (ctx, id, _payload, errors) => {
        release(ctx, id);
        return format(errors);
      },
      // Queries with @live re-run as writes change what they read (see live-query.ts); others run once.
      execute: (args) => {
        const shared = args.contextValue as Sharing;
        const withContext = () => ({ ...args, contextValue: createContext(store, shared.caller) });
        if (shared.live === undefined) return execute(withContext());
        return liveQueries.join(withContext, shared.key, { id: shared.caller.user!.id, admin: isAdminCaller(shared.caller) }, shared.live, readerOf(shared.socket));
      },
      // Each event of a subscription runs once for everyone sharing it, on a fresh context (its own reads and loaders).
      subscribe: async (args) => {
        const shared = args.contextValue as Sharing;
        const start = async () => {
          const context = createContext(store, shared.caller);
          const stream = await createSourceEventStream({ ...args, contextValue: context });
          if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
          return mapStream(
            (stream as AsyncIterable<unknown>)[Symbol.asyncIterator](),
            async (event) => execute({ ...args, rootValue: event, contextValue: context.fresh() } as ExecutionArgs) as Promise<ExecutionResult>,
          );
        };
        return fanout.join(shared.key, start, readerOf(shared.socket));
      },
      onNext: (ctx, _id, _payload, _args, result) => {
        // A client that does not read its socket is dropped rather than buffered without bound.
        if (ctx.extra.socket.bufferedAmount > limits.maxBufferedBytes) ctx.extra.socket.close(4408, 'Not reading fast enough');
        const errors = (result as ExecutionResult).errors;
        return errors?.length ? { ...result, errors: format(errors) } : result;
      },
    },
    wss,
  );

  /** Gives back a subscription's place under the key's limit (once, and only if it took one: a refused one did not). */
  function release(ctx: object, id: string) {
    const who = held.get(ctx);
    if (!who?.counted.delete(id)) return;
    const left = (perKey.get(who.hash) ?? 1) - 1;
    if (left > 0) perKey.set(who.hash, left);
    else perKey.delete(who.hash);
  }

  /** Closes the socket once its key stops working (revoked, rotated, user deleted) or its user's role changes. */
  function watchKey(socket: WebSocket, key: string, hash: string, role: string) {
    const every = Math.max(1000, store.settings.authCacheTtlMs ?? 0);
    const timer = setInterval(async () => {
      try {
        const now = await authenticate(new ReadScope(store.backend, store.orm.em), key, store.keys, hash);
        // Its streams were checked, and are shared, under the old role: an admin made a user must not keep an admin's view.
        if (now.user?.role !== role) socket.close(4403, 'Role changed: connect again');
      } catch (error) {
        if ((error as GraphQLError).extensions?.code === 'UNAUTHENTICATED') socket.close(4403, 'Forbidden');
        else logger.warn('could not recheck a subscriber key', { error });
      }
    }, every);
    timer.unref();
    socket.once('close', () => clearInterval(timer));
  }

  return {
    /** Streams and live queries shared now (the bench reads them). */
    stats: () => ({ streams: fanout.size, liveQueries: liveQueries.size, liveExecutions: liveQueries.executions, dropped: store.live.dropped }),
    async close() {
      liveQueries.close();
      fanout.close();
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
