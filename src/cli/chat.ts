// npm run chat: a terminal client. Reads lines from stdin (typed or piped); a line is a message,
// or a command: /new, /list, /switch <n|id>, /stop, /approve, /deny [reason], /help, /quit.
// GRAPHQL_URL (default http://localhost:$PORT/graphql, PORT 4000), API_KEY (default: the development
// key). A server it cannot reach ends it (exit 1); an operation refused is printed, and the exit
// code is 1 when any was.
import 'dotenv/config';
import { createInterface } from 'node:readline';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  CreateSessionDocument,
  RespondToApprovalDocument,
  SendMessageDocument,
  SessionEventsDocument,
  type SessionSummaryFragment,
  SessionsPageDocument,
  SessionWithMessagesDocument,
  StopTurnDocument,
  type TypedDocumentString,
} from '../../client/generated/graphql.js';
import { ApiError, request, subscribe } from '../../client/request.js';
import { readDevelopmentKey } from '../bootstrap.js';

const url = process.env.GRAPHQL_URL ?? `http://localhost:${process.env.PORT || 4000}/graphql`;
const apiKey =
  process.env.API_KEY ?? (await readDevelopmentKey({ dataDir: process.env.DATA_DIR ?? './.data' }));
if (!apiKey) {
  console.error(
    'No API key: set API_KEY, or start the server once in development to create .data/dev-api-key',
  );
  process.exit(2);
}
const out = (line: string) => process.stdout.write(`${line}\n`);

const gql = <TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
) => request(url, document, variables, { authorization: `Bearer ${apiKey}` });

