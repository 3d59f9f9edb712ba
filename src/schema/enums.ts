import { MessageRole, SessionState, TurnStatus } from '../generated/prisma/enums.js';
import { builder } from './builder.js';

export const SessionStateEnum = builder.enumType(SessionState, {
  name: 'SessionState',
  description:
    'IDLE: ready; RUNNING: a turn is streaming; AWAITING_APPROVAL: a tool call waits for the user; EXPIRED: timed out.',
});
export const MessageRoleEnum = builder.enumType(MessageRole, { name: 'MessageRole' });
export const TurnStatusEnum = builder.enumType(TurnStatus, { name: 'TurnStatus' });
export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  values: ['ASC', 'DESC'] as const,
});
