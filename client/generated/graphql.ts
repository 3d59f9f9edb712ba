/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { Json } from '../json.js';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AppendMessageInput = {
  role?: MessageRole | null | undefined;
  sessionId: string;
  /** 1..100000 characters */
  text: string;
};

export type ComponentStatus =
  | 'DOWN'
  | 'OK';

export type CreateSessionInput = {
  /** Default: the default agent */
  agentId?: string | null | undefined;
  ifKeyExists?: IfKeyExists | null | undefined;
  /** Your own unique key: ^[\w:.@-]+$, at most 128 characters */
  key?: string | null | undefined;
  /** A JSON object, at most 16 KB */
  metadata?: unknown;
  projectId?: string | null | undefined;
  /** Default ACTIVE */
  status?: SessionStatus | null | undefined;
  timeout?: SessionTimeoutInput | null | undefined;
  /** 1..255 characters */
  title?: string | null | undefined;
  /** Default: the project's workspace, else your personal one */
  workspaceId?: string | null | undefined;
};

/** Double-texting: REJECT (CONFLICT, the default), ENQUEUE (the message is stored at once; its turn, QUEUED, starts when the running one ends), INTERRUPT (the running turn stops, its partial answer kept, then this one runs). */
export type IfBusy =
  | 'ENQUEUE'
  | 'INTERRUPT'
  | 'REJECT';

/** What createSession does when the key is taken: ERROR (CONFLICT) or RETURN the existing session. */
export type IfKeyExists =
  | 'ERROR'
  | 'RETURN';

export type MessageRole =
  | 'ASSISTANT'
  | 'SYSTEM'
  | 'USER';

export type MessageSearchFilter = {
  projectId?: string | null | undefined;
  role?: MessageRole | null | undefined;
  sessionId?: string | null | undefined;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type ParticipantKind =
  | 'AGENT'
  | 'USER';

export type SessionChangeKind =
  | 'CREATED'
  | 'DELETED'
  | 'UPDATED';

export type SessionFilter = {
  agentId?: string | null | undefined;
  /** Default false; null lists archived and active sessions. */
  archived?: boolean | null | undefined;
  keyPrefix?: string | null | undefined;
  /** Sessions whose metadata contains this object. */
  metadata?: unknown;
  projectId?: string | null | undefined;
  /** A project's slug (with workspaceId: in that workspace) */
  projectSlug?: string | null | undefined;
  /** Case-insensitive substring of the title. */
  search?: string | null | undefined;
  state?: SessionState | null | undefined;
  status?: SessionStatus | null | undefined;
  updatedAfter?: string | null | undefined;
  updatedBefore?: string | null | undefined;
  workspaceId?: string | null | undefined;
};

export type SessionOrder = {
  direction?: OrderDirection | null | undefined;
  field: SessionOrderField;
};

export type SessionOrderField =
  | 'CREATED_AT'
  | 'UPDATED_AT';

/** IDLE: ready; RUNNING: a turn is streaming; AWAITING_APPROVAL: a tool call waits for the user; EXPIRED: timed out. */
export type SessionState =
  | 'AWAITING_APPROVAL'
  | 'EXPIRED'
  | 'IDLE'
  | 'RUNNING';

/** The lifecycle, set by people (separate from the runtime `state`): ACTIVE, AWAITING_PEER, IDLE, COMPLETED, FAILED (a turn failed; sending again makes it ACTIVE). */
export type SessionStatus =
  | 'ACTIVE'
  | 'AWAITING_PEER'
  | 'COMPLETED'
  | 'FAILED'
  | 'IDLE';

export type SessionTimeoutInput = {
  autoRenew?: boolean | null | undefined;
  maxDurationMinutes?: number | null | undefined;
  timeoutMinutes: number;
  warningThresholdMinutes?: number | null | undefined;
};

export type ToolState =
  | 'AWAITING_APPROVAL'
  | 'DENIED'
  | 'INPUT_AVAILABLE'
  | 'OUTPUT_AVAILABLE'
  | 'OUTPUT_ERROR';

export type TurnStatus =
  | 'AWAITING_APPROVAL'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'INTERRUPTED'
  | 'QUEUED'
  | 'RUNNING';

export type UpdateSessionInput = {
  agentId?: string | null | undefined;
  archived?: boolean | null | undefined;
  id: string;
  /** Replaces the metadata object */
  metadata?: unknown;
  /** Moves the session to a project of its workspace; null takes it out */
  projectId?: string | null | undefined;
  status?: SessionStatus | null | undefined;
  /** null removes the timeout */
  timeout?: SessionTimeoutInput | null | undefined;
  /** null clears the title */
  title?: string | null | undefined;
};

/** OWNER: manages members and every session; MEMBER: sees, appends and sends. */
export type WorkspaceRole =
  | 'MEMBER'
  | 'OWNER';

export type ChatTransportSessionFragment = { id: string, lastEventSeq: number, activeTurn: { id: string } | null, lastMessage: { id: string, role: MessageRole } | null };

export type ChatTransportSessionByIdQueryVariables = Exact<{
  id: string;
}>;


export type ChatTransportSessionByIdQuery = { session: { id: string, lastEventSeq: number, activeTurn: { id: string } | null, lastMessage: { id: string, role: MessageRole } | null } | null };

export type ChatTransportSessionByKeyQueryVariables = Exact<{
  key: string;
}>;


export type ChatTransportSessionByKeyQuery = { session: { id: string, lastEventSeq: number, activeTurn: { id: string } | null, lastMessage: { id: string, role: MessageRole } | null } | null };

export type ChatTransportOpenSessionMutationVariables = Exact<{
  key: string;
}>;


export type ChatTransportOpenSessionMutation = { createSession: { session: { id: string, lastEventSeq: number, activeTurn: { id: string } | null, lastMessage: { id: string, role: MessageRole } | null } } };

export type ChatTransportSendMutationVariables = Exact<{
  sessionId: string;
  text: string;
  clientMessageId?: string | null | undefined;
}>;


export type ChatTransportSendMutation = { sendMessage: { turn: { id: string } } | null };

export type ChatTransportRegenerateMutationVariables = Exact<{
  messageId: string;
}>;


export type ChatTransportRegenerateMutation = { regenerate: { turn: { id: string } } };

export type ChatTransportAnswerQueryVariables = Exact<{
  id: string;
}>;


export type ChatTransportAnswerQuery = { node:
    | { __typename: 'Agent' }
    | { __typename: 'Memory' }
    | { __typename: 'Message', id: string, turn: { id: string } | null }
    | { __typename: 'Project' }
    | { __typename: 'Session' }
    | { __typename: 'Turn', assistantMessage: { id: string } | null }
    | { __typename: 'User' }
    | { __typename: 'Workspace' }
   | null };

export type ChatTransportApproveMutationVariables = Exact<{
  turnId: string;
  toolCallId: string;
  approved: boolean;
  reason?: string | null | undefined;
}>;


export type ChatTransportApproveMutation = { respondToApproval: { turn: { id: string } } };

export type ChatTransportEventsSubscriptionVariables = Exact<{
  sessionId: string;
  afterSeq?: number | null | undefined;
}>;


export type ChatTransportEventsSubscription = { sessionEvents:
    | { __typename: 'ApprovalRequested', toolCallId: string, seq: number, turnId: string | null }
    | { __typename: 'BranchSwitched', seq: number, turnId: string | null }
    | { __typename: 'MessageAppended', seq: number, turnId: string | null }
    | { __typename: 'QueuedTurnCancelled', seq: number, turnId: string | null }
    | { __typename: 'ReasoningDelta', delta: string, seq: number, turnId: string | null }
    | { __typename: 'SessionDeleted', seq: number, turnId: string | null }
    | { __typename: 'SessionExpiring', seq: number, turnId: string | null }
    | { __typename: 'SessionUpdated', seq: number, turnId: string | null }
    | { __typename: 'StepFinished', seq: number, turnId: string | null }
    | { __typename: 'TextDelta', delta: string, seq: number, turnId: string | null }
    | { __typename: 'ToolCallStarted', toolCallId: string, toolName: string, seq: number, turnId: string | null }
    | { __typename: 'ToolCalled', toolCallId: string, toolName: string, input: Json | null, seq: number, turnId: string | null }
    | { __typename: 'ToolFailed', toolCallId: string, errorText: string, seq: number, turnId: string | null }
    | { __typename: 'ToolResulted', toolCallId: string, output: Json | null, seq: number, turnId: string | null }
    | { __typename: 'TurnCancelled', seq: number, turnId: string | null }
    | { __typename: 'TurnFailed', seq: number, turnId: string | null, error: { message: string } }
    | { __typename: 'TurnFinished', seq: number, turnId: string | null, turn: { finishReason: string | null } }
    | { __typename: 'TurnQueued', seq: number, turnId: string | null }
    | { __typename: 'TurnStarted', seq: number, turnId: string | null }
   };

export type SendMessageMutationVariables = Exact<{
  sessionId?: string | null | undefined;
  text: string;
  clientMessageId?: string | null | undefined;
}>;


export type SendMessageMutation = { sendMessage: { session: { id: string, title: string | null }, userMessage: { id: string, text: string }, turn: { id: string, status: TurnStatus } } | null };

export type StopTurnMutationVariables = Exact<{
  sessionId: string;
}>;


export type StopTurnMutation = { stopTurn: { turn: { id: string, status: TurnStatus } | null } };

export type RespondToApprovalMutationVariables = Exact<{
  turnId: string;
  toolCallId: string;
  approved: boolean;
  reason?: string | null | undefined;
}>;


export type RespondToApprovalMutation = { respondToApproval: { turn: { id: string, status: TurnStatus } } };

export type SessionEventsSubscriptionVariables = Exact<{
  sessionId: string;
  afterSeq?: number | null | undefined;
}>;


export type SessionEventsSubscription = { sessionEvents:
    | { __typename: 'ApprovalRequested', toolCallId: string, toolName: string, input: Json | null, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'BranchSwitched', leafMessageId: string, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'MessageAppended', seq: number, sessionId: string, turnId: string | null, at: string, message: { id: string, role: MessageRole, text: string, createdAt: string, parentId: string | null, siblings: Array<{ id: string }>, turn: { id: string, status: TurnStatus } | null, parts: Array<
          | { __typename: 'ReasoningPart', text: string }
          | { __typename: 'StepStartPart', step: number }
          | { __typename: 'TextPart', text: string }
          | { __typename: 'ToolPart', toolCallId: string, toolName: string, state: ToolState, input: Json | null, output: Json | null, errorText: string | null }
        > } }
    | { __typename: 'QueuedTurnCancelled', seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'ReasoningDelta', messageId: string, delta: string, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'SessionDeleted', seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'SessionExpiring', expiresAt: string, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'SessionUpdated', seq: number, sessionId: string, turnId: string | null, at: string, session: { id: string, key: string | null, title: string | null, state: SessionState, archived: boolean, messageCount: number, updatedAt: string, workspace: { id: string }, project: { id: string } | null, agent: { id: string, name: string }, lastMessage: { id: string, role: MessageRole, text: string } | null } }
    | { __typename: 'StepFinished', step: number, finishReason: string, seq: number, sessionId: string, turnId: string | null, at: string, usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null } }
    | { __typename: 'TextDelta', messageId: string, delta: string, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'ToolCallStarted', toolCallId: string, toolName: string, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'ToolCalled', toolCallId: string, toolName: string, input: Json | null, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'ToolFailed', toolCallId: string, toolName: string, errorText: string, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'ToolResulted', toolCallId: string, toolName: string, output: Json | null, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'TurnCancelled', seq: number, sessionId: string, turnId: string | null, at: string, turn: { id: string, status: TurnStatus }, message: { id: string, role: MessageRole, text: string, createdAt: string, parentId: string | null, siblings: Array<{ id: string }>, turn: { id: string, status: TurnStatus } | null, parts: Array<
          | { __typename: 'ReasoningPart', text: string }
          | { __typename: 'StepStartPart', step: number }
          | { __typename: 'TextPart', text: string }
          | { __typename: 'ToolPart', toolCallId: string, toolName: string, state: ToolState, input: Json | null, output: Json | null, errorText: string | null }
        > } }
    | { __typename: 'TurnFailed', seq: number, sessionId: string, turnId: string | null, at: string, turn: { id: string, status: TurnStatus, assistantMessage: { id: string, role: MessageRole, text: string, createdAt: string, parentId: string | null, siblings: Array<{ id: string }>, turn: { id: string, status: TurnStatus } | null, parts: Array<
            | { __typename: 'ReasoningPart', text: string }
            | { __typename: 'StepStartPart', step: number }
            | { __typename: 'TextPart', text: string }
            | { __typename: 'ToolPart', toolCallId: string, toolName: string, state: ToolState, input: Json | null, output: Json | null, errorText: string | null }
          > } | null }, error: { code: string, message: string } }
    | { __typename: 'TurnFinished', seq: number, sessionId: string, turnId: string | null, at: string, turn: { id: string, status: TurnStatus, usage: { totalTokens: number | null } | null }, message: { id: string, role: MessageRole, text: string, createdAt: string, parentId: string | null, siblings: Array<{ id: string }>, turn: { id: string, status: TurnStatus } | null, parts: Array<
          | { __typename: 'ReasoningPart', text: string }
          | { __typename: 'StepStartPart', step: number }
          | { __typename: 'TextPart', text: string }
          | { __typename: 'ToolPart', toolCallId: string, toolName: string, state: ToolState, input: Json | null, output: Json | null, errorText: string | null }
        > } }
    | { __typename: 'TurnQueued', seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'TurnStarted', seq: number, sessionId: string, turnId: string | null, at: string, turn: { id: string, status: TurnStatus }, userMessage: { id: string, role: MessageRole, text: string, createdAt: string, parentId: string | null, siblings: Array<{ id: string }>, turn: { id: string, status: TurnStatus } | null, parts: Array<
          | { __typename: 'ReasoningPart', text: string }
          | { __typename: 'StepStartPart', step: number }
          | { __typename: 'TextPart', text: string }
          | { __typename: 'ToolPart', toolCallId: string, toolName: string, state: ToolState, input: Json | null, output: Json | null, errorText: string | null }
        > } }
   };

export type SessionsChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SessionsChangedSubscription = { sessionsChanged: { kind: SessionChangeKind, sessionId: string, at: string, session: { id: string, key: string | null, title: string | null, state: SessionState, archived: boolean, messageCount: number, updatedAt: string, workspace: { id: string }, project: { id: string } | null, agent: { id: string, name: string }, lastMessage: { id: string, role: MessageRole, text: string } | null } | null } };

export type SendMessageByKeyMutationVariables = Exact<{
  sessionKey: string;
  text: string;
  agentId?: string | null | undefined;
  ifBusy?: IfBusy | null | undefined;
}>;


export type SendMessageByKeyMutation = { sendMessage: { session: { id: string, key: string | null, agent: { id: string } }, userMessage: { id: string, text: string }, turn: { id: string, status: TurnStatus } } | null };

export type EditMessageMutationVariables = Exact<{
  messageId: string;
  text: string;
}>;


export type EditMessageMutation = { editMessage: { userMessage: { id: string }, turn: { id: string, status: TurnStatus } } };

export type RegenerateMutationVariables = Exact<{
  messageId: string;
}>;


export type RegenerateMutation = { regenerate: { turn: { id: string, status: TurnStatus } } };

export type SwitchBranchMutationVariables = Exact<{
  messageId: string;
}>;


export type SwitchBranchMutation = { switchBranch: { session: { id: string, lastEventSeq: number } } };

export type MessageFieldsFragment = { id: string, role: MessageRole, text: string, createdAt: string, parentId: string | null, siblings: Array<{ id: string }>, turn: { id: string, status: TurnStatus } | null, parts: Array<
    | { __typename: 'ReasoningPart', text: string }
    | { __typename: 'StepStartPart', step: number }
    | { __typename: 'TextPart', text: string }
    | { __typename: 'ToolPart', toolCallId: string, toolName: string, state: ToolState, input: Json | null, output: Json | null, errorText: string | null }
  > };

export type SessionSummaryFragment = { id: string, key: string | null, title: string | null, state: SessionState, archived: boolean, messageCount: number, updatedAt: string, workspace: { id: string }, project: { id: string } | null, agent: { id: string, name: string }, lastMessage: { id: string, role: MessageRole, text: string } | null };

