// The floors: the least a server can do to relay the same events to the same clients.
//   node --expose-gc --import tsx bench/floor-server.ts graphql-ws   graphql-js schema + graphql-ws
//   node --expose-gc --import tsx bench/floor-server.ts ws           raw `ws`, hand-built JSON frames
// Both are fed by an in-process fake model: per stream, one word every LOCAL_MODEL_DELAY_MS (the
// local model's pace, first word at once), the same words as the local model's bench answer.
// No persistence, no AI SDK, no auth. POST /start {sessionId, tag, tokens} starts a stream.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { emit, serveIpc } from './lib/ipc.js';
import { ProcessStats } from './lib/process-stats.js';
import { benchAnswer, words } from './lib/text.js';
import { EmitTrace } from './model.js';

type FloorPayload = { type: 'TextDelta'; delta: string } | { type: 'TurnFinished'; turnId: string };
type FloorEvent = FloorPayload & { seq: number; sessionId: string };
type Listener = (event: FloorEvent) => void;

const mode = process.argv[2];
if (mode !== 'graphql-ws' && mode !== 'ws') throw new Error('usage: floor-server.ts graphql-ws|ws');
const delayMs = Number(process.env.LOCAL_MODEL_DELAY_MS ?? 20);
const stats = new ProcessStats();
const trace = new EmitTrace();

const listeners = new Map<string, Set<Listener>>();
const seqs = new Map<string, number>();
let subscriberCount = 0;

function publish(sessionId: string, event: FloorPayload) {
  const seq = (seqs.get(sessionId) ?? 0) + 1;
  seqs.set(sessionId, seq);
  const full = { ...event, seq, sessionId } as FloorEvent;
  for (const l of listeners.get(sessionId) ?? []) l(full);
}

function listen(sessionId: string, listener: Listener): () => void {
  let set = listeners.get(sessionId);
  if (!set) {
    set = new Set();
    listeners.set(sessionId, set);
  }
  set.add(listener);
  subscriberCount++;
  return () => {
    if (set.delete(listener)) subscriberCount--;
  };
}

/** The fake model: the bench answer's words, one per tick, like the local model's pacing. */
function startStream(sessionId: string, tag: string, tokens: number) {
  const deltas = words(benchAnswer(tokens));
  let i = 0;
  const tick = () => {
    const delta = deltas[i++] as string;
    trace.record(tag);
    publish(sessionId, { type: 'TextDelta', delta });
    if (i < deltas.length) setTimeout(tick, delayMs);
    else publish(sessionId, { type: 'TurnFinished', turnId: `turn-${tag}` });
  };
  setTimeout(tick, 0);
}

/** A push queue as an async iterator (what a subscription resolver returns). */
function iterate(sessionId: string): AsyncIterableIterator<FloorEvent> {
  const queue: FloorEvent[] = [];
  let wake: ((r: IteratorResult<FloorEvent>) => void) | undefined;
  let done = false;
  const off = listen(sessionId, (event) => {
    if (wake) {
      const w = wake;
      wake = undefined;
      w({ done: false, value: event });
    } else queue.push(event);
  });
  const finish = () => {
    done = true;
    off();
    wake?.({ done: true, value: undefined });
  };
  const it: AsyncIterableIterator<FloorEvent> = {
    [Symbol.asyncIterator]: () => it,
    next: () => {
      const event = queue.shift();
      if (event) return Promise.resolve({ done: false, value: event });
      if (done) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => {
        wake = resolve;
      });
    },
    return: () => {
      finish();
      return Promise.resolve({ done: true, value: undefined });
    },
  };
  return it;
}

