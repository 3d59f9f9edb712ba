import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  childEnv,
  ROOT,
  type ServerProcess,
  startServerProcess,
} from '../helpers/server-process.js';
import { gql, ok, seededDataDir } from './support.js';

/**
 * Issue 12, point 16: `npm run -s user:create` while a server holds the same embedded DATA_DIR.
 *
 * The contract the fix must meet: the CLI detects that a running server holds the embedded
 * database of DATA_DIR and exits non-zero with one clear line on stderr (naming the DATA_DIR or
 * saying a server is running / the database is in use / locked), prints no API key (a key it
 * printed would be silently lost), and leaves the server and its data unharmed. The issue allows
 * the alternative of routing through the running server: then it exits 0 and the key it prints
 * works against that server. With the server stopped, the CLI works as before.
 */

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function userCreate(dataDir: string, name: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'user:create', '--', '--name', name], {
      cwd: ROOT,
      env: childEnv({ DATA_DIR: dataDir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`user:create did not end within 90 s:\n${stdout}\n${stderr}`));
    }, 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const KEY = /csk_[\w-]{20,}/;

describe('user:create beside a running server (point 16)', () => {
  let server: ServerProcess | undefined;
  let remove: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await server?.stop();
    await remove?.();
  });

  it('refuses with one clear line and no key while the server runs; works once it stops', async () => {
    const data = await seededDataDir();
    remove = data.remove;
    server = await startServerProcess({ DATA_DIR: data.dir, LOG_LEVEL: 'warn' });
    const devKey = (await readFile(path.join(data.dir, 'dev-api-key'), 'utf8')).trim();
    const sessionId = (
      await ok(
        server.url,
        'mutation { createSession(input: { title: "before the CLI" }) { session { id } } }',
        {},
        { token: devKey },
      )
    ).createSession.session.id;

    const run = await userCreate(data.dir, 'bob');
    const shown = JSON.stringify(run);
    if (run.code === 0) {
      // Routed through the running server: the key it printed is real.
      const key = run.stdout.trim().split('\n').at(-1) as string;
      expect(key, shown).toMatch(KEY);
      const res = await gql(server.url, '{ viewer { name } }', {}, { token: key });
      expect(
        res.data?.viewer ?? null,
        `user:create exited 0 and printed a key the running server does not know: ${shown}`,
      ).toEqual({ name: 'bob' });
    } else {
      expect(run.stdout, shown).not.toMatch(KEY);
      expect(run.stderr, shown).not.toMatch(KEY);
      const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
      expect(lines, shown).toHaveLength(1);
      expect(lines[0], shown).toMatch(/DATA_DIR|in use|running|lock/i);
      expect(lines[0], shown).not.toMatch(/^\s+at |Error:/);
    }

    // The server and its data are unharmed.
    const session = await ok(
      server.url,
      'query($id: ID!) { session(id: $id) { title } }',
      { id: sessionId },
      { token: devKey },
    );
    expect(session.session).toEqual({ title: 'before the CLI' });
    await server.stop();

    // Stopped: the CLI works, and the server sees the new user after a restart.
    const stopped = await userCreate(data.dir, 'carol');
    expect(stopped.code, JSON.stringify(stopped)).toBe(0);
    const carolKey = stopped.stdout.trim().split('\n').at(-1) as string;
    expect(carolKey).toMatch(KEY);
    server = await startServerProcess({ DATA_DIR: data.dir, LOG_LEVEL: 'warn' });
    expect((await ok(server.url, '{ viewer { name } }', {}, { token: carolKey })).viewer.name).toBe(
      'carol',
    );
    expect(
      (
        await ok(
          server.url,
          'query($id: ID!) { session(id: $id) { title } }',
          { id: sessionId },
          { token: devKey },
        )
      ).session,
    ).toEqual({ title: 'before the CLI' });
  }, 240_000);
});
