"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = exports.DRIVERS = void 0;
exports.maskUrl = maskUrl;
exports.loadConfig = loadConfig;
const node_path_1 = require("node:path");
const defaults_1 = require("./limits/defaults");
/** The database drivers one setting can switch between. */
exports.DRIVERS = ['sqlite', 'postgresql', 'mongodb'];
/** A configuration value that cannot be used; main() prints the message on one line and exits. */
class ConfigError extends Error {
}
exports.ConfigError = ConfigError;
const DEFAULT_SQLITE_FILE = './data/codeobit.sqlite3';
function parseBool(name, raw, fallback) {
    if (raw === undefined || raw === '')
        return fallback;
    if (/^(1|true|yes|on)$/i.test(raw))
        return true;
    if (/^(0|false|no|off)$/i.test(raw))
        return false;
    throw new ConfigError(`${name}="${raw}" is not a boolean (use true or false)`);
}
function parseInteger(name, raw, fallback, min, max) {
    if (raw === undefined || raw === '')
        return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new ConfigError(`${name}="${raw}" must be an integer between ${min} and ${max}`);
    }
    return value;
}
function parseChoice(name, raw, choices, fallback) {
    if (raw === undefined || raw === '')
        return fallback;
    const value = raw.toLowerCase();
    if (!choices.includes(value))
        throw new ConfigError(`${name}="${raw}" is not one of ${choices.join(', ')}`);
    return value;
}
function checkUrl(driver, url) {
    if (driver === 'sqlite') {
        if (/^[a-z]+:\/\//i.test(url) && !url.startsWith('file://')) {
            throw new ConfigError(`DATABASE_URL="${url}" is not a file path, which DB_DRIVER=sqlite needs`);
        }
        return;
    }
    const schemes = driver === 'postgresql' ? ['postgres:', 'postgresql:'] : ['mongodb:', 'mongodb+srv:'];
    let protocol;
    try {
        protocol = new URL(url).protocol;
    }
    catch {
        throw new ConfigError(`DATABASE_URL="${maskUrl(url)}" is not a valid URL for DB_DRIVER=${driver}`);
    }
    if (!schemes.includes(protocol)) {
        throw new ConfigError(`DATABASE_URL="${maskUrl(url)}" has scheme ${protocol} but DB_DRIVER=${driver} needs ${schemes.join(' or ')}//`);
    }
}
/** Replaces the password in a connection URL so it can be printed. */
function maskUrl(url) {
    return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1****@');
}
/** Reads and validates the configuration; throws ConfigError naming the bad value. */
function loadConfig(env = process.env) {
    const driver = (env.DB_DRIVER || 'sqlite').toLowerCase();
    if (!exports.DRIVERS.includes(driver)) {
        throw new ConfigError(`DB_DRIVER="${env.DB_DRIVER}" is not one of ${exports.DRIVERS.join(', ')}`);
    }
    const d = driver;
    if (d !== 'sqlite' && !env.DATABASE_URL) {
        throw new ConfigError(`DATABASE_URL is required when DB_DRIVER=${d}`);
    }
    const databaseUrl = env.DATABASE_URL || (0, node_path_1.resolve)(DEFAULT_SQLITE_FILE);
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
        logLevel: logLevel,
        openSignup: parseBool('OPEN_SIGNUP', env.OPEN_SIGNUP, false),
        limits: {
            maxDepth: parseInteger('MAX_QUERY_DEPTH', env.MAX_QUERY_DEPTH, defaults_1.DEFAULT_LIMITS.maxDepth, 1, 100),
            maxCost: parseInteger('MAX_QUERY_COST', env.MAX_QUERY_COST, defaults_1.DEFAULT_LIMITS.maxCost, 1, 10_000_000),
            maxAliases: parseInteger('MAX_ALIASES', env.MAX_ALIASES, defaults_1.DEFAULT_LIMITS.maxAliases, 0, 10_000),
            maxRootFields: parseInteger('MAX_ROOT_FIELDS', env.MAX_ROOT_FIELDS, defaults_1.DEFAULT_LIMITS.maxRootFields, 1, 10_000),
        },
        maxTokens: parseInteger('MAX_TOKENS', env.MAX_TOKENS, 2000, 10, 1_000_000),
        maxBodyBytes: parseInteger('MAX_BODY_BYTES', env.MAX_BODY_BYTES, 1024 * 1024, 1024, 100 * 1024 * 1024),
        maxVariablesDepth: parseInteger('MAX_VARIABLES_DEPTH', env.MAX_VARIABLES_DEPTH, 64, 4, 1000),
        executionTimeoutMs: parseInteger('EXECUTION_TIMEOUT_MS', env.EXECUTION_TIMEOUT_MS, 10_000, 100, 600_000),
        executor: parseChoice('GRAPHQL_EXECUTOR', env.GRAPHQL_EXECUTOR, ['jit', 'graphql-js'], 'jit'),
        authCacheTtlMs: parseInteger('AUTH_CACHE_TTL_MS', env.AUTH_CACHE_TTL_MS, 2000, 0, 600_000),
        rateLimitPerMinute: parseInteger('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 600, 0, 10_000_000),
        rateLimitAnonPerMinute: parseInteger('RATE_LIMIT_ANON_PER_MINUTE', env.RATE_LIMIT_ANON_PER_MINUTE, 120, 0, 10_000_000),
    };
}
//# sourceMappingURL=config.js.map