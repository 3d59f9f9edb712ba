import type { AppPubSub } from './pubsub.js';

type Listener = (workspaceId: string) => void;

/**
 * Who lost which workspace ('user:revoked', published by removeWorkspaceMember in any process):
 * one pub/sub subscription per user with open subscriptions in this process, shared by all of
 * them, instead of one per subscription.
 */
export class RevocationWatch {
  private readonly byUser = new Map<string, { listeners: Set<Listener>; stop(): void }>();

  constructor(private readonly pubsub: AppPubSub) {}

  /** Calls `onRevoked` with each workspace `userId` is removed from; returns the unwatch. */
  watch(userId: string, onRevoked: Listener): () => void {
    let entry = this.byUser.get(userId);
    if (!entry) {
      const signals = this.pubsub.subscribe('user:revoked', userId);
      const listeners = new Set<Listener>();
      // The loop's first next() runs now: Yoga's pub/sub listens from the first next() on.
      void (async () => {
        for await (const { workspaceId } of signals) {
          for (const listener of [...listeners]) listener(workspaceId);
        }
      })().catch(() => {});
      entry = { listeners, stop: () => void signals.return?.() };
      this.byUser.set(userId, entry);
    }
    const watched = entry;
    watched.listeners.add(onRevoked);
    return () => {
      watched.listeners.delete(onRevoked);
      if (watched.listeners.size > 0 || this.byUser.get(userId) !== watched) return;
      this.byUser.delete(userId);
      watched.stop();
    };
  }
}
