import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { ok, request } from './support.js';

/**
 * Issue 12, points 3 and 4 (metrics): what GET /metrics shows, and to whom.
 *
 * The contract the fix must meet:
 * - Metric labels carry operation names (and type, method, status), never the request URL, its
 *   query string, the query text or variables: no `url` label at all.
 * - The operationName label has a bounded set of values: at most 100 distinct names per process
 *   (`METRICS_MAX_OPERATION_NAMES`, default 100); every other name is counted under one shared
 *   value, so counts are folded, never dropped.
 * - `METRICS_TOKEN` set: GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`; without it,
 *   with another token or with a user's API key the answer is 401 and carries no metric. Unset,
 *   /metrics stays open as today. GraphQL itself does not need the metrics token.
 */

const metricsUrl = (t: TestApp) => `${new URL(t.url).origin}/metrics`;

/** `name{labels} value` lines of a Prometheus text body. */
function samples(text: string) {
  const out: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, k, v] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[k as string] = v as string;
    }
    out.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return out;
}

describe('/metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp();
    key = (await t.user()).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('labels by operation name only: no URL, query string, query text or variables', async () => {
    const marker = `personal-${randomUUID()}`;
    const query =
      'query LabelProbe($x: String) { health { status } sessions(filter: { search: $x }) { totalCount } }';
    const params = new URLSearchParams({
      query,
      variables: JSON.stringify({ x: marker }),
      email: `${marker}@example.com`,
    });
    const get = await request(`${t.url}?${params}`, {
      headers: { 'x-graphql-yoga-csrf': '1', authorization: `Bearer ${key}` },
    });
    expect(get.status).toBe(200);
    await ok(t.url, query, { x: `${marker}-post` }, { token: key });

    const res = await request(metricsUrl(t));
    expect(res.status).toBe(200);
    expect(res.text).toContain('chat_running_turns');
    // Booleans: the failure message should not be the whole exposition.
    for (const secret of [marker, 'query=', 'health { status }']) {
      const line = res.text.split('\n').find((l) => l.includes(secret));
      expect(line?.slice(0, 300), `a line shows ${secret}`).toBeUndefined();
    }
    const parsed = samples(res.text);
    expect(parsed.filter((s) => 'url' in s.labels).map((s) => s.name)).toEqual([]);
    expect(parsed.some((s) => s.labels.operationName === 'LabelProbe')).toBe(true);
  });

  it('keeps at most 100 operation names; the rest are folded into one value, not dropped', async () => {
    const countsOf = async () =>
      samples((await request(metricsUrl(t))).text).filter(
        (s) => s.name === 'graphql_envelop_request_duration_count',
      );
    const total = (rows: { value: number }[]) => rows.reduce((sum, s) => sum + s.value, 0);
    const before = total(await countsOf());
    const names = 150;
    for (let i = 0; i < names; i += 1) {
      await ok(
        t.url,
        `query Card${i}x${randomUUID().slice(0, 8)} { health { status } }`,
        {},
        {
          token: key,
        },
      );
    }
    const after = await countsOf();
    const distinct = new Set(after.map((s) => s.labels.operationName));
    expect(distinct.size).toBeLessThanOrEqual(101);
    expect(total(after) - before).toBe(names);
    // The whole exposition stays small, whatever the names.
    const all = samples((await request(metricsUrl(t))).text);
    expect(
      new Set(all.map((s) => s.labels.operationName).filter(Boolean)).size,
    ).toBeLessThanOrEqual(101);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const TOKEN = `metrics-${randomUUID()}`;
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
    key = (await t.user()).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 401 without the token, with another one or with an API key; 200 with it', async () => {
    for (const [name, headers] of [
      ['no header', {}],
      ['wrong token', { authorization: 'Bearer not-the-metrics-token' }],
      ['a user API key', { authorization: `Bearer ${key}` }],
      ['the token without Bearer', { authorization: TOKEN }],
    ] as [string, Record<string, string>][]) {
      const res = await request(metricsUrl(t), { headers });
      expect(res.status, name).toBe(401);
      expect(/chat_running_turns|process_cpu/.test(res.text), `${name}: metrics shown`).toBe(false);
    }
    const res = await request(metricsUrl(t), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.text).toContain('chat_running_turns');
    // GraphQL does not need the metrics token.
    expect((await ok(t.url, '{ viewer { id } }', {}, { token: key })).viewer.id).toBeTruthy();
  });
});
