import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { RespondToApprovalDocument } from '../../client/generated/graphql.js';
import { type Api, api, gid } from '../api/support.js';
import { collect, startTestApp, type TestApp } from '../helpers/app.js';
import { routedModel, textChunks, toolCallChunks } from '../helpers/mock-model.js';
import {
  TestAppendMessage,
  TestSendMessage,
  TestSessionEvents,
  TestSessionsChanged,
} from '../helpers/operations.js';
import {
  AddMember,
  CreateInWorkspace,
  CreateWorkspace,
  MyWorkspaces,
  RemoveMember,
  sharedWorkspace,
  WorkspaceSessions,
} from './support.js';

/**
 * Workspaces as a team uses them: everyone has a personal workspace; an OWNER shares a
 * workspace; its members see, page, subscribe, append and send; only a session's creator and
 * the OWNERs rename, move and delete it; outsiders get NOT_FOUND; a removed member loses access
 * at once, open subscriptions included.
 */

let t: TestApp;
let a: Api;
const SECRET = 'workspaces-test-secret-of-at-least-32-bytes';

beforeAll(async () => {
  const { model } = routedModel(({ userText, step }) => {
    if (userText.includes('fail')) return { chunks: [], error: new Error('provider down') };
    if (userText.includes('check out') && step === 0) {
      return toolCallChunks('checkout', {}, 'call-checkout');
    }
    return textChunks('ok');
  });
  t = await startTestApp({ model, env: { JWT_SECRET: SECRET } });
  a = api(t);
}, 60_000);
afterAll(() => t?.close());

const Session = graphql(`
  query WsSession($id: ID!) {
    session(id: $id) {
      id title status
      createdBy { name }
      participants { kind user { name } agent { name } }
      messages(first: 10) { edges { node { role text author { name } } } }
    }
  }
`);
const Rename = graphql(`
  mutation WsRename($id: ID!, $title: String!) {
    renameSession(input: { id: $id, title: $title }) { session { title } }
  }
`);
const SetStatus = graphql(`
  mutation WsSetStatus($id: ID!, $status: SessionStatus) {
    updateSession(input: { id: $id, status: $status }) { session { status } }
  }
`);
const AgentsList = graphql(`
  query WsAgents {
    agents { id name avatarUrl }
  }
`);
const SwitchAgent = graphql(`
  mutation WsSwitchAgent($id: ID!, $agentId: ID!) {
    updateSession(input: { id: $id, agentId: $agentId }) { session { id } }
  }
`);
const Delete = graphql(`
  mutation WsDelete($id: ID!) {
    deleteSession(input: { id: $id }) { deletedSessionId }
  }
`);
const Resume = graphql(`
  mutation WsResume($id: ID!) {
    resumeSession(input: { id: $id }) { session { status } }
  }
`);

describe('personal workspace', () => {
  it('every user has one, and sessions land there unless told otherwise', async () => {
    const ann = await t.user('ann-personal');
    const { workspaces } = await a.ok(MyWorkspaces, {}, ann.key);
    expect(workspaces.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ role: 'OWNER', personal: true }),
    ]);
    const { createSession } = await a.ok(CreateInWorkspace, { title: 'mine' }, ann.key);
    expect(createSession.session.workspace.id).toBe(workspaces.edges[0]!.node.id);
    expect(createSession.session.status).toBe('ACTIVE');
    expect(createSession.session.createdBy.name).toBe('ann-personal');
    expect(createSession.session.participants.map((p) => p.kind)).toEqual(['USER', 'AGENT']);
  });
});

describe('personal workspace of users made otherwise', () => {
  it('a JWT user has one from first sight; a user a script made gets one at its first session', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`ws-${randomUUID()}`)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    const { workspaces } = await a.ok(MyWorkspaces, {}, token);
    expect(workspaces.edges.map((e) => e.node.personal)).toEqual([true]);

    const scripted = await t.db.prisma.user.create({ data: { name: 'made-by-a-script' } });
    const { session } = await t.app.services.sessions.create(scripted.id, { title: 'first' });
    const personal = await t.db.prisma.workspace.findUniqueOrThrow({
      where: { personalOfId: scripted.id },
      include: { members: true },
    });
    expect(session.workspaceId).toBe(personal.id);
    expect(personal.members.map((m) => [m.userId, m.role])).toEqual([[scripted.id, 'OWNER']]);
  });
});

