import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp, type TestApp } from '../helpers/app.js';
import { scriptedModel, textChunks } from '../helpers/mock-model.js';

const EVENTS = `subscription($id: ID!, $after: Int) {
  sessionEvents(sessionId: $id, afterSeq: $after) {
    __typename seq sessionId turnId
    ... on TextDelta { delta messageId }
    ... on TurnFinished { message { id text } turn { status finishReason usage { inputTokens outputTokens totalTokens } } }
    ... on TurnStarted { userMessage { text } turn { status } }
    ... on StepFinished { step finishReason }
  }
}`;

const ANSWER = 'Here is a long answer that streams word by word to the client.';
let t: TestApp;
beforeAll(async () => {
  const { model } = scriptedModel([textChunks(ANSWER)], 5);
  t = await startTestApp({ model });
});
afterAll(async () => {
  await t?.close();
});

describe('a streamed turn', () => {
  it('streams deltas that add up to the stored answer, with contiguous seqs', async () => {
    const alice = await t.user();
    const created = await t.gql('mutation { createSession(input: {}) { session { id } } }', {}, alice.key);
    const id = created.data?.createSession.session.id;
    const client = t.ws(alice.key);
    const sub = collect(client, EVENTS, { id }, (e: any) => e.sessionEvents.__typename === 'TurnFinished');
    await new Promise((r) => setTimeout(r, 100));
    const sent = await t.gql(
      'mutation($id: ID!) { sendMessage(input: { sessionId: $id, text: "hello there" }) { turn { id status } userMessage { text } } }',
      { id },
      alice.key,
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.sendMessage.turn.status).toBe('RUNNING');
    const events = (await sub.done).map((e: any) => e.sessionEvents);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect(events[0].__typename).toBe('TurnStarted');
    const text = events.filter((e) => e.__typename === 'TextDelta').map((e) => e.delta).join('');
    expect(text).toBe(ANSWER);
    const finished = events.at(-1);
    expect(finished.message.text).toBe(ANSWER);
    expect(finished.turn.status).toBe('COMPLETED');
  });
});
