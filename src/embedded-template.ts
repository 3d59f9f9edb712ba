import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './db/client.js';
import { EMBEDDED_TEMPLATE } from './db/embedded.js';
import { applyMigrations } from './db/migrate.js';
import { seedDatabase } from './seed.js';

// How the embedded database template (db/embedded.ts, EMBEDDED_TEMPLATE) is made.

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
