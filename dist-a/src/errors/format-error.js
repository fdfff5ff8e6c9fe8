"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.errorIdsPlugin = errorIdsPlugin;
exports.createFormatError = createFormatError;
exports.unavailablePlugin = unavailablePlugin;
const node_crypto_1 = require("node:crypto");
const errors_1 = require("@apollo/server/errors");
const core_1 = require("@mikro-orm/core");
const type_graphql_1 = require("type-graphql");
const codes_1 = require("./codes");
const db_errors_1 = require("../db/backend/db-errors");
const availability_1 = require("../db/availability");
const graphql_1 = require("graphql");
/** Errors of a request, to the request's id (set before formatError runs, see errorIdsPlugin). */
const requestIds = new WeakMap();
/**
 * Tags the errors of an operation with its request id, so an internal error
 * answers and logs that id. (formatError gets no context; an AsyncLocalStorage
 * would do, at the cost of a hook on every promise of every request.)
 */
function errorIdsPlugin() {
    return {
        async requestDidStart() {
            return {
                async didEncounterErrors({ contextValue, errors }) {
                    const id = contextValue?.requestId;
                    if (id)
                        for (const e of errors)
                            requestIds.set(e, id);
                },
            };
        },
    };
}
/** The single place where any thrown error becomes what a client sees. */
function createFormatError(logger, opts) {
    const format = formatter(logger, opts);
    // Never throw from here: Apollo would answer a bare "Internal server error" with no id and no log line.
    return (formatted, raw) => {
        try {
            return format(formatted, raw);
        }
        catch (failure) {
            const errorId = (0, node_crypto_1.randomUUID)();
            logger.error('formatting an error failed', { errorId, error: failure });
            return { message: `Internal server error (id ${errorId})`, extensions: { code: codes_1.ErrorCode.INTERNAL_SERVER_ERROR, errorId } };
        }
    };
}
/**
 * Answers HTTP 503 with Retry-After when any error of the response is
 * SERVICE_UNAVAILABLE (a driver error says so only once formatError has run).
 */
function unavailablePlugin() {
    return {
        async requestDidStart() {
            return {
                async willSendResponse({ response }) {
                    const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
                    if (!errors?.some((e) => e.extensions?.code === codes_1.ErrorCode.SERVICE_UNAVAILABLE))
                        return;
                    response.http.status = 503;
                    response.http.headers.set('retry-after', String(availability_1.RETRY_AFTER_SECONDS));
                },
            };
        },
    };
}
/** Apollo's own refusals of a request (e.g. a persisted-query hash that does not match) carry an HTTP 4xx status and no code. */
function clientStatusOf(raw) {
    const status = raw?.extensions?.http?.status;
    return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
function formatter(logger, opts) {
    return (formatted, raw) => {
        const unwrapped = (0, errors_1.unwrapResolverError)(raw);
        // Errors thrown while building the context arrive wrapped ("Context creation failed: ...").
        const error = unwrapped instanceof graphql_1.GraphQLError && unwrapped.originalError instanceof codes_1.DomainError ? unwrapped.originalError : unwrapped;
        const path = formatted.path;
        const locations = formatted.locations;
        if (error instanceof codes_1.DomainError)
            return domain(error.code, error.message, error.details);
        if (error instanceof type_graphql_1.ArgumentValidationError) {
            const fields = error.extensions.validationErrors;
            return domain(codes_1.ErrorCode.BAD_USER_INPUT, describeValidation(fields), { fields: flatten(fields) });
        }
        if (error instanceof core_1.UniqueConstraintViolationException) {
            return domain(codes_1.ErrorCode.CONFLICT, 'A record with the same unique value already exists');
        }
        if (error instanceof core_1.NotFoundError)
            return domain(codes_1.ErrorCode.NOT_FOUND, 'Record not found');
        const refused = (0, db_errors_1.refusedValueReason)(error);
        if (refused)
            return domain(codes_1.ErrorCode.BAD_USER_INPUT, `The database cannot store this value: ${refused}`, { reason: refused });
        if ((0, availability_1.isUnavailable)(error)) {
            opts.outages?.failed(error);
            return domain(codes_1.ErrorCode.SERVICE_UNAVAILABLE, 'The database is unavailable; retry shortly', { retryAfterSeconds: availability_1.RETRY_AFTER_SECONDS });
        }
        // Errors graphql-js and Apollo raise before resolvers run (syntax, validation, bad variables)
        // already carry a client-facing code and message.
        const code = formatted.extensions?.code;
        // graphql-js reports MAX_TOKENS as a syntax error; give it a code of its own.
        const tokens = /Document contains more th(?:an|at) (\d+) tokens/.exec(formatted.message);
        if (tokens)
            return clientError('DOCUMENT_TOO_LARGE', `The document has more than ${tokens[1]} tokens`);
        // graphql-js stops coercing variables after 50 errors with an error that has no code (found by the schema fuzzer).
        if (formatted.message.startsWith('Too many errors processing variables'))
            return clientError(errors_1.ApolloServerErrorCode.BAD_USER_INPUT, formatted.message);
        if (typeof code === 'string' && code !== errors_1.ApolloServerErrorCode.INTERNAL_SERVER_ERROR) {
            // "Did you mean ...?" hints let a client map a hidden schema; off in production.
            const message = opts.hideSuggestions ? formatted.message.replace(/ ?Did you mean .*\?$/, '') : formatted.message;
            return clientError(code, message);
        }
        if (clientStatusOf(raw) !== undefined)
            return clientError(errors_1.ApolloServerErrorCode.BAD_REQUEST, formatted.message);
        // Anything else is our fault or the database's: log it in full, tell the client only an id.
        const errorId = requestIds.get(raw) ?? (0, node_crypto_1.randomUUID)();
        logger.error('unhandled error', { errorId, path, error });
        return {
            message: `Internal server error (id ${errorId})`,
            locations,
            path,
            extensions: {
                code: codes_1.ErrorCode.INTERNAL_SERVER_ERROR,
                errorId,
                ...(opts.exposeStack && error instanceof Error ? { stacktrace: error.stack?.split('\n') } : {}),
            },
        };
        function domain(code, message, details = {}) {
            switch (code) {
                case codes_1.ErrorCode.BAD_USER_INPUT:
                case codes_1.ErrorCode.NOT_FOUND:
                case codes_1.ErrorCode.CONFLICT:
                case codes_1.ErrorCode.UNAUTHENTICATED:
                case codes_1.ErrorCode.FORBIDDEN:
                case codes_1.ErrorCode.SERVICE_UNAVAILABLE:
                case codes_1.ErrorCode.INTERNAL_SERVER_ERROR:
                    return { message, locations, path, extensions: { ...details, code } };
                default:
                    throw new codes_1.UnreachableCaseError(code);
            }
        }
        function clientError(code, message) {
            return { message, locations, path, extensions: { code } };
        }
    };
}
function flatten(errors, prefix = '') {
    return errors.flatMap((e) => {
        const field = prefix ? `${prefix}.${e.property}` : e.property;
        const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
        return [...own, ...flatten(e.children ?? [], field)];
    });
}
function describeValidation(errors) {
    const parts = flatten(errors).map((f) => f.messages.join('; '));
    return `Invalid input: ${parts.join('; ')}`;
}
//# sourceMappingURL=format-error.js.map