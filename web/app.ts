// The chat page served at /: sessions kept live from sessionsChanged, a conversation paged from
// messages(last:, before:) and streamed from sessionEvents, resumed after any disconnect with
// afterSeq = the last seq applied, so nothing shows twice and nothing goes missing.
import {
  type Api,
  ApiError,
  type ConnectionState,
  CREATE_SESSION,
  createApi,
  DELETE_SESSION,
  type Message,
  RESPOND,
  SEND,
  SESSION,
  SESSION_EVENTS,
  SESSIONS,
  SESSIONS_CHANGED,
  type SessionChange,
  type SessionEvent,
  type SessionPage,
  type SessionState,
  type SessionSummary,
  STOP,
} from './api.js';
import { el, MessageView } from './view.js';

const PAGE_SIZE = 30;
const KEY_STORAGE = 'chat.apiKey';

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  sessions: byId<HTMLUListElement>('sessions'),
  newChat: byId<HTMLButtonElement>('new-chat'),
  title: byId('title'),
  sessionState: byId('session-state'),
  connection: byId('connection'),
  changeKey: byId<HTMLButtonElement>('change-key'),
  scroller: byId('scroller'),
  older: byId<HTMLButtonElement>('load-older'),
  messages: byId('messages'),
  empty: byId('empty'),
  composer: byId<HTMLFormElement>('composer'),
  input: byId<HTMLTextAreaElement>('input'),
  send: byId<HTMLButtonElement>('send'),
  stop: byId<HTMLButtonElement>('stop'),
  toast: byId('toast'),
  keyDialog: byId<HTMLDialogElement>('key-dialog'),
  keyForm: byId<HTMLFormElement>('key-form'),
  keyInput: byId<HTMLInputElement>('key-input'),
  keyError: byId('key-error'),
  keyForget: byId<HTMLButtonElement>('key-forget'),
};

/** What the browser tests read (and a person can, in the console): seqs applied, resumes, … */
export interface ChatDebug {
  sessionId: string | null;
  /** Seqs applied to the open conversation, in order. */
  applied: number[];
  /** Events dropped because their seq was already applied. */
  duplicates: number;
  /** Reloads of the conversation after a gap in seqs (events the server no longer held). */
  resyncs: number;
  /** Times the socket came back after a drop. */
  reconnects: number;
  /** The text streamed by TextDelta per turn, to compare with the stored message. */
  streamed: Record<string, string>;
  /** Turns whose streamed text differed from the stored message's text. */
  mismatches: number;
  connection: ConnectionState;
}
const debug: ChatDebug = {
  sessionId: null,
  applied: [],
  duplicates: 0,
  resyncs: 0,
  reconnects: 0,
  streamed: {},
  mismatches: 0,
  connection: 'connecting',
};
(window as unknown as { __chat: ChatDebug }).__chat = debug;

let api: Api | null = null;
const sessions = new Map<string, SessionSummary>();
let conversation: Conversation | null = null;
let toastTimer: ReturnType<typeof setTimeout> | undefined;

function showError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  ui.toast.textContent = message;
  ui.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    ui.toast.hidden = true;
  }, 6000);
}

/** A message's text parts, joined as they were streamed. */
function textOf(message: Message): string {
  return message.parts.map((p) => (p.__typename === 'TextPart' ? p.text : '')).join('');
}

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------------------------
// The open conversation

interface LiveTurn {
  view: MessageView;
  streamed: string;
}

class Conversation {
  /** The highest seq applied: the afterSeq of every resubscription. */
  private lastSeq = 0;
  /** The seq the loaded history reflects: a gap after it means events were missed. */
  private snapshotSeq = 0;
  /** A turn running when the history was loaded: its events before snapshotSeq are replayed. */
  private replayTurnId: string | null = null;
  private readonly variables = { sessionId: '', afterSeq: 0 as number | null };
  private unsubscribe: (() => void) | null = null;
  private readonly live = new Map<string, LiveTurn>();
  private readonly views = new Map<string, MessageView>();
  private olderCursor: string | null = null;
  private pendingUser: MessageView | null = null;
  private closed = false;
  state: SessionState = 'IDLE';

  constructor(readonly id: string) {
    this.variables.sessionId = id;
  }

