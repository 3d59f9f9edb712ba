import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSessionDocument, SessionsPageDocument } from '../../client/generated/graphql.js';
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
    const created = await t.gql(CreateSessionDocument, { input: { title: 'Hello' } }, alice.key);
    expect(created.errors).toBeUndefined();
    expect(created.data?.createSession.session.title).toBe('Hello');
    const list = await t.gql(SessionsPageDocument, {}, alice.key);
    expect(list.errors).toBeUndefined();
    expect(list.data?.sessions.totalCount).toBe(1);
  });
});
