import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyMigrations } from './migrate.js';

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** Applies committed migrations that this database has not seen yet. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string;
  /** Folder of the embedded database; absent means in memory (tests). */
  dataDir?: string;
  /** An already open PGlite instance (tests start from a copy of a template). */
  pglite?: PGlite;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let pglite: PGlite | undefined;
  if (options.url) {
    factory = new PrismaPg({ connectionString: options.url, max: 10 });
  } else if (options.pglite) {
    pglite = options.pglite;
    factory = new PrismaPGlite(pglite);
  } else {
    let dir: string | undefined;
    if (options.dataDir) {
      dir = path.join(options.dataDir, 'pglite');
      await mkdir(dir, { recursive: true });
    }
    pglite = new PGlite(dir);
    factory = new PrismaPGlite(pglite);
  }
  const prisma = new PrismaClient({
    adapter: factory,
    log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as unknown as { $on(e: 'query', cb: (e: { query: string }) => void): void }).$on(
      'query',
      (e) => onQuery(e.query),
    );
  }
  return {
    prisma,
    kind: pglite ? 'pglite' : 'postgres',
    migrate: () => applyMigrations(factory),
    async close() {
      await prisma.$disconnect();
      await pglite?.close();
    },
  };
}
