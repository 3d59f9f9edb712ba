// A `useChat`-style client in Node: the AI SDK's chat state with GraphQLChatTransport, so the
// chat talks to this API (sessions, turns and streaming over GraphQL) instead of a /api/chat route.
//   GRAPHQL_URL=… API_KEY=… npx tsx examples/use-chat.ts "find me running shoes under $120"
import { GraphQLChatTransport } from '../client/chat-transport.js';
import { MemoryChat } from '../client/memory-chat.js';

const url = process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql';
const text = process.argv.slice(2).join(' ') || 'find me running shoes under $120';
const transport = new GraphQLChatTransport({ url, token: process.env.API_KEY ?? '' });

// The chat's id is a session key here: the session is made on first use and found again later.
const chat = new MemoryChat({
  id: process.env.CHAT_KEY ?? 'use-chat-example',
  transport,
  onError: (error) => console.error(`error: ${error.message}`),
});

await chat.sendMessage({ text });
for (const part of chat.lastMessage?.parts ?? []) {
  if (part.type === 'text') console.log(part.text);
  else if (part.type === 'reasoning') console.log(`(thinking: ${part.text})`);
  else if (part.type.startsWith('tool-') && 'state' in part)
    console.log(`[${part.type.slice(5)}: ${part.state}]`);
}
await transport.close();
process.exitCode = chat.status === 'error' ? 1 : 0;
