import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { API_ERROR_CODES } from '../api/support.js';
import { collect, startTestApp, type TestApp, type TestUser } from '../helpers/app.js';

/**
 * A deterministic corpus of more than 10,000 malformed or hostile operations, over HTTP and raw
 * graphql-transport-ws frames, against one server holding another user's data. After every batch
 * the server still answers; no answer is a 5xx, leaks a stack trace or internals, or lacks an API
 * error code; the other user's data is never shown and is unchanged at the end.
 *
 * Known and accepted: graphql-ws closes with 4500 ("Unexpected message of type next received")
 * when a client sends a message type only a server sends (next, error, connection_ack): the
 * library's choice, with no internal detail. Yoga answers a body that is not JSON with
 * `extensions.originalError: { name: "SyntaxError", message }` (JSON.parse's message about the
 * client's own body); answers without a GraphQL body are 4xx from the HTTP layer (404 unknown
 * path, 415 unsupported content type, 431 headers too large).
 */

const SEED = 20261123;
const SECRET = 'hostile-input-secret-of-at-least-32-chars!';
const HTTP_OPERATIONS = 5000;
const WS_SINGLE_SCRIPTS = 300;
const WS_BULK_CONNECTIONS = 45;
const WS_BULK_MESSAGES = 100;
const CONCURRENCY = 20;
const BATCH = 1000;

const API_CODES = new Set<string>(API_ERROR_CODES);
/** Stack frames, file paths, the ORM and the database speaking. */
const LEAK =
  /\n\s*at \S|\(\/[^)\s]*:\d+:\d+\)|node_modules|PrismaClient|Invalid `|\/work\/main|\bsrc\/[\w/-]+\.ts|invalid input syntax|\bP20\d\d\b|ECONNREFUSED|pglite/i;

// ---------------------------------------------------------------------------------------------
// A deterministic generator

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const chance = (p: number) => random() < p;
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const ODD_CHARS = [
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\u202e',
  '\u202d',
  '\u200f',
  '\u200b',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\u0301',
  '\u0647',
  '\u05d0',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '\r\n',
  '\t',
  '"',
  '\\',
  "'",
  '`',
  '$',
  '{',
  '}',
  '%',
  '_',
  '<',
  '>',
  '&',
  'é',
  'ß',
  '中',
];
const ODD_STRINGS = [
  '',
  ' ',
  '   \t\n ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'a\udc00b',
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  'e\u0301'.repeat(200),
  '👩‍👩‍👧‍👦'.repeat(50),
  "' OR '1'='1",
  '\'; DROP TABLE "Session"; --',
  '" OR ""="',
  '%_%\\',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style probe, meant literally
  '${jndi:ldap://example.invalid/a}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '../../../../etc/passwd',
  '\\u0000',
  '{"a":1}',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'toString',
  '-1',
  '0x7fffffff',
  '1e309',
  'true',
  '\r\n\r\nHTTP/1.1 200 OK',
];

function oddString(max = 300): string {
  if (chance(0.3)) return pick(ODD_STRINGS);
  const length = int(0, max);
  let s = '';
  while (s.length < length) {
    s += chance(0.5) ? pick(ODD_CHARS) : String.fromCharCode(int(0x20, 0x7e));
  }
  return s;
}

/** Near and past the documented limits; rare, they are big. */
function bigString(): string {
  const unit = pick(['a', 'é', '中', '\u200b', '👍', ' ']);
  const length = pick([128, 129, 255, 256, 1000, 16_385, 99_999, 100_000, 100_001]);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const deepJson = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = chance(0.5) ? [value] : { a: value };
  return value;
};

// ---------------------------------------------------------------------------------------------
// The operations

interface Fixture {
  victim: TestUser;
  attacker: TestUser;
  /** Global ids of the victim's session, messages and turn. */
  foreign: { session: string; messages: string[]; turn: string };
  own: { session: string; message: string; turn: string };
  agent: string;
}

let fx: Fixture;

function anyId(): unknown {
  const uuid = randomUUIDFrom();
  const kinds: (() => unknown)[] = [
    () => fx.foreign.session,
    () => pick(fx.foreign.messages),
    () => fx.foreign.turn,
    () => fx.own.session,
    () => fx.own.message,
    () => fx.own.turn,
    () => fx.agent,
    () => encodeGlobalID(pick(['Session', 'Message', 'Turn', 'Agent', 'User', 'Nope', '']), uuid),
    () => encodeGlobalID('Session', oddString(40)),
    () => encodeGlobalID(oddString(20), uuid),
    () => Buffer.from(oddString(60)).toString('base64'),
    () => uuid,
    () => oddString(80),
    () => 'U2Vzc2lvbjo=',
    () => `${fx.foreign.session}=`,
    () => fx.foreign.session.toLowerCase(),
    () => encodeGlobalID('Session', `${uuid}' OR '1'='1`),
    () => 'x'.repeat(int(100, 10_000)),
    () => wrongType(),
  ];
  return pick(kinds)();
}

