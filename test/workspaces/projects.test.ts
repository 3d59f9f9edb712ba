import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { type Api, api, missingId, rawId } from '../api/support.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestViewer } from '../helpers/operations.js';
import {
  CreateInWorkspace,
  CreateProject,
  MyWorkspaces,
  sharedWorkspace,
  WorkspaceSessions,
} from './support.js';

/**
 * Projects group a workspace's sessions: created by slug, renamed, deleted (their sessions
 * detach, or go with them all or none); sessions move in and out and are filtered by project id
 * or slug; and a page of sessions costs the same few SQL statements whatever its size.
 */

let t: TestApp;
let a: Api;

beforeAll(async () => {
  t = await startTestApp();
  a = api(t);
}, 60_000);
afterAll(() => t?.close());

const Move = graphql(`
  mutation WsMove($id: ID!, $projectId: ID) {
    updateSession(input: { id: $id, projectId: $projectId }) { session { project { slug } } }
  }
`);
const RenameProject = graphql(`
  mutation WsRenameProject($id: ID!, $name: String!) {
    renameProject(input: { id: $id, name: $name }) { project { name slug } }
  }
`);
const DeleteProject = graphql(`
  mutation WsDeleteProject($id: ID!, $deleteSessions: Boolean) {
    deleteProject(input: { id: $id, deleteSessions: $deleteSessions }) { deletedProjectId }
  }
`);
const ProjectSessions = graphql(`
  query WsProjectSessions($id: ID!) {
    node(id: $id) {
      ... on Project {
        name sessionCount
        sessions(first: 10) { totalCount edges { node { title } } }
      }
    }
  }
`);
const Projects = graphql(`
  query WsProjects($workspaceId: ID) {
    projects(workspaceId: $workspaceId, first: 10) { edges { node { slug sessionCount } } }
  }
`);

async function personal(key: string) {
  const { workspaces } = await a.ok(MyWorkspaces, {}, key);
  return workspaces.edges[0]!.node.id;
}

describe('projects', () => {
  it('are created, filled, filtered by id or slug, renamed and detached on delete', async () => {
    const user = await t.user('pa-user');
    const ws = await personal(user.key);
    const { createProject } = await a.ok(
      CreateProject,
      { workspaceId: ws, name: 'Launch', slug: 'launch' },
      user.key,
    );
    const project = createProject.project;
    expect(project).toMatchObject({ slug: 'launch', sessionCount: 0, workspace: { id: ws } });
    const inside = await a.ok(CreateInWorkspace, { projectId: project.id, title: 'in' }, user.key);
    expect(inside.createSession.session.project!.slug).toBe('launch');
    const outside = await a.ok(CreateInWorkspace, { title: 'out' }, user.key);
    const moved = await a.ok(
      Move,
      { id: outside.createSession.session.id, projectId: project.id },
      user.key,
    );
    expect(moved.updateSession.session.project!.slug).toBe('launch');

    for (const filter of [{ projectId: project.id }, { projectSlug: 'launch' }]) {
      const { sessions } = await a.ok(WorkspaceSessions, { filter }, user.key);
      expect(sessions.edges.map((e) => e.node.title).sort()).toEqual(['in', 'out']);
    }
    const viaNode = await a.ok(ProjectSessions, { id: project.id }, user.key);
    expect(viaNode.node).toMatchObject({ sessionCount: 2, sessions: { totalCount: 2 } });

    const out = await a.ok(
      Move,
      { id: outside.createSession.session.id, projectId: null },
      user.key,
    );
    expect(out.updateSession.session.project).toBeNull();
    const renamed = await a.ok(RenameProject, { id: project.id, name: 'Launch 2' }, user.key);
    expect(renamed.renameProject.project).toEqual({ name: 'Launch 2', slug: 'launch' });
    const { projects } = await a.ok(Projects, { workspaceId: ws }, user.key);
    expect(projects.edges.map((e) => e.node)).toEqual([{ slug: 'launch', sessionCount: 1 }]);

    await a.ok(DeleteProject, { id: project.id }, user.key);
    const all = await a.ok(WorkspaceSessions, {}, user.key);
    expect(all.sessions.edges.map((e) => [e.node.title, e.node.project])).toEqual(
      expect.arrayContaining([
        ['in', null],
        ['out', null],
      ]),
    );
  });

  it('refuses bad slugs, taken slugs, unknown and foreign projects', async () => {
    const [user, stranger] = await Promise.all([t.user('pb-user'), t.user('pb-stranger')]);
    const ws = await personal(user.key);
    const input = { workspaceId: ws, name: 'Docs', slug: 'docs' };
    await a.fail(
      CreateProject,
      { ...input, slug: 'Not A Slug' },
      user.key,
      'BAD_USER_INPUT',
      'slug',
    );
    await a.fail(
      CreateProject,
      { ...input, slug: 'x'.repeat(65) },
      user.key,
      'BAD_USER_INPUT',
      'slug',
    );
    await a.fail(CreateProject, { ...input, name: '' }, user.key, 'BAD_USER_INPUT', 'name');
    await a.fail(CreateProject, input, stranger.key, 'NOT_FOUND');
    const { createProject } = await a.ok(CreateProject, input, user.key);
    await a.fail(CreateProject, input, user.key, 'CONFLICT', 'slug');
    const id = createProject.project.id;
    await a.fail(CreateInWorkspace, { projectId: id }, stranger.key, 'NOT_FOUND', 'projectId');
    await a.fail(
      CreateInWorkspace,
      { projectId: missingId('Project') },
      user.key,
      'NOT_FOUND',
      'projectId',
    );
    await a.fail(WorkspaceSessions, { filter: { projectId: id } }, stranger.key, 'NOT_FOUND');
    await a.fail(RenameProject, { id, name: 'mine' }, stranger.key, 'NOT_FOUND');
    await a.fail(DeleteProject, { id }, stranger.key, 'NOT_FOUND');
    await a.fail(Projects, { workspaceId: ws }, stranger.key, 'NOT_FOUND', 'workspaceId');
    // node(id:) answers like a missing node, for the project and for its workspace.
    await a.fail(ProjectSessions, { id }, stranger.key, 'NOT_FOUND');
    await a.fail(ProjectSessions, { id: ws }, stranger.key, 'NOT_FOUND');
    await a.fail(Projects, { workspaceId: 'garbage' }, user.key, 'BAD_USER_INPUT', 'workspaceId');
    // A project of another workspace is no place for this session.
    const team = await sharedWorkspace(a, user, []);
    const { createSession } = await a.ok(CreateInWorkspace, { workspaceId: team }, user.key);
    await a.fail(
      Move,
      { id: createSession.session.id, projectId: id },
      user.key,
      'BAD_USER_INPUT',
      'projectId',
    );
    await a.fail(
      CreateInWorkspace,
      { workspaceId: team, projectId: id },
      user.key,
      'BAD_USER_INPUT',
      'projectId',
    );
  });

  it('deleteSessions: true deletes them with the project, all or none', async () => {
    const [owner, member] = await Promise.all([t.user('pc-owner'), t.user('pc-member')]);
    const ws = await sharedWorkspace(a, owner, [member]);
    const { createProject } = await a.ok(
      CreateProject,
      { workspaceId: ws, name: 'Mixed', slug: 'mixed' },
      member.key,
    );
    const id = createProject.project.id;
    await a.ok(CreateInWorkspace, { projectId: id, title: 'owner' }, owner.key);
    await a.ok(CreateInWorkspace, { projectId: id, title: 'member' }, member.key);
    // The member may not delete the owner's session: nothing is deleted.
    await a.fail(DeleteProject, { id, deleteSessions: true }, member.key, 'FORBIDDEN');
    expect((await a.ok(ProjectSessions, { id }, owner.key)).node).toMatchObject({
      sessionCount: 2,
    });
    await a.ok(DeleteProject, { id, deleteSessions: true }, owner.key);
    const left = await a.ok(WorkspaceSessions, { filter: { workspaceId: ws } }, owner.key);
    expect(left.sessions.totalCount).toBe(0);
    await a.fail(ProjectSessions, { id }, owner.key, 'NOT_FOUND');
  });
});