export type MemoriesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MemoriesQuery = { viewer: { id: string, settings: { memoryEnabled: boolean } | null }, memories: { edges: Array<{ cursor: string, node: { id: string, text: string, createdAt: string, sourceSession: { id: string, title: string | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DeleteMemoryMutationVariables = Exact<{
  id: string;
}>;


export type DeleteMemoryMutation = { deleteMemory: { deletedMemoryId: string } };

export type ClearMemoriesMutationVariables = Exact<{ [key: string]: never; }>;


export type ClearMemoriesMutation = { clearMemories: { deletedCount: number } };

export type UpdateViewerSettingsMutationVariables = Exact<{
  memoryEnabled?: boolean | null | undefined;
}>;


export type UpdateViewerSettingsMutation = { updateViewerSettings: { viewer: { id: string, settings: { memoryEnabled: boolean } | null } } };

export type SessionsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: SessionFilter | null | undefined;
}>;


export type SessionsPageQuery = { sessions: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, key: string | null, title: string | null, state: SessionState, archived: boolean, messageCount: number, updatedAt: string, workspace: { id: string }, project: { id: string } | null, agent: { id: string, name: string }, lastMessage: { id: string, role: MessageRole, text: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SessionWithMessagesQueryVariables = Exact<{
  id: string;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type SessionWithMessagesQuery = { session: { lastEventSeq: number, id: string, key: string | null, title: string | null, state: SessionState, archived: boolean, messageCount: number, updatedAt: string, activeTurn: { id: string, status: TurnStatus } | null, messages: { edges: Array<{ node: { id: string, role: MessageRole, text: string, createdAt: string, parentId: string | null, siblings: Array<{ id: string }>, turn: { id: string, status: TurnStatus } | null, parts: Array<
            | { __typename: 'ReasoningPart', text: string }
            | { __typename: 'StepStartPart', step: number }
            | { __typename: 'TextPart', text: string }
            | { __typename: 'ToolPart', toolCallId: string, toolName: string, state: ToolState, input: Json | null, output: Json | null, errorText: string | null }
          > } }>, pageInfo: { hasPreviousPage: boolean, startCursor: string | null } }, workspace: { id: string }, project: { id: string } | null, agent: { id: string, name: string }, lastMessage: { id: string, role: MessageRole, text: string } | null } | null };

export type CreateSessionMutationVariables = Exact<{
  input: CreateSessionInput;
}>;


export type CreateSessionMutation = { createSession: { created: boolean, session: { id: string, key: string | null, title: string | null, state: SessionState, archived: boolean, messageCount: number, updatedAt: string, workspace: { id: string }, project: { id: string } | null, agent: { id: string, name: string }, lastMessage: { id: string, role: MessageRole, text: string } | null } } };

export type RenameSessionMutationVariables = Exact<{
  id: string;
  title: string;
}>;


export type RenameSessionMutation = { renameSession: { session: { id: string, key: string | null, title: string | null, state: SessionState, archived: boolean, messageCount: number, updatedAt: string, workspace: { id: string }, project: { id: string } | null, agent: { id: string, name: string }, lastMessage: { id: string, role: MessageRole, text: string } | null } } };

export type DeleteSessionMutationVariables = Exact<{
  id: string;
}>;


export type DeleteSessionMutation = { deleteSession: { deletedSessionId: string } };

export type DeleteSessionByKeyMutationVariables = Exact<{
  key: string;
}>;


export type DeleteSessionByKeyMutation = { deleteSession: { deletedSessionId: string } };

export type SidebarWorkspacesQueryVariables = Exact<{ [key: string]: never; }>;


export type SidebarWorkspacesQuery = { workspaces: { edges: Array<{ node: { id: string, name: string, personal: boolean, projects: { edges: Array<{ node: { id: string, name: string, slug: string } }> } } }> } };

export type MessagesAppendMutationVariables = Exact<{
  input: AppendMessageInput;
}>;


export type MessagesAppendMutation = { appendMessage: { message: { id: string, role: MessageRole, text: string, createdAt: string, turn: { id: string } | null, parts: Array<
        | { __typename: 'ReasoningPart' }
        | { __typename: 'StepStartPart' }
        | { __typename: 'TextPart', text: string }
        | { __typename: 'ToolPart' }
      > }, session: { id: string, updatedAt: string, messageCount: number, expiresAt: string | null, lastMessage: { id: string, text: string } | null } } };

export type MessagesPageQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type MessagesPageQuery = { session: { messages: { edges: Array<{ cursor: string, node: { id: string } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } } | null };

export type MessagesNodeQueryVariables = Exact<{
  id: string;
}>;


export type MessagesNodeQuery = { node:
    | { __typename: 'Agent', name: string, isDefault: boolean, id: string }
    | { __typename: 'Memory', id: string }
    | { __typename: 'Message', role: MessageRole, text: string, id: string }
    | { __typename: 'Project', id: string }
    | { __typename: 'Session', title: string | null, id: string }
    | { __typename: 'Turn', status: TurnStatus, id: string, userMessage: { id: string }, assistantMessage: { id: string } | null }
    | { __typename: 'User', name: string, id: string }
    | { __typename: 'Workspace', id: string }
   | null };

export type MessagesNewSessionMutationVariables = Exact<{
  input: CreateSessionInput;
}>;


export type MessagesNewSessionMutation = { createSession: { session: { id: string, updatedAt: string, expiresAt: string | null } } };

export type MessagesSessionIdQueryVariables = Exact<{
  id?: string | null | undefined;
}>;


export type MessagesSessionIdQuery = { session: { id: string } | null };

export type MessagesCountAndLastQueryVariables = Exact<{
  id: string;
}>;


export type MessagesCountAndLastQuery = { session: { messageCount: number, lastMessage: { role: MessageRole, text: string } | null } | null };

export type MessagesCountQueryVariables = Exact<{
  id: string;
}>;


export type MessagesCountQuery = { session: { messageCount: number } | null };

export type MessagesFirstThreeQueryVariables = Exact<{
  id: string;
}>;


export type MessagesFirstThreeQuery = { session: { messages: { edges: Array<{ node: { text: string, role: MessageRole } }> } } | null };

export type MessagesTurnPartsQueryVariables = Exact<{
  id: string;
}>;


export type MessagesTurnPartsQuery = { session: { messageCount: number, messages: { edges: Array<{ node: { role: MessageRole, text: string, turn: { id: string, status: TurnStatus } | null, parts: Array<
            | { __typename: 'ReasoningPart', text: string }
            | { __typename: 'StepStartPart', step: number }
            | { __typename: 'TextPart', text: string }
            | { __typename: 'ToolPart', toolCallId: string, toolName: string, state: ToolState, input: Json | null, output: Json | null, errorText: string | null }
          > } }> } } | null };

export type MessagesByIdQueryVariables = Exact<{
  id?: string | null | undefined;
}>;


export type MessagesByIdQuery = { session: { id: string, key: string | null, title: string | null } | null };

export type MessagesByKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type MessagesByKeyQuery = { session: { id: string, key: string | null, title: string | null } | null };

export type MessagesNeitherIdNorKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type MessagesNeitherIdNorKeyQuery = { session: { id: string } | null };

export type MessagesIdAndKeyQueryVariables = Exact<{
  id?: string | null | undefined;
}>;


export type MessagesIdAndKeyQuery = { session: { id: string } | null };

export type MessagesNullIdAndKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type MessagesNullIdAndKeyQuery = { session: { id: string } | null };

export type MessagesNoSuchKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type MessagesNoSuchKeyQuery = { session: { id: string } | null };

export type MetricsProbeQueryVariables = Exact<{ [key: string]: never; }>;


export type MetricsProbeQuery = { viewer: { id: string } };

export type OwnershipNodeQueryVariables = Exact<{
  id: string;
}>;


export type OwnershipNodeQuery = { node:
    | { __typename: 'Agent', id: string }
    | { __typename: 'Memory', id: string }
    | { __typename: 'Message', id: string }
    | { __typename: 'Project', id: string }
    | { __typename: 'Session', id: string }
    | { __typename: 'Turn', id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'Workspace', id: string }
   | null };

export type OwnershipRespondMutationVariables = Exact<{
  turn: string;
}>;


export type OwnershipRespondMutation = { respondToApproval: { turn: { id: string } } };

export type OwnershipSessionQueryVariables = Exact<{
  id?: string | null | undefined;
}>;


export type OwnershipSessionQuery = { session: { id: string, title: string | null } | null };

export type OwnershipSessionByKeyQueryVariables = Exact<{
  key?: string | null | undefined;
}>;


export type OwnershipSessionByKeyQuery = { session: { id: string } | null };

export type OwnershipMessagesQueryVariables = Exact<{
  id?: string | null | undefined;
}>;


export type OwnershipMessagesQuery = { session: { messages: { edges: Array<{ node: { id: string } }> } } | null };

export type OwnershipRenameMutationVariables = Exact<{
  id: string;
}>;


export type OwnershipRenameMutation = { renameSession: { session: { id: string, title: string | null } } };

export type OwnershipUpdateMutationVariables = Exact<{
  input: UpdateSessionInput;
}>;


export type OwnershipUpdateMutation = { updateSession: { session: { id: string, title: string | null, archived: boolean, metadata: Json } } };

export type OwnershipDeleteManyMutationVariables = Exact<{
  ids: Array<string> | string;
}>;


export type OwnershipDeleteManyMutation = { deleteSessions: { deletedSessionIds: Array<string> } };

export type OwnershipRenewMutationVariables = Exact<{
  id: string;
}>;


export type OwnershipRenewMutation = { renewSession: { session: { id: string, expiresAt: string | null } } };

export type OwnershipAppendMutationVariables = Exact<{
  id: string;
}>;


export type OwnershipAppendMutation = { appendMessage: { message: { text: string }, session: { id: string, messageCount: number } } };

export type OwnershipSendMutationVariables = Exact<{
  id: string;
}>;


export type OwnershipSendMutation = { sendMessage: { session: { id: string }, userMessage: { text: string }, turn: { status: TurnStatus } } | null };

export type OwnershipStopMutationVariables = Exact<{
  id: string;
}>;


export type OwnershipStopMutation = { stopTurn: { turn: { id: string } | null } };

export type OwnershipSessionsListQueryVariables = Exact<{
  filter?: SessionFilter | null | undefined;
}>;


export type OwnershipSessionsListQuery = { sessions: { totalCount: number, edges: Array<{ node: { id: string, title: string | null } }> } };

export type OwnershipOtherCreateMutationVariables = Exact<{ [key: string]: never; }>;


export type OwnershipOtherCreateMutation = { createSession: { session: { id: string } } };

export type OwnershipOtherSendMutationVariables = Exact<{ [key: string]: never; }>;


export type OwnershipOtherSendMutation = { sendMessage: { turn: { id: string } } | null };

export type OwnershipAgentNodeQueryVariables = Exact<{
  agent: string;
}>;


export type OwnershipAgentNodeQuery = { node:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type OwnershipHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type OwnershipHealthQuery = { health: { status: string, database: ComponentStatus, pubsub: ComponentStatus, databaseKind: string, pubsubKind: string, model: string } };

export type SessionKeysByKeyQueryVariables = Exact<{
  key: string;
}>;


export type SessionKeysByKeyQuery = { session: { id: string, key: string | null, messageCount: number, agent: { id: string } } | null };

export type SessionKeysWithPrefixQueryVariables = Exact<{
  prefix: string;
}>;


export type SessionKeysWithPrefixQuery = { sessions: { totalCount: number, edges: Array<{ node: { id: string, key: string | null } }> } };

export type SessionKeysAgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type SessionKeysAgentsQuery = { agents: Array<{ id: string, name: string }> };

export type SessionKeysDeleteMutationVariables = Exact<{
  id?: string | null | undefined;
  key?: string | null | undefined;
}>;


export type SessionKeysDeleteMutation = { deleteSession: { deletedSessionId: string } };

export type SessionKeysSendMutationVariables = Exact<{
  id?: string | null | undefined;
  key?: string | null | undefined;
  text: string;
}>;


export type SessionKeysSendMutation = { sendMessage: { session: { id: string } } | null };

export type SessionKeysStateQueryVariables = Exact<{
  key: string;
}>;


export type SessionKeysStateQuery = { session: { id: string, state: SessionState, messageCount: number } | null };

export type MutationsSessionFieldsFragment = { id: string, key: string | null, title: string | null, metadata: Json, archived: boolean, state: SessionState, messageCount: number, createdAt: string, updatedAt: string, expiresAt: string | null, agent: { id: string, isDefault: boolean }, lastMessage: { id: string } | null, timeout: { timeoutMinutes: number, autoRenew: boolean, maxDurationMinutes: number | null, warningThresholdMinutes: number | null } | null };

export type MutationsCreateMutationVariables = Exact<{
  input: CreateSessionInput;
}>;


export type MutationsCreateMutation = { createSession: { created: boolean, session: { id: string, key: string | null, title: string | null, metadata: Json, archived: boolean, state: SessionState, messageCount: number, createdAt: string, updatedAt: string, expiresAt: string | null, agent: { id: string, isDefault: boolean }, lastMessage: { id: string } | null, timeout: { timeoutMinutes: number, autoRenew: boolean, maxDurationMinutes: number | null, warningThresholdMinutes: number | null } | null } } };

export type MutationsRenameMutationVariables = Exact<{
  id: string;
  title: string;
}>;


export type MutationsRenameMutation = { renameSession: { session: { id: string, key: string | null, title: string | null, metadata: Json, archived: boolean, state: SessionState, messageCount: number, createdAt: string, updatedAt: string, expiresAt: string | null, agent: { id: string, isDefault: boolean }, lastMessage: { id: string } | null, timeout: { timeoutMinutes: number, autoRenew: boolean, maxDurationMinutes: number | null, warningThresholdMinutes: number | null } | null } } };

export type MutationsUpdateMutationVariables = Exact<{
  input: UpdateSessionInput;
}>;


export type MutationsUpdateMutation = { updateSession: { session: { id: string, key: string | null, title: string | null, metadata: Json, archived: boolean, state: SessionState, messageCount: number, createdAt: string, updatedAt: string, expiresAt: string | null, agent: { id: string, isDefault: boolean }, lastMessage: { id: string } | null, timeout: { timeoutMinutes: number, autoRenew: boolean, maxDurationMinutes: number | null, warningThresholdMinutes: number | null } | null } } };

export type MutationsDeleteManyMutationVariables = Exact<{
  ids: Array<string> | string;
}>;


export type MutationsDeleteManyMutation = { deleteSessions: { deletedSessionIds: Array<string> } };

export type MutationsRenewMutationVariables = Exact<{
  id: string;
}>;


export type MutationsRenewMutation = { renewSession: { session: { id: string, key: string | null, title: string | null, metadata: Json, archived: boolean, state: SessionState, messageCount: number, createdAt: string, updatedAt: string, expiresAt: string | null, agent: { id: string, isDefault: boolean }, lastMessage: { id: string } | null, timeout: { timeoutMinutes: number, autoRenew: boolean, maxDurationMinutes: number | null, warningThresholdMinutes: number | null } | null } } };

export type MutationsGetQueryVariables = Exact<{
  id: string;
}>;


export type MutationsGetQuery = { session: { id: string, key: string | null, title: string | null, metadata: Json, archived: boolean, state: SessionState, messageCount: number, createdAt: string, updatedAt: string, expiresAt: string | null, agent: { id: string, isDefault: boolean }, lastMessage: { id: string } | null, timeout: { timeoutMinutes: number, autoRenew: boolean, maxDurationMinutes: number | null, warningThresholdMinutes: number | null } | null } | null };

export type MutationsCountQueryVariables = Exact<{ [key: string]: never; }>;


export type MutationsCountQuery = { sessions: { totalCount: number } };

export type MutationsByKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type MutationsByKeyQuery = { session: { id: string, title: string | null } | null };

export type MutationsListedQueryVariables = Exact<{ [key: string]: never; }>;


export type MutationsListedQuery = { sessions: { edges: Array<{ node: { id: string } }> } };

export type PagingSessionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: SessionFilter | null | undefined;
  orderBy?: SessionOrder | null | undefined;
}>;


export type PagingSessionsQuery = { sessions: { totalCount: number, edges: Array<{ cursor: string, node: { id: string } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type PagingAllUpdatedAtQueryVariables = Exact<{ [key: string]: never; }>;


export type PagingAllUpdatedAtQuery = { sessions: { edges: Array<{ node: { id: string, updatedAt: string } }> } };

export type PagingMessageCursorsQueryVariables = Exact<{
  id: string;
}>;


export type PagingMessageCursorsQuery = { session: { messages: { edges: Array<{ cursor: string }> } } | null };

export type PagingFilterQueryVariables = Exact<{
  filter?: SessionFilter | null | undefined;
}>;


export type PagingFilterQuery = { sessions: { totalCount: number, edges: Array<{ node: { id: string, title: string | null } }> } };

export type PagingArchiveMutationVariables = Exact<{
  id: string;
}>;


export type PagingArchiveMutation = { updateSession: { session: { id: string } } };

export type PagingSqlPageQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type PagingSqlPageQuery = { sessions: { totalCount: number, edges: Array<{ node: { title: string | null, messageCount: number, lastMessage: { text: string } | null, agent: { name: string } } }> } };

export type WebBranchSessionQueryVariables = Exact<{
  id: string;
}>;


export type WebBranchSessionQuery = { session: { title: string | null, state: SessionState, messages: { edges: Array<{ node: { id: string, role: MessageRole, text: string, siblings: Array<{ id: string }> } }> } } | null };

export type WebTestSessionQueryVariables = Exact<{
  id: string;
}>;


export type WebTestSessionQuery = { session: { state: SessionState, lastEventSeq: number, messages: { edges: Array<{ node: { role: MessageRole, text: string, turn: { status: TurnStatus } | null } }> } } | null };

export type WebTestViewerNameQueryVariables = Exact<{ [key: string]: never; }>;


export type WebTestViewerNameQuery = { viewer: { name: string } };

export type WireSendMessageMutationVariables = Exact<{ [key: string]: never; }>;


export type WireSendMessageMutation = { sendMessage: { session: { id: string }, turn: { id: string, model: string } } | null };

export type ConvSearchQueryVariables = Exact<{
  query: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: MessageSearchFilter | null | undefined;
}>;


export type ConvSearchQuery = { searchMessages: { edges: Array<{ cursor: string, snippet: string, rank: number, node: { id: string, role: MessageRole, text: string }, session: { id: string, title: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConvAppendMutationVariables = Exact<{
  id: string;
  text: string;
  role?: MessageRole | null | undefined;
}>;


export type ConvAppendMutation = { appendMessage: { message: { id: string } } };

export type ConvSearchMoveMutationVariables = Exact<{
  id: string;
  projectId?: string | null | undefined;
}>;


export type ConvSearchMoveMutation = { updateSession: { session: { id: string } } };

export type ConvSearchDeleteMutationVariables = Exact<{
  id: string;
}>;


export type ConvSearchDeleteMutation = { deleteSession: { deletedSessionId: string } };

export type ConvEventsSubscriptionVariables = Exact<{
  id: string;
  after?: number | null | undefined;
}>;


export type ConvEventsSubscription = { sessionEvents:
    | { __typename: 'ApprovalRequested', seq: number, turnId: string | null }
    | { __typename: 'BranchSwitched', leafMessageId: string, seq: number, turnId: string | null }
    | { __typename: 'MessageAppended', seq: number, turnId: string | null }
    | { __typename: 'QueuedTurnCancelled', seq: number, turnId: string | null, turn: { id: string, status: TurnStatus } }
    | { __typename: 'ReasoningDelta', delta: string, seq: number, turnId: string | null }
    | { __typename: 'SessionDeleted', seq: number, turnId: string | null }
    | { __typename: 'SessionExpiring', seq: number, turnId: string | null }
    | { __typename: 'SessionUpdated', seq: number, turnId: string | null }
    | { __typename: 'StepFinished', seq: number, turnId: string | null }
    | { __typename: 'TextDelta', delta: string, messageId: string, seq: number, turnId: string | null }
    | { __typename: 'ToolCallStarted', seq: number, turnId: string | null }
    | { __typename: 'ToolCalled', seq: number, turnId: string | null }
    | { __typename: 'ToolFailed', seq: number, turnId: string | null }
    | { __typename: 'ToolResulted', seq: number, turnId: string | null }
    | { __typename: 'TurnCancelled', seq: number, turnId: string | null, turn: { id: string, status: TurnStatus }, message: { id: string, role: MessageRole, text: string, parentId: string | null } }
    | { __typename: 'TurnFailed', seq: number, turnId: string | null, turn: { id: string, status: TurnStatus }, error: { code: string, message: string } }
    | { __typename: 'TurnFinished', seq: number, turnId: string | null, turn: { id: string, status: TurnStatus, usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null } | null }, message: { id: string, role: MessageRole, text: string, parentId: string | null } }
    | { __typename: 'TurnQueued', seq: number, turnId: string | null, turn: { id: string, status: TurnStatus, userMessage: { id: string, text: string } } }
    | { __typename: 'TurnStarted', seq: number, turnId: string | null, turn: { id: string, status: TurnStatus }, userMessage: { id: string, role: MessageRole, text: string, parentId: string | null } }
   };

export type ConvSessionQueryVariables = Exact<{
  id: string;
}>;


export type ConvSessionQuery = { session: { id: string, title: string | null, state: SessionState, messageCount: number, lastEventSeq: number, activeTurn: { id: string } | null, lastMessage: { id: string, role: MessageRole, text: string } | null, usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null, turns: number | null }, messages: { edges: Array<{ node: { id: string, role: MessageRole, text: string, parentId: string | null, siblings: Array<{ id: string, role: MessageRole, text: string }>, turn: { id: string, status: TurnStatus } | null } }> } } | null };

export type ConvSendMutationVariables = Exact<{
  id?: string | null | undefined;
  text: string;
  ifBusy?: IfBusy | null | undefined;
}>;


export type ConvSendMutation = { sendMessage: { session: { id: string, state: SessionState }, userMessage: { id: string, role: MessageRole, text: string, parentId: string | null }, turn: { id: string, status: TurnStatus, userMessage: { id: string } } } | null };

export type ConvEditMutationVariables = Exact<{
  messageId: string;
  text: string;
}>;


export type ConvEditMutation = { editMessage: { session: { id: string, state: SessionState }, userMessage: { id: string, role: MessageRole, text: string, parentId: string | null }, turn: { id: string, status: TurnStatus, userMessage: { id: string } } } };

export type ConvRegenerateMutationVariables = Exact<{
  messageId: string;
}>;


export type ConvRegenerateMutation = { regenerate: { session: { id: string, state: SessionState }, turn: { id: string, status: TurnStatus, userMessage: { id: string, role: MessageRole, text: string } } } };

export type ConvSwitchMutationVariables = Exact<{
  messageId: string;
}>;


export type ConvSwitchMutation = { switchBranch: { session: { id: string, messageCount: number, lastMessage: { id: string } | null } } };

export type ConvForkMutationVariables = Exact<{
  messageId: string;
  title?: string | null | undefined;
}>;


export type ConvForkMutation = { forkSession: { session: { id: string, title: string | null, messageCount: number, lastMessage: { id: string, text: string } | null } } };

export type ConvStopMutationVariables = Exact<{
  id: string;
  turnId?: string | null | undefined;
}>;


export type ConvStopMutation = { stopTurn: { turn: { id: string, status: TurnStatus, finishReason: string | null, assistantMessage: { id: string, text: string } | null } | null } };

export type ConvTurnQueryVariables = Exact<{
  id: string;
}>;


export type ConvTurnQuery = { node:
    | { __typename: 'Agent' }
    | { __typename: 'Memory' }
    | { __typename: 'Message' }
    | { __typename: 'Project' }
    | { __typename: 'Session' }
    | { __typename: 'Turn', id: string, status: TurnStatus, startedAt: string, userMessage: { id: string, text: string }, assistantMessage: { id: string, text: string } | null, usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null } | null }
    | { __typename: 'User' }
    | { __typename: 'Workspace' }
   | null };

export type ConvMessageQueryVariables = Exact<{
  id: string;
}>;


export type ConvMessageQuery = { node:
    | { __typename: 'Agent' }
    | { __typename: 'Memory' }
    | { __typename: 'Message', id: string, role: MessageRole, text: string }
    | { __typename: 'Project' }
    | { __typename: 'Session' }
    | { __typename: 'Turn' }
    | { __typename: 'User' }
    | { __typename: 'Workspace' }
   | null };

export type ConvExportQueryVariables = Exact<{
  id: string;
}>;


export type ConvExportQuery = { exportSession: Json };

export type ConvImportMutationVariables = Exact<{
  messages: unknown;
  title?: string | null | undefined;
  key?: string | null | undefined;
  metadata?: unknown;
}>;


export type ConvImportMutation = { importSession: { session: { id: string, title: string | null, key: string | null, metadata: Json, messageCount: number, state: SessionState, lastMessage: { role: MessageRole, text: string } | null } } };

export type ConvSessionCountQueryVariables = Exact<{ [key: string]: never; }>;


export type ConvSessionCountQuery = { sessions: { totalCount: number } };

export type ConvUsageQueryVariables = Exact<{
  since?: string | null | undefined;
  until?: string | null | undefined;
}>;


export type ConvUsageQuery = { usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null, turns: number | null } };

export type ConvUsageSessionCountQueryVariables = Exact<{ [key: string]: never; }>;


export type ConvUsageSessionCountQuery = { sessions: { totalCount: number } };

export type EcoSessionByKeyQueryVariables = Exact<{
  key: string;
}>;


export type EcoSessionByKeyQuery = { session: { id: string, messageCount: number, messages: { edges: Array<{ node: { id: string, role: MessageRole, text: string, siblings: Array<{ id: string }> } }> } } | null };

export type EcoViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type EcoViewerQuery = { viewer: { id: string, name: string } };

export type EcoSendMutationVariables = Exact<{
  sessionId: string;
}>;


export type EcoSendMutation = { sendMessage: { turn: { id: string } } | null };

export type EcoTracedSendMutationVariables = Exact<{
  text: string;
}>;


export type EcoTracedSendMutation = { sendMessage: { session: { id: string }, turn: { id: string } } | null };

export type EcoTracedViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type EcoTracedViewerQuery = { viewer: { id: string } };

export type CrashTestSessionQueryVariables = Exact<{
  id: string;
}>;


export type CrashTestSessionQuery = { session: { state: SessionState, lastEventSeq: number, activeTurn: { id: string } | null, messages: { edges: Array<{ node: { role: MessageRole, text: string, turn: { id: string, status: TurnStatus } | null } }> } } | null };

export type CrashTestTurnQueryVariables = Exact<{
  id: string;
}>;


export type CrashTestTurnQuery = { node:
    | { status: TurnStatus, finishReason: string | null, error: { code: string, message: string } | null, assistantMessage: { role: MessageRole, text: string } | null }
    | Record<PropertyKey, never>
   | null };

export type LimitsCreateSessionMutationVariables = Exact<{
  input: CreateSessionInput;
}>;


export type LimitsCreateSessionMutation = { createSession: { session: { id: string, state: SessionState, createdAt: string, expiresAt: string | null } } };

export type LimitsRenewSessionMutationVariables = Exact<{
  id: string;
}>;


export type LimitsRenewSessionMutation = { renewSession: { session: { id: string, state: SessionState, expiresAt: string | null } } };

export type LimitsSessionQueryVariables = Exact<{
  id: string;
}>;


export type LimitsSessionQuery = { session: { state: SessionState, expiresAt: string | null, activeTurn: { id: string, status: TurnStatus } | null, messages: { edges: Array<{ node: { role: MessageRole, parts: Array<
            | { toolCallId: string, toolName: string, state: ToolState }
            | Record<PropertyKey, never>
          > } }> } } | null };

export type MultiProcessSessionQueryVariables = Exact<{
  id: string;
}>;


export type MultiProcessSessionQuery = { session: { state: SessionState, activeTurn: { id: string } | null, messages: { edges: Array<{ node: { role: MessageRole, text: string, turn: { status: TurnStatus } | null } }> } } | null };

export type MultiProcessHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type MultiProcessHealthQuery = { health: { status: string, pubsubKind: string, databaseKind: string } };

export type TestSessionEventsSubscriptionVariables = Exact<{
  id: string;
  after?: number | null | undefined;
}>;


export type TestSessionEventsSubscription = { sessionEvents:
    | { __typename: 'ApprovalRequested', toolCallId: string, toolName: string, input: Json | null, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'BranchSwitched', seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'MessageAppended', seq: number, sessionId: string, turnId: string | null, at: string, message: { text: string } }
    | { __typename: 'QueuedTurnCancelled', seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'ReasoningDelta', seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'SessionDeleted', seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'SessionExpiring', expiresAt: string, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'SessionUpdated', seq: number, sessionId: string, turnId: string | null, at: string, session: { id: string, title: string | null, state: SessionState, expiresAt: string | null } }
    | { __typename: 'StepFinished', step: number, finishReason: string, seq: number, sessionId: string, turnId: string | null, at: string, usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null } }
    | { __typename: 'TextDelta', delta: string, messageId: string, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'ToolCallStarted', toolCallId: string, toolName: string, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'ToolCalled', toolCallId: string, toolName: string, input: Json | null, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'ToolFailed', toolCallId: string, toolName: string, errorText: string, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'ToolResulted', toolCallId: string, toolName: string, output: Json | null, seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'TurnCancelled', seq: number, sessionId: string, turnId: string | null, at: string, turn: { id: string, status: TurnStatus, finishReason: string | null, model: string, startedAt: string, finishedAt: string | null, usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null } | null, error: { code: string, message: string } | null, assistantMessage: { id: string, text: string } | null }, message: { id: string, text: string } }
    | { __typename: 'TurnFailed', seq: number, sessionId: string, turnId: string | null, at: string, turn: { id: string, status: TurnStatus, finishReason: string | null, model: string, startedAt: string, finishedAt: string | null, usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null } | null, error: { code: string, message: string } | null, assistantMessage: { id: string, text: string } | null }, error: { code: string, message: string } }
    | { __typename: 'TurnFinished', seq: number, sessionId: string, turnId: string | null, at: string, turn: { id: string, status: TurnStatus, finishReason: string | null, model: string, startedAt: string, finishedAt: string | null, usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null } | null, error: { code: string, message: string } | null, assistantMessage: { id: string, text: string } | null }, message: { id: string, role: MessageRole, text: string, parts: Array<
          | { __typename: 'ReasoningPart' }
          | { __typename: 'StepStartPart' }
          | { __typename: 'TextPart' }
          | { __typename: 'ToolPart', toolCallId: string, state: ToolState, input: Json | null }
        > } }
    | { __typename: 'TurnQueued', seq: number, sessionId: string, turnId: string | null, at: string }
    | { __typename: 'TurnStarted', seq: number, sessionId: string, turnId: string | null, at: string, turn: { id: string, status: TurnStatus }, userMessage: { id: string, role: MessageRole, text: string } }
   };

export type TestTurnFragment = { id: string, status: TurnStatus, finishReason: string | null, model: string, startedAt: string, finishedAt: string | null, usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null } | null, error: { code: string, message: string } | null, assistantMessage: { id: string, text: string } | null };

export type TestSessionsChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type TestSessionsChangedSubscription = { sessionsChanged: { kind: SessionChangeKind, sessionId: string, session: { id: string, title: string | null, state: SessionState } | null } };

export type TestSendMessageMutationVariables = Exact<{
  id?: string | null | undefined;
  text: string;
  cmid?: string | null | undefined;
}>;


export type TestSendMessageMutation = { sendMessage: { session: { id: string, state: SessionState, messageCount: number, expiresAt: string | null }, userMessage: { id: string, text: string }, turn: { id: string, status: TurnStatus } } | null };

export type TestStopTurnMutationVariables = Exact<{
  id: string;
}>;


export type TestStopTurnMutation = { stopTurn: { turn: { id: string, status: TurnStatus, finishReason: string | null, model: string, startedAt: string, finishedAt: string | null, usage: { inputTokens: number | null, outputTokens: number | null, totalTokens: number | null } | null, error: { code: string, message: string } | null, assistantMessage: { id: string, text: string } | null } | null } };

export type TestAppendMessageMutationVariables = Exact<{
  id: string;
  text: string;
}>;


export type TestAppendMessageMutation = { appendMessage: { message: { id: string }, session: { expiresAt: string | null } } };

export type TestViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type TestViewerQuery = { viewer: { id: string, name: string } };

export type TestAgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type TestAgentsQuery = { agents: Array<{ id: string, name: string, isDefault: boolean }> };

export type TestSessionsCountQueryVariables = Exact<{ [key: string]: never; }>;


export type TestSessionsCountQuery = { sessions: { totalCount: number } };

export type TestFirstSessionQueryVariables = Exact<{ [key: string]: never; }>;


export type TestFirstSessionQuery = { sessions: { edges: Array<{ cursor: string, node: { id: string, title: string | null } }> } };

export type MemorySourceQueryVariables = Exact<{
  id: string;
}>;


export type MemorySourceQuery = { node:
    | { __typename: 'Agent' }
    | { __typename: 'Memory', id: string, text: string, sourceSession: { id: string } | null }
    | { __typename: 'Message' }
    | { __typename: 'Project' }
    | { __typename: 'Session' }
    | { __typename: 'Turn' }
    | { __typename: 'User' }
    | { __typename: 'Workspace' }
   | null };

export type ApprovalTestStateQueryVariables = Exact<{
  session: string;
  turn: string;
}>;


export type ApprovalTestStateQuery = { session: { state: SessionState, activeTurn: { id: string, status: TurnStatus } | null } | null, node:
    | { id: string, status: TurnStatus, finishedAt: string | null }
    | Record<PropertyKey, never>
   | null };

export type ApprovalTestMessagesQueryVariables = Exact<{
  id: string;
}>;


export type ApprovalTestMessagesQuery = { session: { state: SessionState, messageCount: number, lastMessage: { text: string } | null, messages: { edges: Array<{ node: { role: MessageRole, text: string, parts: Array<
            | { __typename: 'ReasoningPart' }
            | { __typename: 'StepStartPart', step: number }
            | { __typename: 'TextPart', text: string }
            | { __typename: 'ToolPart', toolCallId: string, toolName: string, state: ToolState, input: Json | null, output: Json | null, errorText: string | null }
          > } }> } } | null };

export type ControlTestSessionQueryVariables = Exact<{
  id: string;
}>;


export type ControlTestSessionQuery = { session: { id: string, state: SessionState, messageCount: number, activeTurn: { id: string } | null, lastMessage: { id: string, role: MessageRole, text: string } | null, messages: { edges: Array<{ node: { id: string, role: MessageRole, text: string, turn: { id: string, status: TurnStatus } | null } }> } } | null };

export type ControlSessionsListQueryVariables = Exact<{ [key: string]: never; }>;


export type ControlSessionsListQuery = { sessions: { totalCount: number, edges: Array<{ node: { id: string, messageCount: number, state: SessionState } }> } };

export type TurnTestSessionQueryVariables = Exact<{
  id: string;
}>;


export type TurnTestSessionQuery = { session: { id: string, title: string | null, state: SessionState, messageCount: number, activeTurn: { id: string } | null, lastMessage: { id: string, role: MessageRole, text: string } | null, messages: { edges: Array<{ node: { id: string, role: MessageRole, text: string, turn: { id: string } | null, parts: Array<
            | { __typename: 'ReasoningPart' }
            | { __typename: 'StepStartPart', step: number }
            | { __typename: 'TextPart', text: string }
            | { __typename: 'ToolPart', toolCallId: string, toolName: string, state: ToolState, input: Json | null, output: Json | null, errorText: string | null }
          > } }> } } | null };

export type WsSessionQueryVariables = Exact<{
  id: string;
}>;


export type WsSessionQuery = { session: { id: string, title: string | null, status: SessionStatus, createdBy: { name: string }, participants: Array<{ kind: ParticipantKind, user: { name: string } | null, agent: { name: string } | null }>, messages: { edges: Array<{ node: { role: MessageRole, text: string, author: { name: string } | null } }> } } | null };

export type WsRenameMutationVariables = Exact<{
  id: string;
  title: string;
}>;


export type WsRenameMutation = { renameSession: { session: { title: string | null } } };

export type WsSetStatusMutationVariables = Exact<{
  id: string;
  status?: SessionStatus | null | undefined;
}>;


export type WsSetStatusMutation = { updateSession: { session: { status: SessionStatus } } };

export type WsAgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type WsAgentsQuery = { agents: Array<{ id: string, name: string, avatarUrl: string | null }> };

export type WsSwitchAgentMutationVariables = Exact<{
  id: string;
  agentId: string;
}>;


export type WsSwitchAgentMutation = { updateSession: { session: { id: string } } };

export type WsDeleteMutationVariables = Exact<{
  id: string;
}>;


export type WsDeleteMutation = { deleteSession: { deletedSessionId: string } };

export type WsResumeMutationVariables = Exact<{
  id: string;
}>;


export type WsResumeMutation = { resumeSession: { session: { status: SessionStatus } } };

export type WsMoveMutationVariables = Exact<{
  id: string;
  projectId?: string | null | undefined;
}>;


export type WsMoveMutation = { updateSession: { session: { project: { slug: string } | null } } };

export type WsRenameProjectMutationVariables = Exact<{
  id: string;
  name: string;
}>;


export type WsRenameProjectMutation = { renameProject: { project: { name: string, slug: string } } };

export type WsDeleteProjectMutationVariables = Exact<{
  id: string;
  deleteSessions?: boolean | null | undefined;
}>;


export type WsDeleteProjectMutation = { deleteProject: { deletedProjectId: string } };

export type WsProjectSessionsQueryVariables = Exact<{
  id: string;
}>;


export type WsProjectSessionsQuery = { node:
    | { name: string, sessionCount: number, sessions: { totalCount: number, edges: Array<{ node: { title: string | null } }> } }
    | Record<PropertyKey, never>
   | null };

export type WsProjectsQueryVariables = Exact<{
  workspaceId?: string | null | undefined;
}>;


export type WsProjectsQuery = { projects: { edges: Array<{ node: { slug: string, sessionCount: number } }> } };

export type WsPagingSqlQueryVariables = Exact<{
  first?: number | null | undefined;
  workspaceId?: string | null | undefined;
}>;


export type WsPagingSqlQuery = { sessions: { totalCount: number, edges: Array<{ node: { title: string | null, status: SessionStatus, workspace: { name: string, role: WorkspaceRole }, project: { slug: string, sessionCount: number } | null, createdBy: { name: string }, participants: Array<{ kind: ParticipantKind, user: { name: string } | null, agent: { name: string, avatarUrl: string | null } | null }>, lastMessage: { text: string, author: { name: string } | null } | null } }> } };

export type WsMyWorkspacesQueryVariables = Exact<{ [key: string]: never; }>;


export type WsMyWorkspacesQuery = { workspaces: { edges: Array<{ node: { id: string, name: string, role: WorkspaceRole, personal: boolean } }> } };

export type WsCreateWorkspaceMutationVariables = Exact<{
  name: string;
}>;


export type WsCreateWorkspaceMutation = { createWorkspace: { workspace: { id: string, name: string, role: WorkspaceRole, personal: boolean } } };

export type WsAddMemberMutationVariables = Exact<{
  workspaceId: string;
  userId: string;
  role?: WorkspaceRole | null | undefined;
}>;


export type WsAddMemberMutation = { addWorkspaceMember: { workspace: { id: string, members: { edges: Array<{ node: { role: WorkspaceRole, user: { id: string, name: string } } }> } } | null } };

export type WsRemoveMemberMutationVariables = Exact<{
  workspaceId: string;
  userId: string;
}>;


export type WsRemoveMemberMutation = { removeWorkspaceMember: { workspace: { id: string } | null } };

export type WsCreateSessionMutationVariables = Exact<{
  workspaceId?: string | null | undefined;
  projectId?: string | null | undefined;
  title?: string | null | undefined;
  status?: SessionStatus | null | undefined;
}>;


export type WsCreateSessionMutation = { createSession: { session: { id: string, title: string | null, status: SessionStatus, workspace: { id: string }, project: { id: string, slug: string } | null, createdBy: { id: string, name: string }, participants: Array<{ kind: ParticipantKind, user: { name: string } | null, agent: { name: string } | null }> } } };

export type WsCreateProjectMutationVariables = Exact<{
  workspaceId: string;
  name: string;
  slug: string;
}>;


export type WsCreateProjectMutation = { createProject: { project: { id: string, name: string, slug: string, sessionCount: number, workspace: { id: string } } } };

export type WsSessionsQueryVariables = Exact<{
  filter?: SessionFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type WsSessionsQuery = { sessions: { totalCount: number, edges: Array<{ node: { id: string, title: string | null, status: SessionStatus, project: { slug: string } | null, createdBy: { name: string } } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ChatTransportSessionFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment ChatTransportSession on Session {
  id
  lastEventSeq
  activeTurn {
    id
  }
  lastMessage {
    id
    role
  }
}
    `, {"fragmentName":"ChatTransportSession"}) as unknown as TypedDocumentString<ChatTransportSessionFragment, unknown>;
export const MessageFieldsFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment MessageFields on Message {
  id
  role
  text
  createdAt
  parentId
  siblings {
    id
  }
  turn {
    id
    status
  }
  parts {
    __typename
    ... on TextPart {
      text
    }
    ... on ReasoningPart {
      text
    }
    ... on ToolPart {
      toolCallId
      toolName
      state
      input
      output
      errorText
    }
    ... on StepStartPart {
      step
    }
  }
}
    `, {"fragmentName":"MessageFields"}) as unknown as TypedDocumentString<MessageFieldsFragment, unknown>;
export const SessionSummaryFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment SessionSummary on Session {
  id
  key
  title
  state
  workspace {
    id
  }
  project {
    id
  }
  archived
  messageCount
  updatedAt
  agent {
    id
    name
  }
  lastMessage {
    id
    role
    text
  }
}
    `, {"fragmentName":"SessionSummary"}) as unknown as TypedDocumentString<SessionSummaryFragment, unknown>;
export const MutationsSessionFieldsFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment MutationsSessionFields on Session {
  id
  key
  title
  metadata
  archived
  state
  messageCount
  createdAt
  updatedAt
  expiresAt
  agent {
    id
    isDefault
  }
  lastMessage {
    id
  }
  timeout {
    timeoutMinutes
    autoRenew
    maxDurationMinutes
    warningThresholdMinutes
  }
}
    `, {"fragmentName":"MutationsSessionFields"}) as unknown as TypedDocumentString<MutationsSessionFieldsFragment, unknown>;
export const TestTurnFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment TestTurn on Turn {
  id
  status
  finishReason
  model
  startedAt
  finishedAt
  usage {
    inputTokens
    outputTokens
    totalTokens
  }
  error {
    code
    message
  }
  assistantMessage {
    id
    text
  }
}
    `, {"fragmentName":"TestTurn"}) as unknown as TypedDocumentString<TestTurnFragment, unknown>;
export const ChatTransportSessionByIdDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ChatTransportSessionById($id: ID!) {
  session(id: $id) {
    ...ChatTransportSession
  }
}
    fragment ChatTransportSession on Session {
  id
  lastEventSeq
  activeTurn {
    id
  }
  lastMessage {
    id
    role
  }
}`, {"hash":"sha256:d9f5937454664799a7f4b5415c8e39db9ce2b2830a73c0e10e7c62db0c74f06b"}) as unknown as TypedDocumentString<ChatTransportSessionByIdQuery, ChatTransportSessionByIdQueryVariables>;
export const ChatTransportSessionByKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ChatTransportSessionByKey($key: String!) {
  session(key: $key) {
    ...ChatTransportSession
  }
}
    fragment ChatTransportSession on Session {
  id
  lastEventSeq
  activeTurn {
    id
  }
  lastMessage {
    id
    role
  }
}`, {"hash":"sha256:f56c797b452e772f9c41a6f9b0d49f2cce15850e241a42202794c5af2160d6fd"}) as unknown as TypedDocumentString<ChatTransportSessionByKeyQuery, ChatTransportSessionByKeyQueryVariables>;
export const ChatTransportOpenSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ChatTransportOpenSession($key: String!) {
  createSession(input: {key: $key, ifKeyExists: RETURN}) {
    session {
      ...ChatTransportSession
    }
  }
}
    fragment ChatTransportSession on Session {
  id
  lastEventSeq
  activeTurn {
    id
  }
  lastMessage {
    id
    role
  }
}`, {"hash":"sha256:b9c5450111b994172d18aba5a3a9d9a67f09b7284a04c7d12b18a753ddd7a98d"}) as unknown as TypedDocumentString<ChatTransportOpenSessionMutation, ChatTransportOpenSessionMutationVariables>;
export const ChatTransportSendDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ChatTransportSend($sessionId: ID!, $text: String!, $clientMessageId: String) {
  sendMessage(
    input: {sessionId: $sessionId, text: $text, clientMessageId: $clientMessageId}
  ) {
    turn {
      id
    }
  }
}
    `, {"hash":"sha256:c5e69ff4d74c5d4815ff23a67745056cad4db83a946aedfa4c238af4b91c04db"}) as unknown as TypedDocumentString<ChatTransportSendMutation, ChatTransportSendMutationVariables>;
export const ChatTransportRegenerateDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ChatTransportRegenerate($messageId: ID!) {
  regenerate(input: {messageId: $messageId}) {
    turn {
      id
    }
  }
}
    `, {"hash":"sha256:c6f444b6efa21870e243502a845bf0b164d05e15d15db0219c8bf3fc098f6381"}) as unknown as TypedDocumentString<ChatTransportRegenerateMutation, ChatTransportRegenerateMutationVariables>;
export const ChatTransportAnswerDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ChatTransportAnswer($id: ID!) {
  node(id: $id) {
    __typename
    ... on Turn {
      assistantMessage {
        id
      }
    }
    ... on Message {
      id
      turn {
        id
      }
    }
  }
}
    `, {"hash":"sha256:05c3a316c1740a378a83e2c4c746a2026b31bbc038865729492e17ee7996bac7"}) as unknown as TypedDocumentString<ChatTransportAnswerQuery, ChatTransportAnswerQueryVariables>;
export const ChatTransportApproveDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ChatTransportApprove($turnId: ID!, $toolCallId: String!, $approved: Boolean!, $reason: String) {
  respondToApproval(
    input: {turnId: $turnId, toolCallId: $toolCallId, approved: $approved, reason: $reason}
  ) {
    turn {
      id
    }
  }
}
    `, {"hash":"sha256:911a1466b9104f87ffbcbc7df0d4690ce658ea68d360a45489bc60ef07e76dee"}) as unknown as TypedDocumentString<ChatTransportApproveMutation, ChatTransportApproveMutationVariables>;
export const ChatTransportEventsDocument = /*#__PURE__*/ new TypedDocumentString(`
    subscription ChatTransportEvents($sessionId: ID!, $afterSeq: Int) {
  sessionEvents(sessionId: $sessionId, afterSeq: $afterSeq) {
    __typename
    seq
    turnId
    ... on TextDelta {
      delta
    }
    ... on ReasoningDelta {
      delta
    }
    ... on ToolCallStarted {
      toolCallId
      toolName
    }
    ... on ToolCalled {
      toolCallId
      toolName
      input
    }
    ... on ToolResulted {
      toolCallId
      output
    }
    ... on ToolFailed {
      toolCallId
      errorText
    }
    ... on ApprovalRequested {
      toolCallId
    }
    ... on TurnFinished {
      turn {
        finishReason
      }
    }
    ... on TurnFailed {
      error {
        message
      }
    }
  }
}
    `, {"hash":"sha256:fedbdd4c510eb7ba88cf4b3f8e6cd704e4b3b208d08857ae1cafb1572e55e642"}) as unknown as TypedDocumentString<ChatTransportEventsSubscription, ChatTransportEventsSubscriptionVariables>;
export const SendMessageDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation SendMessage($sessionId: ID, $text: String!, $clientMessageId: String) {
  sendMessage(
    input: {sessionId: $sessionId, text: $text, clientMessageId: $clientMessageId}
  ) {
    session {
      id
      title
    }
    userMessage {
      id
      text
    }
    turn {
      id
      status
    }
  }
}
    `, {"hash":"sha256:7cf239a7dfa31409c818f55041e5cfc57f47cd7d1adf0bdfd6e9b175f7ebc1f2"}) as unknown as TypedDocumentString<SendMessageMutation, SendMessageMutationVariables>;
export const StopTurnDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation StopTurn($sessionId: ID!) {
  stopTurn(input: {sessionId: $sessionId}) {
    turn {
      id
      status
    }
  }
}
    `, {"hash":"sha256:84b8c952f96ad2b8f1d0bd528e5942fbb269425dc5f3db6a19e81875ee628f55"}) as unknown as TypedDocumentString<StopTurnMutation, StopTurnMutationVariables>;
export const RespondToApprovalDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation RespondToApproval($turnId: ID!, $toolCallId: String!, $approved: Boolean!, $reason: String) {
  respondToApproval(
    input: {turnId: $turnId, toolCallId: $toolCallId, approved: $approved, reason: $reason}
  ) {
    turn {
      id
      status
    }
  }
}
    `, {"hash":"sha256:c7ece8ee26e5d2cc974dad026e74133a8ebc6b82059a98beeea35445292db3df"}) as unknown as TypedDocumentString<RespondToApprovalMutation, RespondToApprovalMutationVariables>;
export const SessionEventsDocument = /*#__PURE__*/ new TypedDocumentString(`
    subscription SessionEvents($sessionId: ID!, $afterSeq: Int) {
  sessionEvents(sessionId: $sessionId, afterSeq: $afterSeq) {
    __typename
    seq
    sessionId
    turnId
    at
    ... on TurnStarted {
      turn {
        id
        status
      }
      userMessage {
        ...MessageFields
      }
    }
    ... on TextDelta {
      messageId
      delta
    }
    ... on ReasoningDelta {
      messageId
      delta
    }
    ... on ToolCallStarted {
      toolCallId
      toolName
    }
    ... on ToolCalled {
      toolCallId
      toolName
      input
    }
    ... on ToolResulted {
      toolCallId
      toolName
      output
    }
    ... on ToolFailed {
      toolCallId
      toolName
      errorText
    }
    ... on ApprovalRequested {
      toolCallId
      toolName
      input
    }
    ... on StepFinished {
      step
      finishReason
      usage {
        inputTokens
        outputTokens
        totalTokens
      }
    }
    ... on TurnFinished {
      turn {
        id
        status
        usage {
          totalTokens
        }
      }
      message {
        ...MessageFields
      }
    }
    ... on TurnFailed {
      turn {
        id
        status
        assistantMessage {
          ...MessageFields
        }
      }
      error {
        code
        message
      }
    }
    ... on TurnCancelled {
      turn {
        id
        status
      }
      message {
        ...MessageFields
      }
    }
    ... on MessageAppended {
      message {
        ...MessageFields
      }
    }
    ... on SessionUpdated {
      session {
        ...SessionSummary
      }
    }
    ... on SessionExpiring {
      expiresAt
    }
    ... on BranchSwitched {
      leafMessageId
    }
  }
}
    fragment MessageFields on Message {
  id
  role
  text
  createdAt
  parentId
  siblings {
    id
  }
  turn {
    id
    status
  }
  parts {
    __typename
    ... on TextPart {
      text
    }
    ... on ReasoningPart {
      text
    }
    ... on ToolPart {
      toolCallId
      toolName
      state
      input
      output
      errorText
    }
    ... on StepStartPart {
      step
    }
  }
}
fragment SessionSummary on Session {
  id
  key
  title
  state
  workspace {
    id
  }
  project {
    id
  }
  archived
  messageCount
  updatedAt
  agent {
    id
    name
  }
  lastMessage {
    id
    role
    text
  }
}`, {"hash":"sha256:e88d0036db9da494d1d1afb431487b1b47315c51692b907ce27f518e62f8fadc"}) as unknown as TypedDocumentString<SessionEventsSubscription, SessionEventsSubscriptionVariables>;
export const SessionsChangedDocument = /*#__PURE__*/ new TypedDocumentString(`
    subscription SessionsChanged {
  sessionsChanged {
    kind
    sessionId
    at
    session {
      ...SessionSummary
    }
  }
}
    fragment SessionSummary on Session {
  id
  key
  title
  state
  workspace {
    id
  }
  project {
    id
  }
  archived
  messageCount
  updatedAt
  agent {
    id
    name
  }
  lastMessage {
    id
    role
    text
  }
}`, {"hash":"sha256:969c3b4febd352c44aaffc0cf9fef6474ec8a2a1a078c447e4dee7c83c644092"}) as unknown as TypedDocumentString<SessionsChangedSubscription, SessionsChangedSubscriptionVariables>;
export const SendMessageByKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation SendMessageByKey($sessionKey: String!, $text: String!, $agentId: ID, $ifBusy: IfBusy) {
  sendMessage(
    input: {sessionKey: $sessionKey, text: $text, agentId: $agentId, ifBusy: $ifBusy}
  ) {
    session {
      id
      key
      agent {
        id
      }
    }
    userMessage {
      id
      text
    }
    turn {
      id
      status
    }
  }
}
    `, {"hash":"sha256:82575a886011534da9d0ba88a38fdc2bf2684c958114cfd183982b2d80bb2edf"}) as unknown as TypedDocumentString<SendMessageByKeyMutation, SendMessageByKeyMutationVariables>;
export const EditMessageDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation EditMessage($messageId: ID!, $text: String!) {
  editMessage(input: {messageId: $messageId, text: $text}) {
    userMessage {
      id
    }
    turn {
      id
      status
    }
  }
}
    `, {"hash":"sha256:444fccc589060168a78449d701b74964988dd81ea240932cc908b4675babb416"}) as unknown as TypedDocumentString<EditMessageMutation, EditMessageMutationVariables>;
export const RegenerateDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation Regenerate($messageId: ID!) {
  regenerate(input: {messageId: $messageId}) {
    turn {
      id
      status
    }
  }
}
    `, {"hash":"sha256:b20f289535b1fb1e731fe0134637d2a3eb50760940b58bf070828988ef271b78"}) as unknown as TypedDocumentString<RegenerateMutation, RegenerateMutationVariables>;
export const SwitchBranchDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation SwitchBranch($messageId: ID!) {
  switchBranch(input: {messageId: $messageId}) {
    session {
      id
      lastEventSeq
    }
  }
}
    `, {"hash":"sha256:3b265d24b21cbc86f512405f848fb0ab7b203c0cb1c94beb2a11a3ef54dd3d81"}) as unknown as TypedDocumentString<SwitchBranchMutation, SwitchBranchMutationVariables>;
export const MemoriesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query Memories($first: Int, $after: String) {
  viewer {
    id
    settings {
      memoryEnabled
    }
  }
  memories(first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        text
        createdAt
        sourceSession {
          id
          title
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `, {"hash":"sha256:7e6d209d0818ae91ebaf290a658055e299c33271f8db18ff567a0aa319c235c1"}) as unknown as TypedDocumentString<MemoriesQuery, MemoriesQueryVariables>;
export const DeleteMemoryDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation DeleteMemory($id: ID!) {
  deleteMemory(input: {id: $id}) {
    deletedMemoryId
  }
}
    `, {"hash":"sha256:b588e8959724053a11809fff802080ae94f1393a7690d709acddb059f2510e55"}) as unknown as TypedDocumentString<DeleteMemoryMutation, DeleteMemoryMutationVariables>;
export const ClearMemoriesDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ClearMemories {
  clearMemories {
    deletedCount
  }
}
    `, {"hash":"sha256:cb1266bd36c141e0c17a74d8c9aa5e6d64b071975ad656fcba1f4ce7d77104f1"}) as unknown as TypedDocumentString<ClearMemoriesMutation, ClearMemoriesMutationVariables>;
