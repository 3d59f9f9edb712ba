import { access, copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './db/client.js';
import { applyMigrations } from './db/migrate.js';
import { ROOT } from './paths.js';
import { seedDatabase } from './seed.js';

/**
 * A new embedded database starts as a copy of this folder when it exists: a PGlite data folder,
 * migrated and seeded, with no users. `npm run build` (and `npm start` when it builds) writes it,
 * so a new DATA_DIR is a file copy instead of PGlite's initdb and the migrations (seconds).
 * Migrations added later are applied on top, as for any existing database.
 */
export const EMBEDDED_TEMPLATE = path.join(ROOT, 'dist/pglite-template');

/** A PGlite database (in memory, or in the folder `dataDir`), migrated and seeded. */
export async function preparedPGlite(
  dataDir?: string,
): Promise<{ pglite: PGlite; close(): Promise<void> }> {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
  ]);
  const pglite = new PGlite(dataDir);
  await applyMigrations(new PrismaPGlite(pglite));
  const db = await openDatabase({ pglite });
  await seedDatabase(db.prisma);
  return {
    pglite,
    async close() {
      await db.close();
      await pglite.close();
    },
  };
}

/** Writes the template folder (replacing an older one). */
export async function writeEmbeddedTemplate(folder = EMBEDDED_TEMPLATE): Promise<void> {
  const partial = `${folder}.${process.pid}.tmp`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(path.dirname(partial), { recursive: true });
  const { close } = await preparedPGlite(partial);
  await close();
  await rm(folder, { recursive: true, force: true });
  await rename(partial, folder);
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** Copies a folder, many files at once (node:fs's cp copies one at a time: 5× slower here). */
async function copyFolder(from: string, to: string) {
  const entries = await readdir(from, { withFileTypes: true, recursive: true });
  const relative = (e: (typeof entries)[number]) =>
    path.relative(from, path.join(e.parentPath, e.name));
  await mkdir(to, { recursive: true });
  const dirs = entries.filter((e) => e.isDirectory()).map(relative);
  for (const dir of dirs.sort()) await mkdir(path.join(to, dir), { recursive: true });
  const files = entries.filter((e) => e.isFile()).map(relative);
  let next = 0;
  const copier = async () => {
    while (next < files.length) {
      const file = files[next++] as string;
      await copyFile(path.join(from, file), path.join(to, file));
    }
  };
  await Promise.all(Array.from({ length: 16 }, copier));
}

/**
 * A DATA_DIR without a database folder yet gets a copy of the template, when there is one. What
 * is there already is never touched (PGlite decides about it); a partial copy is removed, and the
 * database then starts empty and is migrated as without a template.
 */
export async function copyTemplateInto(
  dataDir: string,
  template = EMBEDDED_TEMPLATE,
): Promise<boolean> {
  const target = path.join(dataDir, 'pglite');
  const empty = await readdir(target).then(
    (names) => names.length === 0,
    (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
  );
  if (!empty || !(await exists(path.join(template, 'PG_VERSION')))) return false;
  try {
    await copyFolder(template, target);
    return true;
  } catch {
    await rm(target, { recursive: true, force: true });
    return false;
  }
}