function schema(): GraphQLSchema {
  const SessionEvent = new GraphQLInterfaceType({
    name: 'SessionEvent',
    fields: { seq: { type: new GraphQLNonNull(GraphQLInt) }, sessionId: { type: GraphQLID } },
    resolveType: (e: FloorEvent) => e.type,
  });
  const TextDelta = new GraphQLObjectType({
    name: 'TextDelta',
    interfaces: [SessionEvent],
    fields: {
      seq: { type: new GraphQLNonNull(GraphQLInt) },
      sessionId: { type: GraphQLID },
      delta: { type: new GraphQLNonNull(GraphQLString) },
    },
  });
  const TurnFinished = new GraphQLObjectType({
    name: 'TurnFinished',
    interfaces: [SessionEvent],
    fields: {
      seq: { type: new GraphQLNonNull(GraphQLInt) },
      sessionId: { type: GraphQLID },
      turnId: { type: GraphQLID },
    },
  });
  // Never emitted; here so the clients' subscription document (the API's) validates unchanged.
  const TurnError = new GraphQLObjectType({
    name: 'TurnError',
    fields: { code: { type: GraphQLString }, message: { type: GraphQLString } },
  });
  const TurnCancelled = new GraphQLObjectType({
    name: 'TurnCancelled',
    interfaces: [SessionEvent],
    fields: {
      seq: { type: new GraphQLNonNull(GraphQLInt) },
      sessionId: { type: GraphQLID },
      turnId: { type: GraphQLID },
    },
  });
  const TurnFailed = new GraphQLObjectType({
    name: 'TurnFailed',
    interfaces: [SessionEvent],
    fields: {
      seq: { type: new GraphQLNonNull(GraphQLInt) },
      sessionId: { type: GraphQLID },
      error: { type: TurnError },
    },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { ok: { type: GraphQLBoolean, resolve: () => true } },
    }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        sessionEvents: {
          type: new GraphQLNonNull(SessionEvent),
          args: {
            sessionId: { type: new GraphQLNonNull(GraphQLID) },
            afterSeq: { type: GraphQLInt },
          },
          subscribe: (_root, args: { sessionId: string }) => iterate(args.sessionId),
          resolve: (event: FloorEvent) => event,
        },
      },
    }),
    types: [TextDelta, TurnFinished, TurnCancelled, TurnFailed],
  });
}

async function body(req: IncomingMessage): Promise<any> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text);
}

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/start') {
    body(req)
      .then((b: { sessionId: string; tag: string; tokens: number }) => {
        startStream(b.sessionId, b.tag, b.tokens);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      })
      .catch(() => res.writeHead(400).end());
    return;
  }
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ server, path: '/graphql' });

if (mode === 'graphql-ws') {
  useServer({ schema: schema() }, wss);
} else {
  // Raw ws: {type:'subscribe', id, payload:{variables:{sessionId}}} in, graphql-ws-shaped
  // `next` frames out, built with one JSON.stringify each.
  wss.on('connection', (socket) => {
    const offs: (() => void)[] = [];
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as {
        type: string;
        id: string;
        payload?: { variables?: { sessionId?: string } };
      };
      if (m.type === 'connection_init') {
        socket.send('{"type":"connection_ack"}');
        return;
      }
      if (m.type !== 'subscribe' || !m.payload?.variables?.sessionId) return;
      const id = m.id;
      offs.push(
        listen(m.payload.variables.sessionId, (e) => {
          const sessionEvents =
            e.type === 'TextDelta'
              ? { seq: e.seq, __typename: e.type, delta: e.delta }
              : { seq: e.seq, __typename: e.type, turnId: e.turnId };
          socket.send(JSON.stringify({ id, type: 'next', payload: { data: { sessionEvents } } }));
        }),
      );
    });
    socket.on('close', () => {
      for (const off of offs) off();
    });
  });
}

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serveIpc({
    stats: () => ({ ...stats.snapshot(), subscribers: subscriberCount, runningTurns: 0 }),
    resetPeak: () => stats.resetPeak(),
    gc: () => stats.gc(),
    traceReset: () => trace.reset(),
    statements: () => ({ total: 0, byKind: {} }),
    traceDump: async ({ file }: { file: string }) => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(file, JSON.stringify(trace));
      return file;
    },
    profileStart: () => stats.profileStart(),
    profileStop: ({ file }: { file: string }) => stats.profileStop(file),
    stop: () => {
      setImmediate(() => {
        for (const c of wss.clients) c.terminate();
        server.closeAllConnections();
        server.close(() => process.exit(0));
        setTimeout(() => process.exit(0), 2000).unref();
      });
    },
  });
  emit('ready', { url: `http://127.0.0.1:${port}/graphql`, pid: process.pid });
});