export const UpdateViewerSettingsDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation UpdateViewerSettings($memoryEnabled: Boolean) {
  updateViewerSettings(input: {memoryEnabled: $memoryEnabled}) {
    viewer {
      id
      settings {
        memoryEnabled
      }
    }
  }
}
    `, {"hash":"sha256:c852be58546e5515735fcca1584afce07da3505055aec9e95a69c360e8e00c5b"}) as unknown as TypedDocumentString<UpdateViewerSettingsMutation, UpdateViewerSettingsMutationVariables>;
export const SessionsPageDocument = /*#__PURE__*/ new TypedDocumentString(`
    query SessionsPage($first: Int, $after: String, $filter: SessionFilter) {
  sessions(first: $first, after: $after, filter: $filter) {
    totalCount
    edges {
      cursor
      node {
        ...SessionSummary
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment SessionSummary on Session {
  id
  key
  title
  state
  workspace {
    id
  }
  project {
    id
  }
  archived
  messageCount
  updatedAt
  agent {
    id
    name
  }
  lastMessage {
    id
    role
    text
  }
}`, {"hash":"sha256:22769dc92a5facb20771ed02ba0fea98fa4a16f3d5f4c3f38036fde6427432b4"}) as unknown as TypedDocumentString<SessionsPageQuery, SessionsPageQueryVariables>;
export const SessionWithMessagesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query SessionWithMessages($id: ID!, $last: Int, $before: String) {
  session(id: $id) {
    ...SessionSummary
    lastEventSeq
    activeTurn {
      id
      status
    }
    messages(last: $last, before: $before) {
      edges {
        node {
          ...MessageFields
        }
      }
      pageInfo {
        hasPreviousPage
        startCursor
      }
    }
  }
}
    fragment MessageFields on Message {
  id
  role
  text
  createdAt
  parentId
  siblings {
    id
  }
  turn {
    id
    status
  }
  parts {
    __typename
    ... on TextPart {
      text
    }
    ... on ReasoningPart {
      text
    }
    ... on ToolPart {
      toolCallId
      toolName
      state
      input
      output
      errorText
    }
    ... on StepStartPart {
      step
    }
  }
}
fragment SessionSummary on Session {
  id
  key
  title
  state
  workspace {
    id
  }
  project {
    id
  }
  archived
  messageCount
  updatedAt
  agent {
    id
    name
  }
  lastMessage {
    id
    role
    text
  }
}`, {"hash":"sha256:f168fe8a0268db55e1f0fc5b3f80f107eb81a7d6149ee5f9c009b647eac3d207"}) as unknown as TypedDocumentString<SessionWithMessagesQuery, SessionWithMessagesQueryVariables>;
export const CreateSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation CreateSession($input: CreateSessionInput!) {
  createSession(input: $input) {
    created
    session {
      ...SessionSummary
    }
  }
}
    fragment SessionSummary on Session {
  id
  key
  title
  state
  workspace {
    id
  }
  project {
    id
  }
  archived
  messageCount
  updatedAt
  agent {
    id
    name
  }
  lastMessage {
    id
    role
    text
  }
}`, {"hash":"sha256:4d816675071bacd652cb3ad6ef69ca156b501e59f9a8bcb14f5494f5fd612319"}) as unknown as TypedDocumentString<CreateSessionMutation, CreateSessionMutationVariables>;
export const RenameSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation RenameSession($id: ID!, $title: String!) {
  renameSession(input: {id: $id, title: $title}) {
    session {
      ...SessionSummary
    }
  }
}
    fragment SessionSummary on Session {
  id
  key
  title
  state
  workspace {
    id
  }
  project {
    id
  }
  archived
  messageCount
  updatedAt
  agent {
    id
    name
  }
  lastMessage {
    id
    role
    text
  }
}`, {"hash":"sha256:99aea6b6835e09cc0d005eee800c29abe1a617ca3b4620983eef37a9682ebab7"}) as unknown as TypedDocumentString<RenameSessionMutation, RenameSessionMutationVariables>;
export const DeleteSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation DeleteSession($id: ID!) {
  deleteSession(input: {id: $id}) {
    deletedSessionId
  }
}
    `, {"hash":"sha256:1d2cb057610e456ea95643126bfc468004a6b9cb9938499c36847072a5cd0676"}) as unknown as TypedDocumentString<DeleteSessionMutation, DeleteSessionMutationVariables>;
export const DeleteSessionByKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation DeleteSessionByKey($key: String!) {
  deleteSession(input: {key: $key}) {
    deletedSessionId
  }
}
    `, {"hash":"sha256:c1cd37b4ee3f155697ab2a7dc7b74af74f5e27f3e197d59aa672bb5817566b7d"}) as unknown as TypedDocumentString<DeleteSessionByKeyMutation, DeleteSessionByKeyMutationVariables>;
export const SidebarWorkspacesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query SidebarWorkspaces {
  workspaces(first: 10) {
    edges {
      node {
        id
        name
        personal
        projects(first: 20) {
          edges {
            node {
              id
              name
              slug
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:5889a211867818f7bbd07a0a3ab59c7298227ee589a47893b49f654679177e59"}) as unknown as TypedDocumentString<SidebarWorkspacesQuery, SidebarWorkspacesQueryVariables>;
export const MessagesAppendDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation MessagesAppend($input: AppendMessageInput!) {
  appendMessage(input: $input) {
    message {
      id
      role
      text
      createdAt
      turn {
        id
      }
      parts {
        __typename
        ... on TextPart {
          text
        }
      }
    }
    session {
      id
      updatedAt
      messageCount
      expiresAt
      lastMessage {
        id
        text
      }
    }
  }
}
    `, {"hash":"sha256:1bf8aa2baa81ce3b444cfb0900cea83c33cbe7bfa7b35767fbba8026c194e2cc"}) as unknown as TypedDocumentString<MessagesAppendMutation, MessagesAppendMutationVariables>;
export const MessagesPageDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesPage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  session(id: $id) {
    messages(first: $first, after: $after, last: $last, before: $before) {
      edges {
        cursor
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
}
    `, {"hash":"sha256:6462d373876c42f20544745f6b46677e2f2a95a132ec188e0b6f0569c71242d0"}) as unknown as TypedDocumentString<MessagesPageQuery, MessagesPageQueryVariables>;
export const MessagesNodeDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesNode($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Session {
      title
    }
    ... on Message {
      role
      text
    }
    ... on Turn {
      status
      userMessage {
        id
      }
      assistantMessage {
        id
      }
    }
    ... on Agent {
      name
      isDefault
    }
    ... on User {
      name
    }
  }
}
    `, {"hash":"sha256:e0ab84f62ee4a5d501609ed3acc77ba5c03b911c7fdb3cd4399313011e9e9572"}) as unknown as TypedDocumentString<MessagesNodeQuery, MessagesNodeQueryVariables>;
export const MessagesNewSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation MessagesNewSession($input: CreateSessionInput!) {
  createSession(input: $input) {
    session {
      id
      updatedAt
      expiresAt
    }
  }
}
    `, {"hash":"sha256:55b137f3bdbd0fcdb6b05103f1c99a57927b9953d0b1dcf3853d00b730d5bd40"}) as unknown as TypedDocumentString<MessagesNewSessionMutation, MessagesNewSessionMutationVariables>;
export const MessagesSessionIdDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesSessionId($id: ID) {
  session(id: $id) {
    id
  }
}
    `, {"hash":"sha256:2f66217774dc150a938143c2cb2a51f532b7d5be8ce10aa46e290c8c55f466ed"}) as unknown as TypedDocumentString<MessagesSessionIdQuery, MessagesSessionIdQueryVariables>;
export const MessagesCountAndLastDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesCountAndLast($id: ID!) {
  session(id: $id) {
    messageCount
    lastMessage {
      role
      text
    }
  }
}
    `, {"hash":"sha256:2f8ca35fa1560a3837745f5c535ec1ee1a800f50dc42907f7a1af59aa8d47d18"}) as unknown as TypedDocumentString<MessagesCountAndLastQuery, MessagesCountAndLastQueryVariables>;
export const MessagesCountDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesCount($id: ID!) {
  session(id: $id) {
    messageCount
  }
}
    `, {"hash":"sha256:36a87313e16e6ecd22d687cab502a8de7bc6b568dcc1bcbb38d738f7ba769450"}) as unknown as TypedDocumentString<MessagesCountQuery, MessagesCountQueryVariables>;
export const MessagesFirstThreeDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesFirstThree($id: ID!) {
  session(id: $id) {
    messages(first: 3) {
      edges {
        node {
          text
          role
        }
      }
    }
  }
}
    `, {"hash":"sha256:ceb9c7c95d5010e73b4bbf5d84708947552782ce50f5996b6ac899e01a679195"}) as unknown as TypedDocumentString<MessagesFirstThreeQuery, MessagesFirstThreeQueryVariables>;
export const MessagesTurnPartsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesTurnParts($id: ID!) {
  session(id: $id) {
    messageCount
    messages {
      edges {
        node {
          role
          text
          turn {
            id
            status
          }
          parts {
            __typename
            ... on TextPart {
              text
            }
            ... on ReasoningPart {
              text
            }
            ... on StepStartPart {
              step
            }
            ... on ToolPart {
              toolCallId
              toolName
              state
              input
              output
              errorText
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:d20399e48c70e47617708889b10fd83ef292f9d9109d97aadbbd29d64fa0200e"}) as unknown as TypedDocumentString<MessagesTurnPartsQuery, MessagesTurnPartsQueryVariables>;
export const MessagesByIdDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesById($id: ID) {
  session(id: $id) {
    id
    key
    title
  }
}
    `, {"hash":"sha256:4b60aa0770a8ffaa26da5a15c93eddada87245391f14587cf7ec99a9b2477eac"}) as unknown as TypedDocumentString<MessagesByIdQuery, MessagesByIdQueryVariables>;
export const MessagesByKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesByKey {
  session(key: "lookup-1") {
    id
    key
    title
  }
}
    `, {"hash":"sha256:fe88f464c00946017c693e406af57b8b7a2ac8b4d98451310e67209c55056462"}) as unknown as TypedDocumentString<MessagesByKeyQuery, MessagesByKeyQueryVariables>;
export const MessagesNeitherIdNorKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesNeitherIdNorKey {
  session {
    id
  }
}
    `, {"hash":"sha256:d143b4a4318f9fe72bb2596d82e0437e2a7e99ac0425fc14355aab493a2d8764"}) as unknown as TypedDocumentString<MessagesNeitherIdNorKeyQuery, MessagesNeitherIdNorKeyQueryVariables>;
export const MessagesIdAndKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesIdAndKey($id: ID) {
  session(id: $id, key: "k") {
    id
  }
}
    `, {"hash":"sha256:755e09bd12c1d5859fc54f125c105e39f134bbd063d74dd89c4fbe5dc25ded72"}) as unknown as TypedDocumentString<MessagesIdAndKeyQuery, MessagesIdAndKeyQueryVariables>;
export const MessagesNullIdAndKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesNullIdAndKey {
  session(id: null, key: null) {
    id
  }
}
    `, {"hash":"sha256:94247489fb095a5f74b7973dc540e058854b30545f042d734bcfd27a005ca145"}) as unknown as TypedDocumentString<MessagesNullIdAndKeyQuery, MessagesNullIdAndKeyQueryVariables>;
export const MessagesNoSuchKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MessagesNoSuchKey {
  session(key: "no-such-key") {
    id
  }
}
    `, {"hash":"sha256:fe033b21610d9cb10fa636b92301d70e7c272a4630d6e4a9ee5fdb3ecdf6312b"}) as unknown as TypedDocumentString<MessagesNoSuchKeyQuery, MessagesNoSuchKeyQueryVariables>;
export const MetricsProbeDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MetricsProbe {
  viewer {
    id
  }
}
    `, {"hash":"sha256:ff89d9af29524d2c8fb544a1191d03364ea1424621c61d5817512cbbd7aafebb"}) as unknown as TypedDocumentString<MetricsProbeQuery, MetricsProbeQueryVariables>;
export const OwnershipNodeDocument = /*#__PURE__*/ new TypedDocumentString(`
    query OwnershipNode($id: ID!) {
  node(id: $id) {
    __typename
    id
  }
}
    `, {"hash":"sha256:e6e1eb1d4fba3b55123a5f8363b426f3f250d2618bee8c32cc4f72bc0fc68e73"}) as unknown as TypedDocumentString<OwnershipNodeQuery, OwnershipNodeQueryVariables>;
export const OwnershipRespondDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation OwnershipRespond($turn: ID!) {
  respondToApproval(input: {turnId: $turn, toolCallId: "c1", approved: true}) {
    turn {
      id
    }
  }
}
    `, {"hash":"sha256:d5b8ad3d5bc6f34808cb6d87fd5940fa1720c4c99ba20da8b819c0fac7a793ed"}) as unknown as TypedDocumentString<OwnershipRespondMutation, OwnershipRespondMutationVariables>;
export const OwnershipSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query OwnershipSession($id: ID) {
  session(id: $id) {
    id
    title
  }
}
    `, {"hash":"sha256:1cf2f270140cf0bd822820e05bd0547aa5583127ab809eaf854f2a2feb5b3a25"}) as unknown as TypedDocumentString<OwnershipSessionQuery, OwnershipSessionQueryVariables>;
export const OwnershipSessionByKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    query OwnershipSessionByKey($key: String) {
  session(key: $key) {
    id
  }
}
    `, {"hash":"sha256:862548c21f9eaa6a1bbc2128e9b7ba4909c2b0fb46e90e985a594464a95b26c5"}) as unknown as TypedDocumentString<OwnershipSessionByKeyQuery, OwnershipSessionByKeyQueryVariables>;
export const OwnershipMessagesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query OwnershipMessages($id: ID) {
  session(id: $id) {
    messages {
      edges {
        node {
          id
        }
      }
    }
  }
}
    `, {"hash":"sha256:21693d049ff5fe24b3f57c1a41408638aa490ba02b5afe43693fbf157ed22b69"}) as unknown as TypedDocumentString<OwnershipMessagesQuery, OwnershipMessagesQueryVariables>;
export const OwnershipRenameDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation OwnershipRename($id: ID!) {
  renameSession(input: {id: $id, title: "Renamed"}) {
    session {
      id
      title
    }
  }
}
    `, {"hash":"sha256:2a13e08b74a546dbb431e664f3229aeed3900b9c4d212b826a2497b27642c59b"}) as unknown as TypedDocumentString<OwnershipRenameMutation, OwnershipRenameMutationVariables>;
export const OwnershipUpdateDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation OwnershipUpdate($input: UpdateSessionInput!) {
  updateSession(input: $input) {
    session {
      id
      title
      archived
      metadata
    }
  }
}
    `, {"hash":"sha256:66a1f95fe3f66921242109d71c31cbc3be4716e98b6a4874a4260474506f0f41"}) as unknown as TypedDocumentString<OwnershipUpdateMutation, OwnershipUpdateMutationVariables>;
export const OwnershipDeleteManyDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation OwnershipDeleteMany($ids: [ID!]!) {
  deleteSessions(input: {ids: $ids}) {
    deletedSessionIds
  }
}
    `, {"hash":"sha256:bce1a922ea8cebc86266cbcbcfbc3c1116b6f130c4eeda1eaee6d8f413dfb623"}) as unknown as TypedDocumentString<OwnershipDeleteManyMutation, OwnershipDeleteManyMutationVariables>;
export const OwnershipRenewDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation OwnershipRenew($id: ID!) {
  renewSession(input: {id: $id}) {
    session {
      id
      expiresAt
    }
  }
}
    `, {"hash":"sha256:8f687f61c2655888a138cee08fb5f55632ea91b0a58b55d0b593e674b02d54ed"}) as unknown as TypedDocumentString<OwnershipRenewMutation, OwnershipRenewMutationVariables>;
export const OwnershipAppendDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation OwnershipAppend($id: ID!) {
  appendMessage(input: {sessionId: $id, text: "appended"}) {
    message {
      text
    }
    session {
      id
      messageCount
    }
  }
}
    `, {"hash":"sha256:e4ae8cd2a71fc09675a119bb45b5b755056643e0861dc738703153bedfb05d50"}) as unknown as TypedDocumentString<OwnershipAppendMutation, OwnershipAppendMutationVariables>;
export const OwnershipSendDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation OwnershipSend($id: ID!) {
  sendMessage(input: {sessionId: $id, text: "hello"}) {
    session {
      id
    }
    userMessage {
      text
    }
    turn {
      status
    }
  }
}
    `, {"hash":"sha256:67d31c45f7c79d9e3dc23832764ea75f0184345848aaf73ac93d1ee0f0febe9a"}) as unknown as TypedDocumentString<OwnershipSendMutation, OwnershipSendMutationVariables>;
export const OwnershipStopDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation OwnershipStop($id: ID!) {
  stopTurn(input: {sessionId: $id}) {
    turn {
      id
    }
  }
}
    `, {"hash":"sha256:bdc8b1202e5e0a37eb9a41e21cedbc0a72b0fb2b9535dc42b75fad322c7d10b5"}) as unknown as TypedDocumentString<OwnershipStopMutation, OwnershipStopMutationVariables>;
export const OwnershipSessionsListDocument = /*#__PURE__*/ new TypedDocumentString(`
    query OwnershipSessionsList($filter: SessionFilter) {
  sessions(first: 100, filter: $filter) {
    totalCount
    edges {
      node {
        id
        title
      }
    }
  }
}
    `, {"hash":"sha256:017d0a38df5640fa77e11b32a4afa1095c259c514f361dcab94b191744366ebb"}) as unknown as TypedDocumentString<OwnershipSessionsListQuery, OwnershipSessionsListQueryVariables>;
export const OwnershipOtherCreateDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation OwnershipOtherCreate {
  createSession(input: {title: "x"}) {
    session {
      id
    }
  }
}
    `, {"hash":"sha256:6bef67441d53e4b6945ba6ae2746a018a415e2d5da3d5ed0e22e6a91f5271fec"}) as unknown as TypedDocumentString<OwnershipOtherCreateMutation, OwnershipOtherCreateMutationVariables>;
export const OwnershipOtherSendDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation OwnershipOtherSend {
  sendMessage(input: {text: "new session"}) {
    turn {
      id
    }
  }
}
    `, {"hash":"sha256:8872153f538708519c896f3b9b5cde4c29bcf19e682fe183936f5c638f1b8222"}) as unknown as TypedDocumentString<OwnershipOtherSendMutation, OwnershipOtherSendMutationVariables>;
