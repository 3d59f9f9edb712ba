// The clients: a separate process (started by bench/run.ts) holding real WebSocket clients of the
// server under test. `graphql-ws` clients (one socket per session for the fan-out, many
// subscriptions per socket for idle subscriptions) for the API and the graphql-ws floor; plain
// `ws` sockets for the raw floor. Receive times are read on the machine-wide monotonic clock.
import { readFile } from 'node:fs/promises';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { serveIpc } from './lib/ipc.js';
import { distribution, nowMs, round, sleep } from './lib/stats.js';
import { benchAnswer, benchPrompt, countWords } from './lib/text.js';

export type Target = 'api' | 'graphql-ws' | 'ws';

export interface BenchSession {
  /** The sessionId the server knows (a Relay global id for the API). */
  id: string;
  /** API key (API only). */
  token?: string;
  /** Names the stream in the server's emission trace. */
  tag: string;
}

const SUBSCRIPTION = /* GraphQL */ `
  subscription BenchEvents($sessionId: ID!, $afterSeq: Int) {
    sessionEvents(sessionId: $sessionId, afterSeq: $afterSeq) {
      seq
      __typename
      ... on TextDelta { delta }
      ... on TurnFinished { turnId }
      ... on TurnCancelled { turnId }
      ... on TurnFailed { error { code message } }
    }
  }
`;

const SEND = /* GraphQL */ `
  mutation BenchSend($input: SendMessageInput!) {
    sendMessage(input: $input) { turn { id status } }
  }
`;

interface EventData {
  seq: number;
  __typename: string;
  delta?: string;
  error?: { code: string; message: string };
}

/** What one session's subscriber saw. */
class Stream {
  seqs: number[] = [];
  /** Receive time and word count of each TextDelta frame. */
  recv: number[] = [];
  frameWords: number[] = [];
  text = '';
  frames = 0;
  sentAt = 0;
  doneAt = 0;
  outcome: string | undefined;
  errors: string[] = [];
  constructor(readonly session: BenchSession) {}

  onEvent(e: EventData, at: number) {
    this.frames++;
    this.seqs.push(e.seq);
    if (e.__typename === 'TextDelta' && e.delta != null) {
      this.recv.push(at);
      this.frameWords.push(countWords(e.delta));
      this.text += e.delta;
    } else if (
      !this.doneAt &&
      (e.__typename === 'TurnFinished' ||
        e.__typename === 'TurnFailed' ||
        e.__typename === 'TurnCancelled')
    ) {
      this.outcome = e.__typename;
      if (e.error) this.errors.push(`${e.error.code}: ${e.error.message}`);
      this.doneAt = at;
      onDone();
    }
  }
}

let streams: Stream[] = [];
let gqlClients: Client[] = [];
let rawSockets: WebSocket[] = [];
let target: Target = 'api';
let httpUrl = '';
let remaining = 0;
let allDone: (() => void) | undefined;
const connectionErrors: string[] = [];

function onDone() {
  remaining--;
  if (remaining === 0) allDone?.();
}

const wsUrl = (url: string) => url.replace(/^http/, 'ws');

function gqlClient(url: string, token: string | undefined, onConnected: () => void): Client {
  return createClient({
    url: wsUrl(url),
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: {
      connected: onConnected,
      closed: (e) => {
        const code = (e as { code?: number })?.code;
        if (code !== 1000 && code !== 1001) connectionErrors.push(`socket closed ${code}`);
      },
      error: (e) => connectionErrors.push(`socket error ${String((e as Error)?.message ?? e)}`),
    },
  });
}

