import { parse } from 'graphql';
import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import * as documents from '../../client/generated/graphql.js';
import { loadConfig } from '../../src/config.js';
import { isLoopbackBind, isLoopbackHostHeader } from '../../src/http/client.js';
import { clientKey } from '../../src/limits/client-limits.js';
import { ThrottledLog } from '../../src/limits/log-throttle.js';
import { operationCost } from '../../src/limits/query-cost.js';
import { schema } from '../../src/schema/index.js';

/** The pieces of issue 12's limits that need no server: costs, client keys, hosts, the log. */

const MAX_COST = loadConfig({}).queryMaxCost;

describe('operationCost (QUERY_MAX_COST)', () => {
  it("lets every operation of the project's clients through, at the largest page sizes", () => {
    const over: string[] = [];
    for (const [name, document] of Object.entries(documents)) {
      if (!name.endsWith('Document')) continue;
      const cost = operationCost(schema, parse(String(document)), undefined, {
        first: 500,
        last: 500,
      });
      if (cost > MAX_COST) over.push(`${name}: ${cost}`);
    }
    expect(over).toEqual([]);
  });

  it('refuses 20 aliases of 500 message texts, and counts page sizes from variables', () => {
    const page = 'messages(first: $n) { edges { node { text } } }';
    const aliased = parse(
      `query($n: Int) { session(id: "x") { ${Array.from({ length: 20 }, (_, i) => `p${i}: ${page}`).join(' ')} } }`,
    );
    expect(operationCost(schema, aliased, undefined, { n: 500 })).toBeGreaterThan(MAX_COST);
    const one = parse(`query($n: Int) { session(id: "x") { ${page} } }`);
    expect(operationCost(schema, one, undefined, { n: 500 })).toBeLessThanOrEqual(MAX_COST);
    expect(operationCost(schema, one, undefined, { n: 30 })).toBeLessThan(
      operationCost(schema, one, undefined, { n: 500 }),
    );
  });

  it('counts a fragment spread many times over once per use, without walking it again', () => {
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const document = parse(`{ ...F0 }\n${fragments}\nfragment F30 on Query { health { status } }`);
    expect(operationCost(schema, document, undefined, {})).toBeGreaterThan(0);
  });
});

describe('client keys and hosts', () => {
  it('counts IPv4-mapped addresses as IPv4 and IPv6 by its /64', () => {
    expect(clientKey('::ffff:127.0.0.5')).toBe('127.0.0.5');
    expect(clientKey('10.1.2.3')).toBe('10.1.2.3');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
  });

  it('tells loopback Host headers and binds from the rest', () => {
    for (const host of ['localhost', 'localhost:4000', '127.0.0.1:4000', '127.1.2.3', '[::1]:80']) {
      expect(isLoopbackHostHeader(host), host).toBe(true);
    }
    for (const host of [
      'evil.example',
      'localhost.evil.example:4000',
      '127.0.0.1.nip.io:4000',
      '192.0.2.2',
      '[::2]',
      '',
      null,
    ]) {
      expect(isLoopbackHostHeader(host), String(host)).toBe(false);
    }
    expect(['127.0.0.1', '::1', 'localhost'].map(isLoopbackBind)).toEqual([true, true, true]);
    expect(['0.0.0.0', '::', '192.0.2.2'].map(isLoopbackBind)).toEqual([false, false, false]);
  });
});

describe('ThrottledLog', () => {
  it('writes at most perMinute lines, then one summary of the rest', () => {
    const lines: string[] = [];
    const logger = { info: (_fields: unknown, message: string) => lines.push(message) };
    let now = 0;
    const log = new ThrottledLog(logger as unknown as Logger, {
      perMinute: 3,
      level: 'info',
      now: () => now,
    });
    for (let i = 0; i < 50; i += 1) log.write({}, `line ${i}`);
    expect(lines).toEqual(['line 0', 'line 1', 'line 2']);
    now = 61_000;
    log.write({}, 'next minute');
    expect(lines.slice(3)).toEqual([
      '47 more like this in the last minute (not logged one by one)',
      'next minute',
    ]);
    log.flush();
  });
});