export const OwnershipAgentNodeDocument = /*#__PURE__*/ new TypedDocumentString(`
    query OwnershipAgentNode($agent: ID!) {
  node(id: $agent) {
    id
  }
}
    `, {"hash":"sha256:73990c13576b3e2c277fedd69359ba6a0d67dc5da89b5180a293eb8c19c13b30"}) as unknown as TypedDocumentString<OwnershipAgentNodeQuery, OwnershipAgentNodeQueryVariables>;
export const OwnershipHealthDocument = /*#__PURE__*/ new TypedDocumentString(`
    query OwnershipHealth {
  health {
    status
    database
    pubsub
    databaseKind
    pubsubKind
    model
  }
}
    `, {"hash":"sha256:a3e4c8911f09668a0b3e2fa34b51b068bb5477141894f1df9f212ff98ae5d112"}) as unknown as TypedDocumentString<OwnershipHealthQuery, OwnershipHealthQueryVariables>;
export const SessionKeysByKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    query SessionKeysByKey($key: String!) {
  session(key: $key) {
    id
    key
    messageCount
    agent {
      id
    }
  }
}
    `, {"hash":"sha256:1a100d7fd763d5d6bfbdb2aa475249d7b9bb31fe23602c3a84eb0d95a2d1e756"}) as unknown as TypedDocumentString<SessionKeysByKeyQuery, SessionKeysByKeyQueryVariables>;
export const SessionKeysWithPrefixDocument = /*#__PURE__*/ new TypedDocumentString(`
    query SessionKeysWithPrefix($prefix: String!) {
  sessions(first: 100, filter: {keyPrefix: $prefix}) {
    totalCount
    edges {
      node {
        id
        key
      }
    }
  }
}
    `, {"hash":"sha256:30f1e91e742f51bba430d517a8c6da6a1c9ed6adc0e0e5fa9ea79882fd04cdbf"}) as unknown as TypedDocumentString<SessionKeysWithPrefixQuery, SessionKeysWithPrefixQueryVariables>;
export const SessionKeysAgentsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query SessionKeysAgents {
  agents {
    id
    name
  }
}
    `, {"hash":"sha256:ee205894afab622f1659290ce2b0081b07f0fe6f4ab220658727fc5a9726b223"}) as unknown as TypedDocumentString<SessionKeysAgentsQuery, SessionKeysAgentsQueryVariables>;