/** Runs `fn` over items, `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i] as T, i);
      }
    }),
  );
}

async function post(url: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok && res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function closeAll() {
  for (const c of gqlClients) await c.dispose();
  for (const s of rawSockets) s.terminate();
  gqlClients = [];
  rawSockets = [];
}

serveIpc({
  usage: () => {
    const cpu = process.cpuUsage();
    return { cpuUserUs: cpu.user, cpuSystemUs: cpu.system, rss: process.memoryUsage.rss() };
  },

  /** One socket and one subscription (afterSeq 0) per session; resolves once every socket is up. */
  connect: async (args: { target: Target; url: string; sessions: BenchSession[] }) => {
    await closeAll();
    target = args.target;
    httpUrl = args.url;
    streams = args.sessions.map((s) => new Stream(s));
    connectionErrors.length = 0;
    remaining = streams.length;
    let connected = 0;
    const started = nowMs();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `only ${connected}/${streams.length} sockets connected: ${connectionErrors.slice(0, 3).join('; ')}`,
            ),
          ),
        120_000,
      );
      const up = () => {
        connected++;
        if (connected === streams.length) {
          clearTimeout(timer);
          resolve();
        }
      };
      for (const stream of streams) {
        if (target === 'ws') {
          const socket = new WebSocket(wsUrl(args.url));
          rawSockets.push(socket);
          socket.on('open', () => {
            socket.send(
              JSON.stringify({
                type: 'subscribe',
                id: '1',
                payload: { variables: { sessionId: stream.session.id, afterSeq: 0 } },
              }),
            );
            up();
          });
          socket.on('message', (data) => {
            const at = nowMs();
            const m = JSON.parse(String(data));
            if (m.type === 'next') stream.onEvent(m.payload.data.sessionEvents, at);
          });
          socket.on('error', (e) => connectionErrors.push(`socket error ${e.message}`));
          continue;
        }
        const client = gqlClient(args.url, stream.session.token, up);
        gqlClients.push(client);
        client.subscribe<{ sessionEvents: EventData }>(
          { query: SUBSCRIPTION, variables: { sessionId: stream.session.id, afterSeq: 0 } },
          {
            next: (result) => {
              const at = nowMs();
              if (result.data) stream.onEvent(result.data.sessionEvents, at);
              else if (result.errors) stream.errors.push(JSON.stringify(result.errors));
            },
            error: (e) =>
              stream.errors.push(`subscription error: ${JSON.stringify(e).slice(0, 300)}`),
            complete: () => {},
          },
        );
      }
    });
    return { sockets: streams.length, connectMs: round(nowMs() - started) };
  },

  /** Starts every session's turn (sendMessage, or POST /start on a floor); resolves when all ended. */
  send: async (args: { tokens: number; concurrency: number; timeoutMs: number }) => {
    const done = new Promise<void>((resolve) => {
      allDone = resolve;
      if (remaining === 0) resolve();
    });
    const sendErrors: string[] = [];
    let retries = 0;
    const started = nowMs();
    await pool(streams, args.concurrency, async (stream) => {
      const s = stream.session;
      stream.sentAt = nowMs();
      try {
        if (target === 'api') {
          // A network failure is retried with the same clientMessageId: the API runs it once.
          const input = {
            sessionId: s.id,
            text: benchPrompt(args.tokens, s.tag),
            clientMessageId: s.tag,
          };
          for (let attempt = 0; ; attempt++) {
            try {
              const r = await post(httpUrl, { query: SEND, variables: { input } }, s.token);
              if (r?.errors) throw new Error(JSON.stringify(r.errors).slice(0, 300));
              break;
            } catch (e) {
              const network = e instanceof TypeError; // fetch failed: reset, refused, …
              if (!network || attempt >= 3) throw e;
              retries++;
              await sleep(250 * (attempt + 1));
            }
          }
        } else {
          await post(httpUrl.replace(/\/graphql$/, '/start'), {
            sessionId: s.id,
            tag: s.tag,
            tokens: args.tokens,
          });
        }
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        sendErrors.push(
          `${String((e as Error).message ?? e)}${cause ? ` (${cause.code ?? cause.message})` : ''}`,
        );
        stream.outcome = 'send failed';
        stream.doneAt = nowMs();
        onDone();
      }
    });
    const sentAllAt = nowMs();
    const timedOut = await Promise.race([
      done.then(() => false),
      sleep(args.timeoutMs).then(() => true),
    ]);
    const finished = nowMs();
    const lastDone = Math.max(...streams.map((s) => s.doneAt || finished));
    return {
      startedAt: started,
      sendMs: round(sentAllAt - started),
      wallMs: round(lastDone - started),
      timedOut,
      unfinished: streams.filter((s) => !s.outcome).length,
      sendErrors: sendErrors.slice(0, 5),
      sendErrorCount: sendErrors.length,
      sendRetries: retries,
      connectionErrors: connectionErrors.slice(0, 5),
    };
  },

  /**
   * Checks and measures what was received: per session, the concatenated deltas against the stored
   * assistant text (API) or the known answer (floors), seqs contiguous from 1, and the latency of
   * every word from its emission (server trace) to the receipt of the frame that carried it.
   */
  report: async (args: { tokens: number; tracePath: string; verify: boolean }) => {
    const trace = JSON.parse(await readFile(args.tracePath, 'utf8')) as Record<string, number[]>;
    const expected = benchAnswer(args.tokens);
    let stored: Map<string, string | null> | undefined;
    if (args.verify && target === 'api') stored = await storedTexts();
    const latencies: number[] = [];
    const turnMs: number[] = [];
    const firstTokenMs: number[] = [];
    let frames = 0;
    let deltaFrames = 0;
    let wordsReceived = 0;
    let lost = 0;
    let duplicated = 0;
    let seqProblems = 0;
    let textMismatches = 0;
    let storedMismatches = 0;
    let traceMismatches = 0;
    const outcomes: Record<string, number> = {};
    const problems: string[] = [];
    for (const s of streams) {
      frames += s.frames;
      deltaFrames += s.recv.length;
      outcomes[s.outcome ?? 'unfinished'] = (outcomes[s.outcome ?? 'unfinished'] ?? 0) + 1;
      if (s.doneAt && s.sentAt) turnMs.push(s.doneAt - s.sentAt);
      if (s.recv.length && s.sentAt) firstTokenMs.push((s.recv[0] as number) - s.sentAt);
      // seqs: 1, 2, 3, … with no gap and no repeat
      for (let i = 0; i < s.seqs.length; i++) {
        const seq = s.seqs[i] as number;
        const prev = i === 0 ? 0 : (s.seqs[i - 1] as number);
        if (seq <= prev) duplicated++;
        else if (seq !== prev + 1) lost += seq - prev - 1;
      }
      if (s.seqs.length === 0 || s.seqs[0] !== 1) seqProblems++;
      if (s.text !== expected) {
        textMismatches++;
        if (problems.length < 5)
          problems.push(
            `${s.session.tag}: received ${countWords(s.text)} words, expected ${args.tokens}`,
          );
      }
      if (stored) {
        const text = stored.get(s.session.id);
        if (text !== s.text) {
          storedMismatches++;
          if (problems.length < 5)
            problems.push(
              `${s.session.tag}: deltas (${s.text.length} chars) ≠ stored text (${text?.length ?? 'none'} chars)`,
            );
        }
      }
      const emitted = trace[s.session.tag] ?? [];
      let w = 0;
      for (let f = 0; f < s.recv.length; f++) {
        const at = s.recv[f] as number;
        for (let k = 0; k < (s.frameWords[f] as number); k++, w++) {
          const t = emitted[w];
          if (t != null) latencies.push(at - t);
        }
      }
      wordsReceived += w;
      if (emitted.length !== w) traceMismatches++;
    }
    return {
      sessions: streams.length,
      frames,
      deltaFrames,
      wordsReceived,
      wordsExpected: streams.length * args.tokens,
      framesPerToken: round(deltaFrames / Math.max(1, wordsReceived), 4),
      lostEvents: lost,
      duplicatedEvents: duplicated,
      sessionsNotStartingAtSeq1: seqProblems,
      textMismatches,
      storedTextChecked: Boolean(stored),
      storedMismatches,
      traceMismatches,
      outcomes,
      problems,
      latencyMs: distribution(latencies),
      turnMs: distribution(turnMs),
      firstTokenMs: distribution(firstTokenMs),
    };
  },

  close: async () => {
    await closeAll();
    streams = [];
    return true;
  },

  /** Idle subscriptions: `perSocket` live-only subscriptions on each socket (one user per socket). */
  idleOpen: async (args: { url: string; sockets: { token: string; sessionIds: string[] }[] }) => {
    await closeAll();
    connectionErrors.length = 0;
    let connected = 0;
    let failed = 0;
    const started = nowMs();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${connected}/${args.sockets.length} sockets connected`)),
        120_000,
      );
      for (const socket of args.sockets) {
        const client = gqlClient(args.url, socket.token, () => {
          connected++;
          if (connected === args.sockets.length) {
            clearTimeout(timer);
            resolve();
          }
        });
        gqlClients.push(client);
        for (const sessionId of socket.sessionIds) {
          client.subscribe(
            { query: SUBSCRIPTION, variables: { sessionId } },
            { next: () => {}, error: () => failed++, complete: () => {} },
          );
        }
      }
    });
    return {
      connectMs: round(nowMs() - started),
      failed,
      connectionErrors: connectionErrors.slice(0, 5),
    };
  },
  idleFailed: () => connectionErrors.length,

  /** Subscription errors so far (the runner stops waiting at the first one). */
  status: () => {
    const errors = streams.flatMap((s) => s.errors);
    return {
      errors: errors.length,
      first: errors.slice(0, 3),
      connectionErrors: connectionErrors.slice(0, 3),
    };
  },

  stop: () => {
    setImmediate(() => void closeAll().finally(() => process.exit(0)));
  },
});

/** The stored assistant text of every session (its last message), 20 sessions per request. */
async function storedTexts(): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const byToken = new Map<string, BenchSession[]>();
  for (const s of streams) {
    const list = byToken.get(s.session.token ?? '') ?? [];
    list.push(s.session);
    byToken.set(s.session.token ?? '', list);
  }
  const batches: { token: string; sessions: BenchSession[] }[] = [];
  for (const [token, list] of byToken) {
    for (let i = 0; i < list.length; i += 20)
      batches.push({ token, sessions: list.slice(i, i + 20) });
  }
  await pool(batches, 8, async (batch) => {
    const fields = batch.sessions
      .map((s, i) => `s${i}: session(id: ${JSON.stringify(s.id)}) { lastMessage { role text } }`)
      .join('\n');
    const body = { query: `query BenchStored {\n${fields}\n}` };
    const r = await post(httpUrl, body, batch.token).catch(async (e) => {
      if (!(e instanceof TypeError)) throw e;
      await sleep(500); // a read: safe to retry once after a network failure
      return post(httpUrl, body, batch.token);
    });
    batch.sessions.forEach((s, i) => {
      const m = r?.data?.[`s${i}`]?.lastMessage;
      out.set(s.id, m?.role === 'ASSISTANT' ? m.text : null);
    });
  });
  return out;
}
