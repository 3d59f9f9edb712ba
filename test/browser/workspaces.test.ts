import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import { type Api, api } from '../api/support.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { CreateProject, MyWorkspaces, sharedWorkspace } from '../workspaces/support.js';
import { hasChromium, launchBrowser, watchConsole } from './browser.js';

/**
 * The sidebar's workspace switcher and project filter: the personal workspace is chosen first;
 * switching shows that workspace's sessions, the project filter narrows them, and a new chat
 * goes to the chosen workspace.
 */

let t: TestApp;
let a: Api;
let browser: Browser;

beforeAll(async () => {
  t = await startTestApp({ graphiqlApiKey: true });
  a = api(t);
  if (hasChromium) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.skipIf(!hasChromium)('the web page: workspaces and projects', () => {
  it('switches workspaces, filters by project, and creates a chat where it stands', async () => {
    const me = t.devUser!;
    const { workspaces } = await a.ok(MyWorkspaces, {}, me.key);
    const personal = workspaces.edges[0]!.node.id;
    const team = await sharedWorkspace(a, me, [], 'Team');
    const { createProject } = await a.ok(
      CreateProject,
      { workspaceId: team, name: 'Launch', slug: 'launch' },
      me.key,
    );
    const create = (input: Record<string, unknown>) =>
      t.gql(CreateSessionDocument, { input }, me.key);
    await create({ title: 'Private note' });
    await create({ workspaceId: team, title: 'Team chat' });
    await create({ projectId: createProject.project.id, title: 'Launch plan' });

    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${new URL(t.url).origin}/`);
    const titles = () => page.locator('.session-title').allTextContents();
    await expect.poll(() => page.locator('#workspace').inputValue()).toBe(personal);
    await expect.poll(titles).toEqual(['Private note']);

    await page.selectOption('#workspace', team);
    await expect.poll(async () => (await titles()).sort()).toEqual(['Launch plan', 'Team chat']);
    await page.selectOption('#project', createProject.project.id);
    await expect.poll(titles).toEqual(['Launch plan']);

    await page.selectOption('#project', '');
    await page.fill('#input', 'hello team');
    await page.click('#send');
    await expect.poll(async () => (await titles()).length).toBe(3);
    const { data } = await t.gql(
      `query WsBrowserCount($ws: ID!) { sessions(filter: { workspaceId: $ws }) { totalCount } }`,
      { ws: team },
      me.key,
    );
    expect(data!.sessions.totalCount).toBe(3);
    expect(problems).toEqual([]);
    await context.close();
  });
});
