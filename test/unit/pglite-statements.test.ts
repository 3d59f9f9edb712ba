import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PreparedClient, preparedClient } from '../../src/db/pglite-statements.mjs';

/**
 * The embedded database's statements (src/db/pglite-statements.mjs): Prisma's queries run as
 * prepared statements, at most `size` of them kept, each execution in one call into PGlite. On a
 * real in-memory PGlite: results, errors, schema changes and transactions behave as PGlite's own
 * query() does.
 */
describe('prepared statements on the embedded database', () => {
  let db: PGlite;
  let client: PreparedClient;
  const prepared = async () =>
    Number(
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements'))
        .rows[0]?.n,
    );

  beforeAll(async () => {
    db = await PGlite.create();
    client = preparedClient(db, 3);
    await db.exec('CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('serves more distinct statements than it keeps, each with its own rows', async () => {
    await client.query(
      'INSERT INTO item (id, name) SELECT g, $1 || g FROM generate_series(1, 10) g',
      ['n'],
    );
    for (let round = 0; round < 3; round += 1) {
      for (let i = 1; i <= 8; i += 1) {
        // Eight statement texts, three kept: every round prepares some again.
        const sql = `SELECT id, name, ${i} AS k FROM item WHERE id = $1`;
        const { rows } = await client.query(sql, [i], { rowMode: 'array' });
        expect(rows).toEqual([[i, `n${i}`, i]]);
      }
    }
    expect(await prepared()).toBeLessThanOrEqual(3);
  });

  it('passes parameters typed by the statement: json, arrays, dates, bytes, null', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const { rows } = await client.query<Record<string, unknown>>(
      'SELECT $1::jsonb AS j, $2::int[] AS a, $3::timestamptz AS t, $4::bytea AS b, $5::text AS n, $6::bool AS f',
      [{ x: [1, 'two'] }, [1, 2, 3], at, new Uint8Array([0, 255]), null, false],
    );
    expect(rows[0]).toEqual({
      j: { x: [1, 'two'] },
      a: [1, 2, 3],
      t: at,
      b: new Uint8Array([0, 255]),
      n: null,
      f: false,
    });
  });

  it('reports a failed statement and stays usable; a statement that failed to parse is not kept', async () => {
    await expect(client.query('SELEC 1')).rejects.toMatchObject({ code: '42601' });
    await expect(
      client.query('INSERT INTO item (id, name) VALUES ($1, $2)', [1, 'dup']),
    ).rejects.toMatchObject({ code: '23505' });
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM item');
    expect(rows[0]?.n).toBe(10);
  });

  it('sees a schema change made after its statements were prepared', async () => {
    const sql = 'SELECT * FROM item WHERE id = $1';
    expect((await client.query(sql, [2])).fields.map((f) => f.name)).toEqual(['id', 'name']);
    await client.exec('ALTER TABLE item ADD COLUMN price int NOT NULL DEFAULT 7');
    const { rows } = await client.query(sql, [2]);
    expect(rows).toEqual([{ id: 2, name: 'n2', price: 7 }]);
  });

  it('runs a statement from outside a transaction after the transaction, never inside it', async () => {
    let outside: Promise<unknown> | undefined;
    await client.transaction(async (tx) => {
      await tx.query('INSERT INTO item (id, name) VALUES ($1, $2)', [100, 'in tx']);
      outside = client.query('SELECT count(*)::int AS n FROM item WHERE id = $1', [100]);
      await new Promise((r) => setTimeout(r, 50));
      await tx.query('UPDATE item SET name = $1 WHERE id = $2', ['committed', 100]);
    });
    expect(((await outside) as { rows: { n: number }[] }).rows[0]?.n).toBe(1);
    let rolledBack: Promise<unknown> | undefined;
    await client
      .transaction(async (tx) => {
        await tx.query('INSERT INTO item (id, name) VALUES ($1, $2)', [101, 'never']);
        rolledBack = client.query('SELECT count(*)::int AS n FROM item WHERE id = $1', [101]);
        throw new Error('abandon');
      })
      .catch(() => {});
    expect(((await rolledBack) as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });
});
