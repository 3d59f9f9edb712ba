// The page's fixed elements, the debug record the browser tests read, and small layout helpers.
import type { ConnectionState } from './api.js';

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export const ui = {
  layout: byId('layout'),
  menu: byId<HTMLButtonElement>('menu'),
  backdrop: byId('backdrop'),
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

export const debug: ChatDebug = {
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

let toastTimer: ReturnType<typeof setTimeout> | undefined;

export function showError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  ui.toast.textContent = message;
  ui.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    ui.toast.hidden = true;
  }, 6000);
}

export function nearBottom(): boolean {
  const s = ui.scroller;
  return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
}

export function scrollToBottom() {
  ui.scroller.scrollTop = ui.scroller.scrollHeight;
}

/** The sidebar on a narrow screen: a drawer over the conversation, opened with the ☰ button. */
export function showSidebar(open: boolean) {
  ui.layout.classList.toggle('sidebar-open', open);
  ui.menu.setAttribute('aria-expanded', String(open));
  ui.backdrop.hidden = !open;
}
