import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * The GraphQL-over-HTTP spec audits of graphql-http (the reference implementation's suite)
 * against the running app: every MUST and every SHOULD passes.
 *
 * The audits send `{ __typename }` and `{ __typename }`-like operations. `__typename` needs no
 * credential (it reads no data), so they pass with an API key and without one alike. The MAY audits
 * that send GET requests without a custom header fail on purpose: CSRF prevention refuses them
 * (403), see limits-and-auth.test.ts.
 */

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await startTestApp();
  key = (await t.user()).key;
});
afterAll(async () => {
  await t?.close();
});

const withKey = (token: string | null): typeof fetch => {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
};

async function run(token: string | null): Promise<AuditResult[]> {
  const audits = serverAudits({ url: () => t.url, fetchFn: withKey(token) });
  const results: AuditResult[] = [];
  for (const audit of audits) results.push(await audit.fn());
  return results;
}

const failures = (results: AuditResult[]) =>
  results.flatMap((r) => (r.status === 'ok' ? [] : [`${r.id} ${r.name}: ${r.reason}`]));

describe('graphql-http server audits', () => {
  it('passes every MUST and SHOULD audit with an API key', async () => {
    const results = await run(key);
    const musts = results.filter((r) => r.name.startsWith('MUST'));
    expect(musts.length).toBeGreaterThan(10);
    expect(failures(musts)).toEqual([]);
    expect(failures(results.filter((r) => r.name.startsWith('SHOULD')))).toEqual([]);
  });

  it('passes every MUST audit without a credential too', async () => {
    const musts = (await run(null)).filter((r) => r.name.startsWith('MUST'));
    expect(failures(musts)).toEqual([]);
  });
});
