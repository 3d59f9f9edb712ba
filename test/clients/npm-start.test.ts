import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import { collect } from '../helpers/app.js';
import { TestSessionEvents as EVENTS, TestSendMessage as SEND } from '../helpers/operations.js';
import {
  postGraphQL,
  type ServerProcess,
  startServerProcess,
  wsClient,
} from '../helpers/server-process.js';

/**
 * What `npm start` runs (scripts/start.mjs): the server bundled into dist/ and the embedded
 * database template, built when missing or stale, then a whole turn through the built server:
 * HTTP, graphql-ws, the local model and its tool, the stored answer, the web page and GraphiQL.
 * Everything else tests the sources; this is the one test of what users start.
 */
describe('npm start (the built server)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let client: Client | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'npm-start-'));
    // Building (esbuild and the template's migrations) comes first on a fresh clone.
    server = await startServerProcess(
      { DATA_DIR: dataDir, NODE_ENV: 'development', LOCAL_MODEL_DELAY_MS: '0' },
      240_000,
      ['scripts/start.mjs'],
    );
  }, 300_000);
  afterAll(async () => {
    await client?.dispose();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('serves a turn end to end with the development key of a new data folder', async () => {
    const key = (await readFile(path.join(dataDir, 'dev-api-key'), 'utf8')).trim();
    const created = await postGraphQL(server.url, CreateSessionDocument, { input: {} }, key);
    expect(created.errors).toBeUndefined();
    const id = created.data?.createSession.session.id as string;

    client = wsClient(server.url, key);
    const events = collect(client, EVENTS, { id, after: 0 }, (e) =>
      ['TurnFinished', 'TurnFailed'].includes(e.sessionEvents.__typename),
    );
    const sent = await postGraphQL(
      server.url,
      SEND,
      { id, text: 'find me running shoes under $120' },
      key,
    );
    expect(sent.errors).toBeUndefined();
    const all = (await events.done).map((e) => e.sessionEvents);
    const types = all.map((e) => e.__typename);
    expect(types).toContain('ToolResulted');
    expect(types).toContain('TurnFinished');
    expect(types).not.toContain('TurnFailed');
    const answer = all
      .filter((e) => e.__typename === 'TextDelta')
      .map((e) => (e as { delta: string }).delta)
      .join('');
    expect(answer.length).toBeGreaterThan(20);

    const page = await fetch(server.url.replace('/graphql', '/'));
    expect(page.status).toBe(200);
    const graphiql = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toMatch(/graphiql/i);
  });
});
