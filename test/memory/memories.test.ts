import { randomUUID } from 'node:crypto';
import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import {
  ClearMemoriesDocument,
  DeleteMemoryDocument,
  DeleteSessionDocument,
  MemoriesDocument,
  type MemoriesQuery,
  UpdateViewerSettingsDocument,
} from '../../client/generated/graphql.js';
import { type Api, api, gid, missingId } from '../api/support.js';
import {
  answerChunks,
  CONV_SEND,
  convModel,
  ended,
  endOf,
  exchange,
  feed,
  gate,
  newSession,
} from '../conversations/support.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { usage } from '../helpers/mock-model.js';
import {
  AddMember,
  CreateInWorkspace,
  CreateWorkspace,
  RemoveMember,
} from '../workspaces/support.js';

/**
 * Memory the user controls (seed 001 remembers preferences across sessions): the user sees what
 * is remembered, forgets one or all of it, or turns memory off; the model's prompt follows.
 */

type Chunk = LanguageModelV3StreamPart;

/** "remember: a; b" makes the model store "a" and "b" with rememberPreference in one step. */
const REMEMBER = /^remember: (.+)$/;
/** The answer to HELD calls rememberPreference only once the test opens the gate. */
const HELD = 'remember later: likes tea';
const held = gate();

function rememberChunks(texts: string[]): Chunk[] {
  return [
    { type: 'stream-start', warnings: [] },
    ...texts.map((text) => ({
      type: 'tool-call' as const,
      toolCallId: `call-${randomUUID()}`,
      toolName: 'rememberPreference',
      input: JSON.stringify({ text }),
    })),
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage: usage(5, 5) },
  ];
}

const mock = convModel(({ userText, step }) => {
  if (userText === HELD && step === 0) {
    return { chunks: rememberChunks(['likes tea']), holdAt: 1, gate: held.opened };
  }
  const texts = REMEMBER.exec(userText)?.[1]?.split('; ');
  if (texts && step === 0) return rememberChunks(texts);
  return answerChunks(`answer to ${userText}`);
});

const SOURCE = graphql(`
  query MemorySource($id: ID!) {
    node(id: $id) {
      __typename
      ... on Memory { id text sourceSession { id } }
    }
  }
`);

let t: TestApp;
let a: Api;
beforeAll(async () => {
  t = await startTestApp({ model: mock.model });
  a = api(t);
});
afterAll(async () => {
  held.open();
  await t?.close();
});

/** The system prompt and the tool names of the model's first call for `text`. */
function promptFor(text: string) {
  const call = mock.callsFor(text)[0];
  expect(call, `no model call for ${text}`).toBeDefined();
  const options = call?.options as LanguageModelV3CallOptions;
  const system = options.prompt.find((m) => m.role === 'system')?.content ?? '';
  return { system: String(system), tools: (options.tools ?? []).map((x) => x.name) };
}

async function memoriesOf(key: string, first = 100) {
  const data = await a.ok(MemoriesDocument, { first }, key);
  return data.memories.edges.map((e) => e.node);
}

