import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';
import { ROOT } from '../helpers/server-process.js';

/** What the README tells people to run and to set, checked against the real thing. */

let t: TestApp;
let alice: TestUser;
let readme: string;
beforeAll(async () => {
  t = await startTestApp();
  alice = await t.user();
  readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
});
afterAll(async () => {
  await t?.close();
});

/** The fenced block after the README's `<!-- name … -->` marker. */
function block(name: string): string {
  const match = new RegExp(`<!-- ${name}[^>]*-->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match?.[1]) throw new Error(`no block marked ${name} in README.md`);
  return match[1];
}

interface SseEvent {
  seq: number;
  __typename: string;
  delta?: string;
  message?: { text: string };
}

/** Runs a shell script until `done(stdout)` holds, then ends it (and what it started in the background). */
function runUntil(script: string, done: (stdout: string) => boolean) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn('bash', ['-c', script], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const end = () => {
      clearTimeout(timer);
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    };
    const timer = setTimeout(() => {
      end();
      reject(new Error(`timed out:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (done(stdout)) {
        end();
        resolve(stdout);
      }
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!done(stdout)) reject(new Error(`exited ${code} early:\n${stdout}\n${stderr}`));
    });
  });
}

describe('README', () => {
  it('the curl example of a subscription over SSE streams a turn to its end', async () => {
    const host = new URL(t.url).host;
    const script = block('sse-example')
      .replaceAll('$(cat .data/dev-api-key)', alice.key)
      .replaceAll('localhost:4000', host);
    expect(script).toContain(host);
    const stdout = await runUntil(script, (out) => out.includes('"__typename":"TurnFinished"'));

    expect(stdout).toMatch(/"status":"RUNNING"/);
    const events = [...stdout.matchAll(/^data: (.+)$/gm)]
      .map((m) => JSON.parse(m[1]!) as { data?: { sessionEvents: SseEvent } })
      .flatMap((e) => (e.data ? [e.data.sessionEvents] : []));
    expect(stdout).toMatch(/^event: next$/m);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const finished = events.find((e) => e.__typename === 'TurnFinished');
    const streamed = events.map((e) => e.delta ?? '').join('');
    expect(streamed.length).toBeGreaterThan(0);
    expect(finished?.message?.text).toBe(streamed);
  });

  it('every configuration variable is in the README table and in .env.example', async () => {
    const source = await readFile(path.join(ROOT, 'src/config.ts'), 'utf8');
    const start = source.indexOf('const envSchema');
    const schema = source.slice(start, source.indexOf('.transform(', start));
    const variables = [...schema.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(variables.length).toBeGreaterThan(30);
    const envExample = await readFile(path.join(ROOT, '.env.example'), 'utf8');
    const configuration = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
    );
    for (const name of variables) {
      expect(configuration, `README table: ${name}`).toContain(`\`${name}\``);
      expect(envExample, `.env.example: ${name}`).toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });

  it('the defaults the README and .env.example give are the ones the server uses', async () => {
    const defaults = loadConfig({}) as unknown as Record<string, unknown>;
    const envExample = await readFile(path.join(ROOT, '.env.example'), 'utf8');
    const numeric = [...envExample.matchAll(/^([A-Z][A-Z0-9_]+)=(\d+)$/gm)];
    expect(numeric.length).toBeGreaterThan(15);
    // .env.example's numbers, as a configuration, change nothing.
    const given = loadConfig(Object.fromEntries(numeric.map((m) => [m[1]!, m[2]!])));
    expect(given).toEqual(defaults);
    const limits = readme.slice(readme.indexOf('## Limits\n'), readme.indexOf('## Limits and'));
    expect(limits).toContain('`QUOTA_TOKENS_PER_DAY`');
    let limitRows = 0;
    for (const [, name, value] of numeric) {
      const row = new RegExp(`^\\| \`${name}\`[^|]*\\| \`([^\`]+)\``, 'm').exec(readme);
      if (row)
        expect(Number(row[1]!.replace(/,/g, '')), `README default of ${name}`).toBe(Number(value));
      // The Limits table's plain numbers (sizes in MB are checked in the configuration table).
      const limit = new RegExp(`^\\| \`${name}\` \\| ([\\d,]+)(?: \\(| \\|)`, 'm').exec(limits);
      if (limit) {
        limitRows += 1;
        expect(Number(limit[1]!.replace(/,/g, '')), `Limits: ${name}`).toBe(Number(value));
      }
    }
    expect(limitRows).toBeGreaterThan(8);
  });
});
