import { GraphQLError } from 'graphql';
import { type Plugin, useErrorHandler } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { isMissingRecord } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';

const API_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Every error a client sees carries an API code. Unexpected errors become a masked
 * INTERNAL_SERVER_ERROR (the cause is logged, never sent); errors of the request itself (syntax,
 * validation, variable values: a GraphQLError not raised by a resolver) are BAD_USER_INPUT.
 */
export function maskError(error: unknown): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (error instanceof GraphQLError) {
    if (original instanceof AppError) return error;
    const code = error.extensions?.code ?? (original as GraphQLError | undefined)?.extensions?.code;
    if (typeof code === 'string' && API_CODES.has(code)) return error;
    if (original == null || original instanceof GraphQLError) {
      return withCode(error, ErrorCode.BAD_USER_INPUT);
    }
  }
  const where = {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    path: error instanceof GraphQLError ? error.path : undefined,
  };
  // A row deleted between a service's ownership check and its write (a concurrent delete): the
  // caller gets what a missing id gets. The cause is still logged.
  if (isMissingRecord(original)) {
    return new GraphQLError('Not found', { ...where, extensions: { code: ErrorCode.NOT_FOUND } });
  }
  return new GraphQLError('Internal server error', {
    ...where,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  });
}

/** The same error (where it points, its extensions) with another message or extensions. */
function rebuilt(
  error: GraphQLError,
  change: { message?: string; extensions?: GraphQLError['extensions'] },
): GraphQLError {
  return new GraphQLError(change.message ?? error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: change.extensions ?? error.extensions,
  });
}

export function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return rebuilt(error, { extensions: { ...error.extensions, code } });
}

/** "Did you mean …?" hints, which GraphQL Armor removes only from validation errors. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * The error without field or enum-value suggestions (production: they describe the schema to
 * whoever probes it). Covers what Armor's blockFieldSuggestion leaves: suggestions for enum values
 * and for input fields in variables, raised after validation.
 */
export function withoutSuggestions(error: GraphQLError): GraphQLError {
  if (!error.message.includes('Did you mean')) return error;
  return rebuilt(error, { message: error.message.replace(SUGGESTION, '') });
}

/**
 * Results: every error gets an API code (BAD_USER_INPUT for request errors raised outside
 * resolvers), no suggestions in production; unexpected errors are logged with the request id.
 */
export function useApiErrors(options: { production: boolean; logger: Logger }): Plugin[] {
  const results: Plugin = {
    onResultProcess({ result }) {
      for (const r of Array.isArray(result) ? result : [result]) {
        const errors = (r as { errors?: GraphQLError[] } | undefined)?.errors;
        if (!Array.isArray(errors)) continue;
        errors.forEach((e, i) => {
          const code = (e as GraphQLError).extensions?.code;
          if (typeof code !== 'string' || !API_CODES.has(code)) {
            errors[i] = e instanceof GraphQLError ? withCode(e, ErrorCode.BAD_USER_INPUT) : e;
          }
          if (options.production && errors[i] instanceof GraphQLError) {
            errors[i] = withoutSuggestions(errors[i]);
          }
        });
      }
    },
  };
  const logging = useErrorHandler(({ errors, context }) => {
    for (const error of errors) {
      const original = error instanceof GraphQLError ? error.originalError : error;
      if (original && !(original instanceof GraphQLError)) {
        const requestId = (context as Partial<Context>)?.requestId;
        options.logger.error({ err: original, requestId }, 'unexpected error');
      }
    }
  });
  return [results, logging as Plugin];
}