/** A uuid from the seeded generator, so the corpus is the same on every run. */
function randomUUIDFrom(): string {
  const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function wrongType(): unknown {
  return pick<() => unknown>([
    () => int(-5, 5),
    () => pick([0.5, -1e308, 1e308, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1]),
    () => chance(0.5),
    () => null,
    () => [],
    () => [oddString(10), [1, [2]]],
    () => ({}),
    () => ({ a: oddString(10) }),
    () => deepJson(int(2, 50)),
  ])();
}

function anyString(): unknown {
  if (chance(0.02)) return bigString();
  if (chance(0.1)) return wrongType();
  return oddString();
}

function anyInt(): unknown {
  return pick([
    0,
    -1,
    1,
    20,
    100,
    101,
    500,
    501,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    1.5,
    '5',
    true,
    null,
  ]);
}

function anyJson(): unknown {
  return pick<() => unknown>([
    () => ({}),
    () => ({ [oddString(20)]: oddString(40) }),
    () => JSON.parse('{"__proto__": {"polluted": true}}'),
    () => JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
    () => ({ big: 'x'.repeat(int(16_000, 17_000)) }),
    () => deepJson(int(10, 3000)),
    () => ({ list: Array.from({ length: int(1, 5000) }, (_, i) => i) }),
    () => ({ nested: { a: { b: { c: [1, 'two', null, true, { d: oddString(20) }] } } } }),
    () => wrongType(),
    () => oddString(50),
  ])();
}

function cursor(): unknown {
  return pick<() => unknown>([
    () =>
      Buffer.from(
        JSON.stringify(['sessions:updatedAt:desc', new Date().toISOString(), randomUUIDFrom()]),
      ).toString('base64url'),
    () =>
      Buffer.from(JSON.stringify(['messages', '0001-01-01T00:00:00.000Z', "' OR 1=1"])).toString(
        'base64url',
      ),
    () => Buffer.from(JSON.stringify([1, 2, 3, 4])).toString('base64url'),
    () => Buffer.from(JSON.stringify(deepJson(100))).toString('base64url'),
    () => Buffer.from(oddString(80)).toString('base64url'),
    () => oddString(80),
    () => wrongType(),
  ])();
}

const anyEnum = () =>
  pick([
    'USER',
    'user',
    'ASSISTANT',
    'SYSTEM',
    'NOPE',
    '',
    'UPDATED_AT',
    'ASC',
    'DESC',
    'RETURN',
    'ERROR',
    'IDLE',
    'EXPIRED',
    '__proto__',
    1,
    null,
  ]);

function subset(fields: Record<string, () => unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, make] of Object.entries(fields)) if (chance(0.5)) out[name] = make();
  if (chance(0.1)) out[oddString(12) || 'unknownField'] = oddString(10);
  return out;
}

const timeout = () =>
  chance(0.2)
    ? wrongType()
    : subset({
        timeoutMinutes: anyInt,
        autoRenew: () => pick([true, false, 'yes', null]),
        maxDurationMinutes: anyInt,
        warningThresholdMinutes: anyInt,
      });

const SLOTS: Record<string, () => unknown> = {
  id: anyId,
  string: anyString,
  int: anyInt,
  bool: () => pick([true, false, 'true', 0, 1, null]),
  enum: anyEnum,
  cursor,
  ids: () =>
    chance(0.1)
      ? wrongType()
      : Array.from({ length: pick([0, 1, 2, 3, 101, 150]) }, () =>
          chance(0.5) ? anyId() : fx.own.session,
        ),
  createInput: () =>
    chance(0.1)
      ? wrongType()
      : subset({
          title: anyString,
          key: anyString,
          agentId: anyId,
          metadata: anyJson,
          timeout,
          ifKeyExists: anyEnum,
        }),
  updateInput: () => ({
    id: anyId(),
    ...subset({
      title: anyString,
      metadata: anyJson,
      archived: SLOTS.bool!,
      agentId: anyId,
      timeout,
    }),
  }),
  sendInput: () =>
    chance(0.1)
      ? wrongType()
      : {
          text: anyString(),
          ...subset({ sessionId: anyId, clientMessageId: anyString, agentId: anyId }),
        },
  filter: () =>
    chance(0.1)
      ? wrongType()
      : subset({
          agentId: anyId,
          archived: SLOTS.bool!,
          state: anyEnum,
          keyPrefix: anyString,
          search: anyString,
          metadata: anyJson,
          updatedAfter: () =>
            pick([
              '2020-01-01T00:00:00Z',
              '99999-01-01T00:00:00Z',
              'not a date',
              -1,
              oddString(20),
            ]),
          updatedBefore: () => pick(['1970-01-01T00:00:00Z', '', '2020-13-45T99:99:99Z', 1e20]),
        }),
  order: () => (chance(0.2) ? wrongType() : subset({ field: anyEnum, direction: anyEnum })),
};

