import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrationsDir } from '../../src/db/migrate.js';

/**
 * For the tests of one migration (the one whose folder ends with `_<name>`): an in-memory
 * database with every migration before it applied, and that migration's SQL, still to apply.
 */
export async function databaseBefore(name: string): Promise<{ db: PGlite; migration: string }> {
  const dirs = (await readdir(migrationsDir)).filter((d) => /^\d+_/.test(d)).sort();
  const index = dirs.findIndex((d) => d.endsWith(`_${name}`));
  if (index < 1) throw new Error(`no migration named ${name} after the first`);
  const sql = (dir: string) => readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8');
  const db = new PGlite();
  for (const dir of dirs.slice(0, index)) await db.exec(await sql(dir));
  return { db, migration: await sql(dirs[index] as string) };
}
