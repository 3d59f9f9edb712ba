// The page's GraphQL: operations over HTTP (fetch) and subscriptions over graphql-ws, both on
// /graphql of the page's own origin, authenticated with the API key.
import { type Client, createClient } from 'graphql-ws';

export const GRAPHQL_PATH = '/graphql';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type MessagePart =
  | { __typename: 'TextPart'; text: string }
  | { __typename: 'ReasoningPart'; text: string }
  | {
      __typename: 'ToolPart';
      toolCallId: string;
      toolName: string;
      state:
        | 'INPUT_AVAILABLE'
        | 'AWAITING_APPROVAL'
        | 'OUTPUT_AVAILABLE'
        | 'OUTPUT_ERROR'
        | 'DENIED';
      input: Json;
      output: Json;
      errorText: string | null;
    }
  | { __typename: 'StepStartPart'; step: number };

export type TurnStatus =
  | 'RUNNING'
  | 'AWAITING_APPROVAL'
  | 'COMPLETED'
  | 'CANCELLED'
  | 'FAILED'
  | 'INTERRUPTED';

export interface Message {
  id: string;
  role: 'USER' | 'ASSISTANT' | 'SYSTEM';
  text: string;
  createdAt: string;
  turn: { id: string; status: TurnStatus } | null;
  parts: MessagePart[];
}

export type SessionState = 'IDLE' | 'RUNNING' | 'AWAITING_APPROVAL' | 'EXPIRED';

export interface SessionSummary {
  id: string;
  title: string | null;
  state: SessionState;
  archived: boolean;
  updatedAt: string;
  lastMessage: { role: Message['role']; text: string } | null;
}

export interface SessionPage {
  id: string;
  title: string | null;
  state: SessionState;
  lastEventSeq: number;
  activeTurn: { id: string; status: TurnStatus } | null;
  messages: {
    edges: { node: Message }[];
    pageInfo: { hasPreviousPage: boolean; startCursor: string | null };
  };
}

interface EventBase {
  seq: number;
  sessionId: string;
  turnId: string | null;
  at: string;
}
interface TurnRef {
  id: string;
  status: TurnStatus;
}
export type SessionEvent = EventBase &
  (
    | { __typename: 'TurnStarted'; turn: TurnRef; userMessage: Message }
    | { __typename: 'TextDelta'; messageId: string; delta: string }
    | { __typename: 'ReasoningDelta'; messageId: string; delta: string }
    | { __typename: 'ToolCallStarted'; toolCallId: string; toolName: string }
    | { __typename: 'ToolCalled'; toolCallId: string; toolName: string; input: Json }
    | { __typename: 'ToolResulted'; toolCallId: string; toolName: string; output: Json }
    | { __typename: 'ToolFailed'; toolCallId: string; toolName: string; errorText: string }
    | { __typename: 'ApprovalRequested'; toolCallId: string; toolName: string; input: Json }
    | { __typename: 'StepFinished'; step: number }
    | { __typename: 'TurnFinished'; turn: TurnRef; message: Message }
    | {
        __typename: 'TurnFailed';
        turn: TurnRef & { assistantMessage: Message | null };
        error: { code: string; message: string };
      }
    | { __typename: 'TurnCancelled'; turn: TurnRef; message: Message }
    | { __typename: 'MessageAppended'; message: Message }
    | { __typename: 'SessionUpdated'; session: SessionSummary }
    | { __typename: 'SessionExpiring'; expiresAt: string }
    | { __typename: 'SessionDeleted' }
  );

export interface SessionChange {
  kind: 'CREATED' | 'UPDATED' | 'DELETED';
  sessionId: string;
  session: SessionSummary | null;
}

const MESSAGE = `fragment WebMessage on Message {
  id role text createdAt
  turn { id status }
  parts {
    __typename
    ... on TextPart { text }
    ... on ReasoningPart { text }
    ... on ToolPart { toolCallId toolName state input output errorText }
    ... on StepStartPart { step }
  }
}`;

const SUMMARY = `fragment WebSessionSummary on Session {
  id title state archived updatedAt lastMessage { role text }
}`;

export const SESSIONS = `query WebSessions($first: Int!) {
  sessions(first: $first) { edges { node { ...WebSessionSummary } } }
}
${SUMMARY}`;

export const SESSION = `query WebSession($id: ID!, $last: Int!, $before: String) {
  session(id: $id) {
    id title state lastEventSeq
    activeTurn { id status }
    messages(last: $last, before: $before) {
      edges { node { ...WebMessage } }
      pageInfo { hasPreviousPage startCursor }
    }
  }
}
${MESSAGE}`;

