// The open conversation: its history (loaded, then paged back), its live events (followed from
// the seq that history reflects, resumed after any disconnect) and its messages on the page.
import {
  EditMessageDocument,
  RegenerateDocument,
  type SessionState,
  type SessionSummaryFragment as SessionSummary,
  SwitchBranchDocument,
  type TypedDocumentString,
} from '../client/generated/graphql.js';
import type { Api } from './api.js';
import { ConversationView } from './conversation-view.js';
import { EventStream, type SessionEvent } from './event-stream.js';
import { History, type SessionPage } from './history.js';
import { debug, nearBottom, scrollToBottom, showError, ui } from './page.js';
import type { ApprovalHandler, MessageView } from './view.js';

/** What a conversation needs from the page around it. */
export interface ConversationHost {
  api: Api;
  respond: ApprovalHandler;
  sessionUpdated(session: SessionSummary): void;
  /** The session no longer exists. */
  gone(): void;
  /** The session's state changed (the composer follows it). */
  stateChanged(): void;
}

export class Conversation {
  state: SessionState = 'IDLE';
  private closed = false;
  private reloading = Promise.resolve();
  private readonly view: ConversationView;
  private readonly history: History;
  private readonly stream: EventStream;

  constructor(
    readonly id: string,
    private readonly host: ConversationHost,
  ) {
    this.view = new ConversationView({
      state: () => this.state,
      setState: (state) => this.setState(state),
      setTitle: (title) => this.setTitle(title),
      respond: host.respond,
      branching: {
        edit: (messageId, text) => this.branch(EditMessageDocument, { messageId, text }),
        regenerate: (messageId) => this.branch(RegenerateDocument, { messageId }),
        switchTo: (messageId) => this.branch(SwitchBranchDocument, { messageId }),
      },
      sessionUpdated: (session) => host.sessionUpdated(session),
      gone: () => host.gone(),
      branchSwitched: () => this.reload(),
    });
    this.history = new History(host.api, id);
    this.stream = new EventStream(host.api, id, {
      apply: (event) => this.apply(event),
      resync: () => void this.resync(),
      gone: () => host.gone(),
    });
  }

  /** Loads the last page of messages, then follows the events from the seq that page reflects. */
  async open() {
    const page = await this.snapshot();
    if (!page || this.closed) return;
    this.show(page);
  }

  loadOlder() {
    return this.history.loadOlder(
      () => !this.closed,
      (messages) => this.view.prepend(messages),
    );
  }

  close() {
    this.closed = true;
    this.stream.close();
  }

  /** Reloads the history and resubscribes: the server no longer held some events we missed. */
  private async resync() {
    debug.resyncs += 1;
    await this.reloadNow();
  }

  /**
   * Edit, regenerate, switch: the server makes another branch the active one and says so with
   * BranchSwitched, on which every page showing the session (this one too) reloads it.
   */
  private async branch<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
  ) {
    await this.host.api.request(document, variables).catch(showError);
  }

  /** The active branch again (one reload at a time), then its events from there on. */
  private reload() {
    this.reloading = this.reloading.then(() => this.reloadNow()).catch(showError);
  }

  private async reloadNow() {
    this.stream.stop();
    const page = await this.snapshot().catch(showError);
    if (!page || this.closed) return;
    this.show(page);
  }

  /**
   * The last page. A session's state, its turn and its events are read one after the other: a
   * turn that ends meanwhile leaves a page that says RUNNING without a running turn (and no event
   * to come that would end it). Such a page is read again (twice at most).
   */
  private async snapshot(): Promise<SessionPage | null> {
    for (let attempt = 1; ; attempt += 1) {
      const page = await this.history.latest();
      const torn = page?.state === 'RUNNING' && page.activeTurn?.status !== 'RUNNING';
      if (!torn || attempt === 3 || this.closed) return page;
    }
  }

  private show(page: SessionPage) {
    debug.sessionId = this.id;
    const running = page.activeTurn?.status === 'RUNNING' ? page.activeTurn.id : null;
    const paused = page.activeTurn?.status === 'AWAITING_APPROVAL' ? page.activeTurn.id : null;
    const messages = page.messages.edges.map((edge) => edge.node);
    this.view.reset(messages, { running, paused });
    this.history.pagedFrom(page.messages.pageInfo);
    this.setTitle(page.title);
    this.setState(page.state);
    ui.empty.hidden = messages.length > 0;
    scrollToBottom();
    this.stream.start(page.lastEventSeq, running);
  }

  private apply(event: SessionEvent) {
    const follow = nearBottom();
    this.view.apply(event);
    if (follow) scrollToBottom();
  }

  /** Shows the user's message at once; the server's copy confirms it (TurnStarted or the reply). */
  showPending(text: string): MessageView {
    return this.view.showPending(text);
  }

  confirmUser(message: { id: string }) {
    this.view.confirmUser(message);
  }

  dropPending(view: MessageView) {
    this.view.dropPending(view);
  }

  setTitle(title: string | null) {
    ui.title.textContent = title ?? 'New chat';
    document.title = title ? `${title} · Chat` : 'Chat';
  }

  setState(state: SessionState) {
    this.state = state;
    ui.sessionState.textContent = state === 'IDLE' ? '' : state.replace('_', ' ').toLowerCase();
    ui.sessionState.dataset.state = state;
    // No edit, regenerate or switch while a turn runs or waits (the server would refuse: CONFLICT).
    ui.messages.classList.toggle('busy', state === 'RUNNING' || state === 'AWAITING_APPROVAL');
    this.host.stateChanged();
  }
}