const TEMPLATES: { query: string; vars: Record<string, keyof typeof SLOTS> }[] = [
  {
    query:
      'query($id: ID) { session(id: $id) { id title metadata messages(first: 5) { edges { node { id text } } } } }',
    vars: { id: 'id' },
  },
  { query: 'query($key: String) { session(key: $key) { id title } }', vars: { key: 'string' } },
  {
    query:
      'query($id: ID!) { node(id: $id) { __typename id ... on Session { title } ... on Message { text } ... on Turn { status } } }',
    vars: { id: 'id' },
  },
  {
    query: `query($first: Int, $after: String, $last: Int, $before: String, $filter: SessionFilter, $orderBy: SessionOrder) {
      sessions(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
        totalCount edges { cursor node { id title } } pageInfo { hasNextPage endCursor }
      }
    }`,
    vars: {
      first: 'int',
      after: 'cursor',
      last: 'int',
      before: 'cursor',
      filter: 'filter',
      orderBy: 'order',
    },
  },
  {
    query:
      'query($id: ID, $first: Int, $after: String, $last: Int) { session(id: $id) { messages(first: $first, after: $after, last: $last) { edges { cursor node { id } } } } }',
    vars: { id: 'id', first: 'int', after: 'cursor', last: 'int' },
  },
  {
    query:
      'mutation($input: CreateSessionInput!) { createSession(input: $input) { session { id title key metadata } created } }',
    vars: { input: 'createInput' },
  },
  {
    query:
      'mutation($id: ID!, $title: String!) { renameSession(input: { id: $id, title: $title }) { session { id title } } }',
    vars: { id: 'id', title: 'string' },
  },
  {
    query:
      'mutation($input: UpdateSessionInput!) { updateSession(input: $input) { session { id title metadata archived } } }',
    vars: { input: 'updateInput' },
  },
  {
    query: 'mutation($id: ID!) { deleteSession(input: { id: $id }) { deletedSessionId } }',
    vars: { id: 'id' },
  },
  {
    query: 'mutation($ids: [ID!]!) { deleteSessions(input: { ids: $ids }) { deletedSessionIds } }',
    vars: { ids: 'ids' },
  },
  {
    query: 'mutation($id: ID!) { renewSession(input: { id: $id }) { session { id expiresAt } } }',
    vars: { id: 'id' },
  },
  {
    query:
      'mutation($sessionId: ID!, $role: MessageRole, $text: String!) { appendMessage(input: { sessionId: $sessionId, role: $role, text: $text }) { message { id text } } }',
    vars: { sessionId: 'id', role: 'enum', text: 'string' },
  },
  {
    query:
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { session { id } turn { id status } } }',
    vars: { input: 'sendInput' },
  },
  {
    query: 'mutation($id: ID!) { stopTurn(input: { sessionId: $id }) { turn { id status } } }',
    vars: { id: 'id' },
  },
  {
    query:
      'mutation($turnId: ID!, $toolCallId: String!, $approved: Boolean!, $reason: String) { respondToApproval(input: { turnId: $turnId, toolCallId: $toolCallId, approved: $approved, reason: $reason }) { turn { id } } }',
    vars: { turnId: 'id', toolCallId: 'string', approved: 'bool', reason: 'string' },
  },
  { query: '{ viewer { id name } agents { id name tools } health { status } }', vars: {} },
];

const SLOT_NAMES = Object.keys(SLOTS);

/** A template with hostile values: mostly of the right kind, sometimes of any kind. */
function hostileVariables(): { query: string; variables: Record<string, unknown> } {
  const template = pick(TEMPLATES);
  const variables: Record<string, unknown> = {};
  for (const [name, slot] of Object.entries(template.vars)) {
    if (chance(0.05)) continue;
    variables[name] = (SLOTS[chance(0.8) ? slot : pick(SLOT_NAMES)] as () => unknown)();
  }
  if (chance(0.05)) variables[oddString(10) || 'extra'] = wrongType();
  return { query: template.query, variables };
}

/** A GraphQL string literal holding `value` (JSON's escapes are GraphQL's too). */
const literal = (value: string) => JSON.stringify(value);

function brokenSyntax(): string {
  const source = pick(TEMPLATES).query;
  return pick<() => string>([
    () => source.slice(0, int(0, source.length - 1)),
    () => {
      const at = int(0, source.length);
      return (
        source.slice(0, at) +
        pick([
          '{',
          '}',
          '(',
          ')',
          '[',
          ']',
          ':',
          '$',
          '@',
          '!',
          '...',
          '"',
          '\\',
          '#',
          '&',
          '|',
          '=',
          '\u0000',
          '\ud800',
        ]) +
        source.slice(at)
      );
    },
    () => {
      const at = int(0, source.length - 1);
      return source.slice(0, at) + source.slice(at + 1);
    },
    () => source.replace(/[{}]/g, (c) => (chance(0.3) ? (c === '{' ? '}' : '{') : c)),
    () => oddString(400),
    () => '{'.repeat(int(1, 5000)),
    () => `query { ${'"'.repeat(int(1, 10))} }`,
    () => `{ session(id: ${literal(oddString(30))}) { id } }`,
    () => `{ session(id: """${oddString(60).replace(/"""/g, '')}""") { id } }`,
    () =>
      `mutation { createSession(input: { title: ${literal(oddString(80))}, metadata: { ${literal(oddString(10))}: 1 } }) { session { id } } }`,
    () =>
      `{ sessions(first: ${pick(['1e400', '-0', '0x10', '1_000', '9'.repeat(40), 'NaN', 'null', '"1"'])}) { totalCount } }`,
    () => `{ health { status } } ${oddString(50)}`,
    () => `#${oddString(100)}\n{ health { status } }`,
    () => `query ${oddString(20)} { health { status } }`,
  ])();
}

function deepOperation(): string {
  const depth = pick([13, 14, 20, 50, 300, 1000]);
  return pick<() => string>([
    () => {
      const chain = ['session(id: $id)', 'lastMessage'];
      while (chain.length < depth - 1) chain.push(chain.length % 2 === 0 ? 'turn' : 'userMessage');
      return `query($id: ID) { ${chain.reduceRight((inner, f) => `${f} { ${inner} }`, 'id')} }`;
    },
    () => `{ sessions(first: ${'['.repeat(depth)}1${']'.repeat(depth)}) { totalCount } }`,
    () =>
      `{ sessions(filter: { metadata: ${'{ a: '.repeat(depth)}1${' }'.repeat(depth)} }) { totalCount } }`,
    () => {
      const fragments = Array.from({ length: depth }, (_, i) =>
        i === depth - 1
          ? `fragment F${i} on Query { health { status } }`
          : `fragment F${i} on Query { ...F${i + 1} }`,
      );
      return `{ ...F0 } ${fragments.join(' ')}`;
    },
    () =>
      `{ __schema { types { ${'fields { type { ofType { '.repeat(Math.min(depth, 50))}name${' } } }'.repeat(Math.min(depth, 50))} } } }`,
  ])();
}

