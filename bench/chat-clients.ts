// The clients of the provider and turns scenarios: a separate process (started by bench/run.ts)
// that plays C users chatting at once, each as a real client of its server would:
// - the project: createSession over HTTP, sessionEvents(sessionId, afterSeq: 0) over graphql-ws
//   (one socket per chat), sendMessage over HTTP, then the events until TurnFinished / TurnFailed /
//   TurnCancelled (and the SessionUpdated that carries the generated title);
// - the reference: POST /api/chat and its SSE UI message stream (text-delta chunks) to [DONE].
// Receive times are read on the machine-wide monotonic clock (the provider's clock). The servers'
// CPU is read from /proc at the first request, when the last turn ends and once the titles are in.

import { readFile } from 'node:fs/promises';
import { connect, type NetConnectOpts } from 'node:net';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { serveIpc } from './lib/ipc.js';
import { type CpuSample, OutsideCpu, peakRssMB, resetPeakRss, rssMB } from './lib/proc.js';
import { PROVIDER_WORD, providerText } from './lib/provider-words.js';
import { distribution, nowMs, round, sleep } from './lib/stats.js';

export type ChatTarget = 'reference' | 'project';

export interface ChatSpec {
  tag: string;
  /** API key (project only). */
  token?: string;
  /** The user message. */
  text: string;
  /** Words the provider streams for this chat (provider scenario); unset for the local model. */
  words?: number;
}

export interface RunArgs {
  target: ChatTarget;
  /** reference: http://host:port; project: http://host:port/graphql */
  url: string;
  chats: ChatSpec[];
  /** Wait for the generated title (project) after the turn ends, up to titleWaitMs. */
  waitTitle: boolean;
  titleWaitMs: number;
  timeoutMs: number;
  serverPid: number;
  providerPid?: number;
  /** PostgreSQL database whose backends' CPU is measured too. */
  pgDatabase?: string;
}

const CREATE = /* GraphQL */ `
  mutation BenchCreate { createSession(input: {}) { session { id } } }
`;
const SEND = /* GraphQL */ `
  mutation BenchSend($input: SendMessageInput!) { sendMessage(input: $input) { turn { id } } }
`;
const EVENTS = /* GraphQL */ `
  subscription BenchChat($sessionId: ID!) {
    sessionEvents(sessionId: $sessionId, afterSeq: 0) {
      seq
      __typename
      ... on TextDelta { delta }
      ... on ToolCalled { toolName }
      ... on TurnFinished { message { text } }
      ... on TurnCancelled { message { text } }
      ... on TurnFailed { error { code message } }
      ... on SessionUpdated { session { title } }
    }
  }
`;

interface EventData {
  seq: number;
  __typename: string;
  delta?: string;
  toolName?: string;
  message?: { text: string } | null;
  error?: { code: string; message: string };
  session?: { title: string | null };
}

// WebSockets get fetch's (undici's) limits: 10 s to connect (TCP), then 300 s for the response,
// so a connect timeout means the same thing for every request of a chat.
const CONNECT_TIMEOUT_MS = 10_000;
const RESPONSE_TIMEOUT_MS = 300_000;
class BenchWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, {
      handshakeTimeout: RESPONSE_TIMEOUT_MS,
      createConnection: ((options: NetConnectOpts) => {
        const socket = connect(options);
        const timer = setTimeout(() => {
          const error = Object.assign(new Error('connect timeout'), {
            code: 'UND_ERR_CONNECT_TIMEOUT',
          });
          socket.destroy(error);
        }, CONNECT_TIMEOUT_MS);
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
        return socket;
      }) as typeof connect,
    });
  }
}

/** What one chat did and saw. */
class Chat {
  startAt = 0;
  /** When the request that starts the turn (sendMessage, POST /api/chat) was sent. */
  turnRequestAt = 0;
  endAt = 0;
  /** When the generated title arrived (0: none); titleDone once none is awaited any more. */
  titleAt = 0;
  titleDone = false;
  /** Receive time of each delta frame / chunk, and the text length after it. */
  recv: number[] = [];
  ends: number[] = [];
  text = '';
  seqs: number[] = [];
  storedText: string | null = null;
  toolCalls: string[] = [];
  outcome: string | undefined;
  failure: string | undefined;
  client: Client | undefined;
  private endWaiters: (() => void)[] = [];
  private titleWaiters: (() => void)[] = [];

