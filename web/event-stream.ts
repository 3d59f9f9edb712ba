// A conversation's sessionEvents subscription and its seq bookkeeping: every event is applied
// once, in order, from the seq the loaded history reflects; a gap asks for a reload.
import {
  SessionEventsDocument,
  type SessionEventsSubscription,
  type SessionEventsSubscriptionVariables,
} from '../client/generated/graphql.js';
import type { Api } from './api.js';
import { debug, showError } from './page.js';

export type SessionEvent = SessionEventsSubscription['sessionEvents'];

export interface EventStreamHandlers {
  /** An event to show: new, in order, not already in the loaded history. */
  apply(event: SessionEvent): void;
  /** Events were missed that the server no longer holds: reload the history, then `start` again. */
  resync(): void;
  /** The session no longer exists. */
  gone(): void;
}

export class EventStream {
  /** The highest seq applied: the afterSeq of every resubscription. */
  private lastSeq = 0;
  /** The seq the loaded history reflects: a gap after it means events were missed. */
  private snapshotSeq = 0;
  /** A turn running when the history was loaded: its events before snapshotSeq are replayed. */
  private replayTurnId: string | null = null;
  private readonly variables: SessionEventsSubscriptionVariables;
  private unsubscribe: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly api: Api,
    sessionId: string,
    private readonly handlers: EventStreamHandlers,
  ) {
    this.variables = { sessionId, afterSeq: 0 };
  }

  /**
   * Follows the events after the history loaded at `snapshotSeq`. A running turn's answer so far
   * is not stored yet: its events are replayed from the turn's start (afterSeq 0; the server
   * holds them), and of those before the snapshot only that turn's are applied.
   */
  start(snapshotSeq: number, runningTurnId: string | null) {
    debug.applied = [];
    this.snapshotSeq = snapshotSeq;
    this.replayTurnId = runningTurnId;
    this.lastSeq = runningTurnId ? 0 : snapshotSeq;
    this.variables.afterSeq = this.lastSeq;
    this.subscribe();
  }

  stop() {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  close() {
    this.closed = true;
    this.stop();
  }

  /**
   * graphql-ws re-sends this same payload after every reconnect, and `variables.afterSeq`
   * always holds the last seq applied: the server replays exactly what was missed.
   */
  private subscribe() {
    this.unsubscribe?.();
    this.unsubscribe = this.api.subscribe(SessionEventsDocument, this.variables, {
      next: (result) => {
        if (result.errors?.length) return showError(result.errors[0]?.message);
        if (result.data) this.onEvent(result.data.sessionEvents);
      },
      error: (error) => {
        if (this.closed) return;
        const message = Array.isArray(error) ? error[0]?.message : (error as Error)?.message;
        if (Array.isArray(error) && error.some((e) => e.extensions?.code === 'NOT_FOUND')) {
          showError('This chat no longer exists');
          return this.handlers.gone();
        }
        // A refused key is handled by the connection; anything else: resume shortly.
        if (debug.connection === 'refused') return;
        if (message) showError(message);
        setTimeout(() => !this.closed && this.subscribe(), 1000);
      },
      complete: () => {},
    });
  }

  private onEvent(event: SessionEvent) {
    if (this.closed) return;
    if (event.seq <= this.lastSeq) {
      debug.duplicates += 1;
      return;
    }
    if (event.seq > Math.max(this.lastSeq, this.snapshotSeq) + 1) {
      this.handlers.resync();
      return;
    }
    this.lastSeq = event.seq;
    this.variables.afterSeq = event.seq;
    // Replayed events the loaded history already shows (all but the running turn's).
    if (event.seq <= this.snapshotSeq && event.turnId !== this.replayTurnId) return;
    debug.applied.push(event.seq);
    this.handlers.apply(event);
  }
}