describe('sessions in a workspace: SQL statements per page', () => {
  it('is the same small number for a page of 5 and a page of 50', async () => {
    const [owner, member] = await Promise.all([t.user('sql-owner'), t.user('sql-member')]);
    const ws = await sharedWorkspace(a, owner, [member]);
    const projects = await Promise.all(
      ['p1', 'p2'].map(async (slug) => {
        const r = await a.ok(CreateProject, { workspaceId: ws, name: slug, slug }, owner.key);
        return rawId(r.createProject.project.id);
      }),
    );
    const { sessions } = t.app.services;
    for (let i = 0; i < 55; i += 1) {
      const { session } = await sessions.create(owner.id, {
        title: `s${i}`,
        projectId: projects[i % 2],
      });
      await sessions.appendMessage(member.id, session.id, { role: 'USER', text: `m${i}` });
    }
    const query = graphql(`
      query WsPagingSql($first: Int, $workspaceId: ID) {
        sessions(first: $first, filter: { workspaceId: $workspaceId }) {
          totalCount
          edges {
            node {
              title status
              workspace { name role }
              project { slug sessionCount }
              createdBy { name }
              participants { kind user { name } agent { name avatarUrl } }
              lastMessage { text author { name } }
            }
          }
        }
      }
    `);
    const count = async (first: number) => {
      await a.ok(TestViewer, {}, member.key); // the key's lastUsedAt write happens here
      await t.app.services.sessions.announced(); // the sidebar notices of the writes above
      t.db.queries.length = 0;
      const data = await a.ok(query, { first, workspaceId: ws }, member.key);
      const statements = t.db.queries.length;
      expect(data.sessions.totalCount).toBe(55);
      expect(data.sessions.edges).toHaveLength(first);
      for (const { node } of data.sessions.edges) {
        const i = Number(node.title!.slice(1));
        expect(node.workspace).toEqual({ name: 'Team', role: 'MEMBER' });
        expect(node.project).toEqual({ slug: `p${(i % 2) + 1}`, sessionCount: i % 2 ? 27 : 28 });
        expect(node.participants.map((p) => p.user?.name ?? 'agent')).toEqual([
          'sql-owner',
          'agent',
          'sql-member',
        ]);
        expect(node.lastMessage).toEqual({ text: `m${i}`, author: { name: 'sql-member' } });
      }
      return statements;
    };
    const five = await count(5);
    const fifty = await count(50);
    expect(fifty).toBe(five);
    // Auth, the membership check of the filter, the page with one query per relation, the count.
    expect(five).toBeLessThanOrEqual(16);
  });
});
