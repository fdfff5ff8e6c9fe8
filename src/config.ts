import { resolve } from 'node:path';
import { DEFAULT_LIMITS, type OperationLimits } from './limits/defaults';
import { DEFAULT_LIVE_LIMITS, type LiveLimits } from './live/limits';

/** The database drivers one setting can switch between. */
export const DRIVERS = ['sqlite', 'postgresql', 'mongodb'] as const;
export type DriverName = (typeof DRIVERS)[number];

/** Everything the server reads from the environment, validated once at start. */
export interface AppConfig {
  /** DB_DRIVER: sqlite (default), postgresql or mongodb. */
  driver: DriverName;
  /** DATABASE_URL: file path (sqlite) or connection URL; default ./data/codeobit.sqlite3 for sqlite. */
  databaseUrl: string;
  /** PORT: HTTP port, default 4000. */
  port: number;
  /** HOST: interface to bind, default 0.0.0.0. */
  host: string;
  /** NODE_ENV=production turns introspection and the Sandbox landing page off. */
  production: boolean;
  /** INTROSPECTION: force introspection and the landing page on (true) or off (false). */
  introspection: boolean;
  /** AUTO_MIGRATE: apply pending migrations at start; default true for sqlite only. */
  autoMigrate: boolean;
  /** SHUTDOWN_TIMEOUT_MS: how long graceful shutdown waits for requests to drain, default 10000. */
  shutdownTimeoutMs: number;
  /** HEADERS_TIMEOUT_MS: a connection must send its request line and headers within this (default 10000); then 408 and closed. */
  headersTimeoutMs: number;
  /** REQUEST_TIMEOUT_MS: the whole request, body included, must arrive within this (default 30000); then 408 and closed. */
  requestTimeoutMs: number;
  /** KEEP_ALIVE_TIMEOUT_MS: an idle keep-alive connection is closed after this (default 5000). */
  keepAliveTimeoutMs: number;
  /** METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** OPEN_SIGNUP: let callers without a key create (plain) users; default false, users are made by admins. */
  openSignup: boolean;
  /** Per-operation limits: MAX_QUERY_DEPTH, MAX_QUERY_COST, MAX_ALIASES, MAX_ROOT_FIELDS. */
  limits: OperationLimits;
  /**
   * WebSocket limits: WS_SUBSCRIPTIONS_PER_CONNECTION (20), WS_SUBSCRIPTIONS_PER_KEY (100),
   * WS_CONNECTIONS_PER_IP (50), WS_MAX_BUFFERED_BYTES (1 MiB), and LIVE_THROTTLE_MS (250).
   */
  live: LiveLimits;
  /** MAX_TOKENS: GraphQL tokens in one document (default 2000). */
  maxTokens: number;
  /** MAX_BODY_BYTES: request body size (default 1 MiB). */
  maxBodyBytes: number;
  /** MAX_VARIABLES_DEPTH: how deeply the JSON of variables and extensions may nest (default 64), checked before coercion. */
  maxVariablesDepth: number;
  /** EXECUTION_TIMEOUT_MS: answer TIMEOUT after this long (default 10000). */
  executionTimeoutMs: number;
  /** GRAPHQL_EXECUTOR: jit (default; graphql-jit, see jit-executor.ts) or graphql-js. */
  executor: 'jit' | 'graphql-js';
  /** AUTH_CACHE_TTL_MS: trust a verified API key this long without a lookup (default 2000; 0 = look up every request). */
  authCacheTtlMs: number;
  /** COMPILED_READS: each root field's read as one database statement where the backend can (default true). */
  compiledReads: boolean;
  /** RATE_LIMIT_PER_MINUTE per API key (default 600) and RATE_LIMIT_ANON_PER_MINUTE per IP without a key (default 120); 0 disables. */
  rateLimitPerMinute: number;
  rateLimitAnonPerMinute: number;
  /** RATE_LIMIT_WORKER_PER_MINUTE per WORKER key (default 0: unlimited; queue work comes in bursts). */
  rateLimitWorkerPerMinute: number;
  /** The work queue's retry backoff (see QueueSettings). */
  queue: QueueSettings;
  /** REDIS_URL: redis:// or rediss://; several instances then share events, rate limits and key revocations. */
  redisUrl?: string;
  /**
   * DATABASE_READ_URLS: PostgreSQL read replicas (comma-separated URLs). Queries read there unless
   * the caller wrote within REPLICA_STICKY_MS (default 3000); mutations, subscriptions and live queries use the primary.
   */
  replicas: { urls: string[]; stickyMs: number };
  /** Which browser origins may call the API (see CorsSettings). */
  cors: CorsSettings;
  /** LOG_LEVEL: error, warn, info (default) or debug (adds SQL/queries). */
  logLevel: 'error' | 'warn' | 'info' | 'debug';
}

