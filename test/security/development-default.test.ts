import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { externalIPv4, ok, type RawResponse, request, seededDataDir } from './support.js';

/**
 * Issue 12, point 2: the development default must not hand its key to any web page.
 *
 * The contract the fix must meet:
 * - `HOST` unset: the server binds 127.0.0.1 in development (and 0.0.0.0 with
 *   NODE_ENV=production, API.md), and says so in its `listening on http://HOST:PORT/graphql` line.
 * - The development key is embedded in `/` and in GraphiQL only when the request's Host header
 *   names a loopback host (localhost, 127.0.0.1, [::1], with or without a port): a DNS-rebound
 *   name (evil.example resolving to 127.0.0.1) gets the page without the key. On a non-loopback
 *   bind (HOST=0.0.0.0 in development) the key is never embedded, whatever the Host.
 * - CORS comes from `CORS_ORIGINS` (comma-separated origins; default: same origin only). A
 *   foreign Origin is never reflected in Access-Control-Allow-Origin, and credentials are never
 *   allowed for it; listed origins get their own origin back. `*` allows any
 *   origin without credentials (Access-Control-Allow-Origin `*`, no Allow-Credentials).
 */

const EVIL = 'https://evil.example';

const html = (url: string, host: string, extra: Record<string, string> = {}) =>
  request(url, { headers: { host, accept: 'text/html', ...extra } });

/** Whether a browser would let `origin` read this response with credentials (or at all). */
function corsAllows(res: RawResponse, origin: string) {
  const allowOrigin = res.headers['access-control-allow-origin'];
  const credentials = res.headers['access-control-allow-credentials'] === 'true';
  return { readable: allowOrigin === origin || allowOrigin === '*', credentials, allowOrigin };
}

