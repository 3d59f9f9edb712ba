import { mkdir, stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import {
  CreateSessionDocument,
  DeleteSessionDocument,
  SessionsPageDocument,
} from '../../client/generated/graphql.js';
import { useWebPage } from '../../src/http/web-page.js';
import type { ChatDebug } from '../../web/app.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestAppendMessage, TestSendMessage } from '../helpers/operations.js';
import { hasChromium, launchBrowser, RESULTS_DIR, watchConsole } from './browser.js';

const DOCS_SCREENSHOT = 'docs/web-page.png';
/** 25 words: the local model echoes them back, ~36 words streamed one by one (30 ms apart). */
const LONG =
  'please repeat after me one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone';

let t: TestApp;
let origin: string;
let key: string;
let browser: Browser;
/** Raw sockets of WebSocket upgrades, to cut them as a network failure would. */
const upgraded = new Set<Socket>();

beforeAll(async () => {
  t = await startTestApp({ graphiqlApiKey: true, env: { LOCAL_MODEL_DELAY_MS: '30' } });
  origin = new URL(t.url).origin;
  key = t.devUser!.key;
  t.app.server.on('upgrade', (_request, socket: Socket) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
  });
  if (hasChromium) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const SESSION = graphql(`
  query WebTestSession($id: ID!) {
    session(id: $id) {
      state lastEventSeq
      messages(last: 10) { edges { node { role text turn { status } } } }
    }
  }
`);

async function stored(sessionId: string) {
  const { data, errors } = await t.gql(SESSION, { id: sessionId }, key);
  expect(errors).toBeUndefined();
  return data!.session!;
}

async function waitIdle(sessionId: string) {
  await expect.poll(async () => (await stored(sessionId)).state, { timeout: 15_000 }).toBe('IDLE');
}

/** The open session's id, from the page's URL (#/s/<id>). */
async function openSessionId(page: Page): Promise<string> {
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/s\//);
  return decodeURIComponent((await page.evaluate(() => location.hash)).slice(4));
}

const debugOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __chat: ChatDebug }).__chat);

/** The assistant's last answer as the page shows it. */
const answerText = (page: Page) =>
  page.evaluate(() => {
    const last = [...document.querySelectorAll('.msg-assistant')].at(-1);
    return [...(last?.querySelectorAll('.text') ?? [])].map((n) => n.textContent).join('');
  });

const contiguous = (seqs: number[]) => seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1);

async function openPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${origin}/`);
  await expect.poll(() => page.locator('#connection').getAttribute('data-state')).toBe('live');
  return { context, page, problems };
}

describe('the web page is served next to the API', () => {
  it('GET / (with the development key), /app.js and /styles.css; /graphql, /health and /metrics unchanged', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain(`<meta name="chat-dev-api-key" content="${key}" />`);
    const js = await fetch(`${origin}/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await js.text()).length).toBeGreaterThan(10_000);
    const css = await fetch(`${origin}/styles.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const etag = css.headers.get('etag')!;
    expect(
      (await fetch(`${origin}/styles.css`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${origin}/nope.js`)).status).toBe(404);

    expect((await fetch(`${origin}/health`)).status).toBe(200);
    expect(await (await fetch(`${origin}/metrics`)).text()).toContain('chat_running_turns');
    const graphiql = await fetch(t.url, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toContain('/graphiql/graphiql.');
    const viewerName = graphql(`
      query WebTestViewerName {
        viewer { name }
      }
    `);
    expect(await t.gql(viewerName, {}, key)).toEqual({
      data: { viewer: { name: 'local' } },
    });
  });

  it('without a development key the page has no key in it (it asks for one)', async () => {
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
      plugins: [useWebPage()],
    });
    const html = await (await yoga.fetch('http://localhost/')).text();
    expect(html).toContain('<script type="module" src="/app.js">');
    expect(html).not.toContain('chat-dev-api-key');
  });
});

