import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import { collect, startTestApp, type TestApp } from '../helpers/app.js';
import { TestSessionsChanged as CHANGES } from '../helpers/operations.js';

/**
 * One user with many tabs open: every tab's sidebar hears of a new session, and the process
 * prints no "possible EventTarget memory leak" warning (Node's default is 10 listeners a topic).
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

it('tells all of 15 tabs of one user about a new session, without a listener warning', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    const user = await t.user();
    const heard = new Set<string>();
    const tabs = Array.from({ length: 15 }, () =>
      collect(t.ws(user.key), CHANGES, {}, (e) => e.sessionsChanged.kind === 'CREATED'),
    );
    // A tab hears of a session only once its subscription is live: make sessions until each tab
    // has heard of one.
    for (let i = 0; i < 50 && tabs.some((tab) => !tab.events.length); i++) {
      const created = await t.gql(CreateSessionDocument, { input: {} }, user.key);
      heard.add(created.data?.createSession.session.id as string);
      await new Promise((r) => setTimeout(r, 100));
    }
    const all = await Promise.all(tabs.map((tab) => tab.done));
    for (const events of all)
      expect(heard.has(events[0]?.sessionsChanged.sessionId ?? '')).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  } finally {
    process.off('warning', onWarning);
  }
});
