import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../src/chat/models/index.js';
import { cleanTitle } from '../../src/chat/title.js';

describe('resolveModel', () => {
  it('names the offline model "local"', () => {
    const { model, name } = resolveModel({ model: 'local', localModelDelayMs: 0 });
    expect(name).toBe('local');
    expect([model.provider, model.modelId]).toEqual(['local', 'local']);
  });

  it('uses the Responses API for OpenAI itself', () => {
    const { model, name } = resolveModel({
      model: 'openai:gpt-4o-mini',
      openaiApiKey: 'sk-test',
      localModelDelayMs: 0,
    });
    expect(name).toBe('openai:gpt-4o-mini');
    expect([model.provider, model.modelId]).toEqual(['openai.responses', 'gpt-4o-mini']);
  });

  it('talks Chat Completions to an OpenAI-compatible server, without a key', async () => {
    const requests: { url?: string; body: { model: string } }[] = [];
    const server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      requests.push({ url: req.url, body: JSON.parse(body) });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 0,
          model: 'llama3.2',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'Hi there' },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { model, name } = resolveModel({
        model: 'openai:llama3.2',
        openaiBaseUrl: `http://127.0.0.1:${port}/v1`,
        localModelDelayMs: 0,
      });
      expect(name).toBe('openai:llama3.2');
      const result = await generateText({ model, prompt: 'hello', maxRetries: 0 });
      expect(result.text).toBe('Hi there');
      expect(requests).toEqual([
        { url: '/v1/chat/completions', body: expect.objectContaining({ model: 'llama3.2' }) },
      ]);
    } finally {
      server.close();
    }
  });

  it('rejects anything else', () => {
    expect(() => resolveModel({ model: 'anthropic:claude', localModelDelayMs: 0 })).toThrow(
      'unknown model "anthropic:claude"',
    );
  });
});

describe('cleanTitle', () => {
  it('strips quotes, prefixes and final punctuation from a model title', () => {
    expect(cleanTitle('"Running shoes under $120."')).toBe('Running shoes under $120');
    expect(cleanTitle('Title: Winter coat ideas!\nextra line')).toBe('Winter coat ideas');
    expect(cleanTitle('  ""  ')).toBeNull();
    const long = cleanTitle('word '.repeat(40));
    expect(long!.length).toBeLessThanOrEqual(80);
    expect(long!.endsWith('word')).toBe(true);
  });
});
