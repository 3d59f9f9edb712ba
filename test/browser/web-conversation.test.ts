import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { routedModel, textChunks } from '../helpers/mock-model.js';
import { hasChromium, launchBrowser, RESULTS_DIR, watchConsole } from './browser.js';

/**
 * The conversation view in the browser: the indicator while the agent thinks, suggestion chips,
 * the title of a chat whose first answer was stopped, edit / regenerate / ‹ 1/2 › between
 * versions, and the layout on a phone.
 */

let t: TestApp;
let origin: string;
let key: string;
let browser: Browser;
let answers = 0;

// "slow …": 600 ms before each chunk (the agent thinks before its first word); "long …": many words,
// 100 ms apart (time to press Stop); anything else: "Answer <n> to <question>" at once.
const model = routedModel(({ userText }) => {
  if (userText.startsWith('slow')) return { chunks: textChunks('Thought it over.'), delayMs: 600 };
  if (userText.startsWith('long')) {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    return { chunks: textChunks(words), delayMs: 100 };
  }
  answers += 1;
  return textChunks(`Answer ${answers} to ${userText}`);
});

beforeAll(async () => {
  t = await startTestApp({ graphiqlApiKey: true, model: model.model });
  origin = new URL(t.url).origin;
  key = t.devUser!.key;
  if (hasChromium) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const ACTIVE_BRANCH = graphql(`
  query WebBranchSession($id: ID!) {
    session(id: $id) {
      title state
      messages(last: 10) { edges { node { id role text siblings { id } } } }
    }
  }
`);

async function stored(sessionId: string) {
  const { data, errors } = await t.gql(ACTIVE_BRANCH, { id: sessionId }, key);
  expect(errors).toBeUndefined();
  return data!.session!;
}

async function openSessionId(page: Page): Promise<string> {
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/s\//);
  return decodeURIComponent((await page.evaluate(() => location.hash)).slice(4));
}

/** The page's messages as [role, text] pairs (the text segments of each). */
const shown = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.msg')].map((m) => [
      m.classList.contains('msg-user') ? 'USER' : 'ASSISTANT',
      [...m.querySelectorAll('.text')].map((n) => n.textContent).join(''),
    ]),
  );

