import { HeaderMap } from '@apollo/server';

/** Every code a client can see in `extensions.code`. A client may switch on these: they never change meaning. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** The database cannot be reached or is busy right now: retry after `retryAfterSeconds` (HTTP 503 with Retry-After). */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** An error the service layer raises on purpose; formatError turns it into a GraphQL error with its code. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (entity: string, id: string, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.NOT_FOUND, `${entity} ${JSON.stringify(id)} was not found`, { entity, id, ...details });

export const badInput = (message: string, details: Record<string, unknown> = {}) => new DomainError(ErrorCode.BAD_USER_INPUT, message, details);

export const conflict = (message: string, details: Record<string, unknown> = {}) => new DomainError(ErrorCode.CONFLICT, message, details);

/**
 * The database is unreachable or too busy to take this request now. Carries
 * Apollo's `extensions.http`, so the response is HTTP 503 with Retry-After
 * whichever resolver raised it.
 */
export class UnavailableError extends DomainError {
  readonly extensions: Record<string, unknown>;

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfterSeconds });
    this.name = 'UnavailableError';
    this.extensions = { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds, http: { status: 503, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } };
  }
}

/** Makes the compiler fail when a switch over a union misses a case. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${String(value)}`);
  }
}
