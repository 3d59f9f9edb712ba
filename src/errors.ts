import { GraphQLError } from 'graphql';
import type { ZodError } from 'zod';

/** The error codes of the API contract (API.md, "Errors"). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  MODEL_ERROR: 'MODEL_ERROR',
  /** API.md, second round: a user's storage quota (or token quota) is spent. */
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every error the API means to show a client. Anything else is masked as INTERNAL_SERVER_ERROR. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.code = code;
  }

  static notFound(what: string) {
    return new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
  }

  static badInput(field: string, message: string) {
    return new AppError(ErrorCode.BAD_USER_INPUT, message, { field });
  }

  static unauthenticated(
    message = 'Authentication required: send Authorization: Bearer <API key>',
  ) {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }

  static fromZod(error: ZodError, prefix: readonly (string | number)[] = []) {
    const issue = error.issues[0];
    const field = [...prefix, ...(issue?.path ?? [])].map(String).join('.') || 'input';
    return AppError.badInput(field, `${field}: ${issue?.message ?? 'invalid value'}`);
  }
}

/** RATE_LIMITED with the seconds to wait. */
export function rateLimited(retryAfterSeconds: number, what = 'requests'): AppError {
  return new AppError(ErrorCode.RATE_LIMITED, `Too many ${what}; retry in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}
