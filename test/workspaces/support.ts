import { graphql } from '../../client/generated/gql.js';
import type { Api } from '../api/support.js';
import { gid } from '../api/support.js';
import type { TestUser } from '../helpers/app.js';

export const MyWorkspaces = graphql(`
  query WsMyWorkspaces {
    workspaces(first: 10) { edges { node { id name role personal } } }
  }
`);

export const CreateWorkspace = graphql(`
  mutation WsCreateWorkspace($name: String!) {
    createWorkspace(input: { name: $name }) { workspace { id name role personal } }
  }
`);

export const AddMember = graphql(`
  mutation WsAddMember($workspaceId: ID!, $userId: ID!, $role: WorkspaceRole) {
    addWorkspaceMember(input: { workspaceId: $workspaceId, userId: $userId, role: $role }) {
      workspace { id members(first: 10) { edges { node { role user { id name } } } } }
    }
  }
`);

export const RemoveMember = graphql(`
  mutation WsRemoveMember($workspaceId: ID!, $userId: ID!) {
    removeWorkspaceMember(input: { workspaceId: $workspaceId, userId: $userId }) {
      workspace { id }
    }
  }
`);

export const CreateInWorkspace = graphql(`
  mutation WsCreateSession($workspaceId: ID, $projectId: ID, $title: String, $status: SessionStatus) {
    createSession(input: { workspaceId: $workspaceId, projectId: $projectId, title: $title, status: $status }) {
      session {
        id title status
        workspace { id }
        project { id slug }
        createdBy { id name }
        participants { kind user { name } agent { name } }
      }
    }
  }
`);

export const CreateProject = graphql(`
  mutation WsCreateProject($workspaceId: ID!, $name: String!, $slug: String!) {
    createProject(input: { workspaceId: $workspaceId, name: $name, slug: $slug }) {
      project { id name slug sessionCount workspace { id } }
    }
  }
`);

export const WorkspaceSessions = graphql(`
  query WsSessions($filter: SessionFilter, $first: Int) {
    sessions(first: $first, filter: $filter) {
      totalCount
      edges { node { id title status project { slug } createdBy { name } } }
    }
  }
`);

/** A shared workspace of `owner` with `members` in it (as MEMBERs); its global id. */
export async function sharedWorkspace(a: Api, owner: TestUser, members: TestUser[], name = 'Team') {
  const { createWorkspace } = await a.ok(CreateWorkspace, { name }, owner.key);
  for (const member of members) {
    await a.ok(
      AddMember,
      { workspaceId: createWorkspace.workspace.id, userId: gid('User', member.id) },
      owner.key,
    );
  }
  return createWorkspace.workspace.id as string;
}
