import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('smoke', () => {
  it('creates and lists a session', async () => {
    const alice = await t.user();
    const created = await t.gql(
      'mutation { createSession(input: { title: "Hello" }) { created session { id title state messageCount agent { name } } } }',
      {},
      alice.key,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createSession.session.title).toBe('Hello');
    const list = await t.gql(
      '{ sessions { totalCount edges { node { title lastMessage { text } } } } }',
      {},
      alice.key,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.sessions.totalCount).toBe(1);
  });
});
