import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { childEnv, runProgram } from '../helpers/server-process.js';

/**
 * The command-line programs when something is wrong: one line that says what and what to do,
 * a non-zero exit code, never a stack trace.
 */

let t: TestApp;
let dataDir: string;
beforeAll(async () => {
  t = await startTestApp();
  dataDir = await mkdtemp(path.join(tmpdir(), 'cli-errors-'));
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

function run(args: string[], env: Record<string, string>, input = '') {
  return runProgram(args, { env: childEnv({ DATA_DIR: dataDir, ...env }), input });
}

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim());
const STACK = /^\s+at |node:internal|triggerUncaughtException/m;

describe('CLIs on errors', () => {
  it('npm run chat: no server at PORT names the URL it tried, exit 1', async () => {
    const port = await freePort();
    const { code, stderr } = await run(
      ['src/cli/chat.ts'],
      { PORT: String(port), API_KEY: 'x' },
      'hi\n',
    );
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([
      `cannot reach http://localhost:${port}/graphql (ECONNREFUSED): start the server (npm start), or set GRAPHQL_URL or PORT`,
    ]);
  });

  it('npm run chat: a refused operation is printed and the exit code is 1', async () => {
    const { code, stdout, stderr } = await run(
      ['src/cli/chat.ts'],
      { GRAPHQL_URL: t.url, API_KEY: 'not-a-key' },
      'hello\n/quit\n',
    );
    expect(code).toBe(1);
    expect(stdout).toContain('! UNAUTHENTICATED:');
    expect(stderr).not.toMatch(STACK);
  });

  it('examples/stream-chat.ts: no API_KEY is one line, exit 2; no server is one line, exit 1', async () => {
    const noKey = await run(['examples/stream-chat.ts', 'hi'], {});
    expect(noKey.code).toBe(2);
    expect(lines(noKey.stderr)).toEqual([
      'No API key: set API_KEY (npm run -s user:create -- --name NAME prints one)',
    ]);
    const port = await freePort();
    const noServer = await run(['examples/stream-chat.ts', 'hi'], {
      API_KEY: 'x',
      GRAPHQL_URL: `http://127.0.0.1:${port}/graphql`,
    });
    expect(noServer.code).toBe(1);
    expect(lines(noServer.stderr)).toEqual([
      `cannot reach http://127.0.0.1:${port}/graphql (ECONNREFUSED)`,
    ]);
  });

  it('user:create without --name prints the usage line, exit 2', async () => {
    const { code, stderr } = await run(['src/cli/user-create.ts'], {});
    expect(code).toBe(2);
    expect(lines(stderr)).toEqual([
      'usage: npm run -s user:create -- --name NAME [--key-name NAME]   (NAME: 1..100 characters)',
    ]);
  });

  it('the server on a port in use: one line naming the port, exit 1', async () => {
    const port = new URL(t.url).port;
    const { code, stdout, stderr } = await run(['src/server.ts'], {
      PORT: port,
      HOST: '127.0.0.1',
    });
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([
      `port ${port} is already in use on 127.0.0.1: stop what listens there, or set PORT`,
    ]);
    expect(`${stdout}${stderr}`).not.toMatch(STACK);
    expect(stdout).not.toMatch(/"level":50/);
  }, 120_000); // migrates and seeds a fresh embedded database first

  it('the server on a DATA_DIR the embedded database cannot open: one line, exit 1, the folder free again', async () => {
    const broken = await mkdtemp(path.join(tmpdir(), 'cli-errors-broken-'));
    try {
      await writeFile(path.join(broken, 'pglite'), 'not a database folder\n');
      const { code, stdout, stderr } = await run(['src/server.ts'], { DATA_DIR: broken });
      expect(code).toBe(1);
      expect(lines(stderr)).toEqual([
        `error: the embedded database did not start: file system error (errno 54) in ${broken}/pglite: is it a folder PGlite wrote?`,
      ]);
      expect(`${stdout}${stderr}`).not.toMatch(STACK);
      // The lock (server.pid) is released: the next start is not told the folder is in use.
      expect(await readdir(broken)).toEqual(['pglite']);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  }, 60_000);
});