/** How a failed attempt waits before it may be claimed again: base × 2^(attempts − 1), at most max, ± jitter. */
export interface QueueSettings {
  /** QUEUE_BACKOFF_BASE_SECONDS (default 30). */
  backoffBaseMs: number;
  /** QUEUE_BACKOFF_MAX_SECONDS (default 3600). */
  backoffMaxMs: number;
  /** QUEUE_BACKOFF_JITTER_PERCENT: the delay varies by ± this share (default 20 %), so retries of a burst spread out. */
  backoffJitter: number;
}

/** Cross-origin calls from browsers. None allowed unless CORS_ORIGINS lists them. */
export interface CorsSettings {
  /** CORS_ORIGINS: comma-separated origins (https://app.example.com), or `*` for any; empty (default): same origin only. */
  origins: string[];
  /** CORS_CREDENTIALS: let browsers send cookies and HTTP auth (default false; the API key goes in a header, which needs none). Not with `*`. */
  credentials: boolean;
  /** CORS_MAX_AGE_SECONDS: how long a browser may reuse a preflight answer (default 600). */
  maxAgeSeconds: number;
}

function parseOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError(`CORS_ORIGINS has "${origin}", which is not an origin (scheme://host[:port])`);
    }
    if (parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new ConfigError(`CORS_ORIGINS has "${origin}": write it as the browser sends it, e.g. "${parsed.origin}" (scheme://host[:port], no path)`);
    }
  }
  if (origins.includes('*') && origins.length > 1) throw new ConfigError('CORS_ORIGINS is either * or a list of origins, not both');
  return origins;
}

export const DEFAULT_QUEUE: QueueSettings = { backoffBaseMs: 30_000, backoffMaxMs: 3_600_000, backoffJitter: 0.2 };

/** A configuration value that cannot be used; main() prints the message on one line and exits. */
export class ConfigError extends Error {}

const DEFAULT_SQLITE_FILE = './data/codeobit.sqlite3';

function parseBool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name}="${raw}" is not a boolean (use true or false)`);
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}="${raw}" must be an integer between ${min} and ${max}`);
  }
  return value;
}

function parseChoice<T extends string>(name: string, raw: string | undefined, choices: readonly T[], fallback: T): T {
  if (raw === undefined || raw === '') return fallback;
  const value = raw.toLowerCase() as T;
  if (!choices.includes(value)) throw new ConfigError(`${name}="${raw}" is not one of ${choices.join(', ')}`);
  return value;
}

function checkUrl(driver: DriverName, url: string): void {
  if (driver === 'sqlite') {
    if (/^[a-z]+:\/\//i.test(url) && !url.startsWith('file://')) {
      throw new ConfigError(`DATABASE_URL="${url}" is not a file path, which DB_DRIVER=sqlite needs`);
    }
    return;
  }
  const schemes = driver === 'postgresql' ? ['postgres:', 'postgresql:'] : ['mongodb:', 'mongodb+srv:'];
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ConfigError(`DATABASE_URL="${maskUrl(url)}" is not a valid URL for DB_DRIVER=${driver}`);
  }
  if (!schemes.includes(protocol)) {
    throw new ConfigError(`DATABASE_URL="${maskUrl(url)}" has scheme ${protocol} but DB_DRIVER=${driver} needs ${schemes.join(' or ')}//`);
  }
}