  constructor(readonly spec: ChatSpec) {}

  get ended() {
    return this.endAt > 0;
  }

  onDelta(delta: string, at: number) {
    if (this.ended) return;
    this.recv.push(at);
    this.text += delta;
    this.ends.push(this.text.length);
  }

  end(outcome: string, at = nowMs()) {
    if (this.ended) return;
    this.outcome = outcome;
    this.endAt = at;
    onChatEnded();
    for (const w of this.endWaiters.splice(0)) w();
  }

  fail(stage: string, kind: string) {
    if (this.ended) return;
    this.failure = `${stage}: ${kind}`;
    this.end('failed');
    this.titled(); // no title will come
  }

  /** The title arrived (at), or none is to be awaited (no argument). */
  titled(at = 0) {
    if (this.titleDone) return;
    this.titleDone = true;
    this.titleAt = at;
    for (const w of this.titleWaiters.splice(0)) w();
  }

  waitEnd(): Promise<void> {
    return this.ended ? Promise.resolve() : new Promise((r) => this.endWaiters.push(r));
  }

  waitTitle(): Promise<void> {
    return this.titleDone ? Promise.resolve() : new Promise((r) => this.titleWaiters.push(r));
  }
}

let chats: Chat[] = [];
let running = 0;
let lastTurnEnd: (() => void) | undefined;
function onChatEnded() {
  running--;
  if (running === 0) lastTurnEnd?.();
}

/** A network failure as a kind: connect timeout, connection reset, refused, … */
function networkKind(error: unknown): string {
  const e = error as {
    message?: string;
    code?: string;
    cause?: { code?: string; message?: string };
  };
  const code = e?.cause?.code ?? e?.code ?? '';
  const message = `${e?.message ?? ''} ${e?.cause?.message ?? ''}`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || /connect timeout/i.test(message)) {
    return 'connect timeout';
  }
  if (
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'EPIPE' ||
    /other side closed|socket hang up|ECONNRESET/i.test(message)
  ) {
    return 'connection reset';
  }
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    /handshake has timed out/i.test(message)
  ) {
    return 'response timeout';
  }
  // ws: an upgrade answered with a status instead of 101
  const status = /Unexpected server response: (\d+)/.exec(message);
  if (status) return `HTTP ${status[1]}`;
  return (code || message.trim() || String(error)).slice(0, 80);
}

/** A GraphQL request over HTTP: the data, or throws a failure kind (HTTP status, error code, …). */
async function graphql(url: string, query: string, variables: unknown, token?: string) {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new FailureKind(networkKind(error));
  }
  let body: any;
  try {
    body = await res.json();
  } catch (error) {
    throw new FailureKind(res.ok ? `bad response (${networkKind(error)})` : `HTTP ${res.status}`);
  }
  const code = body?.errors?.[0]?.extensions?.code as string | undefined;
  if (!res.ok) throw new FailureKind(`HTTP ${res.status}${code ? ` ${code}` : ''}`);
  if (body?.errors?.length) throw new FailureKind(code ?? 'GraphQL error without code');
  return body.data;
}

class FailureKind extends Error {}

