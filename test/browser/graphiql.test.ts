import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSessionDocument, SendMessageDocument } from '../../client/generated/graphql.js';
import { graphiqlDefaultQuery } from '../../src/http/graphiql.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestFirstSession } from '../helpers/operations.js';
import { hasChromium, launchBrowser, RESULTS_DIR, watchConsole } from './browser.js';

let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  if (!hasChromium) return;
  // 80 ms between words: GraphiQL re-renders its result pane throttled, and a busy machine
  // could otherwise skip every delta and show only the final event.
  t = await startTestApp({ graphiqlApiKey: true, env: { LOCAL_MODEL_DELAY_MS: '80' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function openGraphiQL(page: Page) {
  await page.goto(t.url);
  await page.locator('.graphiql-query-editor .view-line').first().waitFor();
}

/** Puts the cursor on the walkthrough's line containing `text` (Monaco renders only visible lines). */
async function cursorOn(page: Page, text: string) {
  const line = graphiqlDefaultQuery.split('\n').findIndex((l) => l.includes(text));
  expect(line).toBeGreaterThan(0);
  await page.locator('.graphiql-query-editor .view-line').first().click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < line; i += 1) await page.keyboard.press('ArrowDown');
}

describe.skipIf(!hasChromium)('GraphiQL walkthrough (browser)', () => {
  it('works as written: CreateSession, Events over WebSocket with the pre-filled key, Send from a second browser tab', async () => {
    const key = t.devUser!.key;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await openGraphiQL(page);
    await page.getByRole('button', { name: 'Headers' }).click();
    await expect
      .poll(async () =>
        (await page.locator('.graphiql-editor-tool').textContent())!.replace(/\s/g, ' '),
      )
      .toContain(`"Bearer ${key}"`);

    // 1. CreateSession, and its id into the variables.
    await cursorOn(page, 'createSession(input');
    await page.keyboard.press('Control+Enter');
    const response = page.locator('.graphiql-response');
    await response.getByText('"createSession"').waitFor();
    const listed = await t.gql(TestFirstSession, {}, key);
    const session = listed.data!.sessions.edges[0]!.node;
    expect(session.title).toBe('My first chat');
    await page.getByRole('button', { name: 'Variables' }).click();
    await page.locator('.graphiql-editor-tool .view-lines').first().click();
    await page.keyboard.insertText(JSON.stringify({ sessionId: session.id }));

    // 2. Events: graphql-ws, authenticated by connectionParams carrying the pre-filled key.
    const sent: string[] = [];
    const frames: string[] = [];
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => sent.push(String(f.payload)));
      ws.on('framereceived', (f) => frames.push(String(f.payload)));
    });
    await cursorOn(page, 'sessionEvents(sessionId');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => sent.find((f) => f.includes('connection_init'))).toBeDefined();
    const init = JSON.parse(sent.find((f) => f.includes('connection_init'))!);
    expect(init.payload).toEqual({ authorization: `Bearer ${key}` });
    await expect.poll(() => t.app.services.events.subscriberCount()).toBe(1);
    // Every state the result pane shows (it re-renders per event, throttled by React/Monaco).
    await page.evaluate(() => {
      const pane = document.querySelector<HTMLElement>('.graphiql-response')!;
      const shown: string[] = [];
      (window as unknown as { __shown: string[] }).__shown = shown;
      new MutationObserver(() => {
        if (shown.at(-1) !== pane.textContent) shown.push(pane.textContent);
      }).observe(pane, { subtree: true, childList: true, characterData: true });
    });

    // 3. Send from a second browser tab. Its GraphiQL restores the walkthrough tab (variables
    // included) next to a new empty one; the tab strip animates, hence the dispatched click.
    const second = await context.newPage();
    await openGraphiQL(second);
    await second.locator('.graphiql-tab-button', { hasText: 'Events' }).dispatchEvent('click');
    await cursorOn(second, 'sendMessage(input');
    await second.keyboard.press('Control+Enter');
    await second.locator('.graphiql-response').getByText('RUNNING').waitFor();

    // The answer streams into the first tab: delta after delta, then the stored message.
    const shown = () =>
      page.evaluate(() => (window as unknown as { __shown: string[] }).__shown.join('\n'));
    await expect.poll(shown, { timeout: 15_000 }).toMatch(/"TurnFinished"[\s\S]*Running\sShoes/);
    expect(await shown()).toContain('"TextDelta"');
    expect(frames.filter((f) => f.includes('"TextDelta"')).length).toBeGreaterThan(5);
    await page.screenshot({ path: `${RESULTS_DIR}/graphiql.png` });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('runs a subscription as the user the Headers pane names, not with the development key', async () => {
    const bob = await t.user();
    const created = await t.gql(CreateSessionDocument, { input: { title: 'Bob only' } }, bob.key);
    const sessionId = created.data!.createSession.session.id;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = watchConsole(page);
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
    await openGraphiQL(page);

    await page.getByRole('button', { name: 'Headers' }).click();
    await page.locator('.graphiql-editor-tool .view-lines').filter({ visible: true }).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${bob.key}` }));
    await page.getByRole('button', { name: 'Variables' }).click();
    await page.locator('.graphiql-editor-tool .view-lines').filter({ visible: true }).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ sessionId }));
    await cursorOn(page, 'sessionEvents(sessionId');
    await page.keyboard.press('Control+Enter');

    // The socket is opened with Bob's key; the development user could not see Bob's session.
    await expect.poll(() => sent.find((f) => f.includes('connection_init'))).toBeDefined();
    const init = JSON.parse(sent.find((f) => f.includes('connection_init'))!);
    expect(init.payload).toEqual({ authorization: `Bearer ${bob.key}` });
    await expect.poll(() => t.app.services.events.subscriberCount()).toBe(1);
    await t.gql(SendMessageDocument, { sessionId, text: 'hello from bob' }, bob.key);
    const response = page.locator('.graphiql-response');
    await expect.poll(() => response.textContent(), { timeout: 15_000 }).toContain('TurnFinished');
    expect(await response.textContent()).not.toContain('NOT_FOUND');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