export const SessionKeysDeleteDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation SessionKeysDelete($id: ID, $key: String) {
  deleteSession(input: {id: $id, key: $key}) {
    deletedSessionId
  }
}
    `, {"hash":"sha256:341b2291cc25d7562f799ca87e5c00a6aa87489ea8f4fe072b0969fe04b4a51e"}) as unknown as TypedDocumentString<SessionKeysDeleteMutation, SessionKeysDeleteMutationVariables>;
export const SessionKeysSendDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation SessionKeysSend($id: ID, $key: String, $text: String!) {
  sendMessage(input: {sessionId: $id, sessionKey: $key, text: $text}) {
    session {
      id
    }
  }
}
    `, {"hash":"sha256:7c6e469ee25b5147f1b07ee9e2ff1c67979e93d947277f3411fa38a37346e4ad"}) as unknown as TypedDocumentString<SessionKeysSendMutation, SessionKeysSendMutationVariables>;
export const SessionKeysStateDocument = /*#__PURE__*/ new TypedDocumentString(`
    query SessionKeysState($key: String!) {
  session(key: $key) {
    id
    state
    messageCount
  }
}
    `, {"hash":"sha256:22f2444a579de51c05e3bc5e5ca3e34b2a4750de7c221b2e8c858b9c7c36b2aa"}) as unknown as TypedDocumentString<SessionKeysStateQuery, SessionKeysStateQueryVariables>;