async function openPage(
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${origin}/`);
  await expect.poll(() => page.locator('#connection').getAttribute('data-state')).toBe('live');
  return { context, page, problems };
}

async function sendText(page: Page, text: string) {
  await page.locator('#input').fill(text);
  await page.keyboard.press('Enter');
}

/** Waits until the page shows `count` messages and no answer streams any more. */
async function settled(page: Page, count: number) {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          [
            document.querySelectorAll('.msg').length,
            document.querySelectorAll('.msg.streaming, .msg.pending').length,
            !(document.getElementById('send') as HTMLButtonElement).hidden,
          ] as const,
      ),
    )
    .toEqual([count, 0, true]);
}

describe.skipIf(!hasChromium)('the conversation view (browser)', () => {
  it('shows that the agent thinks until its first word, then the answer', async () => {
    const { context, page, problems } = await openPage();
    await sendText(page, 'slow question');
    const thinking = page.locator('.msg-assistant .thinking');
    await thinking.waitFor();
    expect(await thinking.getAttribute('aria-label')).toBe('Thinking');
    expect(await page.locator('.msg-assistant .text').count()).toBe(0);
    // No Edit while the turn runs (the server would refuse it); it is there once it ends.
    const edit = page.locator('.msg-user').getByRole('button', { name: 'Edit' });
    expect(await edit.isVisible()).toBe(false);
    await page.screenshot({ path: `${RESULTS_DIR}/web-thinking.png` });
    await page.locator('.msg-assistant .text').first().waitFor();
    expect(await thinking.count()).toBe(0);
    await settled(page, 2);
    expect(await shown(page)).toEqual([
      ['USER', 'slow question'],
      ['ASSISTANT', 'Thought it over.'],
    ]);
    expect(await edit.isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a suggestion chip sends its text', async () => {
    const { context, page, problems } = await openPage();
    const chip = page.locator('.suggestion').first();
    const text = (await chip.textContent())!.trim();
    await chip.click();
    const sessionId = await openSessionId(page);
    await expect
      .poll(() => shown(page))
      .toEqual([
        ['USER', text],
        [
          'ASSISTANT',
          expect.stringMatching(new RegExp(`^Answer \\d+ to ${text.replace('$', '\\$')}$`)),
        ],
      ]);
    const session = await stored(sessionId);
    expect(session.messages.edges[0]?.node).toMatchObject({ role: 'USER', text });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a chat whose first answer is stopped gets its title all the same', async () => {
    const { context, page, problems } = await openPage();
    await sendText(page, 'long story about owls');
    await expect
      .poll(() =>
        page
          .locator('.msg-assistant .text')
          .textContent()
          .catch(() => ''),
      )
      .toContain('word2');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.locator('.badge-stopped').waitFor();
    const sessionId = await openSessionId(page);
    await expect.poll(() => page.locator('#title').textContent()).toBe('long story about owls');
    await expect
      .poll(() =>
        page.locator(`.session[data-session-id="${sessionId}"] .session-title`).textContent(),
      )
      .toBe('long story about owls');
    expect((await stored(sessionId)).title).toBe('long story about owls');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('regenerates an answer and switches between the two with ‹ 1/2 ›', async () => {
    const { context, page, problems } = await openPage();
    await sendText(page, 'question one');
    await settled(page, 2);
    const sessionId = await openSessionId(page);
    const first = (await shown(page))[1]![1];
    expect(first).toMatch(/^Answer \d+ to question one$/);

    await page.locator('.msg-assistant').getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(() => page.locator('.msg-assistant .branch-count').textContent()).toBe('2/2');
    await settled(page, 2);
    const second = (await shown(page))[1]![1];
    expect(second).toMatch(/^Answer \d+ to question one$/);
    expect(second).not.toBe(first);
    expect(await page.locator('.msg').count()).toBe(2);
    await page.screenshot({ path: `${RESULTS_DIR}/web-regenerated.png` });

    await page.getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(() => page.locator('.msg-assistant .branch-count').textContent()).toBe('1/2');
    expect(await shown(page)).toEqual([
      ['USER', 'question one'],
      ['ASSISTANT', first],
    ]);
    expect((await stored(sessionId)).messages.edges.map((e) => e.node.text)).toEqual([
      'question one',
      first,
    ]);
    expect(await page.getByRole('button', { name: 'Previous version' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Next version' }).click();
    await expect.poll(() => page.locator('.msg-assistant .branch-count').textContent()).toBe('2/2');
    expect((await shown(page))[1]![1]).toBe(second);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('edits a question: the new version is answered on its own branch; ‹ goes back to the first', async () => {
    const { context, page, problems } = await openPage();
    await sendText(page, 'what about cats');
    await settled(page, 2);
    const sessionId = await openSessionId(page);
    const before = await shown(page);

    await page.locator('.msg-user').getByRole('button', { name: 'Edit' }).click();
    const box = page.getByRole('textbox', { name: 'Edit message' });
    expect(await box.inputValue()).toBe('what about cats');
    await box.fill('what about dogs');
    await page.getByRole('button', { name: 'Save and send' }).click();
    await expect.poll(() => page.locator('.msg-user .branch-count').textContent()).toBe('2/2');
    await settled(page, 2);
    await expect
      .poll(() => shown(page))
      .toEqual([
        ['USER', 'what about dogs'],
        ['ASSISTANT', expect.stringMatching(/^Answer \d+ to what about dogs$/)],
      ]);
    const session = await stored(sessionId);
    expect(session.messages.edges.map((e) => e.node.text)).toEqual(
      (await shown(page)).map(([, text]) => text),
    );
    expect(session.messages.edges[0]?.node.siblings).toHaveLength(2);

    await page.locator('.msg-user').getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(() => shown(page)).toEqual(before);
    expect(await page.locator('.msg-user .branch-count').textContent()).toBe('1/2');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('on a phone: the chats are behind ☰, a drawer that closes when one is picked', async () => {
    const { context, page, problems } = await openPage({ width: 390, height: 844 });
    const sidebar = page.locator('.sidebar');
    /** Where the drawer is: 'open' (all in view), 'closed' (all out of view) or moving. */
    const drawer = () =>
      sidebar.evaluate((node) => {
        const r = node.getBoundingClientRect();
        return r.left >= 0 ? 'open' : r.right <= 0 ? 'closed' : 'moving';
      });
    expect(await drawer()).toBe('closed');
    const menu = page.getByRole('button', { name: 'Chats' });
    expect(await menu.isVisible()).toBe(true);
    expect(await page.locator('#input').isVisible()).toBe(true);
    expect(await page.locator('#input').getAttribute('placeholder')).toBe('Message the assistant');

    await sendText(page, 'hello from a phone');
    await settled(page, 2);
    const sessionId = await openSessionId(page);
    // Nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );

    await page.locator('#new-chat').evaluate((b) => (b as HTMLButtonElement).click());
    await expect.poll(() => page.locator('#title').textContent()).toBe('New chat');
    await menu.click();
    await expect.poll(drawer).toBe('open');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: `${RESULTS_DIR}/web-phone-menu.png` });
    await page.locator(`.session[data-session-id="${sessionId}"] a`).click();
    await expect.poll(drawer).toBe('closed');
    await expect
      .poll(() => shown(page))
      .toEqual([
        ['USER', 'hello from a phone'],
        ['ASSISTANT', expect.stringMatching(/^Answer \d+ to hello from a phone$/)],
      ]);
    await page.screenshot({ path: `${RESULTS_DIR}/web-phone.png` });

    // The backdrop closes the drawer too.
    await menu.click();
    await expect.poll(drawer).toBe('open');
    await page.mouse.click(370, 400);
    await expect.poll(drawer).toBe('closed');
    expect(problems).toEqual([]);
    await context.close();
  });
});
