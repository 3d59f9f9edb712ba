import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { CreateSessionDocument, type TypedDocumentString } from '../../client/generated/graphql.js';
import { clip } from '../../src/chat/models/local-answers.js';
import { collect } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { deltas, type Ev, eventsOf } from '../helpers/events.js';
import { TestSessionEvents as EVENTS, TestSendMessage as SEND } from '../helpers/operations.js';
import {
  childEnv,
  postGraphQL,
  ROOT,
  type ServerProcess,
  startServerProcess,
  wsClient,
} from '../helpers/server-process.js';

/**
 * A server killed with SIGKILL in the middle of a turn: the restarted server finds the turn by
 * its expired lease, ends it INTERRUPTED with the checkpointed partial answer, and the session
 * takes new messages. Embedded PGlite in a folder of its own by default; PostgreSQL (a database
 * of its own) with TEST_DATABASE_URL.
 */

const LEASE_MS = 1500;
const CHECKPOINT_MS = 200;
const WORD_DELAY_MS = 40;

const LONG_TEXT = `tell me about ${Array.from({ length: 30 }, (_, i) => `subject${i}`).join(' ')}`;
const ANSWER = `I am the offline local model, not a real language model. You said: "${clip(LONG_TEXT, 25)}"`;

const SESSION = graphql(`
  query CrashTestSession($id: ID!) {
    session(id: $id) {
      state lastEventSeq activeTurn { id }
      messages { edges { node { role text turn { id status } } } }
    }
  }
`);
const TURN = graphql(`
  query CrashTestTurn($id: ID!) {
    node(id: $id) {
      ... on Turn { status finishReason error { code message } assistantMessage { role text } }
    }
  }
`);

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a server killed in the middle of a turn', () => {
  let dataDir: string;
  let db: TestDatabase | undefined;
  let env: Record<string, string>;
  let key: string;
  const servers: ServerProcess[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'chat-crash-'));
    env = {
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      LOCAL_MODEL_DELAY_MS: String(WORD_DELAY_MS),
      TURN_CHECKPOINT_MS: String(CHECKPOINT_MS),
      TURN_LEASE_MS: String(LEASE_MS),
    };
    if (process.env.TEST_DATABASE_URL) {
      db = await createTestDatabase();
      env.DATABASE_URL = db.url as string;
    } else {
      // The run's migrated and seeded template as the server's folder: saves an initdb and the
      // migrations (the CLI and the server still check them).
      await mkdir(path.join(dataDir, 'pglite'));
      await run('tar', ['-xzf', inject('pgliteTemplate'), '-C', path.join(dataDir, 'pglite')]);
    }
    // npm run -s user:create -- --name crash, before the server holds the folder: the key is the
    // last line of stdout.
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/user-create.ts', '--name', 'crash'],
      { cwd: ROOT, env: childEnv(env), timeout: 90_000 },
    );
    key = stdout.trim().split('\n').at(-1) as string;
    expect(key).toMatch(/^csk_/);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    for (const server of servers) await server.stop();
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  const start = async () => {
    const server = await startServerProcess(env);
    servers.push(server);
    return server;
  };
  const ok = async <TResult, TVariables>(
    server: ServerProcess,
    query: TypedDocumentString<TResult, TVariables>,
    vars: TVariables,
  ) => {
    const res = await postGraphQL(server.url, query, vars, key);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!;
  };
  const ws = (server: ServerProcess) => {
    const client = wsClient(server.url, key);
    clients.push(client);
    return client;
  };

  it('ends the turn INTERRUPTED with the partial answer, and the session works again', async () => {
    const first = await start();
    const { createSession } = await ok(first, CreateSessionDocument, {
      input: { title: 'Crash' },
    });
    const id = createSession.session.id;
    const feed = collect(ws(first), EVENTS, { id, after: 0 }, () => false, 30_000);
    feed.done.catch(() => {});
    const { sendMessage } = await ok(first, SEND, { id, text: LONG_TEXT });
    const turnId = sendMessage!.turn.id as string;
    const sentAt = Date.now();

    // Some words streamed and at least two checkpoints passed, far from the end of the answer.
    for (;;) {
      const streamed = eventsOf(feed.events).filter((e) => e.__typename === 'TextDelta').length;
      if (streamed >= 5 && Date.now() - sentAt >= 2 * CHECKPOINT_MS + 100) break;
      if (Date.now() - sentAt > 20_000) throw new Error(`only ${streamed} deltas streamed`);
      await sleep(10);
    }
    await first.crash();
    const seen = eventsOf(feed.events);
    const streamed = deltas(seen);
    expect(seen.map((e) => e.__typename)).not.toContain('TurnFinished');
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed.length).toBeLessThan(ANSWER.length);
    expect(ANSWER.startsWith(streamed)).toBe(true);

    const second = await start();
    const listening = Date.now();
    // Found at listen or by the periodic sweep once the lease has run out.
    let turn: Ev = {};
    while (Date.now() - listening < LEASE_MS + 3000) {
      turn = (await ok(second, TURN, { id: turnId })).node as Ev;
      if (turn.status !== 'RUNNING') break;
      await sleep(100);
    }
    expect(turn.status).toBe('INTERRUPTED');
    expect(turn.finishReason).toBe('interrupted');
    expect(turn.error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(turn.assistantMessage.role).toBe('ASSISTANT');
    const kept = turn.assistantMessage.text as string;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(ANSWER.length);
    expect(ANSWER.startsWith(kept)).toBe(true);

    // The recovering process announced the end: a TurnFailed for that turn, which a client
    // resuming from the last seq it saw before the crash receives.
    const lastSeen = Math.max(...seen.map((e) => e.seq as number));
    const replay = collect(ws(second), EVENTS, { id, after: lastSeen }, (e) =>
      ['TurnFailed'].includes(e.sessionEvents.__typename),
    );
    const failed = eventsOf(await replay.done).at(-1) as Ev;
    expect(failed).toMatchObject({
      __typename: 'TurnFailed',
      turnId,
      turn: { status: 'INTERRUPTED' },
      error: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(failed.seq).toBeGreaterThan(lastSeen);

    const session = (await ok(second, SESSION, { id })).session!;
    expect(session.state).toBe('IDLE');
    expect(session.lastEventSeq).toBeGreaterThanOrEqual(failed.seq);
    expect(session.activeTurn).toBeNull();
    expect(session.messages.edges.map((e: Ev) => [e.node.role, e.node.text])).toEqual([
      ['USER', LONG_TEXT],
      ['ASSISTANT', kept],
    ]);

    // The documented way in: subscribe from lastEventSeq, then send.
    const next = collect(
      ws(second),
      EVENTS,
      { id, after: session.lastEventSeq },
      (e) => ['TurnFinished', 'TurnFailed'].includes(e.sessionEvents.__typename),
      20_000,
    );
    const again = await ok(second, SEND, { id, text: 'hello again' });
    expect(again.sendMessage!.turn.status).toBe('RUNNING');
    const events = eventsOf(await next.done, 'TurnFinished');
    const end = events.at(-1) as Ev;
    expect(end.__typename).toBe('TurnFinished');
    expect(end.turn.status).toBe('COMPLETED');
    expect(end.message.text).toBe(deltas(events));
    expect(end.message.text).toContain('hello again');
    const after = (await ok(second, SESSION, { id })).session!;
    expect(after.state).toBe('IDLE');
    expect(after.messages.edges).toHaveLength(4);
  }, 120_000);
});
