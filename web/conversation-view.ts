// The open conversation's messages on the page, and how each session event changes them: a
// turn's answer is built up from its deltas and tool events, then replaced by the stored message.
import type {
  MessageFieldsFragment as Message,
  SessionState,
  SessionSummaryFragment as SessionSummary,
} from '../client/generated/graphql.js';
import type { SessionEvent } from './event-stream.js';
import { debug, scrollToBottom, showError, ui } from './page.js';
import { type ApprovalHandler, type BranchHandler, MessageView } from './view.js';

/** What the view needs from the conversation around it. */
export interface ConversationViewHost {
  state(): SessionState;
  setState(state: SessionState): void;
  setTitle(title: string | null): void;
  respond: ApprovalHandler;
  branching: BranchHandler;
  sessionUpdated(session: SessionSummary): void;
  /** The session was deleted. */
  gone(): void;
  /** Another branch became the active one: the messages shown are no longer the session's. */
  branchSwitched(): void;
}

interface LiveTurn {
  view: MessageView;
  streamed: string;
}

/** A message's text parts, joined as they were streamed. */
function textOf(message: Message): string {
  return message.parts.map((p) => (p.__typename === 'TextPart' ? p.text : '')).join('');
}

export class ConversationView {
  /** Answers being streamed, by turn id. */
  private readonly live = new Map<string, LiveTurn>();
  /** Every message shown, by message id. */
  private readonly views = new Map<string, MessageView>();
  private pendingUser: MessageView | null = null;

  constructor(private readonly host: ConversationViewHost) {}

  /**
   * Shows a freshly loaded last page. The running turn's answer is left out (its events are
   * replayed); a paused turn (awaiting approval) goes on in its stored message.
   */
  reset(messages: Message[], turns: { running: string | null; paused: string | null }) {
    ui.messages.replaceChildren();
    this.views.clear();
    this.live.clear();
    for (const message of messages) {
      const turnId = message.role === 'ASSISTANT' ? message.turn?.id : undefined;
      if (turns.running && turnId === turns.running) continue;
      const view = this.stored(message);
      this.append(view);
      if (turns.paused && turnId === turns.paused) {
        this.live.set(turns.paused, { view, streamed: textOf(message) });
        debug.streamed[turns.paused] = textOf(message);
      }
    }
  }

  /** Older messages, above the ones shown (those already shown are skipped). */
  prepend(messages: Message[]) {
    const fragment = document.createDocumentFragment();
    for (const message of messages) {
      if (this.views.has(message.id)) continue;
      const view = this.stored(message);
      this.views.set(message.id, view);
      fragment.append(view.root);
    }
    ui.messages.prepend(fragment);
  }

  apply(event: SessionEvent) {
    switch (event.__typename) {
      case 'TurnStarted': {
        this.confirmUser(event.userMessage);
        this.turn(event.turn.id);
        this.host.setState('RUNNING');
        break;
      }
      case 'TextDelta': {
        const live = this.turn(event.turnId);
        live.view.appendText(event.delta);
        live.streamed += event.delta;
        debug.streamed[event.turnId ?? ''] = live.streamed;
        break;
      }
      case 'ReasoningDelta':
        this.turn(event.turnId).view.appendReasoning(event.delta);
        break;
      case 'ToolCallStarted':
        this.turn(event.turnId).view.tool(event.toolCallId, event.toolName);
        break;
      case 'ToolCalled':
        this.turn(event.turnId).view.tool(event.toolCallId, event.toolName).setInput(event.input);
        break;
      case 'ToolResulted':
        this.turn(event.turnId)
          .view.tool(event.toolCallId, event.toolName)
          .setResult(event.toolName, event.output);
        break;
      case 'ToolFailed':
        this.turn(event.turnId)
          .view.tool(event.toolCallId, event.toolName)
          .setError(event.errorText);
        break;
      case 'ApprovalRequested': {
        const live = this.turn(event.turnId);
        const card = live.view.tool(event.toolCallId, event.toolName);
        card.setInput(event.input);
        card.askApproval(event.turnId ?? '', this.host.respond);
        live.view.streaming(false);
        this.host.setState('AWAITING_APPROVAL');
        break;
      }
      case 'StepFinished':
        break;
      case 'TurnFinished':
      case 'TurnCancelled':
        this.finish(event.turn.id, event.message);
        break;
      case 'TurnFailed': {
        const view = this.finish(event.turn.id, event.turn.assistantMessage);
        view.setMeta(`Failed: ${event.error.message}`, 'failed');
        break;
      }
      case 'MessageAppended':
        if (!this.views.has(event.message.id)) this.append(this.stored(event.message));
        break;
      case 'SessionUpdated':
        this.host.setTitle(event.session.title);
        this.host.sessionUpdated(event.session);
        break;
      case 'BranchSwitched':
        this.host.branchSwitched();
        break;
      case 'SessionExpiring':
        showError(`This chat expires at ${new Date(event.expiresAt).toLocaleTimeString()}`);
        break;
      case 'SessionDeleted':
        showError('This chat was deleted');
        this.host.gone();
        break;
    }
  }

  /** Shows the user's message at once; the server's copy confirms it (TurnStarted or the reply). */
  showPending(text: string): MessageView {
    const view = new MessageView('USER', this.host.respond, this.host.branching);
    view.appendText(text);
    view.root.classList.add('pending');
    this.pendingUser = view;
    this.append(view);
    scrollToBottom();
    return view;
  }

  confirmUser(message: Pick<Message, 'id'> & Partial<Message>) {
    const shown = this.views.get(message.id);
    if (shown) {
      if (message.parts) shown.showStored(message as Message);
      return;
    }
    const pending = this.pendingUser;
    if (pending) {
      this.pendingUser = null;
      pending.root.classList.remove('pending');
      pending.root.dataset.messageId = message.id;
      if (message.parts) pending.showStored(message as Message);
      this.views.set(message.id, pending);
    } else if (message.parts) {
      this.append(this.stored(message as Message));
    }
  }

  dropPending(view: MessageView) {
    if (this.pendingUser === view) this.pendingUser = null;
    view.root.remove();
  }

  /** The assistant message of a turn, created at the turn's first event. */
  private turn(turnId: string | null): LiveTurn {
    const key = turnId ?? '';
    let live = this.live.get(key);
    if (!live) {
      const view = new MessageView('ASSISTANT', this.host.respond, this.host.branching);
      if (turnId) view.root.dataset.turnId = turnId;
      view.thinking();
      live = { view, streamed: '' };
      this.live.set(key, live);
      this.append(view);
    }
    if (this.host.state() !== 'AWAITING_APPROVAL') live.view.streaming(true);
    return live;
  }

  /** The turn ended: its stored message replaces what was streamed (they should be equal). */
  private finish(turnId: string, message: Message | null): MessageView {
    const live = this.turn(turnId);
    if (message) {
      if (textOf(message) !== live.streamed) debug.mismatches += 1;
      live.view.showStored(message);
      this.views.set(message.id, live.view);
    }
    live.view.streaming(false);
    this.live.delete(turnId);
    this.host.setState('IDLE');
    return live.view;
  }

  private stored(message: Message): MessageView {
    return MessageView.fromMessage(message, this.host.respond, this.host.branching);
  }

  private append(view: MessageView) {
    const id = view.root.dataset.messageId;
    if (id) this.views.set(id, view);
    ui.messages.append(view.root);
    ui.empty.hidden = true;
  }
}
