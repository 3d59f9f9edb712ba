// An OpenAI-compatible chat-completions server for the benchmark (child of bench/run.ts; it reports
// its URL with an IPC `ready` event). POST /v1/chat/completions:
// - `stream: true`: the SSE wire format OpenAI sends (a role chunk, one chunk per word in
//   choices[0].delta.content, a chunk with finish_reason "stop", a usage chunk when
//   stream_options.include_usage, then `data: [DONE]`), one word every 1000 / WORDS_PER_S ms on a
//   timer of its own per stream.
// - otherwise (titles: the system prompt is TITLE_INSTRUCTIONS; anything else alike): a JSON
//   completion of a few words.
// The last user message "bench <tag> [words] [words per second]" names the stream; its words are
// "<tag>.0 <tag>.1 …", so a client can tell exactly which word it holds. The send time of every
// word (process.hrtime: CLOCK_MONOTONIC, shared by every process of the machine) is kept per tag
// and written out on request (`traceDump`), for the clients to compute provider → client latency.
import { writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TITLE_INSTRUCTIONS } from '../src/chat/title.js';
import { emit, serveIpc } from './lib/ipc.js';
import { PROVIDER_PROMPT, providerWord } from './lib/provider-words.js';
import { nowMs } from './lib/stats.js';

const DEFAULT_WORDS = Number(process.env.WORDS ?? 100);
const DEFAULT_WORDS_PER_S = Number(process.env.WORDS_PER_S ?? 50);
const TITLE = 'Streaming benchmark chat';

interface StreamTrace {
  /** Send time of word i (ms, CLOCK_MONOTONIC). */
  sent: number[];
  /** How many times a stream with this tag started (more than 1: the caller retried). */
  starts: number;
  completed: boolean;
}

const traces = new Map<string, StreamTrace>();
const counters = {
  streams: 0,
  streamsCompleted: 0,
  streamsAborted: 0,
  activeStreams: 0,
  titleCompletions: 0,
  otherCompletions: 0,
  untaggedStreams: 0,
  badRequests: 0,
  maxActiveStreams: 0,
};

type ChatMessage = { role: string; content: unknown };

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((p) => (typeof p?.text === 'string' ? p.text : '')).join('')
      : '';

let nextId = 0;

function usage(promptTokens: number, completionTokens: number) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function promptTokens(messages: ChatMessage[]): number {
  let n = 0;
  for (const m of messages) n += textOf(m.content).split(/\s+/).filter(Boolean).length;
  return n;
}

function complete(res: ServerResponse, model: string, messages: ChatMessage[]) {
  const system = messages.find((m) => m.role === 'system');
  if (system && textOf(system.content) === TITLE_INSTRUCTIONS) counters.titleCompletions++;
  else counters.otherCompletions++;
  const body = JSON.stringify({
    id: `chatcmpl-bench${++nextId}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: TITLE, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usage(promptTokens(messages), TITLE.split(' ').length),
    service_tier: 'default',
    system_fingerprint: 'fp_bench',
  });
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
}

function stream(
  res: ServerResponse,
  body: { model: string; messages: ChatMessage[]; stream_options?: { include_usage?: boolean } },
) {
  const lastUser = [...body.messages].reverse().find((m) => m.role === 'user');
  const m = PROVIDER_PROMPT.exec(textOf(lastUser?.content));
  if (!m) counters.untaggedStreams++;
  const tag = m?.[1] ?? 'untagged';
  const words = m?.[2] ? Number(m[2]) : DEFAULT_WORDS;
  const intervalMs = 1000 / (m?.[3] ? Number(m[3]) : DEFAULT_WORDS_PER_S);
  const withUsage = body.stream_options?.include_usage === true;

  const previous = traces.get(tag);
  const trace: StreamTrace = { sent: [], starts: (previous?.starts ?? 0) + 1, completed: false };
  traces.set(tag, trace);
  counters.streams++;
  counters.activeStreams++;
  counters.maxActiveStreams = Math.max(counters.maxActiveStreams, counters.activeStreams);

  // Every chunk shares its head; only the delta and the finish reason change.
  const head = `data: {"id":"chatcmpl-bench${++nextId}","object":"chat.completion.chunk","created":${Math.floor(Date.now() / 1000)},"model":${JSON.stringify(body.model)},"system_fingerprint":"fp_bench","choices":[{"index":0,"delta":`;
  const tail = `,"logprobs":null,"finish_reason":null}]${withUsage ? ',"usage":null' : ''}}\n\n`;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write(`${head}{"role":"assistant","content":"","refusal":null}${tail}`);

  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  const end = (completed: boolean) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    counters.activeStreams--;
    if (completed) counters.streamsCompleted++;
    else counters.streamsAborted++;
    trace.completed = completed;
  };
  res.once('close', () => end(false));

  const started = nowMs();
  let i = 0;
  const tick = () => {
    if (ended) return;
    trace.sent[i] = nowMs();
    res.write(`${head}{"content":${JSON.stringify(providerWord(tag, i))}}${tail}`);
    i++;
    if (i < words) {
      // paced from the stream's start, so a late timer does not delay the words after it
      timer = setTimeout(tick, Math.max(0, started + (i + 1) * intervalMs - nowMs()));
      return;
    }
    let out = `${head}{}${tail.replace('"finish_reason":null', '"finish_reason":"stop"')}`;
    if (withUsage) {
      const u = JSON.stringify(usage(promptTokens(body.messages), words));
      out += `${head.slice(0, head.indexOf('"choices":'))}"choices":[],"usage":${u}}\n\n`;
    }
    res.end(`${out}data: [DONE]\n\n`);
    end(true);
  };
  timer = setTimeout(tick, intervalMs);
}

const server = createServer({ keepAliveTimeout: 60_000, noDelay: true }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/chat/completions')) {
      counters.badRequests++;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      return;
    }
    let body: any;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (!Array.isArray(body?.messages)) throw new Error('messages must be an array');
    } catch (error) {
      counters.badRequests++;
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String((error as Error).message) } }));
      return;
    }
    if (body.stream === true) stream(res, body);
    else complete(res, body.model ?? 'bench', body.messages);
  });
});
// Many chats open their streams at once: a deep accept queue keeps the provider from being the
// one that refuses connections.
server.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1', backlog: 4096 }, () => {
  const { port } = server.address() as AddressInfo;
  emit('ready', { url: `http://127.0.0.1:${port}`, pid: process.pid });
});

serveIpc({
  stats: () => ({ ...counters, tags: traces.size }),
  traceReset: () => {
    traces.clear();
    for (const key of Object.keys(counters) as (keyof typeof counters)[]) {
      if (key !== 'activeStreams') counters[key] = 0;
    }
    counters.maxActiveStreams = counters.activeStreams;
    return true;
  },
  /** { [tag]: { sent: number[], starts, completed } } into `file`; returns the counters. */
  traceDump: async (args: { file: string }) => {
    await writeFile(args.file, JSON.stringify(Object.fromEntries(traces)));
    return { ...counters, tags: traces.size };
  },
  stop: () => {
    setImmediate(() => process.exit(0));
  },
});
