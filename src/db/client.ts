import type { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { type EmbeddedDatabase, startEmbedded } from './embedded.js';
import { applyMigrations, isCurrent } from './migrate.js';
import { DEFAULT_PREPARED_STATEMENTS, statementNames } from './statement-names.js';

export { DataDirInUseError } from './embedded.js';

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** SQL statements sent so far (metrics, benchmarks). */
  statements(): number;
  /** Applies committed migrations that this database has not seen yet. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string;
  /** Folder of the embedded database; absent means in memory. */
  dataDir?: string;
  /** A tarball of a PGlite data folder to start the embedded database from (tests). */
  loadDataDir?: Uint8Array;
  /** An open PGlite instance used in this thread (setup scripts that dump it afterwards). */
  pglite?: PGlite;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  /**
   * PostgreSQL (url): how many distinct statements each connection keeps prepared (0: none, for
   * a connection pooler that cannot hold them). Default DEFAULT_PREPARED_STATEMENTS.
   */
  preparedStatements?: number;
  /** The embedded database, already started (startEmbedded) while the rest loaded. */
  embedded?: EmbeddedDatabase;
}

/**
 * The database: PostgreSQL at `url`, or the embedded PGlite, which runs in a worker thread (off
 * the event loop) behind its Prisma driver adapter.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let embedded: EmbeddedDatabase | undefined;
  if (options.url) {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    factory = new PrismaPg(
      { connectionString: options.url, max: 10 },
      {
        statementNameGenerator: statementNames(
          options.preparedStatements ?? DEFAULT_PREPARED_STATEMENTS,
        ),
      },
    );
  } else if (options.pglite) {
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    factory = new PrismaPGlite(options.pglite);
  } else {
    embedded =
      options.embedded ??
      (await startEmbedded({ dataDir: options.dataDir, loadDataDir: options.loadDataDir }));
    factory = embedded.factory;
  }
  const prisma = new PrismaClient({ adapter: factory, log: [{ emit: 'event', level: 'query' }] });
  if (embedded) {
    // Prisma's query compiler (WebAssembly) loads while PGlite starts in its thread.
    try {
      await Promise.all([embedded.ready, prisma.$connect()]);
    } catch (error) {
      await prisma.$disconnect().catch(() => {});
      await embedded.close();
      throw error;
    }
  }
  let statements = 0;
  const onQuery = options.onQuery;
  (prisma as unknown as { $on(e: 'query', cb: (e: { query: string }) => void): void }).$on(
    'query',
    (e) => {
      statements += 1;
      onQuery?.(e.query);
    },
  );
  return {
    prisma,
    kind: options.url ? 'postgres' : 'pglite',
    statements: () => statements,
    async migrate() {
      const current = await isCurrent((sql) => prisma.$queryRawUnsafe(sql));
      return current ? [] : applyMigrations(factory);
    },
    async close() {
      await prisma.$disconnect();
      await embedded?.close();
    },
  };
}
