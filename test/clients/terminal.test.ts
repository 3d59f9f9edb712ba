import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';
import { runProgram } from '../helpers/server-process.js';

let t: TestApp;
let alice: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  alice = await t.user();
});
afterAll(async () => {
  await t?.close();
});

/** Runs a client program with piped stdin, as a person scripting it would. */
function run(args: string[], input: string, env: Record<string, string>) {
  return runProgram(args, {
    env: { ...process.env, ...env },
    input,
    cwd: process.cwd(),
    timeoutMs: 45_000,
  });
}

describe('npm run chat (terminal client)', () => {
  it('streams answers and tool calls, approves a checkout, lists and switches sessions, from piped input', async () => {
    const input = [
      'find me running shoes under $120',
      'add the first one to my cart in size 10',
      'checkout',
      '/approve',
      '/new',
      'remember that I like blue',
      '/list',
      '/switch 2',
      '/stop',
      '/quit',
    ].join('\n');
    const { code, stdout } = await run(['src/cli/chat.ts'], `${input}\n`, {
      GRAPHQL_URL: t.url,
      API_KEY: alice.key,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('[tool] searchProducts');
    expect(stdout).toContain('"maxPrice":120');
    expect(stdout).toMatch(/Running Shoes \(\$\d+\.\d\d\)/);
    expect(stdout).toContain('[approval needed] checkout');
    expect(stdout).toMatch(/Your order \S+ is placed/);
    expect(stdout).toContain('[tool] rememberPreference');
    expect(stdout).toContain('2 sessions');
    expect(stdout).toContain('[nothing was running]');

    // What the client showed is what the server stored.
    const orders = await t.db.prisma.order.findMany({ where: { userId: alice.id } });
    expect(orders).toHaveLength(1);
    const prefs = await t.db.prisma.preference.findMany({ where: { userId: alice.id } });
    expect(prefs.map((p) => p.text).join(' ')).toMatch(/blue/);
    // /switch 2 printed the first session's stored history.
    expect(stdout).toMatch(/user: find me running shoes under \$120/);
  });

  it('the typed example program (generated documents) sends a message and prints the stream', async () => {
    const { code, stdout } = await run(['examples/stream-chat.ts', 'find me denim jackets'], '', {
      GRAPHQL_URL: t.url,
      API_KEY: alice.key,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('[turn RUNNING]');
    expect(stdout).toContain('[tool] searchProducts');
    expect(stdout).toMatch(/Denim Jacket/);
    expect(stdout).toMatch(/\[done\] \d+ tokens/);
  });
});