export const MutationsCreateDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation MutationsCreate($input: CreateSessionInput!) {
  createSession(input: $input) {
    created
    session {
      ...MutationsSessionFields
    }
  }
}
    fragment MutationsSessionFields on Session {
  id
  key
  title
  metadata
  archived
  state
  messageCount
  createdAt
  updatedAt
  expiresAt
  agent {
    id
    isDefault
  }
  lastMessage {
    id
  }
  timeout {
    timeoutMinutes
    autoRenew
    maxDurationMinutes
    warningThresholdMinutes
  }
}`, {"hash":"sha256:adcb4388d3fa8c05cd3873549e55b1c94c4475976587a77f7ff0c87339042ebc"}) as unknown as TypedDocumentString<MutationsCreateMutation, MutationsCreateMutationVariables>;
export const MutationsRenameDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation MutationsRename($id: ID!, $title: String!) {
  renameSession(input: {id: $id, title: $title}) {
    session {
      ...MutationsSessionFields
    }
  }
}
    fragment MutationsSessionFields on Session {
  id
  key
  title
  metadata
  archived
  state
  messageCount
  createdAt
  updatedAt
  expiresAt
  agent {
    id
    isDefault
  }
  lastMessage {
    id
  }
  timeout {
    timeoutMinutes
    autoRenew
    maxDurationMinutes
    warningThresholdMinutes
  }
}`, {"hash":"sha256:ba2ec1e162d96a716759d0e198d9fe31330a6d96d3b1ea1e63ca89381b0a679e"}) as unknown as TypedDocumentString<MutationsRenameMutation, MutationsRenameMutationVariables>;
export const MutationsUpdateDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation MutationsUpdate($input: UpdateSessionInput!) {
  updateSession(input: $input) {
    session {
      ...MutationsSessionFields
    }
  }
}
    fragment MutationsSessionFields on Session {
  id
  key
  title
  metadata
  archived
  state
  messageCount
  createdAt
  updatedAt
  expiresAt
  agent {
    id
    isDefault
  }
  lastMessage {
    id
  }
  timeout {
    timeoutMinutes
    autoRenew
    maxDurationMinutes
    warningThresholdMinutes
  }
}`, {"hash":"sha256:5f2557299df472d2acb8a5ab9cc6b82f4081acb7088fbbfacc082cb4e9d58315"}) as unknown as TypedDocumentString<MutationsUpdateMutation, MutationsUpdateMutationVariables>;
export const MutationsDeleteManyDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation MutationsDeleteMany($ids: [ID!]!) {
  deleteSessions(input: {ids: $ids}) {
    deletedSessionIds
  }
}
    `, {"hash":"sha256:9bc841d8949680cef5e6d61ab891fb93ce93da9d18c2dc17d65593daae6d658d"}) as unknown as TypedDocumentString<MutationsDeleteManyMutation, MutationsDeleteManyMutationVariables>;
export const MutationsRenewDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation MutationsRenew($id: ID!) {
  renewSession(input: {id: $id}) {
    session {
      ...MutationsSessionFields
    }
  }
}
    fragment MutationsSessionFields on Session {
  id
  key
  title
  metadata
  archived
  state
  messageCount
  createdAt
  updatedAt
  expiresAt
  agent {
    id
    isDefault
  }
  lastMessage {
    id
  }
  timeout {
    timeoutMinutes
    autoRenew
    maxDurationMinutes
    warningThresholdMinutes
  }
}`, {"hash":"sha256:08370bca9784e0d43c085109bb4127511896058c6a6ba4a13a9fa7d06262a3fa"}) as unknown as TypedDocumentString<MutationsRenewMutation, MutationsRenewMutationVariables>;
export const MutationsGetDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MutationsGet($id: ID!) {
  session(id: $id) {
    ...MutationsSessionFields
  }
}
    fragment MutationsSessionFields on Session {
  id
  key
  title
  metadata
  archived
  state
  messageCount
  createdAt
  updatedAt
  expiresAt
  agent {
    id
    isDefault
  }
  lastMessage {
    id
  }
  timeout {
    timeoutMinutes
    autoRenew
    maxDurationMinutes
    warningThresholdMinutes
  }
}`, {"hash":"sha256:58af48e9cdb93b17d7dedbb6fb571beefa786386357c5431810e260029017338"}) as unknown as TypedDocumentString<MutationsGetQuery, MutationsGetQueryVariables>;
export const MutationsCountDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MutationsCount {
  sessions(filter: {archived: null}) {
    totalCount
  }
}
    `, {"hash":"sha256:e3f82c7500af488dfc5f052e9c970d784da5e103d834d6dec8720ff50d7d0c03"}) as unknown as TypedDocumentString<MutationsCountQuery, MutationsCountQueryVariables>;
export const MutationsByKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MutationsByKey {
  session(key: "dup") {
    id
    title
  }
}
    `, {"hash":"sha256:2639e84a83f032b24e09e1f09226dd0fd66170bc2fb55f507cffa2cc16969b19"}) as unknown as TypedDocumentString<MutationsByKeyQuery, MutationsByKeyQueryVariables>;
export const MutationsListedDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MutationsListed {
  sessions(first: 100) {
    edges {
      node {
        id
      }
    }
  }
}
    `, {"hash":"sha256:85de300a7676560b35bb1cc7cc0c6b7bc87bb33e23133bea0c4707f37816bb40"}) as unknown as TypedDocumentString<MutationsListedQuery, MutationsListedQueryVariables>;
export const PagingSessionsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query PagingSessions($first: Int, $after: String, $last: Int, $before: String, $filter: SessionFilter, $orderBy: SessionOrder) {
  sessions(
    first: $first
    after: $after
    last: $last
    before: $before
    filter: $filter
    orderBy: $orderBy
  ) {
    totalCount
    edges {
      cursor
      node {
        id
      }
    }
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
  }
}
    `, {"hash":"sha256:e152534639c48dac1b6609d54b4836611cb29e6148bb7efb8bd9493259445e0a"}) as unknown as TypedDocumentString<PagingSessionsQuery, PagingSessionsQueryVariables>;
export const PagingAllUpdatedAtDocument = /*#__PURE__*/ new TypedDocumentString(`
    query PagingAllUpdatedAt {
  sessions(first: 100) {
    edges {
      node {
        id
        updatedAt
      }
    }
  }
}
    `, {"hash":"sha256:9f2053583e2fecd1dddc185fd47bbd22ccf26d32adb5093a6c07cf65a42a70c4"}) as unknown as TypedDocumentString<PagingAllUpdatedAtQuery, PagingAllUpdatedAtQueryVariables>;
export const PagingMessageCursorsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query PagingMessageCursors($id: ID!) {
  session(id: $id) {
    messages {
      edges {
        cursor
      }
    }
  }
}
    `, {"hash":"sha256:5a152181e575adbdd91bade61d71103a1bb26e68c543b66beafc6e4bafbfcb24"}) as unknown as TypedDocumentString<PagingMessageCursorsQuery, PagingMessageCursorsQueryVariables>;
export const PagingFilterDocument = /*#__PURE__*/ new TypedDocumentString(`
    query PagingFilter($filter: SessionFilter) {
  sessions(first: 100, filter: $filter) {
    totalCount
    edges {
      node {
        id
        title
      }
    }
  }
}
    `, {"hash":"sha256:9edba6813b43a657cae3c6de5b0b9db43b81ce6de72e0fb891a2c07eac31e170"}) as unknown as TypedDocumentString<PagingFilterQuery, PagingFilterQueryVariables>;
export const PagingArchiveDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation PagingArchive($id: ID!) {
  updateSession(input: {id: $id, archived: true}) {
    session {
      id
    }
  }
}
    `, {"hash":"sha256:8f45fd920e681c21a41fc1e3e1d2f7c3f519dd3ef9350a821eeb6b8e79c97ef3"}) as unknown as TypedDocumentString<PagingArchiveMutation, PagingArchiveMutationVariables>;
export const PagingSqlPageDocument = /*#__PURE__*/ new TypedDocumentString(`
    query PagingSqlPage($first: Int) {
  sessions(first: $first) {
    totalCount
    edges {
      node {
        title
        messageCount
        lastMessage {
          text
        }
        agent {
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:0a95cc64218a5701f291b4f8227611178d642115e4d2336456d59d9985691f1c"}) as unknown as TypedDocumentString<PagingSqlPageQuery, PagingSqlPageQueryVariables>;
export const WebBranchSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WebBranchSession($id: ID!) {
  session(id: $id) {
    title
    state
    messages(last: 10) {
      edges {
        node {
          id
          role
          text
          siblings {
            id
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:a414b5c1396965ec22ff06126bdf60b780399d56965b9445bfa0fceeaecf825c"}) as unknown as TypedDocumentString<WebBranchSessionQuery, WebBranchSessionQueryVariables>;
export const WebTestSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WebTestSession($id: ID!) {
  session(id: $id) {
    state
    lastEventSeq
    messages(last: 10) {
      edges {
        node {
          role
          text
          turn {
            status
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:45eb9e47f1a19a047defc36939576047eabf12039bfe635bcb0fa5bf4d36fd4f"}) as unknown as TypedDocumentString<WebTestSessionQuery, WebTestSessionQueryVariables>;
export const WebTestViewerNameDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WebTestViewerName {
  viewer {
    name
  }
}
    `, {"hash":"sha256:387632e37d707c9b8ce1470646f4544ed6f8ed7003be4d92608fafe1bab00bca"}) as unknown as TypedDocumentString<WebTestViewerNameQuery, WebTestViewerNameQueryVariables>;
