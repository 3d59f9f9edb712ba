import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import {
  expectOneError,
  gql,
  initOutcome,
  ok,
  request,
  SECRET,
  seededDataDir,
  signJwt,
} from './support.js';

/**
 * Issue 12, points 14 and 15: what production gives away.
 *
 * The contract the fix must meet:
 * - NODE_ENV=production: introspection (`__schema`, `__type`) is refused to callers without a
 *   valid credential with UNAUTHENTICATED (HTTP 200, no data), alone or beside other fields; with
 *   a valid API key it works. `health` still needs no credential.
 * - The development key (the key named "development" that a development server creates for the
 *   user "local") stops working once the same DATA_DIR is started with NODE_ENV=production:
 *   UNAUTHENTICATED over HTTP, close 4403 over WebSocket. Other credentials keep working there,
 *   and nothing stored is deleted.
 */

describe('introspection in production (point 14)', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production' } });
    key = (await t.user()).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  const SCHEMA = '{ __schema { types { name } } }';
  const TYPE = '{ __type(name: "Session") { fields { name } } }';
  const MIXED = '{ health { status } __schema { queryType { name } } }';

  it('is refused to anonymous callers and bad keys with UNAUTHENTICATED', async () => {
    for (const token of [undefined, 'csk_not-a-key']) {
      for (const query of [SCHEMA, TYPE, MIXED]) {
        const res = await gql(t.url, query, {}, { token });
        const name = `${token ?? 'anonymous'}: ${query}`;
        expect(res.status, name).toBe(200);
        expect(
          res.errors?.[0]?.extensions?.code,
          `${name}: ${JSON.stringify(res).slice(0, 300)}`,
        ).toBe('UNAUTHENTICATED');
        expect(JSON.stringify(res.data ?? null), name).not.toMatch(/Session|Query|fields/);
      }
    }
    // Over GET as well.
    const get = await request(`${t.url}?query=${encodeURIComponent(SCHEMA)}`, {
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    expect(get.text).not.toMatch(/"name":"Session"/);
    expectOneError(JSON.parse(get.text), 'UNAUTHENTICATED');
  });

  it('works with a valid API key; health needs none', async () => {
    const data = await ok(t.url, SCHEMA, {}, { token: key });
    expect(data.__schema.types.map((type: { name: string }) => type.name)).toContain('Session');
    expect((await ok(t.url, TYPE, {}, { token: key })).__type.fields.length).toBeGreaterThan(0);
    expect(await ok(t.url, '{ health { status } }')).toEqual({ health: { status: 'OK' } });
  });
});

describe('the development key once the DATA_DIR runs in production (point 15)', () => {
  let server: ServerProcess | undefined;
  let remove: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await server?.stop();
    await remove?.();
  });

  it('is refused over HTTP and WebSocket; a JWT user is served; nothing stored is lost', async () => {
    const data = await seededDataDir();
    remove = data.remove;
    const env = { DATA_DIR: data.dir, JWT_SECRET: SECRET, LOG_LEVEL: 'warn' };

    server = await startServerProcess(env);
    const devKey = (await readFile(path.join(data.dir, 'dev-api-key'), 'utf8')).trim();
    expect((await ok(server.url, '{ viewer { name } }', {}, { token: devKey })).viewer).toEqual({
      name: 'local',
    });
    const sessionId = (
      await ok(
        server.url,
        'mutation { createSession(input: { title: "made in development" }) { session { id } } }',
        {},
        { token: devKey },
      )
    ).createSession.session.id;
    await server.stop();

    server = await startServerProcess({ ...env, NODE_ENV: 'production' });
    const refused = await gql(server.url, '{ viewer { name } }', {}, { token: devKey });
    expectOneError(refused, 'UNAUTHENTICATED');
    expect(refused.data?.viewer ?? null).toBeNull();
    expectOneError(
      await gql(
        server.url,
        'query($id: ID!) { session(id: $id) { title } }',
        { id: sessionId },
        {
          token: devKey,
        },
      ),
      'UNAUTHENTICATED',
    );
    expect(await initOutcome(server.url, devKey)).toBe(4403);
    // Other credentials work; the server is up.
    const jwtUser = await ok(
      server.url,
      '{ viewer { name } }',
      {},
      {
        token: await signJwt({ sub: 'operator' }),
      },
    );
    expect(jwtUser.viewer.name).toBe('jwt:operator');
    expect((await request(`${new URL(server.url).origin}/health`)).status).toBe(200);
    await server.stop();

    // The development user's session is still stored.
    const pglite = new PGlite(path.join(data.dir, 'pglite'));
    const rows = await pglite.query<{ title: string }>(
      `SELECT s.title FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.name = 'local'`,
    );
    await pglite.close();
    expect(rows.rows).toEqual([{ title: 'made in development' }]);
  }, 180_000);
});
