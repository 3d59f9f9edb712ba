import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import { collect, startTestApp, type TestApp } from '../helpers/app.js';
import { TestSessionEvents as EVENTS, TestSendMessage } from '../helpers/operations.js';

/** The offline `local` model end to end: no mock, the real tools over the seeded catalog. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Ev = Record<string, any>;

describe('the local model', () => {
  it('searches the catalog for "running shoes under $120" and answers from the results', async () => {
    const alice = await t.user();
    const created = await t.gql(CreateSessionDocument, { input: {} }, alice.key);
    const id = created.data!.createSession.session.id;
    const sub = collect(t.ws(alice.key), EVENTS, { id, after: 0 }, (e: Ev) =>
      ['SessionUpdated', 'TurnFailed'].includes(e.sessionEvents.__typename),
    );
    const sent = await t.gql(
      TestSendMessage,
      { id, text: 'find me running shoes under $120' },
      alice.key,
    );
    expect(sent.errors).toBeUndefined();
    const all = (await sub.done).map((e: Ev) => e.sessionEvents as Ev);
    expect(sub.errors).toEqual([]);
    const events = all.slice(0, all.findIndex((e) => e.__typename === 'SessionUpdated') + 1);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i));

    const called = events.filter((e) => e.__typename === 'ToolCalled');
    expect(called).toHaveLength(1);
    expect(called[0]).toMatchObject({ toolName: 'searchProducts', input: { maxPrice: 120 } });
    expect(called[0]?.input.query).toMatch(/running shoes/);
    const resulted = events.find((e) => e.__typename === 'ToolResulted') as Ev;
    expect(resulted.toolCallId).toBe(called[0]?.toolCallId);
    const products = resulted.output.products as { id: string; name: string; price: number }[];
    expect(products.length).toBeGreaterThan(0);
    for (const p of products) expect(p.price).toBeLessThanOrEqual(120);
    const inDb = await t.db.prisma.product.findMany({
      where: { id: { in: products.map((p) => p.id) } },
    });
    expect(inDb).toHaveLength(products.length);
    for (const row of inDb) expect(row.priceCents).toBeLessThanOrEqual(12_000);
    expect(products.some((p) => /running shoes/i.test(p.name))).toBe(true);

    const finished = events.find((e) => e.__typename === 'TurnFinished') as Ev;
    expect(finished.turn).toMatchObject({
      status: 'COMPLETED',
      model: 'local',
      finishReason: 'stop',
    });
    const text = finished.message.text as string;
    const streamed = events
      .filter((e) => e.__typename === 'TextDelta')
      .map((e) => e.delta)
      .join('');
    expect(streamed).toBe(text);
    expect(products.some((p) => text.includes(p.name))).toBe(true);
    expect(
      events.filter((e) => e.__typename === 'StepFinished').map((e) => e.finishReason),
    ).toEqual(['tool-calls', 'stop']);
    expect(events.at(-1)?.session.title).toBe('find me running shoes under $120');
  });
});