export const WireSendMessageDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WireSendMessage {
  sendMessage(input: {text: "find me running shoes under $120"}) {
    session {
      id
    }
    turn {
      id
      model
    }
  }
}
    `, {"hash":"sha256:3a75e3213deef05e3355963fd7a82a0c8279fd6146106bfd685bd2d2de19cd87"}) as unknown as TypedDocumentString<WireSendMessageMutation, WireSendMessageMutationVariables>;
export const ConvSearchDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ConvSearch($query: String!, $first: Int, $after: String, $last: Int, $before: String, $filter: MessageSearchFilter) {
  searchMessages(
    query: $query
    first: $first
    after: $after
    last: $last
    before: $before
    filter: $filter
  ) {
    edges {
      cursor
      snippet
      rank
      node {
        id
        role
        text
      }
      session {
        id
        title
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `, {"hash":"sha256:95f7ba4dae29e7348915e92e4100ce02efb95edf1d19f0a4432faac3a5499035"}) as unknown as TypedDocumentString<ConvSearchQuery, ConvSearchQueryVariables>;
export const ConvAppendDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ConvAppend($id: ID!, $text: String!, $role: MessageRole) {
  appendMessage(input: {sessionId: $id, text: $text, role: $role}) {
    message {
      id
    }
  }
}
    `, {"hash":"sha256:988d02940034da03047e0f9efce408d50e9e65eb1f56ec285a6890d32114736e"}) as unknown as TypedDocumentString<ConvAppendMutation, ConvAppendMutationVariables>;
export const ConvSearchMoveDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ConvSearchMove($id: ID!, $projectId: ID) {
  updateSession(input: {id: $id, projectId: $projectId}) {
    session {
      id
    }
  }
}
    `, {"hash":"sha256:0e5afe8dacfcb80588116bd186fbf128e128cf117d3c131eb9be47d1eb70b2aa"}) as unknown as TypedDocumentString<ConvSearchMoveMutation, ConvSearchMoveMutationVariables>;
export const ConvSearchDeleteDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ConvSearchDelete($id: ID!) {
  deleteSession(input: {id: $id}) {
    deletedSessionId
  }
}
    `, {"hash":"sha256:dd623c2f7f9d1c98d868e0cfe91c6afa94a8b3ca872789937349b85e1a685b51"}) as unknown as TypedDocumentString<ConvSearchDeleteMutation, ConvSearchDeleteMutationVariables>;
export const ConvEventsDocument = /*#__PURE__*/ new TypedDocumentString(`
    subscription ConvEvents($id: ID!, $after: Int) {
  sessionEvents(sessionId: $id, afterSeq: $after) {
    __typename
    seq
    turnId
    ... on TurnStarted {
      turn {
        id
        status
      }
      userMessage {
        id
        role
        text
        parentId
      }
    }
    ... on TurnQueued {
      turn {
        id
        status
        userMessage {
          id
          text
        }
      }
    }
    ... on QueuedTurnCancelled {
      turn {
        id
        status
      }
    }
    ... on BranchSwitched {
      leafMessageId
    }
    ... on TextDelta {
      delta
      messageId
    }
    ... on ReasoningDelta {
      delta
    }
    ... on TurnFinished {
      turn {
        id
        status
        usage {
          inputTokens
          outputTokens
          totalTokens
        }
      }
      message {
        id
        role
        text
        parentId
      }
    }
    ... on TurnCancelled {
      turn {
        id
        status
      }
      message {
        id
        role
        text
        parentId
      }
    }
    ... on TurnFailed {
      turn {
        id
        status
      }
      error {
        code
        message
      }
    }
  }
}
    `, {"hash":"sha256:cf8dd94b8c6df9a0ba4f9ada43b398c0757030298fcccf8c9adfa836f483925d"}) as unknown as TypedDocumentString<ConvEventsSubscription, ConvEventsSubscriptionVariables>;
export const ConvSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ConvSession($id: ID!) {
  session(id: $id) {
    id
    title
    state
    messageCount
    lastEventSeq
    activeTurn {
      id
    }
    lastMessage {
      id
      role
      text
    }
    usage {
      inputTokens
      outputTokens
      totalTokens
      turns
    }
    messages(first: 100) {
      edges {
        node {
          id
          role
          text
          parentId
          siblings {
            id
            role
            text
          }
          turn {
            id
            status
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:b5201176fae39b0a8bb8962235e979b445e1c4496042812b82e88d6b886c6481"}) as unknown as TypedDocumentString<ConvSessionQuery, ConvSessionQueryVariables>;
export const ConvSendDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ConvSend($id: ID, $text: String!, $ifBusy: IfBusy) {
  sendMessage(input: {sessionId: $id, text: $text, ifBusy: $ifBusy}) {
    session {
      id
      state
    }
    userMessage {
      id
      role
      text
      parentId
    }
    turn {
      id
      status
      userMessage {
        id
      }
    }
  }
}
    `, {"hash":"sha256:deaa7522df7cab48c4a47c860787948d6fb265852f3536ef97210f5f3a95e3a3"}) as unknown as TypedDocumentString<ConvSendMutation, ConvSendMutationVariables>;
export const ConvEditDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ConvEdit($messageId: ID!, $text: String!) {
  editMessage(input: {messageId: $messageId, text: $text}) {
    session {
      id
      state
    }
    userMessage {
      id
      role
      text
      parentId
    }
    turn {
      id
      status
      userMessage {
        id
      }
    }
  }
}
    `, {"hash":"sha256:817b24909a3274b43900fefa8b08157cf721bc90482001892cfc18dc4cb20183"}) as unknown as TypedDocumentString<ConvEditMutation, ConvEditMutationVariables>;
export const ConvRegenerateDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ConvRegenerate($messageId: ID!) {
  regenerate(input: {messageId: $messageId}) {
    session {
      id
      state
    }
    turn {
      id
      status
      userMessage {
        id
        role
        text
      }
    }
  }
}
    `, {"hash":"sha256:b37a74b240a0aeaafe6152b1906be6837f28b06a338f716db3b325f0c8036e48"}) as unknown as TypedDocumentString<ConvRegenerateMutation, ConvRegenerateMutationVariables>;
export const ConvSwitchDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ConvSwitch($messageId: ID!) {
  switchBranch(input: {messageId: $messageId}) {
    session {
      id
      messageCount
      lastMessage {
        id
      }
    }
  }
}
    `, {"hash":"sha256:4b978df43777a816e1ca56de6ab75447c8dc5c1f2e91be64554e619f264504df"}) as unknown as TypedDocumentString<ConvSwitchMutation, ConvSwitchMutationVariables>;
export const ConvForkDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ConvFork($messageId: ID!, $title: String) {
  forkSession(input: {messageId: $messageId, title: $title}) {
    session {
      id
      title
      messageCount
      lastMessage {
        id
        text
      }
    }
  }
}
    `, {"hash":"sha256:790190aa089d533110fb9bd85380903525d427968a422d0303784a5375386807"}) as unknown as TypedDocumentString<ConvForkMutation, ConvForkMutationVariables>;
export const ConvStopDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ConvStop($id: ID!, $turnId: ID) {
  stopTurn(input: {sessionId: $id, turnId: $turnId}) {
    turn {
      id
      status
      finishReason
      assistantMessage {
        id
        text
      }
    }
  }
}
    `, {"hash":"sha256:7e4c00adf64eb0e7e24740090e70b7a3199fbd6d5b26a5f190df960ee0951e2b"}) as unknown as TypedDocumentString<ConvStopMutation, ConvStopMutationVariables>;
export const ConvTurnDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ConvTurn($id: ID!) {
  node(id: $id) {
    __typename
    ... on Turn {
      id
      status
      userMessage {
        id
        text
      }
      assistantMessage {
        id
        text
      }
      usage {
        inputTokens
        outputTokens
        totalTokens
      }
      startedAt
    }
  }
}
    `, {"hash":"sha256:345c7249f7f78d4c70e1b68f374f0d67c94c904633c29d089aa9580457dc2537"}) as unknown as TypedDocumentString<ConvTurnQuery, ConvTurnQueryVariables>;
export const ConvMessageDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ConvMessage($id: ID!) {
  node(id: $id) {
    __typename
    ... on Message {
      id
      role
      text
    }
  }
}
    `, {"hash":"sha256:9374e8f776ea407c6c14cf77394ddb50807a6f9568832b192afc64d50680bde3"}) as unknown as TypedDocumentString<ConvMessageQuery, ConvMessageQueryVariables>;
export const ConvExportDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ConvExport($id: ID!) {
  exportSession(id: $id)
}
    `, {"hash":"sha256:c29723cf564b83aa96f639eb32023a57b7a1d4ad53bbb627ebd94d330d1c232d"}) as unknown as TypedDocumentString<ConvExportQuery, ConvExportQueryVariables>;
export const ConvImportDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ConvImport($messages: JSON!, $title: String, $key: String, $metadata: JSON) {
  importSession(
    input: {messages: $messages, title: $title, key: $key, metadata: $metadata}
  ) {
    session {
      id
      title
      key
      metadata
      messageCount
      state
      lastMessage {
        role
        text
      }
    }
  }
}
    `, {"hash":"sha256:512033f420a65b7433c9d56c942220a75adfe6e084874f3af8cc7f7cb579f441"}) as unknown as TypedDocumentString<ConvImportMutation, ConvImportMutationVariables>;
export const ConvSessionCountDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ConvSessionCount {
  sessions(first: 1) {
    totalCount
  }
}
    `, {"hash":"sha256:d2ecfd219ba1483c031856c3a2b22664a6b038e1af98db87e41f452bffee1f54"}) as unknown as TypedDocumentString<ConvSessionCountQuery, ConvSessionCountQueryVariables>;
export const ConvUsageDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ConvUsage($since: DateTime, $until: DateTime) {
  usage(since: $since, until: $until) {
    inputTokens
    outputTokens
    totalTokens
    turns
  }
}
    `, {"hash":"sha256:4ce2d35809d99bb083798de348f84d2b6e876c16af2098dc66aa66e5d9d851fc"}) as unknown as TypedDocumentString<ConvUsageQuery, ConvUsageQueryVariables>;
export const ConvUsageSessionCountDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ConvUsageSessionCount {
  sessions(first: 1) {
    totalCount
  }
}
    `, {"hash":"sha256:d1a50a200f64e7b1edcb1e2acbce8b58df0d4d6468fc4a02e22d180bea51a70f"}) as unknown as TypedDocumentString<ConvUsageSessionCountQuery, ConvUsageSessionCountQueryVariables>;
export const EcoSessionByKeyDocument = /*#__PURE__*/ new TypedDocumentString(`
    query EcoSessionByKey($key: String!) {
  session(key: $key) {
    id
    messageCount
    messages(last: 20) {
      edges {
        node {
          id
          role
          text
          siblings {
            id
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:e898737259279dc89f885e22da5614d4600878b222e1ae673f067cb1d389c2dc"}) as unknown as TypedDocumentString<EcoSessionByKeyQuery, EcoSessionByKeyQueryVariables>;
export const EcoViewerDocument = /*#__PURE__*/ new TypedDocumentString(`
    query EcoViewer {
  viewer {
    id
    name
  }
}
    `, {"hash":"sha256:24df94c4208607bf4ad0bbc584728d3e59069871b7f551739468a9722f7cf869"}) as unknown as TypedDocumentString<EcoViewerQuery, EcoViewerQueryVariables>;
export const EcoSendDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation EcoSend($sessionId: ID!) {
  sendMessage(input: {sessionId: $sessionId, text: "hello"}) {
    turn {
      id
    }
  }
}
    `, {"hash":"sha256:29c2fe9581e7bd43152b7c213cb9afd9afa9067e1da97da7168312d54001f1c7"}) as unknown as TypedDocumentString<EcoSendMutation, EcoSendMutationVariables>;
export const EcoTracedSendDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation EcoTracedSend($text: String!) {
  sendMessage(input: {text: $text}) {
    session {
      id
    }
    turn {
      id
    }
  }
}
    `, {"hash":"sha256:0c92fa9898617a7891eb4c8962f0ea5f1fd5e7d768fdd4b385bf6c0f250d9f20"}) as unknown as TypedDocumentString<EcoTracedSendMutation, EcoTracedSendMutationVariables>;
export const EcoTracedViewerDocument = /*#__PURE__*/ new TypedDocumentString(`
    query EcoTracedViewer {
  viewer {
    id
  }
}
    `, {"hash":"sha256:557b859c9f5945080b04d10f97029f2e9a18f46b10ace83b033ab4a067a6cedd"}) as unknown as TypedDocumentString<EcoTracedViewerQuery, EcoTracedViewerQueryVariables>;
export const CrashTestSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query CrashTestSession($id: ID!) {
  session(id: $id) {
    state
    lastEventSeq
    activeTurn {
      id
    }
    messages {
      edges {
        node {
          role
          text
          turn {
            id
            status
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:761b1e03685cff9852c6ec3e895532bea3b2d8c19b94d40cc965b7c49ca878f9"}) as unknown as TypedDocumentString<CrashTestSessionQuery, CrashTestSessionQueryVariables>;
export const CrashTestTurnDocument = /*#__PURE__*/ new TypedDocumentString(`
    query CrashTestTurn($id: ID!) {
  node(id: $id) {
    ... on Turn {
      status
      finishReason
      error {
        code
        message
      }
      assistantMessage {
        role
        text
      }
    }
  }
}
    `, {"hash":"sha256:8be3e4786d1e39a9c8533bd450d2d90fef1ff431c670ba737a3b8ddea48f0e7e"}) as unknown as TypedDocumentString<CrashTestTurnQuery, CrashTestTurnQueryVariables>;
export const LimitsCreateSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation LimitsCreateSession($input: CreateSessionInput!) {
  createSession(input: $input) {
    session {
      id
      state
      createdAt
      expiresAt
    }
  }
}
    `, {"hash":"sha256:abbcb829c024240355c5a4cfa0707e9153dea917cab46479542e53e7613f4729"}) as unknown as TypedDocumentString<LimitsCreateSessionMutation, LimitsCreateSessionMutationVariables>;
export const LimitsRenewSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation LimitsRenewSession($id: ID!) {
  renewSession(input: {id: $id}) {
    session {
      id
      state
      expiresAt
    }
  }
}
    `, {"hash":"sha256:df1812fc33370d88107883615b18d16766b9b9a6a31bb35f272c2a3ba7587d31"}) as unknown as TypedDocumentString<LimitsRenewSessionMutation, LimitsRenewSessionMutationVariables>;
export const LimitsSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query LimitsSession($id: ID!) {
  session(id: $id) {
    state
    expiresAt
    activeTurn {
      id
      status
    }
    messages(last: 1) {
      edges {
        node {
          role
          parts {
            ... on ToolPart {
              toolCallId
              toolName
              state
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:ccf750a533e303d08d23e9360b6edb18bc27ebd8d5efb9785451f97ce341feac"}) as unknown as TypedDocumentString<LimitsSessionQuery, LimitsSessionQueryVariables>;
export const MultiProcessSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MultiProcessSession($id: ID!) {
  session(id: $id) {
    state
    activeTurn {
      id
    }
    messages(last: 1) {
      edges {
        node {
          role
          text
          turn {
            status
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:e901b39dbc8888621719b6ae8037cd4574882639fcaa558b878aaad9ef67d7a9"}) as unknown as TypedDocumentString<MultiProcessSessionQuery, MultiProcessSessionQueryVariables>;
export const MultiProcessHealthDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MultiProcessHealth {
  health {
    status
    pubsubKind
    databaseKind
  }
}
    `, {"hash":"sha256:f04073f5a3c8f5a33d17c40079ad700fa60f4e2cfe1f858fa413e9e043a87564"}) as unknown as TypedDocumentString<MultiProcessHealthQuery, MultiProcessHealthQueryVariables>;