const preflight = (url: string, origin: string) =>
  request(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

describe('development servers (npm start)', () => {
  let loopback: ServerProcess;
  let everywhere: ServerProcess;
  let loopbackKey: string;
  let everywhereKey: string;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const [a, b] = await Promise.all([seededDataDir(), seededDataDir()]);
    cleanups.push(a.remove, b.remove);
    // HOST left unset (the helper sets 127.0.0.1 unless told otherwise; undefined is not passed).
    const unsetHost = { HOST: undefined } as unknown as Record<string, string>;
    [loopback, everywhere] = await Promise.all([
      startServerProcess({ DATA_DIR: a.dir, LOG_LEVEL: 'warn', ...unsetHost }),
      startServerProcess({ DATA_DIR: b.dir, LOG_LEVEL: 'warn', HOST: '0.0.0.0' }),
    ]);
    loopbackKey = (await readFile(path.join(a.dir, 'dev-api-key'), 'utf8')).trim();
    everywhereKey = (await readFile(path.join(b.dir, 'dev-api-key'), 'utf8')).trim();
  }, 180_000);
  afterAll(async () => {
    await Promise.all([loopback?.stop(), everywhere?.stop()]);
    for (const cleanup of cleanups) await cleanup();
  });

  const port = (server: ServerProcess) => new URL(server.url).port;
  const origin = (server: ServerProcess) => new URL(server.url).origin;

  it('binds 127.0.0.1 when HOST is unset, and says so', async () => {
    expect(loopback.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect((await request(`${origin(loopback)}/health`)).status).toBe(200);
    const external = externalIPv4();
    if (!external) return; // a machine with loopback only: nothing else to reach
    // The HOST=0.0.0.0 server is reachable there, so the probe itself works.
    expect((await request(`http://${external}:${port(everywhere)}/health`)).status).toBe(200);
    await expect(request(`http://${external}:${port(loopback)}/health`)).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  it('embeds the development key only for a loopback Host header', async () => {
    const p = port(loopback);
    for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`, 'localhost']) {
      for (const page of ['/', '/graphql']) {
        const res = await html(`${origin(loopback)}${page}`, host);
        expect(res.status, `${host}${page}`).toBe(200);
        expect(res.text.includes(loopbackKey), `${host}${page} has the key`).toBe(true);
      }
    }
    for (const host of [
      `evil.example:${p}`,
      'evil.example',
      `localhost.evil.example:${p}`,
      `127.0.0.1.nip.io:${p}`,
      `192.0.2.2:${p}`,
    ]) {
      for (const page of ['/', '/graphql']) {
        const res = await html(`${origin(loopback)}${page}`, host);
        expect(res.status, `${host}${page}`).toBeLessThan(500);
        expect(res.text.includes(loopbackKey), `${host}${page} shows the key`).toBe(false);
      }
    }
  });

  it('never embeds the development key on a non-loopback bind (HOST=0.0.0.0)', async () => {
    expect(everywhere.output()).toMatch(/listening on http:\/\/0\.0\.0\.0:\d+\/graphql/);
    const p = port(everywhere);
    for (const host of [`127.0.0.1:${p}`, `localhost:${p}`]) {
      for (const page of ['/', '/graphql']) {
        const res = await html(`${origin(everywhere)}${page}`, host);
        expect(res.status, `${host}${page}`).toBe(200);
        expect(res.text.includes(everywhereKey), `${host}${page} shows the key`).toBe(false);
      }
    }
    // The key itself still works when given.
    expect(
      (await ok(everywhere.url, '{ viewer { name } }', {}, { token: everywhereKey })).viewer,
    ).toEqual({ name: 'local' });
  });

  it('answers a foreign Origin without CORS permission, by default', async () => {
    const server = loopback;
    const pre = corsAllows(await preflight(server.url, EVIL), EVIL);
    expect(pre, JSON.stringify(pre)).toMatchObject({ readable: false, credentials: false });
    const post = await request(server.url, {
      method: 'POST',
      headers: {
        origin: EVIL,
        'content-type': 'application/json',
        authorization: `Bearer ${loopbackKey}`,
      },
      body: JSON.stringify({ query: '{ sessions { totalCount } }' }),
    });
    expect(corsAllows(post, EVIL)).toMatchObject({ readable: false, credentials: false });
    const page = await request(`${origin(server)}/`, { headers: { origin: EVIL } });
    expect(corsAllows(page, EVIL)).toMatchObject({ readable: false, credentials: false });

    // The page's own origin works.
    const own = origin(server);
    const same = await request(server.url, {
      method: 'POST',
      headers: {
        origin: own,
        'content-type': 'application/json',
        authorization: `Bearer ${loopbackKey}`,
      },
      body: JSON.stringify({ query: '{ viewer { name } }' }),
    });
    expect(same.status).toBe(200);
    expect(JSON.parse(same.text)).toEqual({ data: { viewer: { name: 'local' } } });
    const allowed = same.headers['access-control-allow-origin'];
    expect(allowed === undefined || allowed === own, String(allowed)).toBe(true);
  });
});

describe('CORS_ORIGINS', () => {
  let listed: TestApp;
  let any: TestApp;
  beforeAll(async () => {
    [listed, any] = await Promise.all([
      startTestApp({ env: { CORS_ORIGINS: 'https://app.example, https://admin.example' } }),
      startTestApp({ env: { CORS_ORIGINS: '*' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([listed?.close(), any?.close()]);
  });

  it('allows the listed origins, and no other', async () => {
    const key = (await listed.user()).key;
    for (const origin of ['https://app.example', 'https://admin.example']) {
      const res = await preflight(listed.url, origin);
      expect(res.headers['access-control-allow-origin'], origin).toBe(origin);
      const post = await request(listed.url, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ viewer { id } }' }),
      });
      expect(post.status).toBe(200);
      expect(post.headers['access-control-allow-origin']).toBe(origin);
    }
    for (const origin of [EVIL, 'https://app.example.evil.example', 'null', 'http://app.example']) {
      const res = corsAllows(await preflight(listed.url, origin), origin);
      expect(res, origin).toMatchObject({ readable: false, credentials: false });
    }
  });

  it('"*" allows any origin, never with credentials', async () => {
    const res = await preflight(any.url, EVIL);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });
});