const ws: Client = createClient({
  url: url.replace(/^http/, 'ws'),
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${apiKey}` },
  retryAttempts: 5,
});

let sessionId: string | null = null;
let listed: SessionSummaryFragment[] = [];
let unsubscribe: (() => void) | null = null;
let lastSeq: number | null = null;
let turnEnded: (() => void) | null = null;
let pendingApproval: { turnId: string; toolCallId: string } | null = null;

/** Follows a session's events after `afterSeq` (0 for a new session: nothing can be missed). */
function watch(id: string, afterSeq: number) {
  unsubscribe?.();
  lastSeq = afterSeq;
  unsubscribe = subscribe(
    ws,
    SessionEventsDocument,
    { sessionId: id, afterSeq: lastSeq },
    {
      next: ({ data, errors }) => {
        if (errors?.length) return out(`! ${errors[0]?.message}`);
        const e = data?.sessionEvents;
        // After a reconnect graphql-ws resubscribes from the first afterSeq: skip what was shown.
        if (!e || (lastSeq != null && e.seq <= lastSeq)) return;
        lastSeq = e.seq;
        switch (e.__typename) {
          case 'TextDelta':
            process.stdout.write(e.delta);
            break;
          case 'ToolCalled':
            out(`\n[tool] ${e.toolName} ${JSON.stringify(e.input)}`);
            break;
          case 'ToolResulted':
            out(`[result] ${e.toolName}: ${JSON.stringify(e.output).slice(0, 200)}`);
            break;
          case 'ToolFailed':
            out(`[tool failed] ${e.toolName}: ${e.errorText}`);
            break;
          case 'ApprovalRequested':
            pendingApproval = e.turnId ? { turnId: e.turnId, toolCallId: e.toolCallId } : null;
            out(`\n[approval needed] ${e.toolName} ${JSON.stringify(e.input)}: /approve or /deny`);
            turnEnded?.();
            break;
          case 'TurnFinished':
            out(`\n[done, ${e.turn.usage?.totalTokens ?? '?'} tokens]`);
            turnEnded?.();
            break;
          case 'TurnFailed':
            out(`\n[failed] ${e.error.code}: ${e.error.message}`);
            turnEnded?.();
            break;
          case 'TurnCancelled':
            out('\n[stopped]');
            turnEnded?.();
            break;
          case 'SessionUpdated':
            if (e.session.title) out(`[title] ${e.session.title}`);
            break;
        }
      },
      error: (err) =>
        out(`! subscription error: ${err instanceof Error ? err.message : JSON.stringify(err)}`),
      complete: () => {},
    },
  );
}

async function ensureSession() {
  if (sessionId) return sessionId;
  const data = await gql(CreateSessionDocument, { input: {} });
  const id = data.createSession.session.id;
  sessionId = id;
  watch(id, 0);
  out(`[session ${id}]`);
  return id;
}

/** Runs until the turn ends (or waits for approval); piped input therefore goes one turn at a time. */
async function runTurn(start: () => Promise<unknown>) {
  const ended = new Promise<void>((resolve) => {
    turnEnded = resolve;
  });
  await start();
  await ended;
  turnEnded = null;
}

async function command(line: string) {
  const [cmd, ...rest] = line.slice(1).split(/\s+/);
  const arg = rest.join(' ');
  switch (cmd) {
    case 'new':
      sessionId = null;
      await ensureSession();
      break;
    case 'list': {
      const data = await gql(SessionsPageDocument, { first: 20 });
      listed = data.sessions.edges.map((e) => e.node);
      out(`${data.sessions.totalCount} sessions`);
      listed.forEach((s, i) => {
        out(
          `${i + 1}. ${s.title ?? '(untitled)'}  ${s.state}  ${s.messageCount} messages  ${s.id}`,
        );
      });
      break;
    }
    case 'switch': {
      const picked = /^\d+$/.test(arg) ? listed[Number(arg) - 1]?.id : arg;
      if (!picked) return out('usage: /switch <number from /list | session id>');
      const { session } = await gql(SessionWithMessagesDocument, { id: picked, last: 10 });
      if (!session) return out(`no session ${picked}`);
      sessionId = session.id;
      watch(session.id, session.lastEventSeq);
      out(`[session ${session.id}: ${session.title ?? '(untitled)'}]`);
      for (const { node } of session.messages.edges)
        out(`${node.role.toLowerCase()}: ${node.text}`);
      break;
    }
    case 'stop': {
      if (!sessionId) return out('no session');
      const data = await gql(StopTurnDocument, { sessionId });
      out(data.stopTurn.turn ? `[turn ${data.stopTurn.turn.status}]` : '[nothing was running]');
      break;
    }
    case 'approve':
    case 'deny': {
      if (!pendingApproval) return out('nothing waits for approval');
      const approval = pendingApproval;
      pendingApproval = null;
      await runTurn(() =>
        gql(RespondToApprovalDocument, {
          turnId: approval.turnId,
          toolCallId: approval.toolCallId,
          approved: cmd === 'approve',
          reason: arg || null,
        }),
      );
      break;
    }
    case 'help':
      out(
        '/new  /list  /switch <n|id>  /stop  /approve  /deny [reason]  /quit; any other line is a message',
      );
      break;
    case 'quit':
    case 'exit':
      return 'quit';
    default:
      out(`unknown command /${cmd}; /help lists them`);
  }
}

function describe(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** fetch's "fetch failed" names neither the URL nor why: the one line a person needs instead. */
function unreachable(error: unknown): string | undefined {
  if (!(error instanceof TypeError) || error.message !== 'fetch failed') return undefined;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? 'no answer';
  return `cannot reach ${url} (${why}): start the server (npm start), or set GRAPHQL_URL or PORT`;
}

let failed = false;

const rl = createInterface({ input: process.stdin, terminal: process.stdin.isTTY });
if (process.stdin.isTTY) out(`connected to ${url}; /help for commands`);
for await (const raw of rl) {
  const line = raw.trim();
  if (!line) continue;
  try {
    if (line.startsWith('/')) {
      if ((await command(line)) === 'quit') break;
      continue;
    }
    const id = await ensureSession();
    await runTurn(() => gql(SendMessageDocument, { sessionId: id, text: line }));
  } catch (error) {
    turnEnded = null;
    const fatal = unreachable(error);
    if (fatal) {
      console.error(fatal);
      process.exit(1);
    }
    failed = true;
    out(`! ${describe(error)}`);
  }
}
(unsubscribe as (() => void) | null)?.();
await ws.dispose();
rl.close();
if (failed) process.exitCode = 1;