export const TestSessionEventsDocument = /*#__PURE__*/ new TypedDocumentString(`
    subscription TestSessionEvents($id: ID!, $after: Int) {
  sessionEvents(sessionId: $id, afterSeq: $after) {
    __typename
    seq
    sessionId
    turnId
    at
    ... on TurnStarted {
      turn {
        id
        status
      }
      userMessage {
        id
        role
        text
      }
    }
    ... on TextDelta {
      delta
      messageId
    }
    ... on ToolCallStarted {
      toolCallId
      toolName
    }
    ... on ToolCalled {
      toolCallId
      toolName
      input
    }
    ... on ToolResulted {
      toolCallId
      toolName
      output
    }
    ... on ToolFailed {
      toolCallId
      toolName
      errorText
    }
    ... on ApprovalRequested {
      toolCallId
      toolName
      input
    }
    ... on StepFinished {
      step
      finishReason
      usage {
        inputTokens
        outputTokens
        totalTokens
      }
    }
    ... on TurnFinished {
      turn {
        ...TestTurn
      }
      message {
        id
        role
        text
        parts {
          __typename
          ... on ToolPart {
            toolCallId
            state
            input
          }
        }
      }
    }
    ... on TurnFailed {
      turn {
        ...TestTurn
      }
      error {
        code
        message
      }
    }
    ... on TurnCancelled {
      turn {
        ...TestTurn
      }
      message {
        id
        text
      }
    }
    ... on MessageAppended {
      message {
        text
      }
    }
    ... on SessionUpdated {
      session {
        id
        title
        state
        expiresAt
      }
    }
    ... on SessionExpiring {
      expiresAt
    }
  }
}
    fragment TestTurn on Turn {
  id
  status
  finishReason
  model
  startedAt
  finishedAt
  usage {
    inputTokens
    outputTokens
    totalTokens
  }
  error {
    code
    message
  }
  assistantMessage {
    id
    text
  }
}`, {"hash":"sha256:41c59a6a6bbebdd3816c4d80371bc43d1f827952755c7ee84cd1f752cca2c7bc"}) as unknown as TypedDocumentString<TestSessionEventsSubscription, TestSessionEventsSubscriptionVariables>;
export const TestSessionsChangedDocument = /*#__PURE__*/ new TypedDocumentString(`
    subscription TestSessionsChanged {
  sessionsChanged {
    kind
    sessionId
    session {
      id
      title
      state
    }
  }
}
    `, {"hash":"sha256:3bffb1ab19c5e8c83d1b180f2dc1a7f29877c755a4fc0ad4682e2f98e92590b5"}) as unknown as TypedDocumentString<TestSessionsChangedSubscription, TestSessionsChangedSubscriptionVariables>;
export const TestSendMessageDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation TestSendMessage($id: ID, $text: String!, $cmid: String) {
  sendMessage(input: {sessionId: $id, text: $text, clientMessageId: $cmid}) {
    session {
      id
      state
      messageCount
      expiresAt
    }
    userMessage {
      id
      text
    }
    turn {
      id
      status
    }
  }
}
    `, {"hash":"sha256:9cfe46897ab899b488c5199a9de4fba6b3689289b2fa75093ab3aa8c84363a36"}) as unknown as TypedDocumentString<TestSendMessageMutation, TestSendMessageMutationVariables>;
export const TestStopTurnDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation TestStopTurn($id: ID!) {
  stopTurn(input: {sessionId: $id}) {
    turn {
      ...TestTurn
    }
  }
}
    fragment TestTurn on Turn {
  id
  status
  finishReason
  model
  startedAt
  finishedAt
  usage {
    inputTokens
    outputTokens
    totalTokens
  }
  error {
    code
    message
  }
  assistantMessage {
    id
    text
  }
}`, {"hash":"sha256:02ed3b8bbb349b40e162f90d842479c63ad7969c399605205788f9894796dcf1"}) as unknown as TypedDocumentString<TestStopTurnMutation, TestStopTurnMutationVariables>;
export const TestAppendMessageDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation TestAppendMessage($id: ID!, $text: String!) {
  appendMessage(input: {sessionId: $id, text: $text}) {
    message {
      id
    }
    session {
      expiresAt
    }
  }
}
    `, {"hash":"sha256:014f433470086f5495c13fe969995654619749f69185e9ffc2dcaa09fe5e5f8a"}) as unknown as TypedDocumentString<TestAppendMessageMutation, TestAppendMessageMutationVariables>;
export const TestViewerDocument = /*#__PURE__*/ new TypedDocumentString(`
    query TestViewer {
  viewer {
    id
    name
  }
}
    `, {"hash":"sha256:c44fd91f5ef2ad99c366691601ddd788608fd65df4ff8b447a6d3441c4585386"}) as unknown as TypedDocumentString<TestViewerQuery, TestViewerQueryVariables>;
export const TestAgentsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query TestAgents {
  agents {
    id
    name
    isDefault
  }
}
    `, {"hash":"sha256:381bbe7b03e95bd8339ba1867ec6fe75c5a8101ee9f90f4d781c3a4d9bcdf284"}) as unknown as TypedDocumentString<TestAgentsQuery, TestAgentsQueryVariables>;
export const TestSessionsCountDocument = /*#__PURE__*/ new TypedDocumentString(`
    query TestSessionsCount {
  sessions {
    totalCount
  }
}
    `, {"hash":"sha256:7bb24b560b1c6a3952351cfac1a3d3cb64cd110ebb3bb08d0276e969c5532ca7"}) as unknown as TypedDocumentString<TestSessionsCountQuery, TestSessionsCountQueryVariables>;
export const TestFirstSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query TestFirstSession {
  sessions(first: 1) {
    edges {
      cursor
      node {
        id
        title
      }
    }
  }
}
    `, {"hash":"sha256:1f0465a96abdfa16d11aed1ab5c229a2074b12ea5883af1fe3291d8d1340f361"}) as unknown as TypedDocumentString<TestFirstSessionQuery, TestFirstSessionQueryVariables>;
export const MemorySourceDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MemorySource($id: ID!) {
  node(id: $id) {
    __typename
    ... on Memory {
      id
      text
      sourceSession {
        id
      }
    }
  }
}
    `, {"hash":"sha256:5f20728509f6daa8f86253ebc1bdf30e227b11dff1c68ec07af3a7404005fedc"}) as unknown as TypedDocumentString<MemorySourceQuery, MemorySourceQueryVariables>;
export const ApprovalTestStateDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ApprovalTestState($session: ID!, $turn: ID!) {
  session(id: $session) {
    state
    activeTurn {
      id
      status
    }
  }
  node(id: $turn) {
    ... on Turn {
      id
      status
      finishedAt
    }
  }
}
    `, {"hash":"sha256:90f068a16a1c3254cfe7875f0f3010fb98b0eeaf0f77cbbd9432bd9be5d36d96"}) as unknown as TypedDocumentString<ApprovalTestStateQuery, ApprovalTestStateQueryVariables>;
export const ApprovalTestMessagesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ApprovalTestMessages($id: ID!) {
  session(id: $id) {
    state
    messageCount
    lastMessage {
      text
    }
    messages(first: 50) {
      edges {
        node {
          role
          text
          parts {
            __typename
            ... on TextPart {
              text
            }
            ... on StepStartPart {
              step
            }
            ... on ToolPart {
              toolCallId
              toolName
              state
              input
              output
              errorText
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:98727e5878d5f89169eac9d5531d12b230223c91d22b8775b5105d1154985035"}) as unknown as TypedDocumentString<ApprovalTestMessagesQuery, ApprovalTestMessagesQueryVariables>;
export const ControlTestSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ControlTestSession($id: ID!) {
  session(id: $id) {
    id
    state
    messageCount
    activeTurn {
      id
    }
    lastMessage {
      id
      role
      text
    }
    messages(first: 50) {
      edges {
        node {
          id
          role
          text
          turn {
            id
            status
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:49d7add7d963406cdb37f048233e2991c9699f9ef5cf66a56d15a44da9e46825"}) as unknown as TypedDocumentString<ControlTestSessionQuery, ControlTestSessionQueryVariables>;
export const ControlSessionsListDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ControlSessionsList {
  sessions {
    totalCount
    edges {
      node {
        id
        messageCount
        state
      }
    }
  }
}
    `, {"hash":"sha256:dfd90548593a0b5a498648426a2c1f24afaa4462774aaa28ea991ecb95ac56f7"}) as unknown as TypedDocumentString<ControlSessionsListQuery, ControlSessionsListQueryVariables>;
export const TurnTestSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query TurnTestSession($id: ID!) {
  session(id: $id) {
    id
    title
    state
    messageCount
    activeTurn {
      id
    }
    lastMessage {
      id
      role
      text
    }
    messages(first: 50) {
      edges {
        node {
          id
          role
          text
          turn {
            id
          }
          parts {
            __typename
            ... on TextPart {
              text
            }
            ... on StepStartPart {
              step
            }
            ... on ToolPart {
              toolCallId
              toolName
              state
              input
              output
              errorText
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:1dd4e27566db3b16cf2cb66077c8b9b3532dc1d4cf6ec456157290361441e2e7"}) as unknown as TypedDocumentString<TurnTestSessionQuery, TurnTestSessionQueryVariables>;
export const WsSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WsSession($id: ID!) {
  session(id: $id) {
    id
    title
    status
    createdBy {
      name
    }
    participants {
      kind
      user {
        name
      }
      agent {
        name
      }
    }
    messages(first: 10) {
      edges {
        node {
          role
          text
          author {
            name
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:17f22d69651a5b5ff3e13d418ec22d99aafff8cde7fca3974e0d323b5f84f81b"}) as unknown as TypedDocumentString<WsSessionQuery, WsSessionQueryVariables>;
export const WsRenameDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsRename($id: ID!, $title: String!) {
  renameSession(input: {id: $id, title: $title}) {
    session {
      title
    }
  }
}
    `, {"hash":"sha256:6df4f65326010c90c3dc35f171415324a47e76faf0133358d596cb617bb3a933"}) as unknown as TypedDocumentString<WsRenameMutation, WsRenameMutationVariables>;
export const WsSetStatusDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsSetStatus($id: ID!, $status: SessionStatus) {
  updateSession(input: {id: $id, status: $status}) {
    session {
      status
    }
  }
}
    `, {"hash":"sha256:a3c385836cf8f86a60cb9abfec47ea21624d2fb5c66b0b3f529cd3950e2a6134"}) as unknown as TypedDocumentString<WsSetStatusMutation, WsSetStatusMutationVariables>;
export const WsAgentsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WsAgents {
  agents {
    id
    name
    avatarUrl
  }
}
    `, {"hash":"sha256:87d744962b2dfa1f7f3a8571f5752d318f82409609a0ebdb081ee4541b7a04a3"}) as unknown as TypedDocumentString<WsAgentsQuery, WsAgentsQueryVariables>;
export const WsSwitchAgentDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsSwitchAgent($id: ID!, $agentId: ID!) {
  updateSession(input: {id: $id, agentId: $agentId}) {
    session {
      id
    }
  }
}
    `, {"hash":"sha256:c4b95c6fee9487de2fa16bdf1f7af3c237cc83333b668395b5624378e2e93e1c"}) as unknown as TypedDocumentString<WsSwitchAgentMutation, WsSwitchAgentMutationVariables>;
export const WsDeleteDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsDelete($id: ID!) {
  deleteSession(input: {id: $id}) {
    deletedSessionId
  }
}
    `, {"hash":"sha256:d5f1385e88b374c7824783e78add37c57d3046d5a96989527749dbf92469d4a3"}) as unknown as TypedDocumentString<WsDeleteMutation, WsDeleteMutationVariables>;
export const WsResumeDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsResume($id: ID!) {
  resumeSession(input: {id: $id}) {
    session {
      status
    }
  }
}
    `, {"hash":"sha256:3ea8b0ed55ca0eea8ac2dfa5815ec2eba4b1a2a8b6c5015276cd85e590ce9297"}) as unknown as TypedDocumentString<WsResumeMutation, WsResumeMutationVariables>;
export const WsMoveDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsMove($id: ID!, $projectId: ID) {
  updateSession(input: {id: $id, projectId: $projectId}) {
    session {
      project {
        slug
      }
    }
  }
}
    `, {"hash":"sha256:4f8221a7f392021c9dd8fd1324d03f6c378f0fa26e31acc63e410b62732fab62"}) as unknown as TypedDocumentString<WsMoveMutation, WsMoveMutationVariables>;
export const WsRenameProjectDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsRenameProject($id: ID!, $name: String!) {
  renameProject(input: {id: $id, name: $name}) {
    project {
      name
      slug
    }
  }
}
    `, {"hash":"sha256:d87140d92bc20df43f5fd084c08ec12a5722ac9f4da510824d0aec4a4f2b17f2"}) as unknown as TypedDocumentString<WsRenameProjectMutation, WsRenameProjectMutationVariables>;
export const WsDeleteProjectDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsDeleteProject($id: ID!, $deleteSessions: Boolean) {
  deleteProject(input: {id: $id, deleteSessions: $deleteSessions}) {
    deletedProjectId
  }
}
    `, {"hash":"sha256:7d10863b8dd370017b3e2f5d58f36f65313284a493e6bdcec1e8dd92c1f839e1"}) as unknown as TypedDocumentString<WsDeleteProjectMutation, WsDeleteProjectMutationVariables>;
export const WsProjectSessionsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WsProjectSessions($id: ID!) {
  node(id: $id) {
    ... on Project {
      name
      sessionCount
      sessions(first: 10) {
        totalCount
        edges {
          node {
            title
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:aecce747b38fb5f4ccf507277c47e35b223287d038352b3e5abfa9c66ab13195"}) as unknown as TypedDocumentString<WsProjectSessionsQuery, WsProjectSessionsQueryVariables>;
export const WsProjectsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WsProjects($workspaceId: ID) {
  projects(workspaceId: $workspaceId, first: 10) {
    edges {
      node {
        slug
        sessionCount
      }
    }
  }
}
    `, {"hash":"sha256:c9af5b7dcf487d0cd80efc2a80e69cece75979ed7843bc27e3b8a8d17f11727e"}) as unknown as TypedDocumentString<WsProjectsQuery, WsProjectsQueryVariables>;
export const WsPagingSqlDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WsPagingSql($first: Int, $workspaceId: ID) {
  sessions(first: $first, filter: {workspaceId: $workspaceId}) {
    totalCount
    edges {
      node {
        title
        status
        workspace {
          name
          role
        }
        project {
          slug
          sessionCount
        }
        createdBy {
          name
        }
        participants {
          kind
          user {
            name
          }
          agent {
            name
            avatarUrl
          }
        }
        lastMessage {
          text
          author {
            name
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:bc806881cf33b6c1929485441b224cb870675df224dc268bb53ac2d3bd12e1da"}) as unknown as TypedDocumentString<WsPagingSqlQuery, WsPagingSqlQueryVariables>;
export const WsMyWorkspacesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WsMyWorkspaces {
  workspaces(first: 10) {
    edges {
      node {
        id
        name
        role
        personal
      }
    }
  }
}
    `, {"hash":"sha256:f78e23a3af825de6a0b6c9eb0420a6e896f6b713652af70b584edc5fc343ae0a"}) as unknown as TypedDocumentString<WsMyWorkspacesQuery, WsMyWorkspacesQueryVariables>;
export const WsCreateWorkspaceDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsCreateWorkspace($name: String!) {
  createWorkspace(input: {name: $name}) {
    workspace {
      id
      name
      role
      personal
    }
  }
}
    `, {"hash":"sha256:9e22f62cd7e490e4d4f1059d0fd23b7ccf86e1295dc1806e777c76271f2c2ddc"}) as unknown as TypedDocumentString<WsCreateWorkspaceMutation, WsCreateWorkspaceMutationVariables>;
export const WsAddMemberDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsAddMember($workspaceId: ID!, $userId: ID!, $role: WorkspaceRole) {
  addWorkspaceMember(
    input: {workspaceId: $workspaceId, userId: $userId, role: $role}
  ) {
    workspace {
      id
      members(first: 10) {
        edges {
          node {
            role
            user {
              id
              name
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:823cb945de7fabb987905e19f437041e8fd1c208c7a0b7362b11ab33304273f8"}) as unknown as TypedDocumentString<WsAddMemberMutation, WsAddMemberMutationVariables>;
export const WsRemoveMemberDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsRemoveMember($workspaceId: ID!, $userId: ID!) {
  removeWorkspaceMember(input: {workspaceId: $workspaceId, userId: $userId}) {
    workspace {
      id
    }
  }
}
    `, {"hash":"sha256:f4dd394a502413eb8451b60d7fb2626145a4704185119a63d67640c891737def"}) as unknown as TypedDocumentString<WsRemoveMemberMutation, WsRemoveMemberMutationVariables>;
export const WsCreateSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsCreateSession($workspaceId: ID, $projectId: ID, $title: String, $status: SessionStatus) {
  createSession(
    input: {workspaceId: $workspaceId, projectId: $projectId, title: $title, status: $status}
  ) {
    session {
      id
      title
      status
      workspace {
        id
      }
      project {
        id
        slug
      }
      createdBy {
        id
        name
      }
      participants {
        kind
        user {
          name
        }
        agent {
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:aa7de0d4869ecbf15c6b890e244b9aa28e12025c0e8b3d1332f894592c491921"}) as unknown as TypedDocumentString<WsCreateSessionMutation, WsCreateSessionMutationVariables>;
export const WsCreateProjectDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation WsCreateProject($workspaceId: ID!, $name: String!, $slug: String!) {
  createProject(input: {workspaceId: $workspaceId, name: $name, slug: $slug}) {
    project {
      id
      name
      slug
      sessionCount
      workspace {
        id
      }
    }
  }
}
    `, {"hash":"sha256:113a20a125c2a59b7962aa9abf5813443dd51e9ba4c47dec6430e0f418573d80"}) as unknown as TypedDocumentString<WsCreateProjectMutation, WsCreateProjectMutationVariables>;
export const WsSessionsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WsSessions($filter: SessionFilter, $first: Int) {
  sessions(first: $first, filter: $filter) {
    totalCount
    edges {
      node {
        id
        title
        status
        project {
          slug
        }
        createdBy {
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:2db55451f5e26b1723de83d9ce8f930a59afcf8ff563242f12e1637e7ee37c9d"}) as unknown as TypedDocumentString<WsSessionsQuery, WsSessionsQueryVariables>;