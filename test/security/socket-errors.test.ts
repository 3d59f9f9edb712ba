import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ServerProcess, startServerProcess, wsClient } from '../helpers/server-process.js';
import { ok, request, seededDataDir, sleep } from './support.js';

/**
 * Issue 12, point 17: socket errors a client can cause must not flood the server's stderr.
 *
 * The contract the fix must meet: ws / graphql-ws socket errors caused by clients (a frame over
 * the 1 MB limit, invalid UTF-8 in a text frame, an unmasked client frame) print nothing on the
 * stderr of a real server process (no stack trace, no console.error of graphql-ws). They are
 * logged, if at all, through the JSON logger (pino, stdout) at level warn or lower, at most 10
 * lines a minute (further ones are counted and summarised, not written one by one). The sockets
 * are closed as the protocol says (1009, 1007, 1002) and the server goes on serving.
 */

const BAD_SOCKETS_PER_KIND = 12;

describe('socket errors of a real server process', () => {
  let server: ServerProcess;
  let key: string;
  let remove: (() => Promise<void>) | undefined;
  const stdout: string[] = [];
  const stderr: string[] = [];

  beforeAll(async () => {
    const data = await seededDataDir();
    remove = data.remove;
    // Default LOG_LEVEL (info), as an operator runs it.
    server = await startServerProcess({ DATA_DIR: data.dir });
    key = (await readFile(path.join(data.dir, 'dev-api-key'), 'utf8')).trim();
    server.child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
    server.child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await remove?.();
  });

  const wsUrl = () => server.url.replace(/^http/, 'ws');

  /** A socket that sends one bad frame; resolves with the close code the server chose. */
  function badFrame(send: (socket: WebSocket) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
      socket.on('error', () => {});
      socket.on('open', () => send(socket));
      socket.on('close', (code) => resolve(code));
      setTimeout(() => reject(new Error('the server kept the socket open')), 20_000).unref();
    });
  }

  /** A hand-made WebSocket whose client frame is not masked (RFC 6455 requires the mask). */
  function unmaskedFrame(): Promise<string> {
    const { hostname, port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let received = Buffer.alloc(0);
      let upgraded = false;
      socket.on('error', reject);
      socket.on('connect', () => {
        socket.write(
          [
            'GET /graphql HTTP/1.1',
            `Host: ${hostname}:${port}`,
            'Upgrade: websocket',
            'Connection: Upgrade',
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
            'Sec-WebSocket-Version: 13',
            'Sec-WebSocket-Protocol: graphql-transport-ws',
            '',
            '',
          ].join('\r\n'),
        );
      });
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (!upgraded && received.includes('\r\n\r\n')) {
          upgraded = true;
          if (!received.toString('latin1').startsWith('HTTP/1.1 101')) {
            reject(new Error(`no upgrade: ${received.toString('latin1').slice(0, 200)}`));
            socket.destroy();
            return;
          }
          // FIN + text, payload length 2, no mask bit: "hi".
          socket.write(Buffer.from([0x81, 0x02, 0x68, 0x69]));
        }
      });
      socket.on('close', () => resolve(received.toString('latin1')));
    });
  }

  it('keeps stderr empty and the log bounded while clients send bad frames', async () => {
    const stdoutBefore = stdout.length;
    const stderrBefore = stderr.length;
    const codes: Record<string, number[]> = { tooLarge: [], badUtf8: [] };
    for (let i = 0; i < BAD_SOCKETS_PER_KIND; i += 1) {
      codes.tooLarge?.push(await badFrame((s) => s.send('x'.repeat(1.5 * 1024 * 1024))));
      codes.badUtf8?.push(
        await badFrame((s) => s.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false })),
      );
      await unmaskedFrame();
    }
    expect(new Set(codes.tooLarge)).toEqual(new Set([1009]));
    expect(new Set(codes.badUtf8)).toEqual(new Set([1007]));

    // The server still answers, over HTTP and WebSocket; what it logged meanwhile is written.
    expect((await request(`${new URL(server.url).origin}/health`)).status).toBe(200);
    const client = wsClient(server.url, key);
    const viewer = await new Promise<unknown>((resolve, reject) => {
      client.subscribe(
        { query: '{ viewer { name } }' },
        { next: (r) => resolve(r.data), error: reject, complete: () => {} },
      );
    });
    await client.dispose();
    expect(viewer).toEqual({ viewer: { name: 'local' } });
    expect((await ok(server.url, '{ viewer { name } }', {}, { token: key })).viewer.name).toBe(
      'local',
    );
    await sleep(500);

    const errText = stderr.slice(stderrBefore).join('');
    expect(errText.slice(0, 2000), 'stderr during the flood').toBe('');
    const lines = stdout
      .slice(stdoutBefore)
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '');
    for (const line of lines) {
      let entry: { level?: unknown };
      try {
        entry = JSON.parse(line);
      } catch {
        throw new Error(`not a JSON log line: ${line.slice(0, 300)}`);
      }
      expect(entry.level, line.slice(0, 300)).toBeTypeOf('number');
      expect(entry.level as number, line.slice(0, 300)).toBeLessThanOrEqual(40);
    }
    expect(lines.length, lines.slice(0, 5).join('\n')).toBeLessThanOrEqual(10);
  });
});
