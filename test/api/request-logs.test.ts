import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SessionsPageDocument } from '../../client/generated/graphql.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';

/**
 * What the server's log says about requests a client got wrong: one line at info (not error),
 * with the request id the response names, and answers that say what to do instead.
 */
interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  errors?: { code: string; message: string }[];
}
const INFO = 30;
const ERROR = 50;

let t: TestApp;
let alice: TestUser;
const lines: LogLine[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _encoding, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  }),
);

beforeAll(async () => {
  t = await startTestApp({ logger });
  alice = await t.user();
});
afterAll(async () => {
  await t?.close();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(t.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${alice.key}`,
      ...headers,
    },
    body,
  });

/** The lines logged since `from` at warn or above, and the ones naming the request id. */
function logged(from: number, requestId: string) {
  const since = lines.slice(from);
  return {
    loud: since.filter((l) => l.level >= 40),
    forRequest: since.filter((l) => l.requestId === requestId),
  };
}

describe('logs of refused requests', () => {
  it.each([
    ['an unknown field', '{"query":"{ nope }"}'],
    ['a syntax error', '{"query":"{ viewer { id } "}'],
    ['a body that is not JSON', '{bad json'],
  ])('%s: one info line with the request id, nothing at error', async (_, body) => {
    const from = lines.length;
    const response = await post(body, { 'x-request-id': `req-${from}` });
    const answer = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(answer.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(response.headers.get('x-request-id')).toBe(`req-${from}`);
    const { loud, forRequest } = logged(from, `req-${from}`);
    expect(loud).toEqual([]);
    expect(forRequest).toHaveLength(1);
    expect(forRequest[0]).toMatchObject({ level: INFO, msg: 'request refused' });
    expect(forRequest[0]?.errors?.[0]?.code).toBe('BAD_USER_INPUT');
  });

  it('gives a request without X-Request-ID an id of its own, in the response and the log', async () => {
    const from = lines.length;
    const response = await post('{"query":"{ nope }"}');
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged(from, id as string).forRequest).toHaveLength(1);
  });

  it('logs nothing for a request that succeeds', async () => {
    const from = lines.length;
    const response = await post(JSON.stringify({ query: SessionsPageDocument.toString() }), {
      'x-request-id': 'fine-1',
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(logged(from, 'fine-1').forRequest).toEqual([]);
    expect(lines.slice(from).filter((l) => l.level >= INFO)).toEqual([]);
  });

  it('CSRF: FORBIDDEN, naming the headers to send; logged once at info', async () => {
    const from = lines.length;
    const response = await fetch(`${t.url}?query=${encodeURIComponent('{ health { status } }')}`, {
      headers: { 'x-request-id': 'csrf-1' },
    });
    expect(response.status).toBe(403);
    const answer = (await response.json()) as {
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(answer.errors[0]?.extensions.code).toBe('FORBIDDEN');
    expect(answer.errors[0]?.message).toContain('X-GraphQL-Yoga-CSRF');
    expect(answer.errors[0]?.message).toContain('Content-Type: application/json');
    const { loud, forRequest } = logged(from, 'csrf-1');
    expect(loud).toEqual([]);
    expect(forRequest).toMatchObject([{ level: INFO, errors: [{ code: 'FORBIDDEN' }] }]);
  });

  it('CSRF: a form post from another page is refused as well', async () => {
    const response = await post('query=%7B+health+%7B+status+%7D+%7D', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(403);
  });

  it('a wrong key on a WebSocket closes it with 4403 and a reason that says what is wrong', async () => {
    const close = (payload: Record<string, unknown>) =>
      new Promise<{ code: number; reason: string }>((resolve, reject) => {
        const socket = new WebSocket(t.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
        socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
        socket.on('error', reject);
      });
    const wrong = await close({ authorization: 'Bearer not-a-real-key' });
    expect(wrong).toEqual({
      code: 4403,
      reason: 'Forbidden: the credential is invalid, expired or revoked',
    });
    const none = await close({});
    expect(none.code).toBe(4403);
    expect(none.reason).toContain('connectionParams.authorization');
  });

  it('an unexpected error is logged once at error level, with the request id', async () => {
    const from = lines.length;
    const original = t.app.services.sessions.list;
    t.app.services.sessions.list = () => Promise.reject(new Error('disk on fire'));
    try {
      const response = await post(JSON.stringify({ query: SessionsPageDocument.toString() }), {
        'x-request-id': 'boom-1',
      });
      const answer = (await response.json()) as { errors: { message: string }[] };
      expect(answer.errors[0]?.message).toBe('Internal server error');
    } finally {
      t.app.services.sessions.list = original;
    }
    const errors = lines.slice(from).filter((l) => l.level >= ERROR);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.requestId).toBe('boom-1');
  });
});