export const CREATE_SESSION = `mutation WebCreateSession {
  createSession(input: {}) { session { ...WebSessionSummary lastEventSeq } }
}
${SUMMARY}`;

export const SEND = `mutation WebSend($sessionId: ID!, $text: String!, $clientMessageId: String) {
  sendMessage(input: { sessionId: $sessionId, text: $text, clientMessageId: $clientMessageId }) {
    userMessage { id }
    turn { id status }
  }
}`;

export const STOP = `mutation WebStop($sessionId: ID!) {
  stopTurn(input: { sessionId: $sessionId }) { turn { id status } }
}`;

export const RESPOND = `mutation WebRespond($turnId: ID!, $toolCallId: String!, $approved: Boolean!) {
  respondToApproval(input: { turnId: $turnId, toolCallId: $toolCallId, approved: $approved }) {
    turn { id status }
  }
}`;

export const DELETE_SESSION = `mutation WebDelete($id: ID!) {
  deleteSession(input: { id: $id }) { deletedSessionId }
}`;

export const SESSION_EVENTS = `subscription WebSessionEvents($sessionId: ID!, $afterSeq: Int) {
  sessionEvents(sessionId: $sessionId, afterSeq: $afterSeq) {
    __typename seq sessionId turnId at
    ... on TurnStarted { turn { id status } userMessage { ...WebMessage } }
    ... on TextDelta { messageId delta }
    ... on ReasoningDelta { messageId delta }
    ... on ToolCallStarted { toolCallId toolName }
    ... on ToolCalled { toolCallId toolName input }
    ... on ToolResulted { toolCallId toolName output }
    ... on ToolFailed { toolCallId toolName errorText }
    ... on ApprovalRequested { toolCallId toolName input }
    ... on StepFinished { step }
    ... on TurnFinished { turn { id status } message { ...WebMessage } }
    ... on TurnFailed {
      turn { id status assistantMessage { ...WebMessage } }
      error { code message }
    }
    ... on TurnCancelled { turn { id status } message { ...WebMessage } }
    ... on MessageAppended { message { ...WebMessage } }
    ... on SessionUpdated { session { ...WebSessionSummary } }
    ... on SessionExpiring { expiresAt }
  }
}
${MESSAGE}
${SUMMARY}`;

export const SESSIONS_CHANGED = `subscription WebSessionsChanged {
  sessionsChanged { kind sessionId session { ...WebSessionSummary } }
}
${SUMMARY}`;

/** A GraphQL error with its `extensions.code` (UNAUTHENTICATED, CONFLICT, …). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The server closes a socket whose key it refuses with this code (graphql-ws Forbidden). */
export const CLOSE_FORBIDDEN = 4403;

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface Api {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** graphql-ws, reconnecting forever with backoff; subscriptions are re-sent on every reconnect. */
  ws: Client;
  dispose(): Promise<void>;
}

export function createApi(options: {
  apiKey: string;
  onConnection: (state: ConnectionState, reconnected: boolean) => void;
}): Api {
  const authorization = `Bearer ${options.apiKey}`;
  let everConnected = false;
  const wsUrl = new URL(GRAPHQL_PATH, location.href);
  wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';

  const ws = createClient({
    url: wsUrl.toString(),
    connectionParams: { authorization },
    lazy: false,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    // A refused key stays refused: stop and ask for another one.
    shouldRetry: (event) => !(isCloseEvent(event) && event.code === CLOSE_FORBIDDEN),
    // First retry quickly (a dropped socket usually reconnects at once), then back off to 15 s,
    // with jitter so that many pages do not all return in the same instant after a restart.
    retryWait: (retries) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.min(15_000, 300 * 2 ** retries) * (1 + Math.random())),
      ),
    onNonLazyError: () => {},
    on: {
      connecting: () => options.onConnection(everConnected ? 'reconnecting' : 'connecting', false),
      connected: () => {
        options.onConnection('live', everConnected);
        everConnected = true;
      },
      closed: (event) => {
        const refused = isCloseEvent(event) && event.code === CLOSE_FORBIDDEN;
        options.onConnection(refused ? 'refused' : 'reconnecting', false);
      },
    },
  });

  return {
    ws,
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await fetch(GRAPHQL_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json().catch(() => ({}))) as {
        data?: T;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      const error = body.errors?.[0];
      if (error) throw new ApiError(error.message, error.extensions?.code ?? 'ERROR');
      if (!response.ok || !body.data) throw new ApiError(`HTTP ${response.status}`, 'HTTP');
      return body.data;
    },
    dispose: async () => {
      await ws.dispose();
    },
  };
}

function isCloseEvent(value: unknown): value is CloseEvent {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}
