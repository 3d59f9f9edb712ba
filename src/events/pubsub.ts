import { setMaxListeners } from 'node:events';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';

export type SessionChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

export interface SessionChangePayload {
  kind: SessionChangeKind;
  sessionId: string;
  at: string;
}

/** Topics named '<entity>:<event>' with the routing id first. */
export type PubSubTopics = {
  'user:sessions': [userId: string, change: SessionChangePayload];
  /** The user stopped being a member of the workspace: their subscriptions to its sessions end. */
  'user:revoked': [userId: string, revocation: { workspaceId: string }];
  /** Asks whichever process runs the turn to stop it. */
  'turn:stop': [turnId: string, request: { reason: 'user' | 'deleted' }];
};

/**
 * Yoga's Redis event target calls publish, subscribe and unsubscribe without handling their
 * promises: one under way when the connection closes (a subscription ending at shutdown) would be
 * an unhandled rejection. These calls report their failure instead.
 */
function reporting(client: Redis, onError: (err: Error) => void): Redis {
  const handled = new Set<PropertyKey>(['publish', 'subscribe', 'unsubscribe']);
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (!handled.has(prop)) return value.bind(target);
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        result?.catch?.(onError);
        return result;
      };
    },
  });
}

/** In-process by default; over Redis (Yoga's Redis event target) when several processes share the load. */
export function createAppPubSub(redis?: {
  publishClient: Redis;
  subscribeClient: Redis;
  onError: (err: Error) => void;
}) {
  if (redis) {
    return createPubSub<PubSubTopics>({
      eventTarget: createRedisEventTarget({
        publishClient: reporting(redis.publishClient, redis.onError),
        subscribeClient: reporting(redis.subscribeClient, redis.onError),
      }),
    });
  }
  // Node warns ("possible EventTarget memory leak") past 10 listeners of one topic; a user with
  // more than 10 tabs (or sockets) is not a leak, and every subscription is capped elsewhere.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return createPubSub<PubSubTopics>({ eventTarget });
}

export type AppPubSub = ReturnType<typeof createAppPubSub>;