describe('memories', () => {
  it('lists what the agent remembered, newest first, with the session it came from', async () => {
    const alice = await t.user();
    const bob = await t.user();
    const first = await newSession(a, alice.key);
    await exchange(t, a, alice.key, first, 'remember: wears shoe size 10');
    const second = await newSession(a, alice.key);
    await exchange(t, a, alice.key, second, 'remember: likes blue');

    const memories = await memoriesOf(alice.key);
    expect(memories.map((m) => [m.text, m.sourceSession?.id])).toEqual([
      ['likes blue', second],
      ['wears shoe size 10', first],
    ]);
    expect(await memoriesOf(bob.key)).toEqual([]);
    const viewer = (await a.ok(MemoriesDocument, {}, alice.key)).viewer;
    expect(viewer.settings).toEqual({ memoryEnabled: true });
  });

  it('pages by cursor without skipping or repeating one', async () => {
    const alice = await t.user();
    const id = await newSession(a, alice.key);
    const texts = ['one', 'two', 'three', 'four', 'five'];
    await exchange(t, a, alice.key, id, `remember: ${texts.join('; ')}`);
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < 5; page += 1) {
      const data: MemoriesQuery = await a.ok(MemoriesDocument, { first: 2, after }, alice.key);
      seen.push(...data.memories.edges.map((e) => e.node.text));
      after = data.memories.pageInfo.endCursor;
      if (!data.memories.pageInfo.hasNextPage) break;
    }
    expect([...seen].sort()).toEqual([...texts].sort());
    await a.fail(MemoriesDocument, { first: 101 }, alice.key, 'BAD_USER_INPUT');
    await a.fail(MemoriesDocument, { after: 'not-a-cursor' }, alice.key, 'BAD_USER_INPUT');
  });

  it("deleting a memory removes it from the next turn's prompt", async () => {
    const alice = await t.user();
    const id = await newSession(a, alice.key);
    await exchange(t, a, alice.key, id, 'remember: is vegetarian; lives in Oslo');
    await exchange(t, a, alice.key, id, 'what do you know 1');
    const before = promptFor('what do you know 1').system;
    expect(before).toContain('is vegetarian');
    expect(before).toContain('lives in Oslo');

    const vegetarian = (await memoriesOf(alice.key)).find((m) => m.text === 'is vegetarian');
    const deleted = await a.ok(DeleteMemoryDocument, { id: vegetarian?.id as string }, alice.key);
    expect(deleted.deleteMemory.deletedMemoryId).toBe(vegetarian?.id);

    // A new session too: memories are the user's, across sessions.
    const other = await newSession(a, alice.key);
    await exchange(t, a, alice.key, other, 'what do you know 2');
    const after = promptFor('what do you know 2').system;
    expect(after).not.toContain('is vegetarian');
    expect(after).toContain('lives in Oslo');
    expect((await memoriesOf(alice.key)).map((m) => m.text)).toEqual(['lives in Oslo']);
  });

  it("another user's memory is NOT_FOUND and stays; a bad id is BAD_USER_INPUT", async () => {
    const alice = await t.user();
    const bob = await t.user();
    await exchange(t, a, bob.key, await newSession(a, bob.key), 'remember: bob secret');
    const [bobs] = await memoriesOf(bob.key);
    const id = bobs?.id as string;
    await a.fail(DeleteMemoryDocument, { id }, alice.key, 'NOT_FOUND');
    await a.fail(SOURCE, { id }, alice.key, 'NOT_FOUND');
    await a.fail(DeleteMemoryDocument, { id: missingId('Memory') }, alice.key, 'NOT_FOUND');
    await a.fail(DeleteMemoryDocument, { id: 'nonsense' }, alice.key, 'BAD_USER_INPUT', 'id');
    await a.fail(DeleteMemoryDocument, { id: missingId('Session') }, bob.key, 'BAD_USER_INPUT');
    expect((await memoriesOf(bob.key)).map((m) => m.text)).toEqual(['bob secret']);
    const node = await a.ok(SOURCE, { id }, bob.key);
    expect(node.node).toMatchObject({ __typename: 'Memory', text: 'bob secret' });

    await a.ok(DeleteMemoryDocument, { id }, bob.key);
    await a.fail(DeleteMemoryDocument, { id }, bob.key, 'NOT_FOUND');
  });

  it("clearMemories forgets all of the viewer's memories and no other user's", async () => {
    const alice = await t.user();
    const bob = await t.user();
    const id = await newSession(a, alice.key);
    await exchange(t, a, alice.key, id, 'remember: a1; a2; a3');
    await exchange(t, a, bob.key, await newSession(a, bob.key), 'remember: b1');

    const cleared = await a.ok(ClearMemoriesDocument, {}, alice.key);
    expect(cleared.clearMemories.deletedCount).toBe(3);
    expect(await memoriesOf(alice.key)).toEqual([]);
    expect((await memoriesOf(bob.key)).map((m) => m.text)).toEqual(['b1']);
    expect((await a.ok(ClearMemoriesDocument, {}, alice.key)).clearMemories.deletedCount).toBe(0);

    await exchange(t, a, alice.key, id, 'anything left');
    expect(promptFor('anything left').system).not.toContain('a1');
  });

  it('a memory outlives the session it came from (its sourceSession becomes null)', async () => {
    const alice = await t.user();
    const id = await newSession(a, alice.key);
    await exchange(t, a, alice.key, id, 'remember: hates queues');
    await a.ok(DeleteSessionDocument, { id }, alice.key);
    const [memory] = await memoriesOf(alice.key);
    expect(memory).toMatchObject({ text: 'hates queues', sourceSession: null });
  });

  it('hides the source session once the user no longer sees it (removed from its workspace)', async () => {
    const owner = await t.user();
    const member = await t.user();
    const ws = (await a.ok(CreateWorkspace, { name: 'Team' }, owner.key)).createWorkspace.workspace
      .id;
    await a.ok(
      AddMember,
      { workspaceId: ws, userId: gid('User', member.id), role: 'MEMBER' },
      owner.key,
    );
    const shared = (await a.ok(CreateInWorkspace, { workspaceId: ws }, owner.key)).createSession
      .session.id;
    await exchange(t, a, member.key, shared, 'remember: prefers aisle seats');
    expect((await memoriesOf(member.key)).map((m) => m.sourceSession?.id)).toEqual([shared]);

    await a.ok(RemoveMember, { workspaceId: ws, userId: gid('User', member.id) }, owner.key);
    const after = await memoriesOf(member.key);
    expect(after.map((m) => [m.text, m.sourceSession])).toEqual([['prefers aisle seats', null]]);
  });
});

