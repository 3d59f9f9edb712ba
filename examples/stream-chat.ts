// A typed client built from the generated documents (npm run codegen): sends one message and
// prints the answer as it streams.   GRAPHQL_URL=… API_KEY=… npx tsx examples/stream-chat.ts "hello"
import { type ExecutionResult, print } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  CreateSessionDocument,
  type CreateSessionMutation,
  SendMessageDocument,
  type SendMessageMutation,
  type SendMessageMutationVariables,
  SessionEventsDocument,
  type SessionEventsSubscription,
} from './generated/graphql.js';

const url = process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql';
const apiKey = process.env.API_KEY ?? '';
const text = process.argv.slice(2).join(' ') || 'find me running shoes under $120';

async function request<T>(document: Parameters<typeof print>[0], variables: object): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as ExecutionResult<T>;
  if (body.errors?.length || !body.data)
    throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return body.data;
}

const created = await request<CreateSessionMutation>(CreateSessionDocument, { input: {} });
const sessionId = created.createSession.session.id;
const client = createClient({
  url: url.replace(/^http/, 'ws'),
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${apiKey}` },
});

const finished = new Promise<void>((resolve, reject) => {
  client.subscribe<SessionEventsSubscription>(
    // afterSeq 0 on a new session: events published before the subscription starts are replayed.
    { query: print(SessionEventsDocument), variables: { sessionId, afterSeq: 0 } },
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

const variables: SendMessageMutationVariables = { sessionId, text };
const sent = await request<SendMessageMutation>(SendMessageDocument, variables);
console.log(`[turn ${sent.sendMessage.turn.status}]`);
await finished;
await client.dispose();
