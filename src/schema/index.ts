import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './enums.js';
import './agent.js';
import './message.js';
import './turn.js';
import './session.js';
import './session-mutations.js';
import './viewer.js';
import './chat.js';
import './events.js';

export const schema = lexicographicSortSchema(builder.toSchema());
