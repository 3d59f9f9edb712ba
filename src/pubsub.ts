import { createPubSub } from 'graphql-yoga';

export type SessionChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

export interface SessionChangePayload {
  kind: SessionChangeKind;
  sessionId: string;
  at: string;
}

/** Topics named '<entity>:<event>' with the routing id first. */
export type PubSubTopics = {
  'user:sessions': [userId: string, change: SessionChangePayload];
  /** Asks whichever process runs the turn to stop it. */
  'turn:stop': [turnId: string, request: { reason: 'user' | 'deleted' }];
};

export function createAppPubSub() {
  return createPubSub<PubSubTopics>();
}

export type AppPubSub = ReturnType<typeof createAppPubSub>;