  /** Loads the last page of messages, then follows the events from the seq that page reflects. */
  async open() {
    const page = await this.load();
    if (!page || this.closed) return;
    this.render(page);
    this.subscribe();
  }

  private async load(): Promise<SessionPage | null> {
    const data = await api!.request<{ session: SessionPage | null }>(SESSION, {
      id: this.id,
      last: PAGE_SIZE,
    });
    return data.session;
  }

  private render(page: SessionPage) {
    ui.messages.replaceChildren();
    this.views.clear();
    this.live.clear();
    debug.sessionId = this.id;
    debug.applied = [];
    this.snapshotSeq = page.lastEventSeq;
    this.lastSeq = page.lastEventSeq;
    // A running turn's answer so far is not stored yet: replay its events (held by the server
    // from the turn's start) and show only those; a turn awaiting approval is stored as it stands.
    const running = page.activeTurn?.status === 'RUNNING' ? page.activeTurn.id : null;
    this.replayTurnId = running;
    if (running) this.lastSeq = 0;
    this.variables.afterSeq = this.lastSeq;
    const paused = page.activeTurn?.status === 'AWAITING_APPROVAL' ? page.activeTurn.id : null;
    for (const { node } of page.messages.edges) {
      const turnId = node.role === 'ASSISTANT' ? node.turn?.id : undefined;
      if (running && turnId === running) continue;
      const view = MessageView.fromMessage(node, respond);
      this.append(view);
      // After the approval the turn goes on in this same message.
      if (paused && turnId === paused) {
        this.live.set(paused, { view, streamed: textOf(node) });
        debug.streamed[paused] = textOf(node);
      }
    }
    this.olderCursor = page.messages.pageInfo.hasPreviousPage
      ? page.messages.pageInfo.startCursor
      : null;
    ui.older.hidden = !this.olderCursor;
    this.setTitle(page.title);
    this.setState(page.state);
    ui.empty.hidden = page.messages.edges.length > 0;
    scrollToBottom();
  }

  async loadOlder() {
    if (!this.olderCursor) return;
    ui.older.disabled = true;
    try {
      const data = await api!.request<{ session: SessionPage | null }>(SESSION, {
        id: this.id,
        last: PAGE_SIZE,
        before: this.olderCursor,
      });
      const page = data.session;
      if (!page || this.closed) return;
      const before = ui.scroller.scrollHeight;
      const fragment = document.createDocumentFragment();
      for (const { node } of page.messages.edges) {
        if (this.views.has(node.id)) continue;
        const view = MessageView.fromMessage(node, respond);
        this.views.set(node.id, view);
        fragment.append(view.root);
      }
      ui.messages.prepend(fragment);
      ui.scroller.scrollTop += ui.scroller.scrollHeight - before;
      this.olderCursor = page.messages.pageInfo.hasPreviousPage
        ? page.messages.pageInfo.startCursor
        : null;
      ui.older.hidden = !this.olderCursor;
    } finally {
      ui.older.disabled = false;
    }
  }

  /**
   * graphql-ws re-sends this same payload after every reconnect, and `variables.afterSeq`
   * always holds the last seq applied: the server replays exactly what was missed.
   */
  private subscribe() {
    this.unsubscribe?.();
    this.unsubscribe = api!.ws.subscribe<{ sessionEvents: SessionEvent }>(
      { query: SESSION_EVENTS, variables: this.variables },
      {
        next: (result) => {
          if (result.errors?.length) return showError(result.errors[0]?.message);
          if (result.data) this.onEvent(result.data.sessionEvents);
        },
        error: (error) => {
          if (this.closed) return;
          const message = Array.isArray(error) ? error[0]?.message : (error as Error)?.message;
          if (Array.isArray(error) && error.some((e) => e.extensions?.code === 'NOT_FOUND')) {
            showError('This chat no longer exists');
            return showEmpty();
          }
          // A refused key is handled by the connection; anything else: resume shortly.
          if (debug.connection === 'refused') return;
          if (message) showError(message);
          setTimeout(() => !this.closed && this.subscribe(), 1000);
        },
        complete: () => {},
      },
    );
  }

