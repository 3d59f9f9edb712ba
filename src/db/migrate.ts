import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { ROOT } from '../paths.js';

// Prisma's CLI downloads a native schema engine at run time, which a machine without access to
// Prisma's binary host cannot do. The same engine ships compiled to WebAssembly; it is driven here
// through a driver adapter, the way Prisma's own migrate package does it (SchemaEngineWasm.ts).

export const schemaPath = path.join(ROOT, 'prisma/schema.prisma');
export const migrationsDir = path.join(ROOT, 'prisma/migrations');
const filters = { externalTables: [], externalEnums: [] };

type Glue = typeof import('@prisma/schema-engine-wasm');
let gluePromise: Promise<Glue> | undefined;

/** The module's package.json imports the .wasm as an ES module, which Node 20 refuses: load it by hand, once per process. */
function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    const glue = (await import(
      '@prisma/schema-engine-wasm/schema_engine_bg'
    )) as unknown as Glue & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(
      path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
      'schema_engine_bg.wasm',
    );
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return glue;
  })();
  return gluePromise;
}

async function schemaFiles() {
  return [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }];
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadGlue();
  const files = await schemaFiles();
  const engine = await glue.SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content]) },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

export async function readMigrations(): Promise<MigrationList> {
  const dirs = await migrationNames();
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: await readFile(lockPath, 'utf8').catch(() => null),
    },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: {
            tag: 'ok' as const,
            value: await readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8'),
          },
        },
      })),
    ),
  };
}

/** The names of the committed migrations (their folders), oldest first. */
export async function migrationNames(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * Whether every committed migration is recorded as applied, read with one query (no engine): the
 * schema engine (WebAssembly, hundreds of milliseconds to load) only runs when something is due.
 */
export async function isCurrent(
  query: (sql: string) => Promise<{ name: string }[]>,
): Promise<boolean> {
  const [committed, table] = await Promise.all([
    migrationNames(),
    query(`SELECT to_regclass('_prisma_migrations')::text AS name`),
  ]);
  if (!table[0]?.name) return committed.length === 0;
  const rows = await query(
    `SELECT migration_name AS name FROM _prisma_migrations
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((r) => r.name));
  return committed.every((name) => applied.has(name));
}

/** `prisma migrate deploy`: applies the committed migrations that the database has not seen. */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withEngine(factory, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters });
    return out.appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database from the committed migrations to `prisma/schema.prisma`
 * (empty when they agree). The migrations are replayed on a throw-away in-memory PGlite.
 */
export async function diffMigrationsToSchema(): Promise<string> {
  // A throw-away in-memory PGlite in this thread (a development command, not the server).
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
  ]);
  const shadow = new PGlite();
  try {
    const migrationsList = await readMigrations();
    return await withEngine(new PrismaPGlite(shadow), async (engine) => {
      const result = await engine.diff({
        from: migrationsList.migrationDirectories.length
          ? { tag: 'migrations', ...migrationsList }
          : { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: await schemaFiles() },
        script: true,
        exitCode: null,
        filters,
      });
      return (result.stdout ?? '').trim();
    });
  } finally {
    await shadow.close();
  }
}
