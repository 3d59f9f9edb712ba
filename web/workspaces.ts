// The sidebar's workspace switcher and project filter: which of the loaded sessions show, and
// where a new chat goes.
import {
  type SessionSummaryFragment,
  SidebarWorkspacesDocument,
  type SidebarWorkspacesQuery,
} from '../client/generated/graphql.js';
import type { Api } from './api.js';
import { el } from './view.js';

type Workspace = SidebarWorkspacesQuery['workspaces']['edges'][number]['node'];

let workspaces: Workspace[] = [];

/** The chosen workspace and project (null: all of the workspace's sessions). */
export const place: { workspaceId: string | null; projectId: string | null } = {
  workspaceId: null,
  projectId: null,
};

const select = (id: string) => document.getElementById(id) as HTMLSelectElement;

function option(value: string, label: string, selected: boolean) {
  const o = el('option', '', label);
  o.value = value;
  o.selected = selected;
  return o;
}

function render(onChange: () => void) {
  const workspace = select('workspace');
  const project = select('project');
  workspace.replaceChildren(
    ...workspaces.map((w) => option(w.id, w.name, w.id === place.workspaceId)),
  );
  const current = workspaces.find((w) => w.id === place.workspaceId);
  project.replaceChildren(
    option('', 'All projects', place.projectId == null),
    ...(current?.projects.edges ?? []).map(({ node }) =>
      option(node.id, node.name, node.id === place.projectId),
    ),
  );
  workspace.onchange = () => {
    place.workspaceId = workspace.value;
    place.projectId = null;
    render(onChange);
    onChange();
  };
  project.onchange = () => {
    place.projectId = project.value || null;
    onChange();
  };
}

/** Loads the viewer's workspaces and their projects; the personal workspace is chosen first. */
export async function loadWorkspaces(api: Api, onChange: () => void) {
  const data = await api.request(SidebarWorkspacesDocument, {});
  workspaces = data.workspaces.edges.map((e) => e.node);
  if (!workspaces.some((w) => w.id === place.workspaceId)) {
    place.workspaceId = workspaces[0]?.id ?? null;
    place.projectId = null;
  }
  render(onChange);
  onChange();
}

/** Whether a session belongs to the chosen workspace (and project). */
export const shows = (s: Pick<SessionSummaryFragment, 'workspace' | 'project'>) =>
  (place.workspaceId == null || s.workspace.id === place.workspaceId) &&
  (place.projectId == null || s.project?.id === place.projectId);
