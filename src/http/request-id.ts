import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

const ids = new WeakMap<Request, string>();
/** A client's own X-Request-ID is kept when it is short and plain (it ends up in log lines). */
const GIVEN = /^[\w.:-]{1,100}$/;

/** The id of an HTTP request: the client's X-Request-ID, or a new UUID; the same for its life. */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (id === undefined) {
    const given = request.headers.get('x-request-id');
    id = given && GIVEN.test(given) ? given : randomUUID();
    ids.set(request, id);
  }
  return id;
}

/** Every response names its request id (X-Request-ID), the key to its log lines. */
export function useRequestId(): Plugin {
  return {
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
  };
}