async function projectChat(chat: Chat, url: string, waitTitle: boolean) {
  const { token, text } = chat.spec;
  chat.startAt = nowMs();
  let sessionId: string;
  try {
    sessionId = (await graphql(url, CREATE, {}, token)).createSession.session.id;
  } catch (error) {
    return chat.fail('createSession', (error as Error).message);
  }
  if (!waitTitle) chat.titled();
  const connected = await new Promise<boolean>((resolve) => {
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: BenchWebSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      on: {
        connected: () => resolve(true),
        closed: (event) => {
          const code = (event as { code?: number })?.code;
          chat.fail('subscription', `socket closed ${code}`);
          chat.titled(); // after the turn: no title can come any more
          resolve(false);
        },
        error: (event) => {
          const e = event as { error?: unknown; message?: string };
          chat.fail('subscription', networkKind(e?.error ?? e));
          chat.titled();
          resolve(false);
        },
      },
    });
    chat.client = client;
    client.subscribe<{ sessionEvents: EventData }>(
      { query: EVENTS, variables: { sessionId } },
      {
        next: (result) => {
          const at = nowMs();
          const e = result.data?.sessionEvents;
          if (!e) {
            const code = (result.errors?.[0] as { extensions?: { code?: string } })?.extensions
              ?.code;
            return chat.fail('subscription', code ?? 'GraphQL error without code');
          }
          chat.seqs.push(e.seq);
          switch (e.__typename) {
            case 'TextDelta':
              chat.onDelta(e.delta ?? '', at);
              break;
            case 'ToolCalled':
              chat.toolCalls.push(e.toolName ?? '?');
              break;
            case 'TurnFinished':
            case 'TurnCancelled':
              chat.storedText = e.message?.text ?? null;
              if (e.__typename === 'TurnCancelled') chat.fail('turn', 'TurnCancelled');
              else chat.end('finished', at);
              break;
            case 'TurnFailed':
              chat.fail('turn', `TurnFailed ${e.error?.code ?? ''}`.trim());
              break;
            case 'SessionUpdated':
              if (e.session?.title) chat.titled(at);
              break;
          }
        },
        error: (error) => {
          const code = Array.isArray(error)
            ? (error[0] as { extensions?: { code?: string } })?.extensions?.code
            : undefined;
          chat.fail('subscription', code ?? `error ${networkKind(error)}`);
        },
        complete: () => {
          if (!chat.ended) chat.fail('subscription', 'completed before the turn ended');
        },
      },
    );
  });
  if (!connected) return;
  chat.turnRequestAt = nowMs();
  try {
    await graphql(url, SEND, { input: { sessionId, text } }, token);
  } catch (error) {
    return chat.fail('sendMessage', (error as Error).message);
  }
  await chat.waitEnd();
}

async function referenceChat(chat: Chat, url: string) {
  chat.startAt = nowMs();
  chat.turnRequestAt = chat.startAt;
  chat.titled();
  let res: Response;
  try {
    res = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [
          { id: chat.spec.tag, role: 'user', parts: [{ type: 'text', text: chat.spec.text }] },
        ],
      }),
    });
  } catch (error) {
    return chat.fail('POST /api/chat', networkKind(error));
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => {});
    return chat.fail('POST /api/chat', `HTTP ${res.status}`);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  let finished = false;
  try {
    while (!done) {
      const { value, done: eof } = await reader.read();
      if (eof) break;
      const at = nowMs();
      buffer += decoder.decode(value, { stream: true });
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        cut = buffer.indexOf('\n\n');
        if (!event.startsWith('data: ')) continue;
        const data = event.slice(6);
        if (data === '[DONE]') {
          done = true;
          break;
        }
        const part = JSON.parse(data) as { type: string; delta?: string; errorText?: string };
        if (part.type === 'text-delta') chat.onDelta(part.delta ?? '', at);
        else if (part.type === 'finish') finished = true;
        else if (part.type === 'error')
          return chat.fail('stream', `error chunk: ${part.errorText}`);
        else if (part.type === 'abort') return chat.fail('stream', 'abort chunk');
      }
    }
  } catch (error) {
    return chat.fail('stream', networkKind(error));
  }
  if (!done || !finished)
    return chat.fail('stream', done ? 'no finish chunk' : 'ended before [DONE]');
  chat.end('finished');
  await reader.cancel().catch(() => {});
}

async function closeAll() {
  await Promise.all(chats.map((c) => c.client?.dispose()));
  for (const c of chats) c.client = undefined;
}

const cpuMs = (a: CpuSample, b: CpuSample) => OutsideCpu.delta(a, b);

