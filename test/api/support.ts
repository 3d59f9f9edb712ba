import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { expect } from 'vitest';
import type { TypedDocumentString } from '../../client/generated/graphql.js';
import type { GraphQLResponse, Operation, RunOperation, TestApp } from '../helpers/app.js';

/** The error codes of API.md ("Errors"). */
export const API_ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SESSION_EXPIRED',
  'MODEL_ERROR',
  'QUOTA_EXCEEDED',
  'INTERNAL_SERVER_ERROR',
] as const;

type Err = NonNullable<GraphQLResponse['errors']>[number];

/**
 * Every error of every response in these suites: a code of the contract, no stack trace, nothing
 * of the database or the server's files. INTERNAL_SERVER_ERROR is in the contract's list, but no
 * request of these suites should cause one, so it fails the test too (it means a masked bug).
 */
export function expectCleanErrors(res: GraphQLResponse): void {
  for (const error of res.errors ?? []) {
    const code = error.extensions?.code;
    expect(API_ERROR_CODES, JSON.stringify(error)).toContain(code);
    expect(code, `unexpected internal error: ${JSON.stringify(error)}`).not.toBe(
      'INTERNAL_SERVER_ERROR',
    );
    for (const leak of ['stacktrace', 'exception', 'originalError', 'stack']) {
      expect(error.extensions ?? {}).not.toHaveProperty(leak);
    }
    expect(JSON.stringify(error)).not.toMatch(
      /\n\s+at |node_modules|\.ts:\d|prisma|SELECT |invalid input syntax|P20\d\d/i,
    );
  }
}

type Code = (typeof API_ERROR_CODES)[number];

export interface Api {
  /** t.gql with every error checked by expectCleanErrors. */
  gql: RunOperation;
  /** The data of a request that must succeed. */
  ok<TResult, TVariables>(
    query: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    token?: string | null,
  ): Promise<TResult>;
  ok(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<any>;
  /** The one error of a request that must fail with `code` (and `field`, when given). */
  fail<TResult, TVariables>(
    query: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    token: string | null | undefined,
    code: Code,
    field?: string,
  ): Promise<Err>;
  fail(
    query: string,
    variables: Record<string, unknown>,
    token: string | null | undefined,
    code: Code,
    field?: string,
  ): Promise<Err>;
  /** A POST with exactly these headers (for malformed Authorization headers). */
  raw<TResult, TVariables>(
    query: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    headers: Record<string, string>,
  ): Promise<GraphQLResponse<TResult>>;
  raw(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<GraphQLResponse>;
}

export function api(t: TestApp): Api {
  const gql = async (query: Operation, variables?: unknown, token?: string | null) => {
    const res = await t.gql(query.toString(), variables as Record<string, unknown>, token);
    expectCleanErrors(res);
    return res;
  };
  const self: Api = {
    gql: gql as RunOperation,
    async ok(query: Operation, variables?: unknown, token?: string | null) {
      const res = await gql(query, variables, token);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      return res.data;
    },
    async fail(
      query: Operation,
      variables: unknown,
      token: string | null | undefined,
      code: Code,
      field?: string,
    ) {
      const res = await gql(query, variables, token);
      expect(res.errors, `expected ${code}, got ${JSON.stringify(res)}`).toHaveLength(1);
      const error = res.errors?.[0] as Err;
      expect(error.extensions?.code, JSON.stringify(error)).toBe(code);
      if (field !== undefined) expect(error.extensions?.field, JSON.stringify(error)).toBe(field);
      return error;
    },
    async raw(query: Operation, variables: unknown, headers: Record<string, string>) {
      const res = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: query.toString(), variables }),
      });
      const body = (await res.json()) as GraphQLResponse;
      expectCleanErrors(body);
      return body;
    },
  };
  return self;
}

/** A well-formed global id of a row that does not exist. */
export const missingId = (typename = 'Session') => encodeGlobalID(typename, randomUUID());

export const gid = (typename: string, id: string) => encodeGlobalID(typename, id);

/** The database id inside a global id. */
export const rawId = (globalId: string) =>
  Buffer.from(globalId, 'base64').toString('utf8').split(':').slice(1).join(':');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keyset order of the API: (column, id), ids compared as PostgreSQL compares uuids. */
export function keysetSort<T extends { id: string }>(
  rows: T[],
  value: (row: T) => Date,
  direction: 'asc' | 'desc',
): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const d = value(a).getTime() - value(b).getTime();
    if (d !== 0) return sign * d;
    return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

export const cursorOf = (parts: unknown[]) =>
  Buffer.from(JSON.stringify(parts)).toString('base64url');
