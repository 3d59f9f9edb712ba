import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { scriptedModel, textChunks } from '../helpers/mock-model.js';
import { TestSendMessage, TestSessionEvents, TestSessionsChanged } from '../helpers/operations.js';

const ANSWER = 'Server-sent events carry the same stream as the WebSocket.';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ model: scriptedModel([textChunks(ANSWER)], 2).model });
});
afterAll(async () => {
  await t?.close();
});

/** Reads `data:` lines of an SSE response until `stop` says so. */
async function readSse(res: Response, stop: (data: any) => boolean): Promise<any[]> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const out: any[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('');
      if (data) {
        const parsed = JSON.parse(data);
        out.push(parsed);
        if (stop(parsed)) {
          await reader.cancel();
          return out;
        }
      }
      end = buffer.indexOf('\n\n');
    }
  }
}

describe('subscriptions over Yoga SSE', () => {
  it('streams sessionEvents over text/event-stream with the same auth and result', async () => {
    const alice = await t.user();
    const created = await t.gql(CreateSessionDocument, { input: {} }, alice.key);
    const id = created.data!.createSession.session.id;
    const res = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${alice.key}`,
      },
      body: JSON.stringify({
        query: TestSessionEvents.toString(),
        variables: { id, after: 0 },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reading = readSse(res, (d) => d.data?.sessionEvents.__typename === 'TurnFinished');
    await t.gql(TestSendMessage, { id, text: 'hi' }, alice.key);
    const events = (await reading).map((d) => d.data.sessionEvents);
    const text = events
      .filter((e) => e.__typename === 'TextDelta')
      .map((e) => e.delta)
      .join('');
    expect(text).toBe(ANSWER);
    expect(events.at(-1).message.text).toBe(ANSWER);
  });

  it('refuses an SSE subscription without a token with UNAUTHENTICATED', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: TestSessionsChanged.toString() }),
    });
    const events = await readSse(res, () => true);
    expect(events[0].errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
