"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnreachableCaseError = exports.UnavailableError = exports.conflict = exports.badInput = exports.notFound = exports.DomainError = exports.ErrorCode = void 0;
const server_1 = require("@apollo/server");
/** Every code a client can see in `extensions.code`. A client may switch on these: they never change meaning. */
var ErrorCode;
(function (ErrorCode) {
    ErrorCode["BAD_USER_INPUT"] = "BAD_USER_INPUT";
    ErrorCode["NOT_FOUND"] = "NOT_FOUND";
    ErrorCode["CONFLICT"] = "CONFLICT";
    ErrorCode["UNAUTHENTICATED"] = "UNAUTHENTICATED";
    ErrorCode["FORBIDDEN"] = "FORBIDDEN";
    /** The database cannot be reached or is busy right now: retry after `retryAfterSeconds` (HTTP 503 with Retry-After). */
    ErrorCode["SERVICE_UNAVAILABLE"] = "SERVICE_UNAVAILABLE";
    ErrorCode["INTERNAL_SERVER_ERROR"] = "INTERNAL_SERVER_ERROR";
})(ErrorCode || (exports.ErrorCode = ErrorCode = {}));
/** An error the service layer raises on purpose; formatError turns it into a GraphQL error with its code. */
class DomainError extends Error {
    constructor(code, message, details = {}) {
        super(message);
        this.code = code;
        this.details = details;
        this.name = 'DomainError';
    }
}
exports.DomainError = DomainError;
const notFound = (entity, id, details = {}) => new DomainError(ErrorCode.NOT_FOUND, `${entity} ${JSON.stringify(id)} was not found`, { entity, id, ...details });
exports.notFound = notFound;
const badInput = (message, details = {}) => new DomainError(ErrorCode.BAD_USER_INPUT, message, details);
exports.badInput = badInput;
const conflict = (message, details = {}) => new DomainError(ErrorCode.CONFLICT, message, details);
exports.conflict = conflict;
/**
 * The database is unreachable or too busy to take this request now. Carries
 * Apollo's `extensions.http`, so the response is HTTP 503 with Retry-After
 * whichever resolver raised it.
 */
class UnavailableError extends DomainError {
    constructor(message, retryAfterSeconds) {
        super(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfterSeconds });
        this.retryAfterSeconds = retryAfterSeconds;
        this.name = 'UnavailableError';
        this.extensions = { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds, http: { status: 503, headers: new server_1.HeaderMap([['retry-after', String(retryAfterSeconds)]]) } };
    }
}
exports.UnavailableError = UnavailableError;
/** Makes the compiler fail when a switch over a union misses a case. */
class UnreachableCaseError extends Error {
    constructor(value) {
        super(`Unreachable case: ${String(value)}`);
    }
}
exports.UnreachableCaseError = UnreachableCaseError;
//# sourceMappingURL=codes.js.map