describe.skipIf(!hasChromium)('the web page (browser)', () => {
  it('streams the answer token by token, stops it, and shows the stored partial answer after a reload', async () => {
    const { context, page, problems } = await openPage();
    await page.locator('#input').fill(LONG);
    await page.keyboard.press('Enter');

    // The answer grows while it streams.
    const lengths: number[] = [];
    const streaming = page.locator('.msg-assistant.streaming');
    await streaming.waitFor();
    const deadline = Date.now() + 5000;
    while (lengths.length < 4 && Date.now() < deadline) {
      const length = await answerText(page).then((s) => s.length);
      if (length > (lengths.at(-1) ?? 0)) lengths.push(length);
      await page.waitForTimeout(20);
    }
    expect(lengths).toHaveLength(4);
    expect(await streaming.count()).toBe(1);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.locator('.badge-stopped').waitFor();
    // A stopped first turn titles the chat all the same (from the question).
    await expect.poll(() => page.locator('#title').textContent()).toMatch(/^please repeat/i);
    const partial = await answerText(page);
    expect(partial.length).toBeGreaterThanOrEqual(lengths.at(-1)!);
    expect(partial).not.toContain('twentyone');

    const sessionId = await openSessionId(page);
    const session = await stored(sessionId);
    const [user, answer] = session.messages.edges.map((e) => e.node);
    expect(user).toMatchObject({ role: 'USER', text: LONG });
    expect(answer).toMatchObject({ role: 'ASSISTANT', turn: { status: 'CANCELLED' } });
    expect(answer!.text).toBe(partial);
    expect((await debugOf(page)).mismatches).toBe(0);
    await page.screenshot({ path: `${RESULTS_DIR}/web-stopped.png` });

    await page.reload();
    await page.locator('.badge-stopped').waitFor();
    expect(await page.locator('.msg').count()).toBe(2);
    expect(await page.locator('.msg-user .msg-body').textContent()).toBe(LONG);
    expect(await answerText(page)).toBe(partial);
    expect(await page.locator('#send').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('resumes after the socket is cut mid-stream: the final text is the stored text, nothing twice, nothing missing', async () => {
    const { context, page, problems } = await openPage();
    await page.locator('#input').fill(LONG);
    await page.keyboard.press('Enter');
    await expect.poll(() => answerText(page).then((s) => s.length)).toBeGreaterThan(10);

    // Cut every WebSocket at the TCP level: the page sees an abnormal closure (1006).
    const before = await answerText(page);
    expect(upgraded.size).toBeGreaterThan(0);
    for (const socket of upgraded) socket.destroy();
    await expect
      .poll(() => debugOf(page).then((d) => d.connection), { interval: 10 })
      .not.toBe('live');
    await expect.poll(() => debugOf(page).then((d) => d.reconnects)).toBe(1);
    await expect.poll(() => page.locator('#connection').textContent()).toBe('Live');

    await page.locator('.msg-assistant:not(.streaming)').waitFor();
    await expect.poll(() => page.locator('#send').isVisible()).toBe(true);
    const sessionId = await openSessionId(page);
    await waitIdle(sessionId);
    const session = await stored(sessionId);
    const answer = session.messages.edges.at(-1)!.node;
    expect(answer.turn!.status).toBe('COMPLETED');
    expect(answer.text).toContain('twentyone');
    expect(before.length).toBeLessThan(answer.text.length);

    const shown = await answerText(page);
    expect(shown).toBe(answer.text);
    const debug = await debugOf(page);
    // What streamed (deltas, before and after the cut) is exactly the stored answer.
    expect(Object.values(debug.streamed)).toEqual([answer.text]);
    expect(debug.mismatches).toBe(0);
    expect(debug.resyncs).toBe(0);
    // Every event once, in order, from the first to the last the server numbered.
    expect(debug.applied[0]).toBe(1);
    expect(contiguous(debug.applied)).toBe(true);
    expect(debug.applied.at(-1)).toBe(session.lastEventSeq);
    expect(await page.locator('.msg').count()).toBe(2);
    await page.screenshot({ path: `${RESULTS_DIR}/web-reconnected.png` });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a reload mid-stream picks the running answer up from its start (afterSeq 0, that turn only)', async () => {
    const { context, page, problems } = await openPage();
    await page.locator('#input').fill(LONG);
    await page.keyboard.press('Enter');
    await expect.poll(() => answerText(page).then((s) => s.length)).toBeGreaterThan(10);
    const sessionId = await openSessionId(page);
    await page.reload();
    await page.locator('.msg-assistant').waitFor();
    await waitIdle(sessionId);
    await page.locator('.msg-assistant:not(.streaming)').waitFor();
    const session = await stored(sessionId);
    const answer = session.messages.edges.at(-1)!.node;
    expect(answer.turn!.status).toBe('COMPLETED');
    expect(await answerText(page)).toBe(answer.text);
    expect(await page.locator('.msg').count()).toBe(2);
    const debug = await debugOf(page);
    expect(Object.values(debug.streamed)).toEqual([answer.text]);
    expect(debug.mismatches).toBe(0);
    expect(debug.applied[0]).toBe(1);
    expect(contiguous(debug.applied)).toBe(true);
    expect(debug.applied.at(-1)).toBe(session.lastEventSeq);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('asks for an API key when the saved one is refused, and keeps the new one in localStorage', async () => {
    const alice = await t.user();
    const { context, page } = await openPage();
    await page.evaluate(() => localStorage.setItem('chat.apiKey', 'csk_not-a-key-of-anyone'));
    await page.reload();
    const dialog = page.locator('#key-dialog');
    await dialog.waitFor();
    expect(await page.locator('#key-error').textContent()).toContain('refused');
    await page.locator('#key-input').fill(alice.key);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await expect.poll(() => page.locator('#connection').getAttribute('data-state')).toBe('live');
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('chat.apiKey'))).toBe(alice.key);
    // Alice's sidebar: none of the local user's sessions, and hers as she makes them.
    expect(await page.locator('.session').count()).toBe(0);
    await t.gql(CreateSessionDocument, { input: { title: 'Alice only' } }, alice.key);
    await expect.poll(() => page.locator('.session').textContent()).toContain('Alice only');
    await page.reload();
    await expect.poll(() => page.locator('.session').count()).toBe(1);
    expect(await dialog.isVisible()).toBe(false);
    await context.close();
  });

  it('keeps the sidebar live, pages history, and places an order when Approve is clicked (also after a reload)', async () => {
    const { context, page, problems } = await openPage();
    // What the sidebar holds once loaded (the page may still be loading it when the socket is live).
    const before = (await t.gql(SessionsPageDocument, { first: 50 }, key)).data!.sessions
      .totalCount;
    await expect.poll(() => page.locator('.session').count()).toBe(before);

    // A session made elsewhere (the API) appears in the sidebar without a reload.
    const sent = await t.gql(TestSendMessage, { text: 'find me running shoes under $120' }, key);
    const sessionId: string = sent.data!.sendMessage!.session.id;
    await waitIdle(sessionId);
    await t.gql(
      TestSendMessage,
      { id: sessionId, text: 'add the first one to my cart in size 10' },
      key,
    );
    await waitIdle(sessionId);
    const item = page.locator(`.session[data-session-id="${sessionId}"]`);
    await expect.poll(() => item.textContent()).toMatch(/running shoes[\s\S]*Added/i);
    expect(await page.locator('.session').count()).toBe(before + 1);

    // History: the stored messages with their tool calls.
    await item.locator('a').click();
    await expect.poll(() => page.locator('.msg').count()).toBe(4);
    expect(await page.locator('.tool[data-tool-name="searchProducts"]').count()).toBe(1);
    expect(await page.locator('.tool[data-tool-name="addToCart"] .tool-status').textContent()).toBe(
      'done',
    );

    await page.locator('#input').fill('checkout');
    await page.keyboard.press('Enter');
    const approve = page.getByRole('button', { name: 'Approve' });
    await approve.waitFor();
    await expect.poll(() => page.locator('#session-state').textContent()).toBe('awaiting approval');
    await page.screenshot({ path: `${RESULTS_DIR}/web-approval.png` });
    if (process.env.UPDATE_SCREENSHOTS || !(await stat(DOCS_SCREENSHOT).catch(() => null))) {
      await mkdir('docs', { recursive: true });
      await page.screenshot({ path: DOCS_SCREENSHOT });
    }

    // The approval survives a reload (the paused turn is stored), then goes on in place.
    await page.reload();
    await approve.waitFor();
    expect(await page.locator('.msg').count()).toBe(6);
    await approve.click();
    await expect
      .poll(() => answerText(page), { timeout: 15_000 })
      .toMatch(/Your order \S+ is placed/);
    await page.locator('.tool[data-tool-name="checkout"].tool-done').waitFor();
    expect(await page.locator('.msg').count()).toBe(6);
    const orders = await t.db.prisma.order.findMany({ where: { userId: t.devUser!.id } });
    expect(orders).toHaveLength(1);
    await waitIdle(sessionId);
    expect(await answerText(page)).toBe((await stored(sessionId)).messages.edges.at(-1)!.node.text);

    // Older messages page in (30 at a time) above the newest ones.
    for (let i = 0; i < 14; i += 1) {
      const r = await t.gql(TestAppendMessage, { id: sessionId, text: `note ${i}` }, key);
      expect(r.errors).toBeUndefined();
    }
    await expect.poll(() => page.locator('.msg').count()).toBe(20);
    await page.reload();
    await expect.poll(() => page.locator('.msg').count()).toBe(20);
    expect(await page.locator('#load-older').isVisible()).toBe(false);
    for (let i = 14; i < 35; i += 1) {
      await t.gql(TestAppendMessage, { id: sessionId, text: `note ${i}` }, key);
    }
    await page.reload();
    await expect.poll(() => page.locator('.msg').count()).toBe(30);
    await page.getByRole('button', { name: 'Load older messages' }).click();
    await expect.poll(() => page.locator('.msg').count()).toBe(41);
    expect(await page.locator('#load-older').isVisible()).toBe(false);
    expect(await page.locator('.msg .msg-body').first().textContent()).toBe(
      'find me running shoes under $120',
    );

    // Deleted elsewhere: it leaves the sidebar and the page.
    await t.gql(DeleteSessionDocument, { id: sessionId }, key);
    await expect.poll(() => item.count()).toBe(0);
    await expect.poll(() => page.locator('#empty').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