function unknownOperation(): { query: string; operationName?: unknown } {
  return pick<() => { query: string; operationName?: unknown }>([
    () => ({ query: '{ nope }' }),
    () => ({ query: '{ viewer { nope password hash } }' }),
    () => ({ query: '{ session(nope: 1) { id } }' }),
    () => ({ query: '{ ... on Nope { id } }' }),
    () => ({ query: '{ viewer @nope { id } }' }),
    () => ({
      query: 'query Q { health { status } }',
      operationName: pick(['X', '', 5, null, oddString(10)]),
    }),
    () => ({ query: '{ health { status } } { viewer { id } }' }),
    () => ({
      query: 'query A { health { status } } query A { health { status } }',
      operationName: 'A',
    }),
    () => ({ query: 'mutation { nope }' }),
    () => ({ query: 'subscription { nope }' }),
    () => ({ query: 'subscription { sessionEvents(sessionId: 5) { seq } }' }),
    () => ({ query: '{ health(x: 1) { status } }' }),
    () => ({ query: 'query($x: Nope) { health { status } }' }),
    () => ({ query: '{ session(id: $undefined) { id } }' }),
    () => ({ query: 'query($x: Int) { health { status } }' }),
    () => ({
      query: '{ sessions { edges { node { messages { edges { node { parts { text } } } } } } } }',
    }),
    () => ({ query: `{ ${oddString(20).replace(/[^_a-zA-Z]/g, '') || 'x'} }` }),
    () => ({ query: '' }),
    () => ({ query: '   ' }),
  ])();
}

function introspectionAbuse(): string {
  return pick<() => string>([
    () => '{ __schema { types { name fields { name args { name type { name } } } } } }',
    () => `{ __type(name: ${literal(oddString(40))}) { name fields { name } } }`,
    () => `{ ${Array.from({ length: int(21, 200) }, (_, i) => `t${i}: __typename`).join(' ')} }`,
    () => `{ ${'__typename '.repeat(int(100, 4000))}}`,
    () => '{ __schema { ...S } } fragment S on __Schema { ...S }',
    () => '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    () => `{ health ${'@include(if: true) '.repeat(int(21, 100))}{ status } }`,
    () =>
      `{ ${Array.from({ length: int(5, 20) }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`,
    () => '{ __schema { directives { name args { name } } queryType { fields { name } } } }',
    () =>
      `{ __typename ${Array.from({ length: 30 }, () => '...on Query { __typename }').join(' ')} }`,
  ])();
}

const AUTH_HEADERS = () =>
  pick<() => string>([
    () => '',
    () => 'Bearer',
    () => 'Bearer   ',
    () => `Basic ${Buffer.from('a:b').toString('base64')}`,
    () =>
      `Bearer ${Array.from({ length: int(1, 300) }, () => String.fromCharCode(int(0x21, 0x7e))).join('')}`,
    () => 'Bearer a.b.c',
    () => 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ2aWN0aW0ifQ.',
    () => `Bearer csk_${'A'.repeat(32)}`,
    () => `bearer ${fx.attacker.key}`,
    () => `Bearer ${fx.attacker.key} trailing`,
    () => `Bearer ${fx.attacker.key.slice(0, -1)}`,
    () => `Bearer ${'x'.repeat(int(201, 8000))}`,
    () =>
      `Bearer ${'a'.repeat(int(10, 2000))}.${'b'.repeat(int(10, 2000))}.${'c'.repeat(int(0, 100))}`,
  ])();

interface HttpOperation {
  kind: string;
  method: string;
  path?: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
  /** Must be refused with exactly this status. */
  status?: number;
}

const jsonPost = (kind: string, payload: unknown, auth = true): HttpOperation => ({
  kind,
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    ...(auth ? { authorization: `Bearer ${fx.attacker.key}` } : {}),
  },
  body: JSON.stringify(payload),
});

async function signedJwts(): Promise<string[]> {
  const other = new TextEncoder().encode(`${SECRET}-other`);
  const ours = new TextEncoder().encode(SECRET);
  return [
    await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('victim')
      .setExpirationTime('5m')
      .sign(other),
    await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('victim')
      .setExpirationTime('5m')
      .sign(ours),
    await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x'.repeat(300))
      .setExpirationTime('5m')
      .sign(ours),
    await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a\u0000b')
      .setExpirationTime('5m')
      .sign(ours),
    await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('expired')
      .setExpirationTime(1)
      .sign(ours),
  ];
}

