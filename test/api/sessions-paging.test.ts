import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import {
  CreateSessionDocument,
  DeleteSessionDocument,
  RenameSessionDocument,
} from '../../client/generated/graphql.js';
import type { Session } from '../../src/generated/prisma/client.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';
import { TestAgents, TestSessionsCount, TestViewer } from '../helpers/operations.js';
import { type Api, api, cursorOf, gid, keysetSort, missingId, rawId, sleep } from './support.js';

/**
 * sessions(...): keyset paging both ways with exact edges and pageInfo, orderings, page size
 * bounds, cursors, stability under concurrent changes, every SessionFilter field, and the number
 * of SQL statements of a page.
 */

const SESSIONS = graphql(`
  query PagingSessions($first: Int, $after: String, $last: Int, $before: String,
                       $filter: SessionFilter, $orderBy: SessionOrder) {
    sessions(first: $first, after: $after, last: $last, before: $before,
             filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { cursor node { id } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

interface PageResult {
  ids: string[];
  cursors: string[];
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

let t: TestApp;
let a: Api;
let alice: TestUser;
/** Alice's 45 sessions in the default order (updatedAt DESC, id DESC), as global ids. */
let byUpdatedDesc: string[];
/** The same sessions by createdAt ASC, id ASC. */
let byCreatedAsc: string[];

async function page(vars: Record<string, unknown>, token: string): Promise<PageResult> {
  const data = await a.ok(SESSIONS, vars, token);
  const c = data.sessions;
  const result: PageResult = {
    ids: c.edges.map((e) => e.node.id),
    cursors: c.edges.map((e) => e.cursor),
    totalCount: c.totalCount,
    pageInfo: c.pageInfo,
  };
  if (result.ids.length > 0) {
    // startCursor/endCursor are the cursors of the first and last edge, every time.
    expect(result.pageInfo.startCursor).toBe(result.cursors[0]);
    expect(result.pageInfo.endCursor).toBe(result.cursors.at(-1));
    for (const cursor of result.cursors) expect(cursor).toMatch(/^[\w-]+$/);
  }
  return result;
}

function expectPage(
  p: PageResult,
  ids: string[],
  info: { hasNextPage: boolean; hasPreviousPage: boolean },
  totalCount: number,
) {
  expect(p.ids).toEqual(ids);
  expect(p.pageInfo.hasNextPage).toBe(info.hasNextPage);
  expect(p.pageInfo.hasPreviousPage).toBe(info.hasPreviousPage);
  expect(p.totalCount).toBe(totalCount);
}

const ms = (iso: string) => new Date(iso).getTime();
const rowsOf = (userId: string) => t.db.prisma.session.findMany({ where: { userId } });
const ids = (rows: Session[]) => rows.map((r) => gid('Session', r.id));

beforeAll(async () => {
  t = await startTestApp();
  a = api(t);
  alice = await t.user('alice-paging');
  const created: Session[] = [];
  for (let i = 0; i < 45; i += 1) {
    created.push((await t.app.services.sessions.create(alice.id, { title: `s${i}` })).session);
  }
  // Ties on the sort value across page boundaries: six sessions share one updatedAt (default
  // order positions 17..22 around the boundary at 20), five share one createdAt (positions
  // 18..22 of CREATED_AT ASC), so the id tie-breaker decides where pages split.
  const tiedUpdated = created.slice(22, 28).map((s) => s.id);
  await t.db.prisma.session.updateMany({
    where: { id: { in: tiedUpdated } },
    data: { updatedAt: created[25]!.updatedAt },
  });
  const tiedCreated = created.slice(18, 23).map((s) => s.id);
  await t.db.prisma.session.updateMany({
    where: { id: { in: tiedCreated } },
    data: { createdAt: created[20]!.createdAt },
  });
  const rows = await rowsOf(alice.id);
  byUpdatedDesc = ids(keysetSort(rows, (r) => r.updatedAt, 'desc'));
  byCreatedAsc = ids(keysetSort(rows, (r) => r.createdAt, 'asc'));
  expect(byUpdatedDesc).toHaveLength(45);
});

afterAll(async () => {
  await t?.close();
});

describe('sessions: paging', () => {
  it('pages forward with first/after through 45 sessions in the default order', async () => {
    const p1 = await page({ first: 20 }, alice.key);
    expectPage(p1, byUpdatedDesc.slice(0, 20), { hasNextPage: true, hasPreviousPage: false }, 45);
    const p2 = await page({ first: 20, after: p1.pageInfo.endCursor }, alice.key);
    expectPage(p2, byUpdatedDesc.slice(20, 40), { hasNextPage: true, hasPreviousPage: true }, 45);
    const p3 = await page({ first: 20, after: p2.pageInfo.endCursor }, alice.key);
    expectPage(p3, byUpdatedDesc.slice(40), { hasNextPage: false, hasPreviousPage: true }, 45);
    // Independently of the oracle above: updatedAt never increases along the list, and equal
    // updatedAt values are ordered by id, descending.
    const all = await a.ok(
      graphql(`
        query PagingAllUpdatedAt {
          sessions(first: 100) { edges { node { id updatedAt } } }
        }
      `),
      {},
      alice.key,
    );
    const nodes = all.sessions.edges.map((e) => e.node);
    for (let i = 1; i < nodes.length; i += 1) {
      const [prev, cur] = [nodes[i - 1]!, nodes[i]!];
      expect(ms(cur.updatedAt)).toBeLessThanOrEqual(ms(prev.updatedAt));
      if (cur.updatedAt === prev.updatedAt) expect(rawId(cur.id) < rawId(prev.id)).toBe(true);
    }
    expect(nodes.filter((n) => n.updatedAt === nodes[17]!.updatedAt)).toHaveLength(6);
  });

  it('pages backward with last/before through the same 45 sessions', async () => {
    const p1 = await page({ last: 20 }, alice.key);
    expectPage(p1, byUpdatedDesc.slice(25), { hasNextPage: false, hasPreviousPage: true }, 45);
    const p2 = await page({ last: 20, before: p1.pageInfo.startCursor }, alice.key);
    expectPage(p2, byUpdatedDesc.slice(5, 25), { hasNextPage: true, hasPreviousPage: true }, 45);
    const p3 = await page({ last: 20, before: p2.pageInfo.startCursor }, alice.key);
    expectPage(p3, byUpdatedDesc.slice(0, 5), { hasNextPage: true, hasPreviousPage: false }, 45);
  });

  it('gives every edge a cursor that continues right after it, in both directions', async () => {
    const all = await page({ first: 45 }, alice.key);
    expectPage(all, byUpdatedDesc, { hasNextPage: false, hasPreviousPage: false }, 45);
    for (const i of [0, 16, 17, 19, 20, 22, 43]) {
      const next = await page({ first: 3, after: all.cursors[i] }, alice.key);
      expect(next.ids).toEqual(byUpdatedDesc.slice(i + 1, i + 4));
      const prev = await page({ last: 3, before: all.cursors[i] }, alice.key);
      expect(prev.ids).toEqual(byUpdatedDesc.slice(Math.max(0, i - 3), i));
    }
    // A window between two cursors.
    const between = await page(
      { first: 100, after: all.cursors[10], before: all.cursors[30] },
      alice.key,
    );
    expect(between.ids).toEqual(byUpdatedDesc.slice(11, 30));
  });

  it('knows exactly when a page is the last one', async () => {
    const p44 = await page({ first: 44 }, alice.key);
    expectPage(p44, byUpdatedDesc.slice(0, 44), { hasNextPage: true, hasPreviousPage: false }, 45);
    const p45 = await page({ first: 45 }, alice.key);
    expect(p45.pageInfo.hasNextPage).toBe(false);
    const rest = await page({ first: 1, after: p44.pageInfo.endCursor }, alice.key);
    expectPage(rest, byUpdatedDesc.slice(44), { hasNextPage: false, hasPreviousPage: true }, 45);
    const none = await page({ first: 5, after: rest.pageInfo.endCursor }, alice.key);
    expect(none.ids).toEqual([]);
    expect(none.pageInfo.hasNextPage).toBe(false);
    const l45 = await page({ last: 45 }, alice.key);
    expectPage(l45, byUpdatedDesc, { hasNextPage: false, hasPreviousPage: false }, 45);
  });

  it('orders by CREATED_AT ASC both ways, and by UPDATED_AT ASC', async () => {
    const orderBy = { field: 'CREATED_AT', direction: 'ASC' };
    const f1 = await page({ first: 20, orderBy }, alice.key);
    expectPage(f1, byCreatedAsc.slice(0, 20), { hasNextPage: true, hasPreviousPage: false }, 45);
    const f2 = await page({ first: 20, after: f1.pageInfo.endCursor, orderBy }, alice.key);
    expectPage(f2, byCreatedAsc.slice(20, 40), { hasNextPage: true, hasPreviousPage: true }, 45);
    const f3 = await page({ first: 20, after: f2.pageInfo.endCursor, orderBy }, alice.key);
    expectPage(f3, byCreatedAsc.slice(40), { hasNextPage: false, hasPreviousPage: true }, 45);

    const b1 = await page({ last: 20, orderBy }, alice.key);
    expectPage(b1, byCreatedAsc.slice(25), { hasNextPage: false, hasPreviousPage: true }, 45);
    const b2 = await page({ last: 20, before: b1.pageInfo.startCursor, orderBy }, alice.key);
    expectPage(b2, byCreatedAsc.slice(5, 25), { hasNextPage: true, hasPreviousPage: true }, 45);
    const b3 = await page({ last: 20, before: b2.pageInfo.startCursor, orderBy }, alice.key);
    expectPage(b3, byCreatedAsc.slice(0, 5), { hasNextPage: true, hasPreviousPage: false }, 45);

    // The direction defaults to DESC.
    const createdDesc = await page({ first: 45, orderBy: { field: 'CREATED_AT' } }, alice.key);
    expect(createdDesc.ids).toEqual([...byCreatedAsc].reverse());
    const updatedAsc = await page(
      { first: 45, orderBy: { field: 'UPDATED_AT', direction: 'ASC' } },
      alice.key,
    );
    expect(updatedAsc.ids).toEqual([...byUpdatedDesc].reverse());
  });

  it('uses 20 as the default page size and accepts 1..100', async () => {
    const p = await page({}, alice.key);
    expectPage(p, byUpdatedDesc.slice(0, 20), { hasNextPage: true, hasPreviousPage: false }, 45);
    expect((await page({ first: 1 }, alice.key)).ids).toEqual(byUpdatedDesc.slice(0, 1));
    expect((await page({ first: 100 }, alice.key)).ids).toEqual(byUpdatedDesc);
    expect((await page({ last: 100 }, alice.key)).ids).toEqual(byUpdatedDesc);
  });

  it('refuses page sizes outside 1..100 and first together with last', async () => {
    for (const [vars, field] of [
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ last: 0 }, 'last'],
      [{ last: 101 }, 'last'],
    ] as const) {
      const error = await a.fail(SESSIONS, vars, alice.key, 'BAD_USER_INPUT', field);
      expect(error.path).toEqual(['sessions']);
    }
    await a.fail(SESSIONS, { first: 5, last: 5 }, alice.key, 'BAD_USER_INPUT');
  });

  it('refuses a cursor of another ordering, of another list, or garbage', async () => {
    const defaultCursor = (await page({ first: 2 }, alice.key)).cursors[1]!;
    const createdCursor = (await page({ first: 2, orderBy: { field: 'CREATED_AT' } }, alice.key))
      .cursors[1]!;
    const created = { field: 'CREATED_AT', direction: 'ASC' } as const;
    await a.fail(
      SESSIONS,
      { first: 5, after: defaultCursor, orderBy: created },
      alice.key,
      'BAD_USER_INPUT',
      'after',
    );
    await a.fail(
      SESSIONS,
      { last: 5, before: defaultCursor, orderBy: created },
      alice.key,
      'BAD_USER_INPUT',
      'before',
    );
    // Same column, other direction; other column, same direction.
    await a.fail(
      SESSIONS,
      { first: 5, after: defaultCursor, orderBy: { field: 'UPDATED_AT', direction: 'ASC' } },
      alice.key,
      'BAD_USER_INPUT',
      'after',
    );
    await a.fail(
      SESSIONS,
      { first: 5, after: createdCursor },
      alice.key,
      'BAD_USER_INPUT',
      'after',
    );

    // A messages cursor on the sessions list.
    const session = await t.app.services.sessions.create(alice.id, { title: 'cursor probe' });
    await t.app.services.sessions.appendMessage(alice.id, session.session.id, {
      role: 'USER',
      text: 'hello',
    });
    const messages = await a.ok(
      graphql(`
        query PagingMessageCursors($id: ID!) {
          session(id: $id) { messages { edges { cursor } } }
        }
      `),
      { id: gid('Session', session.session.id) },
      alice.key,
    );
    const messageCursor = messages.session!.messages.edges[0]!.cursor;
    await a.fail(SESSIONS, { after: messageCursor }, alice.key, 'BAD_USER_INPUT', 'after');
    await t.app.services.sessions.delete(alice.id, [session.session.id]);

    const now = new Date().toISOString();
    const uuid = '01900000-0000-7000-8000-000000000000';
    const garbage = [
      'garbage',
      '!!!',
      'e30', // {}
      cursorOf([]),
      cursorOf(['sessions:updatedAt:desc']),
      cursorOf(['sessions:updatedAt:desc', now, 'not-a-uuid']),
      cursorOf(['sessions:updatedAt:desc', now, 42]),
      cursorOf(['sessions:updatedAt:desc', 'yesterday', uuid]),
      cursorOf(['sessions:updatedAt:desc', 1_700_000_000_000, uuid]),
      cursorOf(['sessions:updatedAt:desc', '-271821-04-20T00:00:00.000Z', uuid]),
      cursorOf(['sessions:updatedAt:desc', '+275760-09-13T00:00:00.000Z', uuid]),
      Buffer.from('null').toString('base64url'),
    ];
    for (const cursor of garbage) {
      await a.fail(SESSIONS, { first: 5, after: cursor }, alice.key, 'BAD_USER_INPUT', 'after');
      await a.fail(SESSIONS, { last: 5, before: cursor }, alice.key, 'BAD_USER_INPUT', 'before');
    }
  });
});

describe('sessions: stability under concurrent changes', () => {
  it('forward pages neither skip nor repeat while sessions are created, renamed, deleted', async () => {
    const bob = await t.user('bob-stability');
    for (let i = 0; i < 30; i += 1) {
      await t.app.services.sessions.create(bob.id, { title: `b${i}` });
    }
    const initial = ids(keysetSort(await rowsOf(bob.id), (r) => r.updatedAt, 'desc'));
    const seen: string[] = [];

    const p1 = await page({ first: 7 }, bob.key);
    expectPage(p1, initial.slice(0, 7), { hasNextPage: true, hasPreviousPage: false }, 30);
    seen.push(...p1.ids);

    // New sessions are the most recently updated: ahead of the cursor, never on a later page.
    const fresh: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      fresh.push(gid('Session', (await t.app.services.sessions.create(bob.id, {})).session.id));
    }
    const p2 = await page({ first: 7, after: p1.pageInfo.endCursor }, bob.key);
    expectPage(p2, initial.slice(7, 14), { hasNextPage: true, hasPreviousPage: true }, 33);
    seen.push(...p2.ids);

    // An already-seen session is renamed (its updatedAt moves to the front) and a not yet seen
    // one is deleted.
    await a.ok(RenameSessionDocument, { id: initial[2]!, title: 'renamed' }, bob.key);
    await a.ok(DeleteSessionDocument, { id: initial[16]! }, bob.key);
    let after = p2.pageInfo.endCursor;
    for (let round = 0; ; round += 1) {
      const p = await page({ first: 7, after }, bob.key);
      seen.push(...p.ids);
      fresh.push(gid('Session', (await t.app.services.sessions.create(bob.id, {})).session.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
      expect(round).toBeLessThan(10);
    }
    expect(seen).toEqual(initial.filter((id) => id !== initial[16]));
    for (const id of fresh) expect(seen).not.toContain(id);
  });

  it('backward pages (CREATED_AT ASC) neither skip nor repeat while sessions change', async () => {
    const carl = await t.user('carl-stability');
    for (let i = 0; i < 21; i += 1) {
      await t.app.services.sessions.create(carl.id, { title: `c${i}` });
    }
    const orderBy = { field: 'CREATED_AT', direction: 'ASC' };
    const initial = ids(keysetSort(await rowsOf(carl.id), (r) => r.createdAt, 'asc'));
    const pages: string[][] = [];
    let before: string | null | undefined;
    for (let round = 0; ; round += 1) {
      const p = await page({ last: 5, before, orderBy }, carl.key);
      pages.unshift(p.ids);
      if (round === 0) {
        // New sessions sort after everything seen so far (newest createdAt): not on later pages.
        await t.app.services.sessions.create(carl.id, { title: 'new' });
        // A seen one is renamed, an unseen one deleted.
        await t.app.services.sessions.rename(carl.id, rawId(initial[18]!), 'x');
        await t.app.services.sessions.delete(carl.id, [rawId(initial[3]!)]);
      }
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
      expect(round).toBeLessThan(10);
    }
    expect(pages.flat()).toEqual(initial.filter((id) => id !== initial[3]));
  });
});

describe('sessions: filters', () => {
  let carol: TestUser;
  let general: string;
  let defaultAgent: string;
  /** Carol's sessions by title, and all of them in the default order. */
  const byTitle = new Map<string, string>();
  let ordered: Session[];

  const expectFilter = async (filter: Record<string, unknown>, titles: string[]) => {
    const data = await a.ok(
      graphql(`
        query PagingFilter($filter: SessionFilter) {
          sessions(first: 100, filter: $filter) { totalCount edges { node { id title } } }
        }
      `),
      { filter },
      carol.key,
    );
    const expected = ordered.filter((s) => titles.includes(s.title as string));
    expect(expected).toHaveLength(titles.length);
    expect(data.sessions.edges.map((e) => e.node.id)).toEqual(ids(expected));
    // totalCount applies the same filter.
    expect(data.sessions.totalCount).toBe(titles.length);
  };

  beforeAll(async () => {
    carol = await t.user('carol-filters');
    const agents = await a.ok(TestAgents, {}, carol.key);
    defaultAgent = agents.agents.find((x) => x.isDefault)!.id;
    general = agents.agents.find((x) => !x.isDefault)!.id;
    const specs = [
      {
        title: 'Alpha Project',
        key: 'proj_alpha',
        metadata: { team: 'red', nested: { level: 1, tags: ['x', 'y'], deep: { ok: true } } },
      },
      { title: 'beta project', key: 'proj_beta', metadata: { team: 'blue', nested: { level: 2 } } },
      { title: 'Archived red', key: 'arch-1', metadata: { team: 'red' } },
      { title: '100% done', key: 'projXgamma', metadata: {} },
      { title: '1000 items', metadata: { team: 'red', n: 1 } },
      { title: 'Expired one', key: 'exp.1', metadata: { team: 'green' } },
    ];
    for (const spec of specs) {
      const data = await a.ok(
        CreateSessionDocument,
        { input: { ...spec, agentId: spec.title === 'beta project' ? general : undefined } },
        carol.key,
      );
      byTitle.set(spec.title, data.createSession.session.id);
      await sleep(3);
    }
    await a.ok(
      graphql(`
        mutation PagingArchive($id: ID!) {
          updateSession(input: { id: $id, archived: true }) { session { id } }
        }
      `),
      { id: byTitle.get('Archived red')! },
      carol.key,
    );
    // No public operation puts a session into EXPIRED at once (the expiry sweep does, later).
    await t.db.prisma.session.update({
      where: { id: rawId(byTitle.get('Expired one')!) },
      data: { state: 'EXPIRED' },
    });
    ordered = keysetSort(await rowsOf(carol.id), (r) => r.updatedAt, 'desc');
  });

  const active = ['Alpha Project', 'beta project', '100% done', '1000 items', 'Expired one'];

  it('archived: hidden by default and with false; true lists only them; null lists both', async () => {
    await expectFilter({}, active);
    await expectFilter({ archived: false }, active);
    await expectFilter({ archived: true }, ['Archived red']);
    await expectFilter({ archived: null }, [...active, 'Archived red']);
    const noFilter = await a.ok(TestSessionsCount, {}, carol.key);
    expect(noFilter.sessions.totalCount).toBe(active.length);
  });

  it('agentId', async () => {
    await expectFilter({ agentId: general }, ['beta project']);
    await expectFilter(
      { agentId: defaultAgent },
      active.filter((x) => x !== 'beta project'),
    );
    await expectFilter({ agentId: missingId('Agent') }, []);
    await a.fail(
      SESSIONS,
      { filter: { agentId: 'nope' } },
      carol.key,
      'BAD_USER_INPUT',
      'filter.agentId',
    );
    await a.fail(
      SESSIONS,
      { filter: { agentId: byTitle.get('Alpha Project') } },
      carol.key,
      'BAD_USER_INPUT',
      'filter.agentId',
    );
  });

  it('state', async () => {
    await expectFilter({ state: 'EXPIRED' }, ['Expired one']);
    await expectFilter(
      { state: 'IDLE' },
      active.filter((x) => x !== 'Expired one'),
    );
    await expectFilter({ state: 'RUNNING' }, []);
    await expectFilter({ state: 'IDLE', archived: null }, [
      ...active.filter((x) => x !== 'Expired one'),
      'Archived red',
    ]);
  });

  it('keyPrefix: a literal prefix (an underscore is no wildcard)', async () => {
    await expectFilter({ keyPrefix: 'proj_' }, ['Alpha Project', 'beta project']);
    await expectFilter({ keyPrefix: 'proj' }, ['Alpha Project', 'beta project', '100% done']);
    await expectFilter({ keyPrefix: 'proj_alpha' }, ['Alpha Project']);
    await expectFilter({ keyPrefix: 'PROJ' }, []);
    await expectFilter({ keyPrefix: 'arch', archived: null }, ['Archived red']);
    await expectFilter({ keyPrefix: 'exp.' }, ['Expired one']);
    await a.fail(
      SESSIONS,
      { filter: { keyPrefix: 'no spaces' } },
      carol.key,
      'BAD_USER_INPUT',
      'filter.keyPrefix',
    );
    await a.fail(
      SESSIONS,
      { filter: { keyPrefix: 'x'.repeat(129) } },
      carol.key,
      'BAD_USER_INPUT',
      'filter.keyPrefix',
    );
  });

  it('search: case-insensitive substring of the title, % and _ taken literally', async () => {
    await expectFilter({ search: 'PROJECT' }, ['Alpha Project', 'beta project']);
    await expectFilter({ search: 'pha pro' }, ['Alpha Project']);
    await expectFilter({ search: '100%' }, ['100% done']);
    await expectFilter({ search: '100' }, ['100% done', '1000 items']);
    await expectFilter({ search: '_' }, []);
    await expectFilter({ search: 'RED', archived: null }, ['Archived red', 'Expired one']);
    await expectFilter({ search: 'RED' }, ['Expired one']);
    await expectFilter({ search: 'nothing like this' }, []);
    await a.fail(
      SESSIONS,
      { filter: { search: 'x'.repeat(256) } },
      carol.key,
      'BAD_USER_INPUT',
      'filter.search',
    );
  });

  it('metadata: JSON containment, nested objects included', async () => {
    await expectFilter({ metadata: { team: 'red' } }, ['Alpha Project', '1000 items']);
    await expectFilter({ metadata: { team: 'red' }, archived: null }, [
      'Alpha Project',
      'Archived red',
      '1000 items',
    ]);
    await expectFilter({ metadata: { team: 'red', n: 1 } }, ['1000 items']);
    await expectFilter({ metadata: { n: '1' } }, []);
    await expectFilter({ metadata: { nested: { level: 1 } } }, ['Alpha Project']);
    await expectFilter({ metadata: { nested: { level: 2 } } }, ['beta project']);
    await expectFilter({ metadata: { nested: {} } }, ['Alpha Project', 'beta project']);
    await expectFilter({ metadata: { nested: { deep: { ok: true } } } }, ['Alpha Project']);
    await expectFilter({ metadata: { nested: { deep: { ok: false } } } }, []);
    await expectFilter({ metadata: { nested: { tags: ['y'] } } }, ['Alpha Project']);
    await expectFilter({ metadata: { nested: { tags: ['y', 'z'] } } }, []);
    await expectFilter({ metadata: { team: 'red', nested: { level: 2 } } }, []);
    await expectFilter({ metadata: {} }, active);
    for (const metadata of [[1, 2], 'red', 5]) {
      await a.fail(
        SESSIONS,
        { filter: { metadata } },
        carol.key,
        'BAD_USER_INPUT',
        'filter.metadata',
      );
    }
  });

  it('updatedAfter / updatedBefore: strict bounds on updatedAt', async () => {
    const pivot = ordered.find((s) => s.title === '100% done')!;
    const at = pivot.updatedAt.toISOString();
    const titlesWhere = (p: (s: Session) => boolean) =>
      ordered.filter((s) => !s.archived && p(s)).map((s) => s.title as string);
    const newer = titlesWhere((s) => s.updatedAt > pivot.updatedAt);
    const older = titlesWhere((s) => s.updatedAt < pivot.updatedAt);
    expect(newer.length).toBeGreaterThan(0);
    expect(older.length).toBeGreaterThan(0);
    await expectFilter({ updatedAfter: at }, newer);
    await expectFilter({ updatedBefore: at }, older);
    await expectFilter({ updatedAfter: at, updatedBefore: at }, []);
    const first = ordered.at(-1)!.updatedAt;
    await expectFilter(
      { updatedAfter: new Date(first.getTime() - 1).toISOString() },
      titlesWhere(() => true),
    );
  });

  it('filters and pages together: totalCount counts the filtered list', async () => {
    const filter = { metadata: { team: 'red' }, archived: null };
    const p1 = await page({ first: 2, filter }, carol.key);
    const expected = ordered
      .filter((s) => (s.metadata as any).team === 'red')
      .map((s) => gid('Session', s.id));
    expectPage(p1, expected.slice(0, 2), { hasNextPage: true, hasPreviousPage: false }, 3);
    const p2 = await page({ first: 2, after: p1.pageInfo.endCursor, filter }, carol.key);
    expectPage(p2, expected.slice(2), { hasNextPage: false, hasPreviousPage: true }, 3);
  });
});

describe('sessions: SQL statements per page', () => {
  it('is the same small number for a page of 5 and a page of 50', async () => {
    const erin = await t.user('erin-sql');
    const agents = await t.db.prisma.agent.findMany();
    for (let i = 0; i < 55; i += 1) {
      const { session } = await t.app.services.sessions.create(erin.id, {
        title: `e${i}`,
        agentId: agents[i % agents.length]!.id,
      });
      await t.app.services.sessions.appendMessage(erin.id, session.id, {
        role: 'USER',
        text: `message ${i}`,
      });
    }
    const query = graphql(`
      query PagingSqlPage($first: Int) {
        sessions(first: $first) {
          totalCount
          edges { node { title messageCount lastMessage { text } agent { name } } }
        }
      }
    `);
    const count = async (first: number) => {
      await a.ok(TestViewer, {}, erin.key); // the key's lastUsedAt write happens here
      await t.app.services.sessions.announced(); // the sidebar notices of the writes above
      t.db.queries.length = 0;
      const data = await a.ok(query, { first }, erin.key);
      const statements = t.db.queries.length;
      expect(data.sessions.totalCount).toBe(55);
      expect(data.sessions.edges).toHaveLength(first);
      for (const { node } of data.sessions.edges) {
        const i = Number(node.title!.slice(1));
        expect(node.messageCount).toBe(1);
        expect(node.lastMessage!.text).toBe(`message ${i}`);
        expect(node.agent.name).toBe(agents[i % agents.length]!.name);
      }
      return statements;
    };
    const five = await count(5);
    const fifty = await count(50);
    expect(fifty).toBe(five);
    // Key, user, the viewer's workspaces, the page, its count, then one batch per relation.
    expect(five).toBeLessThanOrEqual(7);
  });
});
