import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import { loadConfig } from '../../src/config.js';
import { collect, startTestApp, type TestApp } from '../helpers/app.js';
import { deltas, type Ev, eventsOf, expectContiguous, until } from '../helpers/events.js';
import { routedModel, textChunks } from '../helpers/mock-model.js';
import { TestSessionEvents as EVENTS, TestSendMessage } from '../helpers/operations.js';

/** A model that writes 40 words 5 ms apart: faster than the default window. */
const WORDS = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
const mock = routedModel(() => ({ chunks: textChunks(WORDS), delayMs: 5 }));

const DEFAULT_WINDOW = loadConfig({}).streamCoalesceMs;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    model: mock.model,
    env: { STREAM_COALESCE_MS: String(DEFAULT_WINDOW) },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('delta coalescing with the default settings', () => {
  it('is on by default, with a window readers do not notice', () => {
    expect(DEFAULT_WINDOW).toBeGreaterThan(0);
    expect(DEFAULT_WINDOW).toBeLessThanOrEqual(50);
  });

  it('streams fewer, larger TextDeltas that add up to exactly the stored answer', async () => {
    const user = await t.user();
    const created = await t.gql(CreateSessionDocument, { input: {} }, user.key);
    const id = created.data!.createSession.session.id;
    const feed = collect(t.ws(user.key), EVENTS, { id, after: 0 }, until('TurnFinished'));
    await new Promise((r) => setTimeout(r, 100));
    const sent = await t.gql(TestSendMessage, { id, text: 'hi' }, user.key);
    expect(sent.errors).toBeUndefined();
    const events = eventsOf(await feed.done, 'TurnFinished');
    expectContiguous(events.map((e: Ev) => e.seq));
    const textDeltas = events.filter((e: Ev) => e.__typename === 'TextDelta');
    expect(deltas(events)).toBe(WORDS);
    expect(events.at(-1)?.message.text).toBe(WORDS);
    expect(textDeltas.length).toBeGreaterThan(1);
    expect(textDeltas.length).toBeLessThan(20);
  });
});