/** Every byte percent-encoded (a lone surrogate becomes U+FFFD, as in any UTF-8 encoder). */
const uri = (value: string) =>
  [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function httpLevel(jwts: string[]): HttpOperation {
  const auth = { authorization: `Bearer ${fx.attacker.key}` };
  const health = JSON.stringify({ query: '{ health { status } }' });
  return pick<() => HttpOperation>([
    () => ({
      kind: 'http:bad-json',
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: pick([
        '',
        'null',
        '[]',
        '[1,2]',
        '"string"',
        '123',
        '{',
        '{"query": 1}',
        '{"query": null}',
        '{"query": "{ health { status } }", "variables": "x"}',
        '{"query": "{ health { status } }", "variables": [1]}',
        '{"query": "{ health { status } }", "operationName": 5}',
        '{"query": "{ health { status } }", "extensions": "x"}',
        '{"query": "{ health { status } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
        '{"query": NaN}',
        `${health} trailing`,
        `\ufeff${health}`,
        '{"query": "{ health { status } }", "query": "{ viewer { id } }"}',
        `{"query": "{ health { status } }", "variables": {"a": ${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
      ]),
    }),
    () => ({
      kind: 'http:bytes',
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: new Uint8Array(Array.from({ length: int(1, 200) }, () => int(0, 255))),
    }),
    () => ({
      kind: 'http:content-type',
      method: 'POST',
      headers: {
        'content-type': pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'multipart/form-data',
          'application/graphql',
          'application/json; charset=utf-16',
          'application/json; charset=latin1',
          'application/xml',
          '*/*',
          'application/graphql-response+json',
        ]),
        ...auth,
      },
      body: pick([
        health,
        'query=%7B%20health%20%7B%20status%20%7D%20%7D',
        '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--',
        oddString(100),
      ]),
    }),
    () => ({
      kind: 'http:method',
      method: pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']),
      headers: { 'content-type': 'application/json', ...auth },
      body: health,
    }),
    () => ({
      kind: 'http:get',
      method: 'GET',
      path: `/graphql?${pick([
        `query=${uri(brokenSyntax())}`,
        `query=${uri('{ viewer { id } }')}&variables=${uri(oddString(50))}`,
        `query=${uri('mutation { createSession(input: {}) { session { id } } }')}`,
        `query=${uri('{ health { status } }')}&operationName=${uri(oddString(20))}`,
        `query=${uri(`{ ${'__typename '.repeat(int(100, 1500))}}`)}`,
        'query=%E0%A4%A',
        'query=%00',
        'query[]=1&query[]=2',
        '',
      ])}`,
      headers: { 'x-graphql-yoga-csrf': '1', ...auth },
    }),
    () => ({
      kind: 'http:path',
      method: 'POST',
      path: pick([
        '/graphql/',
        '/GRAPHQL',
        '/graphql/../health',
        '/%00',
        '/graphql%00',
        '/metrics',
        '/',
        '/graphql;x',
      ]),
      headers: { 'content-type': 'application/json', ...auth },
      body: health,
    }),
    () => ({
      ...jsonPost('http:jwt', { query: '{ viewer { id name } }' }, false),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pick(jwts)}` },
    }),
  ])();
}

function oversized(): HttpOperation {
  const bytes = int(1024 * 1024 + 1, 3 * 1024 * 1024);
  const body = JSON.stringify({
    query: '{ health { status } }',
    variables: { pad: 'x'.repeat(bytes) },
  });
  if (chance(0.5)) return { ...jsonPost('oversized', null), body, status: 413 };
  return {
    ...jsonPost('oversized:chunked', null),
    status: 413,
    body: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const data = new TextEncoder().encode(body);
          for (let i = 0; i < data.length; i += 256 * 1024)
            controller.enqueue(data.slice(i, i + 256 * 1024));
          controller.close();
        },
      }),
  };
}