/** Replaces the password in a connection URL so it can be printed. */
export function maskUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1****@');
}

/** Read replicas: PostgreSQL URLs only (SQLite has none; MongoDB picks secondaries by readPreference in its URL). */
function readUrls(driver: DriverName, raw: string | undefined): string[] {
  const urls = (raw ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length && driver !== 'postgresql') {
    throw new ConfigError(`DATABASE_READ_URLS is for PostgreSQL; on ${driver} leave it unset${driver === 'mongodb' ? ' (use readPreference in DATABASE_URL)' : ''}`);
  }
  for (const url of urls) {
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') throw new ConfigError(`DATABASE_READ_URLS: "${maskUrl(url)}" is not a postgresql:// URL`);
  }
  return urls;
}

function redisUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let protocol = '';
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new ConfigError(`REDIS_URL="${maskUrl(raw)}" is not a redis:// or rediss:// URL`);
  return raw;
}

function corsSettings(env: NodeJS.ProcessEnv): CorsSettings {
  const origins = parseOrigins(env.CORS_ORIGINS);
  const credentials = parseBool('CORS_CREDENTIALS', env.CORS_CREDENTIALS, false);
  if (credentials && origins.includes('*')) throw new ConfigError('CORS_CREDENTIALS=true needs CORS_ORIGINS to list origins: browsers refuse credentials with *');
  return { origins, credentials, maxAgeSeconds: parseInteger('CORS_MAX_AGE_SECONDS', env.CORS_MAX_AGE_SECONDS, 600, 0, 86_400) };
}

