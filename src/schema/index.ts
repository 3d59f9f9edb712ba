import { lexicographicSortSchema } from 'graphql';
import { withResponseBudget } from '../limits/response-budget.js';
import { builder } from './builder.js';
import './enums.js';
import './agent.js';
import './message.js';
import './turn.js';
import './session.js';
import './session-mutations.js';
import './workspace.js';
import './workspace-mutations.js';
import './viewer.js';
import './chat.js';
import './branches.js';
import './transfer.js';
import './memory.js';
import './events.js';

// Every field counts toward the operation's response budget (RESPONSE_MAX_BYTES).
export const schema = withResponseBudget(lexicographicSortSchema(builder.toSchema()));