describe('memoryEnabled', () => {
  it('off: the prompt has no memories and the memory tool is not offered; on again: back', async () => {
    const alice = await t.user();
    const id = await newSession(a, alice.key);
    await exchange(t, a, alice.key, id, 'remember: plays chess');
    await exchange(t, a, alice.key, id, 'memory on');
    expect(promptFor('memory on').system).toContain('plays chess');
    expect(promptFor('memory on').tools).toContain('rememberPreference');

    const off = await a.ok(UpdateViewerSettingsDocument, { memoryEnabled: false }, alice.key);
    expect(off.updateViewerSettings.viewer.settings).toEqual({ memoryEnabled: false });
    await exchange(t, a, alice.key, id, 'memory off');
    const prompt = promptFor('memory off');
    expect(prompt.system).not.toContain('plays chess');
    expect(prompt.tools).not.toContain('rememberPreference');
    expect(prompt.tools).toContain('searchProducts');
    // Off hides memories from the agent, not from the user.
    expect((await memoriesOf(alice.key)).map((m) => m.text)).toEqual(['plays chess']);

    // A field left out keeps its value.
    const kept = await a.ok(UpdateViewerSettingsDocument, {}, alice.key);
    expect(kept.updateViewerSettings.viewer.settings).toEqual({ memoryEnabled: false });

    await a.ok(UpdateViewerSettingsDocument, { memoryEnabled: true }, alice.key);
    await exchange(t, a, alice.key, id, 'memory on again');
    expect(promptFor('memory on again').system).toContain('plays chess');
  });

  it("one user's setting leaves another's memory on", async () => {
    const alice = await t.user();
    const bob = await t.user();
    await a.ok(UpdateViewerSettingsDocument, { memoryEnabled: false }, alice.key);
    const bobs = (await a.ok(MemoriesDocument, {}, bob.key)).viewer.settings;
    expect(bobs).toEqual({ memoryEnabled: true });
    await exchange(t, a, bob.key, await newSession(a, bob.key), 'remember: bob likes jazz');
    expect((await memoriesOf(bob.key)).map((m) => m.text)).toEqual(['bob likes jazz']);
  });

  it('switched off while a turn runs: the memory tool refuses and stores nothing', async () => {
    const alice = await t.user();
    const id = await newSession(a, alice.key);
    const f = feed(t.ws(alice.key), id);
    try {
      const sent = await a.ok(CONV_SEND, { id, text: HELD }, alice.key);
      const turnId = sent.sendMessage?.turn.id as string;
      // The tool was offered when the turn started; the setting changes before the call.
      await a.ok(UpdateViewerSettingsDocument, { memoryEnabled: false }, alice.key);
      held.open();
      const events = await f.waitFor(ended(turnId));
      expect(endOf(events, turnId)?.__typename).toBe('TurnFinished');
      expect(events.map((e) => e.__typename)).toContain('ToolFailed');
      expect(events.map((e) => e.__typename)).not.toContain('ToolResulted');
    } finally {
      f.stop();
    }
    expect(promptFor(HELD).tools).toContain('rememberPreference');
    expect(await memoriesOf(alice.key)).toEqual([]);
  });
});
