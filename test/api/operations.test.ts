import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import { collect, startTestApp, type TestApp } from '../helpers/app.js';
import { until } from '../helpers/events.js';
import { routedModel, textChunks } from '../helpers/mock-model.js';
import { TestSendMessage, TestSessionEvents } from '../helpers/operations.js';

/** What an operator scrapes and probes: GET /health and GET /metrics (Prometheus text). */

const ANSWER = Array.from({ length: 12 }, (_, i) => `word${i}`).join(' ');
const mock = routedModel(() => ({ chunks: textChunks(ANSWER), delayMs: 60 }));

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await startTestApp({ model: mock.model });
  key = (await t.user()).key;
});
afterAll(async () => {
  await t?.close();
});

const origin = () => new URL(t.url).origin;

/** The sum of a metric's samples whose labels include `labels` (0 when there are none). */
async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${origin()}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) {
      sum += Number(match[3]);
    }
  }
  return sum;
}

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition never held');
}

describe('operations endpoints', () => {
  it('GET /health reports the database, pub/sub and model without a credential', async () => {
    const res = await fetch(`${origin()}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({
      status: 'OK',
      database: 'OK',
      databaseKind: t.db.url ? 'postgres' : 'pglite',
      pubsub: 'OK',
      pubsubKind: process.env.TEST_REDIS_URL ? 'redis' : 'memory',
      model: 'mock',
    });
  });

  it('GET /metrics counts requests by operation, with their durations', async () => {
    const labels = { operationName: 'MetricsProbe' };
    const before = await metric('graphql_envelop_request_duration_count', labels);
    const probe = graphql(`
      query MetricsProbe {
        viewer { id }
      }
    `);
    for (let i = 0; i < 3; i += 1) {
      const res = await t.gql(probe, {}, key);
      expect(res.errors).toBeUndefined();
    }
    expect(await metric('graphql_envelop_request_duration_count', labels)).toBe(before + 3);
    expect(await metric('graphql_envelop_request_duration_sum', labels)).toBeGreaterThan(0);
    expect(await metric('graphql_yoga_http_duration_count')).toBeGreaterThan(0);
  });

  it('GET /metrics follows open subscriptions, running turns and streamed deltas', async () => {
    const created = await t.gql(CreateSessionDocument, { input: {} }, key);
    const id = created.data!.createSession.session.id;
    const subscriptions = await metric('chat_active_subscriptions');
    const streamed = await metric('chat_streamed_deltas_total');

    const client = t.ws(key);
    const feed = collect(client, TestSessionEvents, { id, after: 0 }, until('TurnFinished'));
    await waitFor(async () => (await metric('chat_active_subscriptions')) === subscriptions + 1);

    const sent = await t.gql(TestSendMessage, { id, text: 'count me' }, key);
    expect(sent.errors).toBeUndefined();
    // 12 words 60 ms apart: the turn is still running when it is scraped.
    expect(await metric('chat_running_turns')).toBe(1);
    await feed.done;
    await waitFor(async () => (await metric('chat_running_turns')) === 0);
    expect(await metric('chat_streamed_deltas_total')).toBe(streamed + 12);

    await client.dispose();
    await waitFor(async () => (await metric('chat_active_subscriptions')) === subscriptions);
  });
});
