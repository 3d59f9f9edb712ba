// An AI SDK ChatTransport over this API, so that a `useChat` app (or any AbstractChat) talks to
// it: messages go out as GraphQL mutations over HTTP, the answer comes back from sessionEvents
// over graphql-ws as the UI message chunks the SDK's chat state understands.
//
//   const chat = new Chat({ id: 'support-42', transport: new GraphQLChatTransport({ url, token }) });
//
// The chat's id is a session id, or else a session key (the session is made on first use).
// While an answer streams, the chat names it by its turn's id; `regenerate` accepts that id as
// well as a stored message's id.
import type { ChatTransport, FinishReason, UIMessage, UIMessageChunk } from 'ai';
import { type Client, createClient } from 'graphql-ws';
import {
  ChatTransportAnswerDocument,
  ChatTransportApproveDocument,
  ChatTransportEventsDocument,
  type ChatTransportEventsSubscription,
  ChatTransportOpenSessionDocument,
  ChatTransportRegenerateDocument,
  ChatTransportSendDocument,
  ChatTransportSessionByIdDocument,
  ChatTransportSessionByKeyDocument,
  type ChatTransportSessionFragment,
  StopTurnDocument,
  type TypedDocumentString,
} from './generated/graphql.js';
import { ApiError, request, subscribe } from './request.js';

export interface GraphQLChatTransportOptions {
  /** The HTTP endpoint, e.g. http://localhost:4000/graphql (the WebSocket is the same URL as ws:). */
  url: string | URL;
  /** An API key or a JWT, sent as `Authorization: Bearer <token>`. */
  token: string;
  /** A WebSocket class where there is no global one (graphql-ws's `webSocketImpl`). */
  webSocketImpl?: unknown;
}

type SessionEvent = ChatTransportEventsSubscription['sessionEvents'];
type Session = ChatTransportSessionFragment;

const FINISH_REASONS = new Set<string>([
  'stop',
  'length',
  'content-filter',
  'tool-calls',
  'error',
  'other',
]);

/** The approvals the user gave or refused in an answer (addToolApprovalResponse). */
function approvalsIn(message: UIMessage) {
  return message.parts.flatMap((part) => {
    const tool = part as {
      type: string;
      toolCallId?: string;
      state?: string;
      approval?: { approved?: boolean; reason?: string };
    };
    if (!tool.type.startsWith('tool-') || tool.state !== 'approval-responded') return [];
    const { approved = false, reason } = tool.approval ?? {};
    return [{ toolCallId: tool.toolCallId as string, approved, reason }];
  });
}

/** The text the chat submits: the last user message's text parts. */
function lastUserMessage(messages: UIMessage[]): { id: string; text: string } {
  const message = messages.findLast((m) => m.role === 'user');
  const text = message?.parts.map((p) => (p.type === 'text' ? p.text : '')).join('') ?? '';
  if (!message || !text) throw new ApiError('There is no user message with text to send', 'CLIENT');
  return { id: message.id, text };
}

/**
 * The UI message chunks of one turn, from its session events: text and reasoning parts are
 * opened and closed around tool calls, steps are delimited, and the turn's end closes it all.
 */
class TurnChunks {
  done = false;
  private open: { kind: 'text' | 'reasoning'; id: string } | null = null;
  private inStep = false;

  constructor(readonly turnId: string) {}

  /** The first chunk: the answer is named by its turn until it is stored. */
  start(): UIMessageChunk {
    return { type: 'start', messageId: this.turnId };
  }

  of(event: SessionEvent): UIMessageChunk[] {
    switch (event.__typename) {
      case 'TextDelta':
      case 'ReasoningDelta':
        return this.delta(event.__typename === 'TextDelta' ? 'text' : 'reasoning', event);
      case 'ToolCallStarted':
        return [...this.part(), { type: 'tool-input-start', ...event }];
      case 'ToolCalled':
        return [...this.part(), { type: 'tool-input-available', ...event }];
      case 'ToolResulted':
        return [...this.part(), { type: 'tool-output-available', ...event }];
      case 'ToolFailed':
        return [...this.part(), { type: 'tool-output-error', ...event }];
      case 'ApprovalRequested': {
        const request: UIMessageChunk = {
          type: 'tool-approval-request',
          approvalId: event.toolCallId,
          toolCallId: event.toolCallId,
        };
        return this.end([request, { type: 'finish' }]);
      }
      case 'StepFinished':
        return this.closeStep();
      case 'TurnFinished': {
        const reason = event.turn?.finishReason ?? 'stop';
        const finishReason = (FINISH_REASONS.has(reason) ? reason : 'other') as FinishReason;
        return this.end([{ type: 'finish', finishReason }]);
      }
      case 'TurnFailed':
        return this.end([{ type: 'error', errorText: event.error.message }]);
      case 'TurnCancelled':
        return this.end([{ type: 'abort' }]);
      default:
        return [];
    }
  }

