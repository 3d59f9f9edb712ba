import type { Plugin } from 'graphql-yoga';

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'authorization, content-type, x-graphql-yoga-csrf, x-request-id';

/**
 * CORS from an allow-list (CORS_ORIGINS). Empty (the default): no cross-origin access at all, so
 * the API answers its own origin only. Listed origins get their own origin back; `*` lets any
 * origin read answers, without credentials. A foreign origin is never reflected, and credentials
 * are never allowed (the API takes a bearer token, not cookies). Replaces Yoga's CORS, which
 * reflects any Origin with credentials.
 */
export function useCors(origins: readonly string[]): Plugin {
  const any = origins.includes('*');
  const listed = new Set(origins);
  const allowedOrigin = (origin: string | null): string | null => {
    if (!origin) return null;
    if (any) return '*';
    return listed.has(origin) ? origin : null;
  };
  const headersFor = (request: Request): Record<string, string> => {
    const allowed = allowedOrigin(request.headers.get('origin'));
    if (!allowed) return {};
    return {
      'access-control-allow-origin': allowed,
      ...(allowed === '*' ? {} : { vary: 'Origin' }),
    };
  };
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'OPTIONS') return;
      const headers = headersFor(request);
      endResponse(
        new fetchAPI.Response(null, {
          status: 204,
          headers: {
            'content-length': '0',
            ...headers,
            ...(headers['access-control-allow-origin']
              ? {
                  'access-control-allow-methods': ALLOWED_METHODS,
                  'access-control-allow-headers': ALLOWED_HEADERS,
                  'access-control-max-age': '600',
                }
              : {}),
          },
        }),
      );
    },
    onResponse({ request, response }) {
      if (request.method === 'OPTIONS') return;
      for (const [name, value] of Object.entries(headersFor(request))) {
        response.headers.set(name, value);
      }
    },
  };
}
