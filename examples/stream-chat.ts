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
import { request, subscribe } from '../client/request.js';

const url = process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql';
const headers = { authorization: `Bearer ${process.env.API_KEY ?? ''}` };
const text = process.argv.slice(2).join(' ') || 'find me running shoes under $120';

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