describe('a shared workspace', () => {
  it('members see, page and write in its sessions; outsiders get NOT_FOUND', async () => {
    const [owner, member, outsider] = await Promise.all([
      t.user('bo-owner'),
      t.user('bo-member'),
      t.user('bo-outsider'),
    ]);
    const ws = await sharedWorkspace(a, owner, [member]);
    const { createSession } = await a.ok(
      CreateInWorkspace,
      { workspaceId: ws, title: 'shared' },
      owner.key,
    );
    const id = createSession.session.id;

    const listed = await a.ok(WorkspaceSessions, { filter: { workspaceId: ws } }, member.key);
    expect(listed.sessions.edges.map((e) => e.node.title)).toEqual(['shared']);
    expect(listed.sessions.edges[0]!.node.createdBy.name).toBe('bo-owner');
    await a.ok(TestAppendMessage, { id, text: 'from the member' }, member.key);
    const sent = await a.ok(TestSendMessage, { id, text: 'hello agent' }, member.key);
    expect(sent.sendMessage?.turn.status).toBe('RUNNING');
    await t.app.services.runner.drain();

    const { session } = await a.ok(Session, { id }, member.key);
    expect(session!.messages.edges.map((e) => [e.node.role, e.node.author?.name ?? null])).toEqual([
      ['USER', 'bo-member'],
      ['USER', 'bo-member'],
      ['ASSISTANT', null],
    ]);
    expect(session!.participants.map((p) => p.user?.name ?? p.agent?.name)).toEqual([
      'bo-owner',
      expect.any(String),
      'bo-member',
    ]);

    await a.fail(Session, { id }, outsider.key, 'NOT_FOUND');
    await a.fail(TestAppendMessage, { id, text: 'x' }, outsider.key, 'NOT_FOUND');
    await a.fail(WorkspaceSessions, { filter: { workspaceId: ws } }, outsider.key, 'NOT_FOUND');
    const theirs = await a.ok(WorkspaceSessions, {}, outsider.key);
    expect(theirs.sessions.totalCount).toBe(0);
  });

  it('renaming and deleting stay with the creator and the OWNERs; members set the status', async () => {
    const [owner, creator, member] = await Promise.all([
      t.user('cy-owner'),
      t.user('cy-creator'),
      t.user('cy-member'),
    ]);
    const ws = await sharedWorkspace(a, owner, [creator, member]);
    const { createSession } = await a.ok(
      CreateInWorkspace,
      { workspaceId: ws, title: 'by creator' },
      creator.key,
    );
    const id = createSession.session.id;
    await a.fail(Rename, { id, title: 'no' }, member.key, 'FORBIDDEN');
    await a.fail(Delete, { id }, member.key, 'FORBIDDEN');
    const set = await a.ok(SetStatus, { id, status: 'AWAITING_PEER' }, member.key);
    expect(set.updateSession.session.status).toBe('AWAITING_PEER');
    const resumed = await a.ok(Resume, { id }, member.key);
    expect(resumed.resumeSession.session.status).toBe('ACTIVE');
    expect(
      (await a.ok(Rename, { id, title: 'by owner' }, owner.key)).renameSession.session.title,
    ).toBe('by owner');
    await a.ok(Rename, { id, title: 'by creator again' }, creator.key);
    await a.ok(Delete, { id }, owner.key);
  });

  it('only OWNERs manage members; bad ids and roles are refused', async () => {
    const [owner, member, other] = await Promise.all([
      t.user('di-owner'),
      t.user('di-member'),
      t.user('di-other'),
    ]);
    const ws = await sharedWorkspace(a, owner, [member]);
    const add = { workspaceId: ws, userId: gid('User', other.id) };
    await a.fail(AddMember, add, member.key, 'FORBIDDEN');
    await a.fail(AddMember, add, other.key, 'NOT_FOUND');
    await a.fail(AddMember, { ...add, userId: 'nope' }, owner.key, 'BAD_USER_INPUT', 'userId');
    await a.fail(
      AddMember,
      { ...add, userId: gid('User', '00000000-0000-7000-8000-000000000000') },
      owner.key,
      'NOT_FOUND',
    );
    await a.fail(AddMember, { ...add, role: 'KING' as never }, owner.key, 'BAD_USER_INPUT');
    await a.fail(
      RemoveMember,
      { workspaceId: ws, userId: gid('User', owner.id) },
      member.key,
      'FORBIDDEN',
    );
    // The last OWNER stays.
    await a.fail(
      RemoveMember,
      { workspaceId: ws, userId: gid('User', owner.id) },
      owner.key,
      'BAD_USER_INPUT',
      'userId',
    );
    await a.fail(CreateWorkspace, { name: ' ' }, owner.key, 'BAD_USER_INPUT', 'name');
    const { addWorkspaceMember } = await a.ok(AddMember, { ...add, role: 'OWNER' }, owner.key);
    expect(
      addWorkspaceMember.workspace!.members.edges.map((e) => [e.node.user.name, e.node.role]),
    ).toEqual([
      ['di-owner', 'OWNER'],
      ['di-member', 'MEMBER'],
      ['di-other', 'OWNER'],
    ]);
  });

  it('members hear sessionsChanged of the workspace; a removed member loses access at once', async () => {
    const [owner, member] = await Promise.all([t.user('ed-owner'), t.user('ed-member')]);
    const ws = await sharedWorkspace(a, owner, [member]);
    const client = t.ws(member.key);
    const changes = collect(
      client,
      TestSessionsChanged,
      {},
      (e) => e.sessionsChanged.kind === 'CREATED',
    );
    await new Promise((r) => setTimeout(r, 200));
    const { createSession } = await a.ok(
      CreateInWorkspace,
      { workspaceId: ws, title: 'news' },
      owner.key,
    );
    const id = createSession.session.id;
    const heard = await changes.done;
    expect(heard.at(-1)!.sessionsChanged.sessionId).toBe(id);

    const events = collect(client, TestSessionEvents, { id }, () => false, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    await a.ok(TestAppendMessage, { id, text: 'seen' }, owner.key);
    await new Promise((r) => setTimeout(r, 200));
    expect(events.events.map((e) => e.sessionEvents.__typename)).toContain('MessageAppended');
    await a.ok(RemoveMember, { workspaceId: ws, userId: gid('User', member.id) }, owner.key);
    // The open subscription ends (completes) without waiting for the timeout.
    await events.done;
    const seen = events.events.length;
    await a.ok(TestAppendMessage, { id, text: 'unseen' }, owner.key);
    expect(events.events).toHaveLength(seen);
    await a.fail(Session, { id }, member.key, 'NOT_FOUND');
    await a.fail(TestSendMessage, { id, text: 'let me in' }, member.key, 'NOT_FOUND');
    const again = collect(client, TestSessionEvents, { id }, () => true, 5_000);
    await again.done;
    expect(JSON.stringify(again.errors)).toContain('NOT_FOUND');

    // sessionsChanged no longer tells them about the workspace: the owner's new session there is
    // announced before the member's own one, and only the member's own one arrives.
    const later = collect(
      client,
      TestSessionsChanged,
      {},
      (e) => e.sessionsChanged.kind === 'CREATED' && e.sessionsChanged.session?.title === 'own',
    );
    await new Promise((r) => setTimeout(r, 200));
    await a.ok(CreateInWorkspace, { workspaceId: ws, title: 'hidden' }, owner.key);
    await a.ok(CreateInWorkspace, { title: 'own' }, member.key);
    const titles = (await later.done).map((e) => e.sessionsChanged.session?.title);
    expect(titles).not.toContain('hidden');
  });

  it('a member added while the workspace is busy hears its next change at once', async () => {
    const [owner, newcomer] = await Promise.all([t.user('nc-owner'), t.user('nc-new')]);
    const ws = await sharedWorkspace(a, owner, []);
    // The workspace's sessions were just announced (to the owner alone) when the newcomer joins.
    const { createSession } = await a.ok(
      CreateInWorkspace,
      { workspaceId: ws, title: 'before' },
      owner.key,
    );
    const id = createSession.session.id;
    await a.ok(TestAppendMessage, { id, text: 'busy' }, owner.key);
    await t.app.services.sessions.announced();
    await a.ok(AddMember, { workspaceId: ws, userId: gid('User', newcomer.id) }, owner.key);
    const changes = collect(
      t.ws(newcomer.key),
      TestSessionsChanged,
      {},
      (e) => e.sessionsChanged.kind === 'UPDATED' && e.sessionsChanged.session?.title === 'after',
      5_000,
    );
    await new Promise((r) => setTimeout(r, 200));
    await a.ok(Rename, { id, title: 'after' }, owner.key);
    const heard = await changes.done;
    expect(
      heard.map((e) => [e.sessionsChanged.sessionId, e.sessionsChanged.session?.title]),
    ).toContainEqual([id, 'after']);
  });
});

describe('lifecycle status', () => {
  it('a failed turn marks the session FAILED until someone sends again', async () => {
    const user = await t.user('fa-user');
    const { createSession } = await a.ok(CreateInWorkspace, { title: 'flaky' }, user.key);
    const id = createSession.session.id;
    await a.ok(TestSendMessage, { id, text: 'please fail' }, user.key);
    await t.app.services.runner.drain();
    expect((await a.ok(Session, { id }, user.key)).session!.status).toBe('FAILED');
    const failed = await a.ok(WorkspaceSessions, { filter: { status: 'FAILED' } }, user.key);
    expect(failed.sessions.edges.map((e) => e.node.id)).toEqual([id]);
    await a.ok(TestSendMessage, { id, text: 'now work' }, user.key);
    await t.app.services.runner.drain();
    expect((await a.ok(Session, { id }, user.key)).session!.status).toBe('ACTIVE');
    await a.fail(SetStatus, { id, status: 'DONE' as never }, user.key, 'BAD_USER_INPUT');
    await a.ok(SetStatus, { id, status: 'COMPLETED' }, user.key);
    const completed = await a.ok(WorkspaceSessions, { filter: { status: 'COMPLETED' } }, user.key);
    expect(completed.sessions.totalCount).toBe(1);
  });
  it('a turn waiting for an approval makes the session AWAITING_PEER until the peer answers or resumes', async () => {
    const user = await t.user('ap-user');
    const { createSession } = await a.ok(CreateInWorkspace, { title: 'cart' }, user.key);
    const id = createSession.session.id;
    const statusOf = async () => (await a.ok(Session, { id }, user.key)).session!.status;

    const sent = await a.ok(TestSendMessage, { id, text: 'check out please' }, user.key);
    await t.app.services.runner.drain();
    expect(await statusOf()).toBe('AWAITING_PEER');
    const waiting = await a.ok(
      WorkspaceSessions,
      { filter: { status: 'AWAITING_PEER' } },
      user.key,
    );
    expect(waiting.sessions.edges.map((e) => e.node.id)).toEqual([id]);

    // resumeSession: ACTIVE again, and the paused approval still continues.
    expect((await a.ok(Resume, { id }, user.key)).resumeSession.session.status).toBe('ACTIVE');
    const turnId = sent.sendMessage!.turn.id;
    await a.ok(
      RespondToApprovalDocument,
      { turnId, toolCallId: 'call-checkout', approved: false },
      user.key,
    );
    await t.app.services.runner.drain();
    expect(await statusOf()).toBe('ACTIVE');

    // Answering the approval lifts AWAITING_PEER too.
    const again = await a.ok(TestSendMessage, { id, text: 'check out again' }, user.key);
    await t.app.services.runner.drain();
    expect(await statusOf()).toBe('AWAITING_PEER');
    await a.ok(
      RespondToApprovalDocument,
      { turnId: again.sendMessage!.turn.id, toolCallId: 'call-checkout', approved: false },
      user.key,
    );
    await t.app.services.runner.drain();
    expect(await statusOf()).toBe('ACTIVE');
  });
  it('the agent participant follows the session agent; Agent.avatarUrl is served', async () => {
    const user = await t.user('ag-user');
    const { createSession } = await a.ok(CreateInWorkspace, { title: 'agents' }, user.key);
    const id = createSession.session.id;
    const { agents } = await a.ok(AgentsList, {}, user.key);
    expect(agents.length).toBeGreaterThan(1);
    for (const agent of agents) expect(agent.avatarUrl).toMatch(/^data:image\/svg\+xml/);
    const other = agents.find((x) => x.name !== createSession.session.participants[1]?.agent?.name);
    await a.ok(SwitchAgent, { id, agentId: other!.id }, user.key);
    const { session } = await a.ok(Session, { id }, user.key);
    expect(session!.participants.map((p) => [p.kind, p.user?.name ?? p.agent?.name])).toEqual([
      ['USER', 'ag-user'],
      ['AGENT', other!.name],
    ]);
  });
});
