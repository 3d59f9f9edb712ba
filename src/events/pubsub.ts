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

/** In-process by default; over Redis (Yoga's Redis event target) when several processes share the load. */
export function createAppPubSub(redis?: { publishClient: Redis; subscribeClient: Redis }) {
  return createPubSub<PubSubTopics>(
    redis
      ? {
          eventTarget: createRedisEventTarget({
            publishClient: redis.publishClient,
            subscribeClient: redis.subscribeClient,
          }),
        }
      : undefined,
  );
}

export type AppPubSub = ReturnType<typeof createAppPubSub>;