  close() {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Reloads the history and resubscribes: the server no longer held some events we missed. */
  private async resync() {
    debug.resyncs += 1;
    this.unsubscribe?.();
    this.unsubscribe = null;
    const page = await this.load().catch(showError);
    if (!page || this.closed) return;
    this.render(page);
    this.subscribe();
  }

  private onEvent(event: SessionEvent) {
    if (this.closed) return;
    if (event.seq <= this.lastSeq) {
      debug.duplicates += 1;
      return;
    }
    if (event.seq > Math.max(this.lastSeq, this.snapshotSeq) + 1) {
      void this.resync();
      return;
    }
    this.lastSeq = event.seq;
    this.variables.afterSeq = event.seq;
    // Replayed events the loaded history already shows (all but the running turn's).
    if (event.seq <= this.snapshotSeq && event.turnId !== this.replayTurnId) return;
    debug.applied.push(event.seq);
    const follow = nearBottom();
    this.apply(event);
    if (follow) scrollToBottom();
  }

  private apply(event: SessionEvent) {
    switch (event.__typename) {
      case 'TurnStarted': {
        this.confirmUser(event.userMessage);
        this.turn(event.turn.id);
        this.setState('RUNNING');
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
        card.askApproval(event.turnId ?? '', respond);
        live.view.streaming(false);
        this.setState('AWAITING_APPROVAL');
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
        if (!this.views.has(event.message.id))
          this.append(MessageView.fromMessage(event.message, respond));
        break;
      case 'SessionUpdated':
        this.setTitle(event.session.title);
        upsertSession(event.session);
        break;
      case 'SessionExpiring':
        showError(`This chat expires at ${new Date(event.expiresAt).toLocaleTimeString()}`);
        break;
      case 'SessionDeleted':
        showError('This chat was deleted');
        showEmpty();
        break;
    }
  }

  /** The assistant message of a turn, created at the turn's first event. */
  private turn(turnId: string | null): LiveTurn {
    const key = turnId ?? '';
    let live = this.live.get(key);
    if (!live) {
      const view = new MessageView('ASSISTANT', respond);
      if (turnId) view.root.dataset.turnId = turnId;
      live = { view, streamed: '' };
      this.live.set(key, live);
      this.append(view);
    }
    if (this.state !== 'AWAITING_APPROVAL') live.view.streaming(true);
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
    this.setState('IDLE');
    return live.view;
  }

  /** Shows the user's message at once; the server's copy confirms it (TurnStarted or the reply). */
  showPending(text: string): MessageView {
    const view = new MessageView('USER', respond);
    view.appendText(text);
    view.root.classList.add('pending');
    this.pendingUser = view;
    this.append(view);
    scrollToBottom();
    return view;
  }

  confirmUser(message: Pick<Message, 'id'> & Partial<Message>) {
    if (this.views.has(message.id)) return;
    const pending = this.pendingUser;
    if (pending) {
      this.pendingUser = null;
      pending.root.classList.remove('pending');
      pending.root.dataset.messageId = message.id;
      this.views.set(message.id, pending);
    } else if (message.parts) {
      this.append(MessageView.fromMessage(message as Message, respond));
    }
  }

  dropPending(view: MessageView) {
    if (this.pendingUser === view) this.pendingUser = null;
    view.root.remove();
  }

  private append(view: MessageView) {
    const id = view.root.dataset.messageId;
    if (id) this.views.set(id, view);
    ui.messages.append(view.root);
    ui.empty.hidden = true;
  }

  setTitle(title: string | null) {
    ui.title.textContent = title ?? 'New chat';
    document.title = title ? `${title} · Chat` : 'Chat';
  }

  setState(state: SessionState) {
    this.state = state;
    ui.sessionState.textContent = state === 'IDLE' ? '' : state.replace('_', ' ').toLowerCase();
    ui.sessionState.dataset.state = state;
    updateComposer();
  }
}

async function respond(turnId: string, toolCallId: string, approved: boolean) {
  try {
    await api!.request(RESPOND, { turnId, toolCallId, approved });
    conversation?.setState('RUNNING');
  } catch (error) {
    showError(error);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Layout helpers

function nearBottom(): boolean {
  const s = ui.scroller;
  return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
}

function scrollToBottom() {
  ui.scroller.scrollTop = ui.scroller.scrollHeight;
}

function updateComposer() {
  const state = conversation?.state ?? 'IDLE';
  const busy = state === 'RUNNING' || state === 'AWAITING_APPROVAL';
  ui.send.hidden = state === 'RUNNING';
  ui.stop.hidden = state !== 'RUNNING';
  ui.send.disabled = busy || state === 'EXPIRED' || !api;
  ui.input.placeholder =
    state === 'AWAITING_APPROVAL'
      ? 'Approve or deny the tool call above to continue'
      : state === 'EXPIRED'
        ? 'This chat has expired'
        : 'Message the assistant (Enter to send, Shift+Enter for a new line)';
}

function showEmpty() {
  conversation?.close();
  conversation = null;
  debug.sessionId = null;
  ui.messages.replaceChildren();
  ui.older.hidden = true;
  ui.empty.hidden = false;
  ui.title.textContent = 'New chat';
  ui.sessionState.textContent = '';
  document.title = 'Chat';
  if (location.hash) history.replaceState(null, '', location.pathname);
  renderSessions();
  updateComposer();
  ui.input.focus();
}

async function openSession(id: string) {
  if (conversation?.id === id) return;
  conversation?.close();
  conversation = new Conversation(id);
  renderSessions();
  try {
    await conversation.open();
  } catch (error) {
    showError(error);
    if (error instanceof ApiError && error.code === 'NOT_FOUND') showEmpty();
  }
}

function route() {
  const id = /^#\/s\/(.+)$/.exec(location.hash)?.[1];
  if (id) void openSession(decodeURIComponent(id));
  else if (conversation) showEmpty();
}

// ---------------------------------------------------------------------------------------------
// Sending, stopping

async function send(text: string) {
  if (!api) return;
  ui.send.disabled = true;
  let pending: MessageView | null = null;
  try {
    if (!conversation) {
      const data = await api.request<{ createSession: { session: SessionSummary } }>(
        CREATE_SESSION,
      );
      const session = data.createSession.session;
      upsertSession(session);
      history.pushState(null, '', `#/s/${encodeURIComponent(session.id)}`);
      await openSession(session.id);
    }
    const current = conversation;
    if (!current) return;
    pending = current.showPending(text);
    ui.input.value = '';
    current.setState('RUNNING');
    const data = await api.request<{ sendMessage: { userMessage: { id: string } } }>(SEND, {
      sessionId: current.id,
      text,
      clientMessageId: newId(),
    });
    current.confirmUser(data.sendMessage.userMessage);
  } catch (error) {
    if (pending) conversation?.dropPending(pending);
    if (!ui.input.value) ui.input.value = text;
    conversation?.setState('IDLE');
    showError(error);
  } finally {
    updateComposer();
  }
}

async function stop() {
  if (!api || !conversation) return;
  ui.stop.disabled = true;
  try {
    await api.request(STOP, { sessionId: conversation.id });
  } catch (error) {
    showError(error);
  } finally {
    ui.stop.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------
// The sidebar: kept live from sessionsChanged

function upsertSession(session: SessionSummary) {
  if (session.archived) sessions.delete(session.id);
  else sessions.set(session.id, { ...sessions.get(session.id), ...session });
  renderSessions();
}

function relativeTime(iso: string): string {
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return 'now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  return new Date(iso).toLocaleDateString();
}

function renderSessions() {
  const list = [...sessions.values()].sort(
    (a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || (a.id < b.id ? 1 : -1),
  );
  ui.sessions.replaceChildren(
    ...list.map((s) => {
      const item = el('li', 'session');
      item.dataset.sessionId = s.id;
      if (s.id === conversation?.id) item.classList.add('active');
      const link = el('a', 'session-link');
      link.href = `#/s/${encodeURIComponent(s.id)}`;
      const top = el('div', 'session-top');
      const dot = el('span', `state-dot state-${s.state.toLowerCase()}`);
      dot.title = s.state.toLowerCase();
      top.append(
        el('span', 'session-title', s.title ?? 'New chat'),
        dot,
        el('span', 'session-time', relativeTime(s.updatedAt)),
      );
      link.append(top, el('div', 'session-snippet', s.lastMessage?.text ?? 'No messages yet'));
      const remove = el('button', 'session-delete', '×');
      remove.title = 'Delete this chat';
      remove.addEventListener('click', async (e) => {
        e.preventDefault();
        if (!confirm(`Delete "${s.title ?? 'New chat'}"?`)) return;
        await api?.request(DELETE_SESSION, { id: s.id }).catch(showError);
      });
      item.append(link, remove);
      return item;
    }),
  );
}

async function loadSessions() {
  const data = await api!.request<{ sessions: { edges: { node: SessionSummary }[] } }>(SESSIONS, {
    first: 50,
  });
  sessions.clear();
  for (const { node } of data.sessions.edges) sessions.set(node.id, node);
  renderSessions();
}

function watchSessions() {
  api!.ws.subscribe<{ sessionsChanged: SessionChange }>(
    { query: SESSIONS_CHANGED },
    {
      next: ({ data }) => {
        const change = data?.sessionsChanged;
        if (!change) return;
        if (change.kind === 'DELETED' || !change.session) {
          sessions.delete(change.sessionId);
          renderSessions();
          if (conversation?.id === change.sessionId) showEmpty();
        } else {
          upsertSession(change.session);
          if (conversation?.id === change.sessionId) conversation.setTitle(change.session.title);
        }
      },
      error: () => {},
      complete: () => {},
    },
  );
}

// ---------------------------------------------------------------------------------------------
// The API key: the development key the server injects, or one the user enters (localStorage)

function devKey(): string | null {
  return document.querySelector<HTMLMetaElement>('meta[name="chat-dev-api-key"]')?.content || null;
}

function askForKey(message?: string) {
  ui.keyError.textContent = message ?? '';
  ui.keyError.hidden = !message;
  ui.keyInput.value = localStorage.getItem(KEY_STORAGE) ?? '';
  ui.keyForget.hidden = !localStorage.getItem(KEY_STORAGE);
  if (!ui.keyDialog.open) ui.keyDialog.showModal();
  ui.keyInput.focus();
}

function onConnection(state: ConnectionState, reconnected: boolean) {
  debug.connection = state;
  const labels: Record<ConnectionState, string> = {
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    refused: 'Key refused',
  };
  ui.connection.textContent = labels[state];
  ui.connection.dataset.state = state;
  if (reconnected) {
    debug.reconnects += 1;
    // sessionsChanged has no replay: refresh the list for what changed while offline.
    void loadSessions().catch(() => {});
  }
  if (state === 'refused') askForKey('The server refused this API key.');
}

async function start() {
  conversation?.close();
  conversation = null;
  await api?.dispose();
  api = null;
  const key = localStorage.getItem(KEY_STORAGE) || devKey();
  if (!key) return askForKey();
  api = createApi({ apiKey: key, onConnection });
  try {
    await loadSessions();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      await api.dispose();
      api = null;
      return askForKey('The server refused this API key.');
    }
    showError(error);
  }
  watchSessions();
  route();
  updateComposer();
}

// ---------------------------------------------------------------------------------------------
// Wiring

ui.composer.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = ui.input.value.trim();
  if (text && !ui.send.disabled) void send(text);
});
ui.input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    ui.composer.requestSubmit();
  }
});
ui.stop.addEventListener('click', () => void stop());
ui.older.addEventListener('click', () => void conversation?.loadOlder().catch(showError));
ui.newChat.addEventListener('click', () => showEmpty());
ui.changeKey.addEventListener('click', () => askForKey());
for (const chip of document.querySelectorAll<HTMLButtonElement>('.suggestion')) {
  chip.addEventListener('click', () => {
    ui.input.value = chip.textContent ?? '';
    ui.input.focus();
  });
}
ui.keyForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const key = ui.keyInput.value.trim();
  if (!key) return;
  localStorage.setItem(KEY_STORAGE, key);
  ui.keyDialog.close();
  void start();
});
ui.keyForget.addEventListener('click', () => {
  localStorage.removeItem(KEY_STORAGE);
  ui.keyDialog.close();
  void start();
});
window.addEventListener('hashchange', route);
setInterval(renderSessions, 60_000);

void start();
