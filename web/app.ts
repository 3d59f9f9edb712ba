// The chat page served at /: sessions kept live from sessionsChanged, a conversation paged from
// messages(last:, before:) and streamed from sessionEvents, resumed after any disconnect with
// afterSeq = the last seq applied, so nothing shows twice and nothing goes missing.
import {
  CreateSessionDocument,
  DeleteSessionDocument,
  RespondToApprovalDocument,
  SendMessageDocument,
  type SessionSummaryFragment as SessionSummary,
  SessionsChangedDocument,
  SessionsPageDocument,
  StopTurnDocument,
} from '../client/generated/graphql.js';
import { type Api, ApiError, type ConnectionState, createApi } from './api.js';
import { Conversation } from './conversation.js';
import { debug, showError, showSidebar, ui } from './page.js';
import { el, type MessageView } from './view.js';
import { loadWorkspaces, place, shows } from './workspaces.js';

export type { ChatDebug } from './page.js';

const KEY_STORAGE = 'chat.apiKey';
/** A phone-sized window (the sidebar is a drawer): shorter hints. */
const narrow = matchMedia('(max-width: 760px)');

let api: Api | null = null;
const sessions = new Map<string, SessionSummary>();
let conversation: Conversation | null = null;

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------------------------
// The open conversation (web/conversation.ts) and what it asks of the page

async function respond(turnId: string, toolCallId: string, approved: boolean) {
  try {
    await api!.request(RespondToApprovalDocument, { turnId, toolCallId, approved });
    conversation?.setState('RUNNING');
  } catch (error) {
    showError(error);
    throw error;
  }
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
        : narrow.matches
          ? 'Message the assistant'
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
  conversation = new Conversation(id, {
    api: api!,
    respond,
    sessionUpdated: upsertSession,
    gone: showEmpty,
    stateChanged: updateComposer,
  });
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
      const data = await api.request(CreateSessionDocument, { input: { ...place } });
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
    const data = await api.request(SendMessageDocument, {
      sessionId: current.id,
      text,
      clientMessageId: newId(),
    });
    current.confirmUser(data.sendMessage!.userMessage);
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
    await api.request(StopTurnDocument, { sessionId: conversation.id });
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
  const list = [...sessions.values()]
    .filter(shows)
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || (a.id < b.id ? 1 : -1));
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
        await api?.request(DeleteSessionDocument, { id: s.id }).catch(showError);
      });
      item.append(link, remove);
      return item;
    }),
  );
}

/** Changes sessionsChanged brought while the list was loading (null: deleted), applied after it. */
let changedWhileLoading: Map<string, SessionSummary | null> | null = null;

async function loadSessions() {
  const changed = new Map<string, SessionSummary | null>();
  changedWhileLoading = changed;
  const data = await api!.request(SessionsPageDocument, { first: 50 }).finally(() => {
    if (changedWhileLoading === changed) changedWhileLoading = null;
  });
  sessions.clear();
  for (const { node } of data.sessions.edges) sessions.set(node.id, node);
  for (const [id, session] of changed) {
    if (session && !session.archived) sessions.set(id, { ...sessions.get(id), ...session });
    else sessions.delete(id);
  }
  renderSessions();
}

function watchSessions() {
  api!.subscribe(
    SessionsChangedDocument,
    {},
    {
      next: ({ data }) => {
        const change = data?.sessionsChanged;
        if (!change) return;
        const session = change.kind === 'DELETED' ? null : change.session;
        changedWhileLoading?.set(change.sessionId, session ?? null);
        if (!session) {
          sessions.delete(change.sessionId);
          renderSessions();
          if (conversation?.id === change.sessionId) showEmpty();
        } else {
          upsertSession(session);
          if (conversation?.id === change.sessionId) conversation.setTitle(session.title);
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
  // Subscribed before the list loads: a session made meanwhile is in one or the other.
  watchSessions();
  updateComposer();
  try {
    await loadSessions();
    await loadWorkspaces(api, renderSessions);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      await api.dispose();
      api = null;
      return askForKey('The server refused this API key.');
    }
    showError(error);
  }
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
ui.newChat.addEventListener('click', () => {
  showSidebar(false);
  showEmpty();
});
ui.changeKey.addEventListener('click', () => askForKey());
for (const chip of document.querySelectorAll<HTMLButtonElement>('.suggestion')) {
  chip.addEventListener('click', () => {
    const text = chip.textContent?.trim();
    if (text && !ui.send.disabled) void send(text);
  });
}
ui.menu.addEventListener('click', () => showSidebar(!ui.layout.classList.contains('sidebar-open')));
ui.backdrop.addEventListener('click', () => showSidebar(false));
// Picking a chat (or a new one) in the drawer closes it.
ui.sessions.addEventListener('click', (e) => {
  if ((e.target as Element).closest('.session-link')) showSidebar(false);
});
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
