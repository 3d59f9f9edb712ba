import { PREPARABLE } from './preparable.mjs';

/**
 * Names for Prisma's statements on PostgreSQL (@prisma/adapter-pg's `statementNameGenerator`).
 * A named statement is parsed once per connection (node-postgres remembers which names each
 * connection has prepared) and PostgreSQL keeps its plan: after five executions it moves to a
 * cached generic plan when that is as good as the custom ones. Unnamed, every execution is
 * parsed and planned again; for the turn's statements that planning was most of PostgreSQL's
 * time (0.3 to 0.8 ms a statement on this project's machine, pg_stat_statements).
 *
 * Bounded: a text is named from its second execution on (a one-off, such as a batch with an
 * unusual number of ids in its IN list, stays unnamed), and at most `max` texts ever get a name,
 * so each connection keeps at most `max` prepared statements. Names are never reused for another
 * text. Only statements that read or write rows are named (PREPARABLE, the embedded database's
 * rule too); DDL (migrations) runs unnamed, and so does a statement whose columns come from a
 * star (`SELECT *`, `RETURNING *`): a migration that adds a column while this process runs (a
 * rolling deploy) would make PostgreSQL refuse its prepared plan ("cached plan must not change
 * result type") on every connection that holds it.
 * Unnamed is '' (node-postgres treats an empty name as none).
 */
/** DATABASE_PREPARED_STATEMENTS when unset. */
export const DEFAULT_PREPARED_STATEMENTS = 200;

const STAR_COLUMNS = /\b(select|returning)\s+(distinct\s+)?("?\w+"?\.)?\*/i;

export function statementNames(
  max: number,
  after = 2,
): ((query: { sql: string }) => string) | undefined {
  if (max <= 0) return undefined;
  const names = new Map<string, string>();
  const seen = new Map<string, number>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined || names.size >= max) return known ?? '';
    if (!PREPARABLE.test(sql) || STAR_COLUMNS.test(sql)) return '';
    const count = (seen.get(sql) ?? 0) + 1;
    if (count < after) {
      // The texts seen once are forgotten wholesale when there are many: they are one-offs.
      if (seen.size >= max * 4) seen.clear();
      seen.set(sql, count);
      return '';
    }
    seen.delete(sql);
    const name = `prisma_${names.size + 1}`;
    names.set(sql, name);
    return name;
  };
}
