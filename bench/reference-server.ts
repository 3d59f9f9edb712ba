// The yardstick of the provider scenario: the naive design the AI SDK's reference APIs use (its
// Next.js route handler, as a plain Node HTTP server): POST /api/chat { messages: UIMessage[] } →
// streamText on the OpenAI-compatible provider at PROVIDER_URL → the UI message stream over SSE.
// It stores nothing and checks no credentials. Started by bench/run.ts (IPC `ready` event).
//
// REFERENCE_DELIVERY=none makes it the scenario's floor instead: the same streamText, read to
// the end in the server (every part, as any server built on the SDK reads them), and only the
// whole text sent, once, at the end. What it spends is what the SDK costs to read the provider's
// stream, before anything is delivered or stored. REFERENCE_COALESCE_MS (with it) reads the
// stream through the project's wire-level coalescing (src/chat/models/coalesce-fetch.ts), as the
// project does by default.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAI } from '@ai-sdk/openai';
import { convertToModelMessages, streamText, type UIMessage } from 'ai';
import { coalescingFetch } from '../src/chat/models/coalesce-fetch.js';
import { emit, serveIpc } from './lib/ipc.js';

const providerUrl = process.env.PROVIDER_URL;
if (!providerUrl) throw new Error('PROVIDER_URL is required');
const deliver = process.env.REFERENCE_DELIVERY !== 'none';
const coalesceMs = Number(process.env.REFERENCE_COALESCE_MS ?? 0);
const openai = createOpenAI({
  baseURL: `${providerUrl}/v1`,
  apiKey: 'x',
  ...(coalesceMs > 0 ? { fetch: coalescingFetch(coalesceMs) } : {}),
});

/** The floor's answer: the stream read to the end, then the UI message stream's chunks at once. */
async function readThenAnswer(result: ReturnType<typeof streamText>, res: ServerResponse) {
  let text = '';
  let finished = false;
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') text += part.text;
    else if (part.type === 'finish') finished = true;
  }
  const chunks = [{ type: 'start' }, { type: 'text-delta', id: '0', delta: text }];
  if (finished) chunks.push({ type: 'finish' });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.end(`${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`);
}

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
    if (deliver) result.pipeUIMessageStreamToResponse(res);
    else await readThenAnswer(result, res);
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
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