/** Reads and validates the configuration; throws ConfigError naming the bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const driver = (env.DB_DRIVER || 'sqlite').toLowerCase();
  if (!(DRIVERS as readonly string[]).includes(driver)) {
    throw new ConfigError(`DB_DRIVER="${env.DB_DRIVER}" is not one of ${DRIVERS.join(', ')}`);
  }
  const d = driver as DriverName;
  if (d !== 'sqlite' && !env.DATABASE_URL) {
    throw new ConfigError(`DATABASE_URL is required when DB_DRIVER=${d}`);
  }
  const databaseUrl = env.DATABASE_URL || resolve(DEFAULT_SQLITE_FILE);
  checkUrl(d, databaseUrl);
  const production = env.NODE_ENV === 'production';
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!['error', 'warn', 'info', 'debug'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL="${env.LOG_LEVEL}" is not one of error, warn, info, debug`);
  }
  const headersTimeoutMs = parseInteger('HEADERS_TIMEOUT_MS', env.HEADERS_TIMEOUT_MS, 10_000, 100, 600_000);
  const requestTimeoutMs = parseInteger('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 30_000, 100, 3_600_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be longer than REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  }
  return {
    driver: d,
    databaseUrl,
    port: parseInteger('PORT', env.PORT, 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    production,
    introspection: parseBool('INTROSPECTION', env.INTROSPECTION, !production),
    autoMigrate: parseBool('AUTO_MIGRATE', env.AUTO_MIGRATE, d === 'sqlite'),
    shutdownTimeoutMs: parseInteger('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 10_000, 0, 600_000),
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: parseInteger('KEEP_ALIVE_TIMEOUT_MS', env.KEEP_ALIVE_TIMEOUT_MS, 5_000, 100, 600_000),
    metricsToken: env.METRICS_TOKEN || undefined,
    logLevel: logLevel as AppConfig['logLevel'],
    openSignup: parseBool('OPEN_SIGNUP', env.OPEN_SIGNUP, false),
    limits: {
      maxDepth: parseInteger('MAX_QUERY_DEPTH', env.MAX_QUERY_DEPTH, DEFAULT_LIMITS.maxDepth, 1, 100),
      maxCost: parseInteger('MAX_QUERY_COST', env.MAX_QUERY_COST, DEFAULT_LIMITS.maxCost, 1, 10_000_000),
      maxAliases: parseInteger('MAX_ALIASES', env.MAX_ALIASES, DEFAULT_LIMITS.maxAliases, 0, 10_000),
      maxRootFields: parseInteger('MAX_ROOT_FIELDS', env.MAX_ROOT_FIELDS, DEFAULT_LIMITS.maxRootFields, 1, 10_000),
    },
    live: {
      subscriptionsPerConnection: parseInteger('WS_SUBSCRIPTIONS_PER_CONNECTION', env.WS_SUBSCRIPTIONS_PER_CONNECTION, DEFAULT_LIVE_LIMITS.subscriptionsPerConnection, 1, 10_000),
      subscriptionsPerKey: parseInteger('WS_SUBSCRIPTIONS_PER_KEY', env.WS_SUBSCRIPTIONS_PER_KEY, DEFAULT_LIVE_LIMITS.subscriptionsPerKey, 1, 1_000_000),
      connectionsPerIp: parseInteger('WS_CONNECTIONS_PER_IP', env.WS_CONNECTIONS_PER_IP, DEFAULT_LIVE_LIMITS.connectionsPerIp, 1, 1_000_000),
      maxBufferedBytes: parseInteger('WS_MAX_BUFFERED_BYTES', env.WS_MAX_BUFFERED_BYTES, DEFAULT_LIVE_LIMITS.maxBufferedBytes, 1024, 1024 * 1024 * 1024),
      liveThrottleMs: parseInteger('LIVE_THROTTLE_MS', env.LIVE_THROTTLE_MS, DEFAULT_LIVE_LIMITS.liveThrottleMs, 10, 60_000),
    },
    maxTokens: parseInteger('MAX_TOKENS', env.MAX_TOKENS, 2000, 10, 1_000_000),
    maxBodyBytes: parseInteger('MAX_BODY_BYTES', env.MAX_BODY_BYTES, 1024 * 1024, 1024, 100 * 1024 * 1024),
    maxVariablesDepth: parseInteger('MAX_VARIABLES_DEPTH', env.MAX_VARIABLES_DEPTH, 64, 4, 1000),
    executionTimeoutMs: parseInteger('EXECUTION_TIMEOUT_MS', env.EXECUTION_TIMEOUT_MS, 10_000, 100, 600_000),
    executor: parseChoice('GRAPHQL_EXECUTOR', env.GRAPHQL_EXECUTOR, ['jit', 'graphql-js'] as const, 'jit'),
    compiledReads: parseBool('COMPILED_READS', env.COMPILED_READS, true),
    authCacheTtlMs: parseInteger('AUTH_CACHE_TTL_MS', env.AUTH_CACHE_TTL_MS, 2000, 0, 600_000),
    rateLimitPerMinute: parseInteger('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 600, 0, 10_000_000),
    rateLimitAnonPerMinute: parseInteger('RATE_LIMIT_ANON_PER_MINUTE', env.RATE_LIMIT_ANON_PER_MINUTE, 120, 0, 10_000_000),
    rateLimitWorkerPerMinute: parseInteger('RATE_LIMIT_WORKER_PER_MINUTE', env.RATE_LIMIT_WORKER_PER_MINUTE, 0, 0, 10_000_000),
    cors: corsSettings(env),
    redisUrl: redisUrl(env.REDIS_URL),
    replicas: { urls: readUrls(d, env.DATABASE_READ_URLS), stickyMs: parseInteger('REPLICA_STICKY_MS', env.REPLICA_STICKY_MS, 3000, 0, 600_000) },
    queue: {
      backoffBaseMs: parseInteger('QUEUE_BACKOFF_BASE_SECONDS', env.QUEUE_BACKOFF_BASE_SECONDS, 30, 0, 86_400) * 1000,
      backoffMaxMs: parseInteger('QUEUE_BACKOFF_MAX_SECONDS', env.QUEUE_BACKOFF_MAX_SECONDS, 3600, 0, 30 * 86_400) * 1000,
      backoffJitter: parseInteger('QUEUE_BACKOFF_JITTER_PERCENT', env.QUEUE_BACKOFF_JITTER_PERCENT, 20, 0, 100) / 100,
    },
  };
}