  private delta(kind: 'text' | 'reasoning', event: { seq: number; delta: string }) {
    const chunks: UIMessageChunk[] = [];
    if (this.open?.kind !== kind) {
      chunks.push(...this.part());
      this.open = { kind, id: `${kind}-${event.seq}` };
      chunks.push({ type: `${kind}-start`, id: this.open.id });
    }
    chunks.push({ type: `${kind}-delta`, id: this.open.id, delta: event.delta });
    return chunks;
  }

  /** Before a new part: the open text or reasoning part ends, and a step begins if none is open. */
  private part(): UIMessageChunk[] {
    const chunks = this.closeOpen();
    if (!this.inStep) {
      this.inStep = true;
      chunks.push({ type: 'start-step' });
    }
    return chunks;
  }

  private closeOpen(): UIMessageChunk[] {
    const open = this.open;
    this.open = null;
    return open ? [{ type: `${open.kind}-end`, id: open.id }] : [];
  }

  private closeStep(): UIMessageChunk[] {
    const chunks = this.closeOpen();
    if (this.inStep) chunks.push({ type: 'finish-step' });
    this.inStep = false;
    return chunks;
  }

  private end(last: UIMessageChunk[]): UIMessageChunk[] {
    this.done = true;
    return [...this.closeStep(), ...last];
  }
}

