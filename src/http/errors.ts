import { GraphQLError } from 'graphql';
import { type Plugin, useErrorHandler } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { isMissingRecord } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';
import { requestIdOf } from './request-id.js';

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

/** The codes of refusals a client caused and can fix; everything else is the server's fault. */
const clientError = (e: GraphQLError) => e.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR;

/**
 * Results: every error gets an API code (BAD_USER_INPUT for request errors raised outside
 * resolvers), no suggestions in production.
 * A refused request is logged once at info with its request id (a client mistake, not the
 * server's); unexpected errors once at error with the request id.
 */
export function useApiErrors(options: { production: boolean; logger: Logger }): Plugin[] {
  const results: Plugin = {
    onResultProcess({ result, request }) {
      for (const r of Array.isArray(result) ? result : [result]) {
        const errors = (r as { errors?: GraphQLError[] } | undefined)?.errors;
        if (!Array.isArray(errors)) continue;
        errors.forEach((e, i) => {
          errors[i] = clientFacing(e, options.production);
        });
        const refusals = errors.filter(clientError);
        if (refusals.length === 0) continue;
        options.logger.info(
          {
            requestId: requestIdOf(request),
            errors: refusals.map((e) => ({ code: e.extensions?.code, message: e.message })),
          },
          'request refused',
        );
      }
    },
  };
  const logging = useErrorHandler(({ errors, context }) => {
    for (const error of errors) {
      const original = error instanceof GraphQLError ? error.originalError : error;
      if (original && !(original instanceof GraphQLError)) {
        // The context of the parse and validate phases; the execution arguments after them.
        const given = context as Partial<Context> & { contextValue?: Partial<Context> };
        const requestId = given?.requestId ?? given?.contextValue?.requestId;
        options.logger.error({ err: original, requestId }, 'unexpected error');
      }
    }
  });
  return [results, logging as Plugin];
}

/** An error as a client may see it: an API code, no suggestions in production. */
function clientFacing(e: GraphQLError, production: boolean): GraphQLError {
  if (!(e instanceof GraphQLError)) return e;
  const code = e.extensions?.code;
  const coded =
    typeof code === 'string' && API_CODES.has(code) ? e : withCode(e, ErrorCode.BAD_USER_INPUT);
  return production ? withoutSuggestions(coded) : coded;
}
