// The yardstick of the provider scenario: the naive design the AI SDK's reference APIs use (its
// Next.js route handler, as a plain Node HTTP server): POST /api/chat { messages: UIMessage[] } →
// streamText on the OpenAI-compatible provider at PROVIDER_URL → the UI message stream over SSE.
// It stores nothing and checks no credentials. Started by bench/run.ts (IPC `ready` event).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAI } from '@ai-sdk/openai';
import { convertToModelMessages, streamText, type UIMessage } from 'ai';
import { emit, serveIpc } from './lib/ipc.js';

const providerUrl = process.env.PROVIDER_URL;
if (!providerUrl) throw new Error('PROVIDER_URL is required');
const openai = createOpenAI({ baseURL: `${providerUrl}/v1`, apiKey: 'x' });

const server = createServer(async (req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/chat') {
    res.writeHead(404).end();
    return;
  }
  try {
    let body = '';
    for await (const chunk of req) body += chunk;
    const { messages } = JSON.parse(body) as { messages: UIMessage[] };
    const result = streamText({
      model: openai.chat('bench'),
      messages: await convertToModelMessages(messages),
    });
    result.pipeUIMessageStreamToResponse(res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  emit('ready', { url: `http://127.0.0.1:${port}`, pid: process.pid });
});

serveIpc({
  stop: () => {
    setImmediate(() => process.exit(0));
  },
});