/** A `ChatTransport<UIMessage>` over this GraphQL API (see the top of this file). */
export class GraphQLChatTransport implements ChatTransport<UIMessage> {
  /** A resumed stream replays the running turn from its start. */
  readonly resumeStreamIsReplay = true;
  private ws: Client | undefined;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: GraphQLChatTransportOptions) {
    this.headers = { authorization: `Bearer ${options.token}` };
  }

  sendMessages: ChatTransport<UIMessage>['sendMessages'] = async (options) => {
    const session = await this.openSession(options.chatId);
    let turnId: string;
    const last = options.messages.at(-1);
    const approvals = last?.role === 'assistant' ? approvalsIn(last) : [];
    if (last && approvals.length) {
      // The chat answered a tool approval: the waiting turn goes on, in the same message.
      turnId = await this.turnOf(last.id);
      for (const approval of approvals) {
        await this.call(ChatTransportApproveDocument, { turnId, ...approval });
      }
    } else if (options.trigger === 'regenerate-message') {
      const messageId = await this.answerId(options.messageId, session);
      const data = await this.call(ChatTransportRegenerateDocument, { messageId });
      turnId = data.regenerate.turn.id;
    } else {
      const { id, text } = lastUserMessage(options.messages);
      const input = { sessionId: session.id, text, clientMessageId: id };
      const sent = (await this.call(ChatTransportSendDocument, input)).sendMessage;
      if (!sent) throw new ApiError('The message was not sent', 'ERROR');
      turnId = sent.turn.id;
    }
    // Every event after the seq read before the turn began: nothing of the turn is missed.
    return this.turnStream(session.id, turnId, session.lastEventSeq, options.abortSignal);
  };

  reconnectToStream: ChatTransport<UIMessage>['reconnectToStream'] = async (options) => {
    const session = await this.findSession(options.chatId);
    if (!session?.activeTurn) return null;
    // The server holds at least every event of the running turn: replay them all, then go on live.
    return this.turnStream(session.id, session.activeTurn.id, 0, options.abortSignal);
  };

  /** Closes the WebSocket (a new request opens another). */
  async close(): Promise<void> {
    await this.ws?.dispose();
    this.ws = undefined;
  }

  private call<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult> {
    return request(this.options.url, document, variables, this.headers);
  }

  /** The session the chat id names, or null: by id, else by key. */
  private async findSession(chatId: string): Promise<Session | null> {
    const byId = await this.call(ChatTransportSessionByIdDocument, { id: chatId }).catch(
      (error: unknown) => notFound(error),
    );
    if (byId?.session) return byId.session;
    const byKey = await this.call(ChatTransportSessionByKeyDocument, { key: chatId }).catch(
      (error: unknown) => notFound(error),
    );
    return byKey?.session ?? null;
  }

  /** The session the chat id names: an existing session, or the one with that key (made if new). */
  private async openSession(chatId: string): Promise<Session> {
    const byId = await this.call(ChatTransportSessionByIdDocument, { id: chatId }).catch(
      (error: unknown) => notFound(error),
    );
    if (byId?.session) return byId.session;
    const opened = await this.call(ChatTransportOpenSessionDocument, { key: chatId });
    return opened.createSession.session;
  }

  /** The turn of an answer, which the chat names by its turn (streamed) or its message (loaded). */
  private async turnOf(chatMessageId: string): Promise<string> {
    const { node } = await this.call(ChatTransportAnswerDocument, { id: chatMessageId });
    if (node?.__typename === 'Turn') return chatMessageId;
    if (node?.__typename === 'Message' && node.turn) return node.turn.id;
    throw new ApiError('This answer has no turn to continue', 'CLIENT');
  }

  /** The stored assistant message to answer again: the chat's id for it, else the last answer. */
  private async answerId(chatMessageId: string | undefined, session: Session): Promise<string> {
    if (chatMessageId) {
      const data = await this.call(ChatTransportAnswerDocument, { id: chatMessageId }).catch(
        (error: unknown) => notFound(error),
      );
      const node = data?.node;
      if (node?.__typename === 'Message') return node.id;
      if (node?.__typename === 'Turn' && node.assistantMessage) return node.assistantMessage.id;
    }
    const last = session.lastMessage;
    if (last?.role === 'ASSISTANT') return last.id;
    throw new ApiError('There is no answer to regenerate', 'CLIENT');
  }

  private client(): Client {
    this.ws ??= createClient({
      url: String(this.options.url).replace(/^http/, 'ws'),
      connectionParams: this.headers,
      webSocketImpl: this.options.webSocketImpl,
    });
    return this.ws;
  }

  /** One turn as UI message chunks; ends with the turn, or when the chat aborts (the turn stops). */
  private turnStream(
    sessionId: string,
    turnId: string,
    afterSeq: number,
    abortSignal: AbortSignal | undefined,
  ): ReadableStream<UIMessageChunk> {
    const chunks = new TurnChunks(turnId);
    // Sent by reference: graphql-ws resends it on a reconnect, so it resumes after the last seq.
    const variables = { sessionId, afterSeq };
    let unsubscribe = () => {};
    let closed = false;
    return new ReadableStream<UIMessageChunk>({
      start: (controller) => {
        const end = (error?: unknown) => {
          if (closed) return;
          closed = true;
          unsubscribe();
          if (error) controller.error(error);
          else controller.close();
        };
        controller.enqueue(chunks.start());
        unsubscribe = subscribe(this.client(), ChatTransportEventsDocument, variables, {
          next: ({ data, errors }) => {
            const error = errors?.[0];
            if (error) return end(new ApiError(error.message, codeOf(error)));
            const event = data?.sessionEvents;
            if (!event || closed) return;
            variables.afterSeq = event.seq;
            if (event.turnId !== turnId) return;
            for (const chunk of chunks.of(event)) controller.enqueue(chunk);
            if (chunks.done) end();
          },
          error: (error) => end(error instanceof Error ? error : new Error('WebSocket closed')),
          complete: () => end(),
        });
        abortSignal?.addEventListener(
          'abort',
          () => {
            end();
            this.call(StopTurnDocument, { sessionId }).catch(() => {});
          },
          { once: true },
        );
      },
      cancel: () => {
        closed = true;
        unsubscribe();
      },
    });
  }
}

const codeOf = (error: { extensions?: Record<string, unknown> }) =>
  typeof error.extensions?.code === 'string' ? error.extensions.code : 'ERROR';

/** null for "no such session or message" (NOT_FOUND, or an id of another kind); rethrows others. */
function notFound(error: unknown): null {
  if (error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT'))
    return null;
  throw error;
}
