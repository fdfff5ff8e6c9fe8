import { randomUUID } from 'node:crypto';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { NotFoundError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from '../logger';
import { DomainError, ErrorCode, UnreachableCaseError } from './codes';
import { refusedValueReason } from '../db/backend/db-errors';
import { RETRY_AFTER_SECONDS, type OutageLog } from '../db/availability';
import { isUnavailable } from '../db/backend/db-errors';
import { GraphQLError } from 'graphql';

/** Errors of a request, to the request's id (set before formatError runs, see errorIdsPlugin). */
const requestIds = new WeakMap<object, string>();

/**
 * Tags the errors of an operation with its request id, so an internal error
 * answers and logs that id. (formatError gets no context; an AsyncLocalStorage
 * would do, at the cost of a hook on every promise of every request.)
 */
export function errorIdsPlugin(): ApolloServerPlugin<{ requestId?: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          const id = contextValue?.requestId;
          if (id) for (const e of errors) requestIds.set(e, id);
        },
      };
    },
  };
}

/** The single place where any thrown error becomes what a client sees. */
export function createFormatError(logger: Logger, opts: FormatOptions) {
  const format = formatter(logger, opts);
  // Never throw from here: Apollo would answer a bare "Internal server error" with no id and no log line.
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    try {
      return format(formatted, raw);
    } catch (failure) {
      const errorId = randomUUID();
      logger.error('formatting an error failed', { errorId, error: failure });
      return { message: `Internal server error (id ${errorId})`, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId } };
    }
  };
}

/**
 * The HTTP status of an answer whose errors say so (a driver error or a missing
 * key is known only once formatError has run): 503 with Retry-After when any
 * error is SERVICE_UNAVAILABLE; 401 with WWW-Authenticate when any is
 * UNAUTHENTICATED, as a request with a wrong key gets (see app.ts).
 */
export function statusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          if (errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          } else if (errors?.some((e) => e.extensions?.code === ErrorCode.UNAUTHENTICATED)) {
            response.http.status = 401;
            response.http.headers.set('www-authenticate', 'Bearer');
          }
        },
      };
    },
  };
}

/** Apollo's own refusals of a request (e.g. a persisted-query hash that does not match) carry an HTTP 4xx status and no code. */
function clientStatusOf(raw: unknown): number | undefined {
  const status = (raw as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

interface FormatOptions {
  exposeStack: boolean;
  hideSuggestions: boolean;
  /** Where failures because the database is unavailable are counted (logged once per outage, not per request). */
  outages?: OutageLog;
}

function formatter(logger: Logger, opts: FormatOptions) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(raw);
    // Errors thrown while building the context arrive wrapped ("Context creation failed: ...").
    const error = unwrapped instanceof GraphQLError && unwrapped.originalError instanceof DomainError ? unwrapped.originalError : unwrapped;
    const path = formatted.path;
    const locations = formatted.locations;

    if (error instanceof DomainError) return domain(error.code, error.message, error.details);
    if (error instanceof ArgumentValidationError) {
      const fields = error.extensions.validationErrors as ValidationDetail[];
      return domain(ErrorCode.BAD_USER_INPUT, describeValidation(fields), { fields: flatten(fields) });
    }
    if (error instanceof UniqueConstraintViolationException) {
      return domain(ErrorCode.CONFLICT, 'A record with the same unique value already exists');
    }
    if (error instanceof NotFoundError) return domain(ErrorCode.NOT_FOUND, 'Record not found');
    const refused = refusedValueReason(error);
    if (refused) return domain(ErrorCode.BAD_USER_INPUT, `The database cannot store this value: ${refused}`, { reason: refused });
    if (isUnavailable(error)) {
      opts.outages?.failed(error);
      return domain(ErrorCode.SERVICE_UNAVAILABLE, 'The database is unavailable; retry shortly', { retryAfterSeconds: RETRY_AFTER_SECONDS });
    }

    // Errors graphql-js and Apollo raise before resolvers run (syntax, validation, bad variables)
    // already carry a client-facing code and message.
    const code = formatted.extensions?.code;
    // graphql-js reports MAX_TOKENS as a syntax error; give it a code of its own.
    const tokens = /Document contains more th(?:an|at) (\d+) tokens/.exec(formatted.message);
    if (tokens) return clientError('DOCUMENT_TOO_LARGE', `The document has more than ${tokens[1]} tokens`);
    // graphql-js stops coercing variables after 50 errors with an error that has no code (found by the schema fuzzer).
    if (formatted.message.startsWith('Too many errors processing variables')) return clientError(ApolloServerErrorCode.BAD_USER_INPUT, formatted.message);
    if (typeof code === 'string' && code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR) {
      // "Did you mean ...?" hints let a client map a hidden schema; off in production.
      const message = opts.hideSuggestions ? formatted.message.replace(/ ?Did you mean .*\?$/, '') : formatted.message;
      return clientError(code, message);
    }
    if (clientStatusOf(raw) !== undefined) return clientError(ApolloServerErrorCode.BAD_REQUEST, formatted.message);

    // Anything else is our fault or the database's: log it in full, tell the client only an id.
    const errorId = requestIds.get(raw as object) ?? randomUUID();
    logger.error('unhandled error', { errorId, path, error });
    return {
      message: `Internal server error (id ${errorId})`,
      locations,
      path,
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        errorId,
        ...(opts.exposeStack && error instanceof Error ? { stacktrace: error.stack?.split('\n') } : {}),
      },
    };

    function domain(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
      switch (code) {
        case ErrorCode.BAD_USER_INPUT:
        case ErrorCode.NOT_FOUND:
        case ErrorCode.CONFLICT:
        case ErrorCode.UNAUTHENTICATED:
        case ErrorCode.FORBIDDEN:
        case ErrorCode.SERVICE_UNAVAILABLE:
        case ErrorCode.INTERNAL_SERVER_ERROR:
          return { message, locations, path, extensions: { ...details, code } };
        default:
          throw new UnreachableCaseError(code);
      }
    }

    function clientError(code: string, message: string): GraphQLFormattedError {
      return { message, locations, path, extensions: { code } };
    }
  };
}

interface ValidationDetail {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationDetail[];
}

function flatten(errors: ValidationDetail[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function describeValidation(errors: ValidationDetail[]): string {
  const parts = flatten(errors).map((f) => f.messages.join('; '));
  return `Invalid input: ${parts.join('; ')}`;
}