function httpCorpus(jwts: string[]): HttpOperation[] {
  const ops: HttpOperation[] = [];
  for (let i = 0; i < HTTP_OPERATIONS; i += 1) {
    const r = random();
    if (i % 400 === 399) ops.push(oversized());
    else if (r < 0.3) ops.push(jsonPost('variables', hostileVariables()));
    else if (r < 0.45) ops.push(jsonPost('syntax', { query: brokenSyntax() }));
    else if (r < 0.53)
      ops.push(jsonPost('deep', { query: deepOperation(), variables: { id: anyId() } }));
    else if (r < 0.61) ops.push(jsonPost('unknown', unknownOperation()));
    else if (r < 0.69)
      ops.push(jsonPost('introspection', { query: introspectionAbuse() }, chance(0.5)));
    else if (r < 0.82) ops.push(httpLevel(jwts));
    else if (r < 0.92) {
      ops.push({
        ...jsonPost(
          'auth',
          chance(0.5) ? { query: '{ viewer { id name } }' } : hostileVariables(),
          false,
        ),
        headers: { 'content-type': 'application/json', authorization: AUTH_HEADERS() },
      });
    } else ops.push(jsonPost('no-auth', hostileVariables(), false));
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Checking answers

const violations: string[] = [];
const statuses = new Map<string, number>();
const codes = new Map<string, number>();
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

function describeOp(op: { kind: string; method?: string; path?: string; body?: unknown }): string {
  const body = typeof op.body === 'string' ? op.body : '';
  return `${op.kind} ${op.method ?? ''} ${op.path ?? ''} ${body.slice(0, 200)}`;
}

function checkText(text: string, what: string) {
  if (LEAK.test(text)) violations.push(`leak in ${what}: ${text.slice(0, 300)}`);
  if (text.includes(MARK)) violations.push(`another user's data in ${what}: ${text.slice(0, 300)}`);
}

function checkErrors(errors: unknown, what: string) {
  if (errors === undefined) return;
  if (!Array.isArray(errors)) {
    violations.push(`errors is not a list in ${what}`);
    return;
  }
  for (const error of errors as { message?: unknown; extensions?: Record<string, any> }[]) {
    const code = error?.extensions?.code;
    count(codes, String(code));
    if (typeof code !== 'string' || !API_CODES.has(code)) {
      violations.push(
        `error without an API code in ${what}: ${JSON.stringify(error).slice(0, 300)}`,
      );
    }
    if (code === 'INTERNAL_SERVER_ERROR') {
      violations.push(`INTERNAL_SERVER_ERROR for ${what}: ${JSON.stringify(error).slice(0, 300)}`);
      if (error.message !== 'Internal server error')
        violations.push(`unmasked internal error in ${what}`);
    }
    for (const key of ['stack', 'stacktrace', 'exception']) {
      if (error?.extensions && key in error.extensions) violations.push(`${key} in ${what}`);
    }
    const original = error?.extensions?.originalError;
    if (
      original &&
      !(error.message === 'POST body sent invalid JSON.' && original.name === 'SyntaxError')
    ) {
      violations.push(`originalError in ${what}: ${JSON.stringify(error).slice(0, 300)}`);
    }
  }
}

let MARK = '';

async function send(t: TestApp, op: HttpOperation) {
  const url = new URL(op.path ?? '/graphql', t.url);
  const body = typeof op.body === 'function' ? op.body() : op.body;
  let res: Response;
  try {
    res = await fetch(url, {
      method: op.method,
      headers: op.headers,
      body,
      signal: AbortSignal.timeout(20_000),
      ...(typeof op.body === 'function' ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    const why = [(error as Error).message, cause?.code ?? cause?.message].filter(Boolean);
    violations.push(`no answer (${why.join(': ')}) to ${describeOp(op)}`);
    return;
  }
  const text = await res.text();
  count(statuses, String(res.status));
  const what = `${res.status} answer to ${describeOp(op)}`;
  if (res.status >= 500) violations.push(`5xx: ${what}: ${text.slice(0, 300)}`);
  if (op.status && res.status !== op.status) violations.push(`expected ${op.status}: ${what}`);
  checkText(text, what);
  if ((res.headers.get('content-type') ?? '').includes('json') && text) {
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      violations.push(`invalid JSON in ${what}`);
      return;
    }
    if (url.pathname === '/graphql' && json && typeof json === 'object') {
      if (!('errors' in json) && !('data' in json))
        violations.push(`neither data nor errors: ${what}`);
      checkErrors(json.errors, what);
    }
  } else if (res.status < 400 && op.method !== 'OPTIONS' && url.pathname === '/graphql') {
    violations.push(`a ${res.status} without JSON: ${what}: ${text.slice(0, 100)}`);
  }
}

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await run(item);
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// WebSocket

interface WsScript {
  kind: string;
  /** connection_init payload; null sends none. */
  init: unknown | null;
  frames: (string | Buffer)[];
  /** Close codes this script may end with (besides our own 1000 / 1005). */
  expectClose?: number[];
  protocol?: string;
}

const subscribe = (id: string, payload: unknown) =>
  JSON.stringify({ id, type: 'subscribe', payload });

function wsPayload(): unknown {
  const r = random();
  if (r < 0.4) return hostileVariables();
  if (r < 0.5) return { query: brokenSyntax() };
  if (r < 0.55) return { query: deepOperation(), variables: { id: anyId() } };
  if (r < 0.65) {
    // graphql-ws refuses a non-string operationName as a malformed message (4400): see ws:bad-message.
    const { query, operationName } = unknownOperation();
    return typeof operationName === 'string' ? { query, operationName } : { query };
  }
  if (r < 0.72) return { query: introspectionAbuse() };
  return {
    query: pick([
      'subscription($id: ID!, $after: Int) { sessionEvents(sessionId: $id, afterSeq: $after) { seq } }',
      'subscription($id: ID!) { sessionEvents(sessionId: $id) { seq ... on TextDelta { delta } } }',
      'subscription { sessionsChanged { kind sessionId session { title } } }',
    ]),
    variables: { id: anyId(), after: anyInt() },
  };
}

function wsCorpus(): WsScript[] {
  const init = { type: 'connection_init', payload: { authorization: `Bearer ${fx.attacker.key}` } };
  const scripts: WsScript[] = [];
  for (let i = 0; i < WS_SINGLE_SCRIPTS; i += 1) {
    scripts.push(
      pick<() => WsScript>([
        () => ({
          kind: 'ws:garbage',
          init,
          frames: [
            pick([
              'not json',
              '',
              '{',
              '[]',
              'null',
              '123',
              '"x"',
              '{"type":123}',
              '{}',
              oddString(200),
            ]),
          ],
          expectClose: [4400],
        }),
        () => ({
          kind: 'ws:binary',
          init,
          frames: [Buffer.from(Array.from({ length: int(1, 300) }, () => int(0, 255)))],
          expectClose: [4400],
        }),
        () => ({
          kind: 'ws:bad-message',
          init,
          frames: [
            JSON.stringify(
              pick([
                { type: 'nope' },
                { type: 'subscribe' },
                { type: 'subscribe', id: 5, payload: { query: '{ health { status } }' } },
                { type: 'subscribe', id: '1' },
                { type: 'subscribe', id: '1', payload: { query: 5 } },
                {
                  type: 'subscribe',
                  id: '1',
                  payload: { query: '{ health { status } }', variables: [1] },
                },
                {
                  type: 'subscribe',
                  id: '1',
                  payload: { query: '{ health { status } }', extensions: 'x' },
                },
                { type: 'connection_ack' },
                { type: 'next', id: '1', payload: {} },
                { type: 'error', id: '1', payload: [] },
              ]),
            ),
          ],
          expectClose: [4400],
        }),
        () => ({
          kind: 'ws:before-init',
          init: null,
          frames: [subscribe('1', { query: '{ health { status } }' })],
          expectClose: [4401],
        }),
        () => ({
          kind: 'ws:double-init',
          init,
          frames: [JSON.stringify(init)],
          expectClose: [4429],
        }),
        () => ({
          kind: 'ws:duplicate-id',
          init,
          frames: [
            subscribe('same', { query: 'subscription { sessionsChanged { kind } }' }),
            subscribe('same', { query: 'subscription { sessionsChanged { kind } }' }),
          ],
          expectClose: [4409],
        }),
        () => ({
          kind: 'ws:bad-init',
          init: {
            type: 'connection_init',
            payload: pick([
              'x',
              [1],
              {},
              { authorization: 123 },
              { authorization: AUTH_HEADERS() },
              { headers: { Authorization: AUTH_HEADERS() } },
              { authorization: `Bearer ${fx.attacker.key}`.repeat(100) },
              deepJson(500),
            ]),
          },
          frames: [],
          expectClose: [4400, 4403],
        }),
        () => ({
          kind: 'ws:huge',
          init,
          frames: ['x'.repeat(1024 * 1024 + int(1, 1000))],
          expectClose: [1009],
        }),
        () => ({
          kind: 'ws:protocol',
          init,
          frames: [],
          protocol: pick(['graphql-ws', 'nope', '']),
          // No subprotocol asked: graphql-ws closes with 4406. An unknown one: the server picks
          // none and the client itself drops the handshake (1006).
          expectClose: [4406, 1002, 1006],
        }),
        () => ({
          kind: 'ws:polite',
          init,
          frames: [
            JSON.stringify({ type: 'ping' }),
            JSON.stringify({ type: 'pong' }),
            JSON.stringify({ type: 'complete', id: 'unknown' }),
            subscribe('ok', hostileVariables()),
          ],
        }),
      ])(),
    );
  }
  for (let c = 0; c < WS_BULK_CONNECTIONS; c += 1) {
    const frames = Array.from({ length: WS_BULK_MESSAGES }, (_, i) =>
      subscribe(`s${i}`, wsPayload()),
    );
    scripts.push({ kind: 'ws:bulk', init, frames });
  }
  return scripts;
}

function runScript(t: TestApp, script: WsScript): Promise<number> {
  return new Promise((resolve) => {
    const url = t.url.replace(/^http/, 'ws');
    const socket =
      script.protocol === ''
        ? new WebSocket(url)
        : new WebSocket(url, script.protocol ?? 'graphql-transport-ws');
    const pending = new Set<string>();
    let closed = false;
    let idle: NodeJS.Timeout | undefined;
    const what = () => `${script.kind} ${String(script.frames[0] ?? '').slice(0, 150)}`;
    const done = (code: number) => {
      if (closed) return;
      closed = true;
      clearTimeout(idle);
      clearTimeout(limit);
      resolve(code);
    };
    // Closing: the server's close frame ends it (ws gives up after 30 s: 1006, a violation).
    const stop = () => {
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    };
    const quiet = () => {
      clearTimeout(idle);
      idle = setTimeout(stop, 400);
    };
    const limit = setTimeout(stop, 15_000);
    socket.on('open', () => {
      if (script.init !== null) socket.send(JSON.stringify(script.init));
      else for (const frame of script.frames) socket.send(frame);
      quiet();
    });
    socket.on('message', (data) => {
      const text = String(data);
      checkText(text, `ws ${what()}`);
      let message: any;
      try {
        message = JSON.parse(text);
      } catch {
        violations.push(`ws: a frame that is not JSON after ${what()}`);
        return;
      }
      if (message.type === 'connection_ack') {
        for (const frame of script.frames) {
          socket.send(frame);
          const id = /"id":"([^"]+)","type":"subscribe"/.exec(String(frame))?.[1];
          if (id) pending.add(id);
        }
      }
      if (message.type === 'error') checkErrors(message.payload, `ws error after ${what()}`);
      if (message.type === 'next') checkErrors(message.payload?.errors, `ws next after ${what()}`);
      if (message.type === 'error' || message.type === 'complete') pending.delete(message.id);
      quiet();
    });
    socket.on('close', (code, reason) => {
      count(statuses, `ws:${code}`);
      checkText(String(reason), `ws close reason after ${what()}`);
      const serverBound = /^Unexpected message of type (next|error|connection_ack) received$/;
      if (code === 4500 && script.kind === 'ws:bad-message' && serverBound.test(String(reason))) {
        // graphql-ws' own answer to a client sending a server's message type (see above).
      } else if (code === 4500 || code === 1011) {
        violations.push(`ws closed ${code} (${reason}) after ${what()}`);
      }
      if (code === 4500 || code === 1011) {
        // reported above
      } else if (script.expectClose && ![...script.expectClose, 1000, 1005].includes(code)) {
        violations.push(`ws closed ${code} (${reason}), expected ${script.expectClose}: ${what()}`);
      } else if (!script.expectClose && ![1000, 1005].includes(code)) {
        violations.push(`ws closed ${code} (${reason}) after ${what()}`);
      }
      done(code);
    });
    socket.on('unexpected-response', (_req, res) => {
      count(statuses, `ws-handshake:${res.statusCode}`);
      if ((res.statusCode ?? 500) >= 500)
        violations.push(`ws handshake ${res.statusCode}: ${what()}`);
      done(res.statusCode ?? 0);
    });
    socket.on('error', () => {});
  });
}

// ---------------------------------------------------------------------------------------------

describe('hostile input', () => {
  let t: TestApp;
  let snapshot: unknown;

  const ok = async (query: string, variables: Record<string, unknown>, key: string) => {
    const res = await t.gql(query, variables, key);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data as Record<string, any>;
  };

  /** Everything of the victim's: sessions, messages and turns, as stored. */
  const victimState = async () => {
    const userId = fx.victim.id;
    const db = t.db.prisma;
    return JSON.parse(
      JSON.stringify({
        user: await db.user.findUnique({ where: { id: userId } }),
        keys: await db.apiKey.findMany({
          where: { userId },
          select: { id: true, revokedAt: true, hash: true },
        }),
        sessions: await db.session.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
        messages: await db.message.findMany({
          where: { session: { userId } },
          orderBy: { id: 'asc' },
        }),
        turns: await db.turn.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
      }),
    );
  };

  const healthy = async () => {
    const res = await t.gql('{ health { status database } }');
    expect(res.data?.health).toEqual({ status: 'OK', database: 'OK' });
  };

  beforeAll(async () => {
    MARK = `VICTIM-${randomUUID()}`;
    t = await startTestApp({ env: { JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '0' } });
    const victim = await t.user('victim');
    const attacker = await t.user('mallory');
    const created = await ok(
      `mutation($input: CreateSessionInput!) { createSession(input: $input) { session { id } } }`,
      { input: { title: `Secret ${MARK}`, key: 'victim-key', metadata: { secret: MARK } } },
      victim.key,
    );
    const session = created.createSession.session.id;
    const note = await ok(
      'mutation($id: ID!, $text: String!) { appendMessage(input: { sessionId: $id, text: $text }) { message { id } } }',
      { id: session, text: `note ${MARK}` },
      victim.key,
    );
    const sent = await ok(
      'mutation($id: ID!, $text: String!) { sendMessage(input: { sessionId: $id, text: $text }) { userMessage { id } turn { id } } }',
      { id: session, text: `hello ${MARK}` },
      victim.key,
    );
    await t.app.services.runner.drain();
    const own = await ok(
      'mutation { sendMessage(input: { text: "my own session" }) { session { id } userMessage { id } turn { id } } }',
      {},
      attacker.key,
    );
    await t.app.services.runner.drain();
    const agents = await ok('{ agents { id } }', {}, attacker.key);
    fx = {
      victim,
      attacker,
      foreign: {
        session,
        messages: [note.appendMessage.message.id, sent.sendMessage.userMessage.id],
        turn: sent.sendMessage.turn.id,
      },
      own: {
        session: own.sendMessage.session.id,
        message: own.sendMessage.userMessage.id,
        turn: own.sendMessage.turn.id,
      },
      agent: agents.agents[0].id,
    };
    snapshot = await victimState();
    expect(JSON.stringify(snapshot)).toContain(MARK);
  });

  afterAll(async () => {
    await t?.close();
  });

  it(`survives ${HTTP_OPERATIONS} hostile HTTP operations and ${WS_SINGLE_SCRIPTS + WS_BULK_CONNECTIONS * WS_BULK_MESSAGES}+ WebSocket frames`, async () => {
    const started = Date.now();
    const http = httpCorpus(await signedJwts());
    const ws = wsCorpus();
    const frames = ws.reduce((n, s) => n + s.frames.length + (s.init ? 1 : 0), 0);
    expect(http.length + frames).toBeGreaterThanOrEqual(10_000);

    for (let i = 0; i < http.length; i += BATCH) {
      await pool(http.slice(i, i + BATCH), CONCURRENCY, (op) => send(t, op));
      await healthy();
      expect(violations.slice(0, 20)).toEqual([]);
    }
    for (let i = 0; i < ws.length; i += 100) {
      await pool(ws.slice(i, i + 100), 10, async (script) => {
        await runScript(t, script);
      });
      await healthy();
      expect(violations.slice(0, 20)).toEqual([]);
    }

    // Still fully working over WebSocket: a subscription sees an appended message.
    const id = (
      await ok('mutation { createSession(input: {}) { session { id } } }', {}, fx.attacker.key)
    ).createSession.session.id;
    const feed = collect(
      t.ws(fx.attacker.key),
      'subscription($id: ID!) { sessionEvents(sessionId: $id, afterSeq: 0) { __typename } }',
      { id },
      () => true,
    );
    await ok(
      'mutation($id: ID!) { appendMessage(input: { sessionId: $id, text: "still here" }) { message { id } } }',
      { id },
      fx.attacker.key,
    );
    expect((await feed.done)[0]?.sessionEvents.__typename).toBe('MessageAppended');

    await t.app.services.runner.drain();
    expect(await victimState()).toEqual(snapshot);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(violations).toEqual([]);
    console.log(
      `hostile input: ${http.length} HTTP operations, ${ws.length} WebSocket scripts (${frames} frames) in ${
        Date.now() - started
      } ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}; codes ${JSON.stringify(Object.fromEntries(codes))}`,
    );
  }, 180_000);

  it('answers concurrent writes to one session, and its deletion, without an internal error', async () => {
    const answers = new Map<string, number>();
    for (let round = 0; round < 20; round += 1) {
      const { key } = await t.user(); // a fresh sendMessage budget
      const id = (await ok('mutation { createSession(input: {}) { session { id } } }', {}, key))
        .createSession.session.id;
      const writes = [
        'mutation($id: ID!) { appendMessage(input: { sessionId: $id, text: "one" }) { message { id } } }',
        'mutation($id: ID!) { appendMessage(input: { sessionId: $id, text: "two" }) { message { id } } }',
        'mutation($id: ID!) { sendMessage(input: { sessionId: $id, text: "three" }) { turn { id } } }',
        'mutation($id: ID!) { sendMessage(input: { sessionId: $id, text: "four" }) { turn { id } } }',
        'mutation($id: ID!) { renameSession(input: { id: $id, title: "five" }) { session { id } } }',
        'mutation($id: ID!) { updateSession(input: { id: $id, archived: true }) { session { id } } }',
        ...(round % 2 === 0
          ? ['mutation($id: ID!) { deleteSession(input: { id: $id }) { deletedSessionId } }']
          : []),
      ];
      const results = await Promise.all(writes.map((query) => t.gql(query, { id }, key)));
      for (const res of results) count(answers, res.errors?.[0]?.extensions?.code ?? 'ok');
    }
    await t.app.services.runner.drain();
    expect(
      [...answers.keys()].filter((code) => !['ok', 'NOT_FOUND', 'CONFLICT'].includes(code)),
    ).toEqual([]);
  });
});