serveIpc({
  usage: () => {
    const cpu = process.cpuUsage();
    return { cpuUserUs: cpu.user, cpuSystemUs: cpu.system, rss: process.memoryUsage.rss() };
  },

  /**
   * Every chat at once; resolves when every turn has ended (and, with waitTitle, every finished
   * chat's title has come or titleWaitMs has passed). CPU samples: at the first request, when the
   * last turn ended (turnEnd) and at the end (allIn: titles included).
   */
  run: async (args: RunArgs) => {
    await closeAll();
    chats = args.chats.map((spec) => new Chat(spec));
    running = chats.length;
    const cpu = new OutsideCpu(
      { server: args.serverPid, provider: args.providerPid, clients: process.pid },
      args.pgDatabase,
    );
    const peakReset = resetPeakRss(args.serverPid);
    const rssStart = rssMB(args.serverPid);
    const allEnded = new Promise<void>((resolve) => {
      lastTurnEnd = resolve;
      if (running === 0) resolve();
    });
    const start = cpu.begin(nowMs());
    for (const chat of chats) {
      const work =
        args.target === 'project'
          ? projectChat(chat, args.url, args.waitTitle)
          : referenceChat(chat, args.url);
      void work.catch((error) => chat.fail('client', String(error).slice(0, 80)));
    }
    const timedOut = await Promise.race([
      allEnded.then(() => false),
      sleep(args.timeoutMs).then(() => true),
    ]);
    const turnEnd = cpu.sample(nowMs());
    const peakAtTurnEnd = peakRssMB(args.serverPid);
    if (timedOut) for (const c of chats) c.fail('turn', 'no end within the time limit');
    let titleTimedOut = false;
    if (args.waitTitle) {
      titleTimedOut = await Promise.race([
        Promise.all(chats.map((c) => c.waitTitle())).then(() => false),
        sleep(args.titleWaitMs).then(() => true),
      ]);
    }
    const allIn = cpu.sample(nowMs());
    cpu.end();
    const lastEnd = Math.max(...chats.map((c) => c.endAt));
    const lastTitle = Math.max(lastEnd, ...chats.map((c) => c.titleAt));
    const toTurnEnd = cpuMs(start, turnEnd);
    const toAllIn = cpuMs(start, allIn);
    return {
      startedAt: start.at,
      wallMs: round(lastEnd - start.at),
      allInWallMs: round(lastTitle - start.at),
      timedOut,
      titleTimedOut,
      cpuMs: { toTurnEnd, allIn: toAllIn },
      serverRssStartMB: rssStart == null ? null : round(rssStart, 1),
      serverPeakRssMB: peakAtTurnEnd == null ? null : round(peakAtTurnEnd, 1),
      peakRssSince: peakReset ? 'round start' : 'process start',
    };
  },

  /**
   * Checks and measures what the chats received. With a provider trace ({ tag: { sent } }):
   * every word against the words the provider sent for that chat (missing, duplicated, out of
   * order, foreign) and the provider → client latency of each. Project chats: seq contiguous from
   * 1 (missing, duplicated, out of order) and the deltas equal to the stored answer.
   */
  report: async (args: { tracePath?: string }) => {
    const trace = args.tracePath
      ? (JSON.parse(await readFile(args.tracePath, 'utf8')) as Record<
          string,
          { sent: number[]; starts: number; completed: boolean }
        >)
      : undefined;
    const failures: Record<string, number> = {};
    const count = (kind: string, n = 1) => {
      failures[kind] = (failures[kind] ?? 0) + n;
    };
    const problems: string[] = [];
    const note = (s: string) => {
      if (problems.length < 8) problems.push(s);
    };
    const latencies: number[] = [];
    const firstWord: number[] = [];
    const setup: number[] = [];
    const turn: number[] = [];
    const gaps: number[] = [];
    let delivered = 0;
    let expectedWords = 0;
    let finished = 0;
    let failedChats = 0;
    let titled = 0;
    let providerRestarts = 0;
    const toolCalls: Record<string, number> = {};
    const integrity = {
      seqMissing: 0,
      seqDuplicated: 0,
      seqOutOfOrder: 0,
      wordsMissing: 0,
      wordsDuplicated: 0,
      wordsOutOfOrder: 0,
      wordsForeign: 0,
      textMismatches: 0,
      storedMismatches: 0,
    };
    for (const c of chats) {
      let bad = false;
      if (c.failure) {
        count(c.failure);
        bad = true;
      } else finished++;
      if (c.titleAt > 0) titled++;
      for (const t of c.toolCalls) toolCalls[t] = (toolCalls[t] ?? 0) + 1;
      if (c.turnRequestAt && c.startAt) setup.push(c.turnRequestAt - c.startAt);
      if (c.endAt && c.turnRequestAt && !c.failure) turn.push(c.endAt - c.turnRequestAt);
      if (c.recv.length && c.turnRequestAt) firstWord.push((c.recv[0] as number) - c.turnRequestAt);
      for (let i = 1; i < c.recv.length; i++) {
        gaps.push((c.recv[i] as number) - (c.recv[i - 1] as number));
      }

      // seqs (project): 1, 2, 3, … once each, in order
      if (c.seqs.length) {
        const seen = new Set<number>();
        let max = 0;
        let missing = 0;
        let dup = 0;
        let order = 0;
        for (const seq of c.seqs) {
          if (seen.has(seq)) dup++;
          else if (seq < max) order++;
          seen.add(seq);
          max = Math.max(max, seq);
        }
        for (let s = 1; s <= max; s++) if (!seen.has(s)) missing++;
        integrity.seqMissing += missing;
        integrity.seqDuplicated += dup;
        integrity.seqOutOfOrder += order;
        if (missing) count('seq missing');
        if (dup) count('seq duplicated');
        if (order) count('seq out of order');
        if (missing || dup || order) {
          bad = true;
          note(`${c.spec.tag}: seqs ${missing} missing, ${dup} duplicated, ${order} out of order`);
        }
      }
      if (!c.failure && c.storedText != null && c.storedText !== c.text) {
        integrity.storedMismatches++;
        count('deltas ≠ stored answer');
        bad = true;
        note(
          `${c.spec.tag}: deltas (${c.text.length} chars) ≠ stored answer (${c.storedText.length})`,
        );
      }

      // words (provider): exactly "<tag>.0 … <tag>.<n-1>", each once, in order
      if (c.spec.words != null) {
        const sent = trace?.[c.spec.tag];
        if (sent && sent.starts > 1) providerRestarts += sent.starts - 1;
        expectedWords += c.spec.words;
        const got = new Set<number>();
        let frame = 0;
        let last = -1;
        let missing = 0;
        let dup = 0;
        let order = 0;
        let foreign = 0;
        for (const m of c.text.matchAll(/\S+/g)) {
          const endOffset = (m.index ?? 0) + m[0].length;
          while (frame < c.ends.length - 1 && (c.ends[frame] as number) < endOffset) frame++;
          const w = PROVIDER_WORD.exec(m[0]);
          if (!w || w[1] !== c.spec.tag || Number(w[2]) >= c.spec.words) {
            foreign++;
            continue;
          }
          const index = Number(w[2]);
          if (got.has(index)) {
            dup++;
            continue;
          }
          if (index < last) order++;
          last = Math.max(last, index);
          got.add(index);
          delivered++;
          const sentAt = sent?.sent[index];
          if (sentAt != null) latencies.push((c.recv[frame] as number) - sentAt);
        }
        if (!c.failure) {
          missing = c.spec.words - got.size;
          const textOk = c.text === providerText(c.spec.tag, c.spec.words);
          integrity.wordsMissing += missing;
          integrity.wordsDuplicated += dup;
          integrity.wordsOutOfOrder += order;
          integrity.wordsForeign += foreign;
          if (missing) count('words missing');
          if (dup) count('words duplicated');
          if (order) count('words out of order');
          if (foreign) count('foreign words');
          if (!textOk) {
            integrity.textMismatches++;
            count('text ≠ provider words');
            bad = true;
            note(
              `${c.spec.tag}: ${got.size}/${c.spec.words} words (${missing} missing, ${dup} duplicated, ${order} out of order, ${foreign} foreign)`,
            );
          }
        }
      } else {
        delivered += (c.text.match(/\S+/g) ?? []).length;
      }
      if (bad) failedChats++;
      if (c.failure) note(`${c.spec.tag}: ${c.failure}`);
    }
    return {
      chats: chats.length,
      finished,
      failedChats,
      failures,
      integrity,
      titled,
      toolCalls,
      providerRestarts,
      wordsDelivered: delivered,
      wordsExpected: expectedWords || undefined,
      frames: chats.reduce((n, c) => n + c.recv.length, 0),
      latencyMs: distribution(latencies),
      firstWordMs: distribution(firstWord),
      setupMs: distribution(setup),
      turnMs: distribution(turn),
      frameGapMs: distribution(gaps),
      problems,
    };
  },

  close: async () => {
    await closeAll();
    chats = [];
    return true;
  },

  stop: () => {
    setImmediate(() => void closeAll().finally(() => process.exit(0)));
  },
});
