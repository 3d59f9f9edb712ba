// A typed client built from the generated documents (client/generated, npm run codegen): sends
// one message and prints the answer as it streams.
//   GRAPHQL_URL=… API_KEY=… npx tsx examples/stream-chat.ts "hello"
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  CreateSessionDocument,
  SendMessageDocument,
  SessionEventsDocument,
} from '../client/generated/graphql.js';
import { ApiError, request, subscribe } from '../client/request.js';

const url = process.env.GRAPHQL_URL ?? `http://localhost:${process.env.PORT || 4000}/graphql`;
if (!process.env.API_KEY) {
  console.error('No API key: set API_KEY (npm run -s user:create -- --name NAME prints one)');
  process.exit(2);
}
const headers = { authorization: `Bearer ${process.env.API_KEY}` };
const text = process.argv.slice(2).join(' ') || 'find me running shoes under $120';

// Any failure ends the program with one line and exit code 1 (DEBUG=1 shows the stack).
process.on('uncaughtException', (error: Error & { cause?: { code?: string } }) => {
  if (process.env.DEBUG) console.error(error);
  const why = error.message === 'fetch failed' ? `cannot reach ${url} (${error.cause?.code})` : '';
  console.error(
    why ||
      (error instanceof ApiError ? `${error.code}: ${error.message}` : `error: ${error.message}`),
  );
  process.exit(1);
});

const created = await request(url, CreateSessionDocument, { input: {} }, headers);
const sessionId = created.createSession.session.id;
const client = createClient({
  url: url.replace(/^http/, 'ws'),
  webSocketImpl: WebSocket,
  connectionParams: headers,
});

const finished = new Promise<void>((resolve, reject) => {
  // afterSeq 0 on a new session: events published before the subscription starts are replayed.
  subscribe(
    client,
    SessionEventsDocument,
    { sessionId, afterSeq: 0 },
    {
      next: ({ data }) => {
        const event = data?.sessionEvents;
        if (!event) return;
        switch (event.__typename) {
          case 'TextDelta':
            process.stdout.write(event.delta);
            break;
          case 'ToolCalled':
            console.log(`\n[tool] ${event.toolName}(${JSON.stringify(event.input)})`);
            break;
          case 'TurnFinished':
            console.log(`\n[done] ${event.turn.usage?.totalTokens ?? '?'} tokens`);
            resolve();
            break;
          case 'TurnFailed':
            reject(new Error(`${event.error.code}: ${event.error.message}`));
            break;
          default:
            break;
        }
      },
      error: reject,
      complete: resolve,
    },
  );
});

const sent = await request(url, SendMessageDocument, { sessionId, text }, headers);
console.log(`[turn ${sent.sendMessage!.turn.status}]`);
await finished;
await client.dispose();
