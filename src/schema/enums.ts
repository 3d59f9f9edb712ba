import {
  MessageRole,
  ParticipantKind,
  SessionState,
  SessionStatus,
  TurnStatus,
  WorkspaceRole,
} from '../generated/prisma/enums.js';
import { builder } from './builder.js';

export const SessionStateEnum = builder.enumType(SessionState, {
  name: 'SessionState',
  description:
    'IDLE: ready; RUNNING: a turn is streaming; AWAITING_APPROVAL: a tool call waits for the user; EXPIRED: timed out.',
});
export const MessageRoleEnum = builder.enumType(MessageRole, { name: 'MessageRole' });
export const TurnStatusEnum = builder.enumType(TurnStatus, { name: 'TurnStatus' });
export const SessionStatusEnum = builder.enumType(SessionStatus, {
  name: 'SessionStatus',
  description:
    'The lifecycle, set by people (separate from the runtime `state`): ACTIVE, AWAITING_PEER, IDLE, COMPLETED, FAILED (a turn failed; sending again makes it ACTIVE).',
});
export const WorkspaceRoleEnum = builder.enumType(WorkspaceRole, {
  name: 'WorkspaceRole',
  description: 'OWNER: manages members and every session; MEMBER: sees, appends and sends.',
});
export const ParticipantKindEnum = builder.enumType(ParticipantKind, { name: 'ParticipantKind' });
export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  values: ['ASC', 'DESC'] as const,
});
