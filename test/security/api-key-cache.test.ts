import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectOneError, gql, initialisedWs, ok, within } from './support.js';

/**
 * The API key cache (issue 12, with the performance work): a verified key is remembered for
 * API_KEY_CACHE_MS, so a busy client costs no key lookup per request; a revocation still holds
 * over HTTP once that period has passed, and a socket check that finds it revoked forgets the key
 * at once. A key created a moment ago works at once (unknown keys are not remembered).
 */

const VIEWER = '{ viewer { id } }';
const keyLookups = (t: TestApp) => t.db.queries.filter((q) => q.includes('"ApiKey"')).length;

describe('API_KEY_CACHE_MS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { API_KEY_CACHE_MS: '2000', WS_CREDENTIAL_CHECK_MS: '200' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('looks a busy key up once per period, not once per request', async () => {
    const { key } = await t.user();
    await ok(t.url, VIEWER, {}, { token: key });
    t.db.queries.length = 0;
    for (let i = 0; i < 5; i += 1) await ok(t.url, VIEWER, {}, { token: key });
    expect(keyLookups(t)).toBe(0);
  });

  it('takes a key created a moment ago at once', async () => {
    const user = await t.user();
    const { key } = await createApiKey(t.db.prisma, user.id, 'late');
    expect((await ok(t.url, VIEWER, {}, { token: key })).viewer.id).toBeTruthy();
  });

  it('refuses a revoked key over HTTP once the period has passed', async () => {
    const user = await t.user();
    const { key, apiKey } = await createApiKey(t.db.prisma, user.id, 'revoked-later');
    await ok(t.url, VIEWER, {}, { token: key });
    await t.db.prisma.apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: new Date() } });
    await expect
      .poll(
        async () => (await gql(t.url, VIEWER, {}, { token: key })).errors?.[0]?.extensions?.code,
      )
      .toBe('UNAUTHENTICATED');
  });

  it('forgets a key at once when a socket check finds it revoked', async () => {
    const user = await t.user();
    const { key, apiKey } = await createApiKey(t.db.prisma, user.id, 'socket');
    await ok(t.url, VIEWER, {}, { token: key });
    const ws = await initialisedWs(t.url, key);
    await t.db.prisma.apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: new Date() } });
    expect((await within(ws.closed, 10_000, 'the socket of a revoked key')).code).toBe(4403);
    expectOneError(await gql(t.url, VIEWER, {}, { token: key }), 'UNAUTHENTICATED');
  });
});
