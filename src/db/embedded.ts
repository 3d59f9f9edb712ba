import { access, copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from '@prisma/driver-adapter-utils';
import { ROOT } from '../paths.js';

/** The embedded database is in use by another process (a server on the same DATA_DIR). */
export class DataDirInUseError extends Error {}

interface Reply {
  id: number;
  result?: unknown;
  error?: { adapterCause?: DriverAdapterError['cause']; name?: string; message?: string };
}

/**
 * The worker thread running PGlite, and calls to it by message. Calls may be made before PGlite
 * has started: the thread's port queues them until its handler is attached, and they all fail
 * with the start's error when it does not start.
 */
class EmbeddedThread {
  private readonly pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void }
  >();
  private next = 0;
  /** Why the thread cannot answer (it did not start, or it stopped): every call fails with it. */
  private failure: Error | null = null;
  /** Resolves when PGlite has started in the thread; rejects with why it did not. */
  readonly ready: Promise<void>;

  constructor(readonly worker: Worker) {
    let started: () => void = () => {};
    let failed: (e: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    this.ready.catch(() => {}); // handled by whoever awaits it (openDatabase)
    const fail = (error: Error) => {
      this.failure ??= error;
      failed(error);
      for (const call of this.pending.values()) call.reject(error);
      this.pending.clear();
    };
    worker.on('message', (reply: Reply & { ready?: boolean; startError?: string }) => {
      if (reply.ready) return started();
      if (reply.startError !== undefined) {
        return fail(new Error(`the embedded database did not start: ${reply.startError}`));
      }
      const call = this.pending.get(reply.id);
      if (!call) return;
      this.pending.delete(reply.id);
      if (!reply.error) return call.resolve(reply.result);
      const { adapterCause, name, message } = reply.error;
      if (adapterCause) return call.reject(new DriverAdapterError(adapterCause));
      call.reject(Object.assign(new Error(message), { name }));
    });
    worker.on('error', (error) =>
      fail(new Error(`the embedded database did not start: ${error.message}`)),
    );
    worker.on('exit', (code) => fail(new Error(`the embedded database stopped (exit ${code})`)));
  }

  call<T>(op: string, message: Record<string, unknown> = {}): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id, op });
    });
  }
}

const ADAPTER = {
  provider: 'postgres',
  adapterName: '@prisma/adapter-pglite (worker thread)',
} as const;

function transaction(thread: EmbeddedThread, tx: number, options: TransactionOptions): Transaction {
  return {
    ...ADAPTER,
    options,
    queryRaw: (query: SqlQuery) => thread.call<SqlResultSet>('queryRaw', { tx, query }),
    executeRaw: (query: SqlQuery) => thread.call<number>('executeRaw', { tx, query }),
    commit: () => thread.call<void>('commit', { tx }),
    rollback: () => thread.call<void>('rollback', { tx }),
  };
}

function adapter(thread: EmbeddedThread, id: number): SqlDriverAdapter {
  return {
    ...ADAPTER,
    queryRaw: (query) => thread.call<SqlResultSet>('queryRaw', { adapter: id, query }),
    executeRaw: (query) => thread.call<number>('executeRaw', { adapter: id, query }),
    executeScript: (script) => thread.call<void>('executeScript', { adapter: id, script }),
    async startTransaction(isolationLevel?: IsolationLevel) {
      const started = await thread.call<{ id: number; options: TransactionOptions }>(
        'startTransaction',
        { adapter: id, isolationLevel },
      );
      return transaction(thread, started.id, started.options);
    },
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: () => thread.call<void>('dispose', { adapter: id }),
  };
}

/** Whether a process with this id runs (a server that holds the data folder). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One process owns an embedded data folder: DATA_DIR/server.pid says which. */
async function lock(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'server.pid');
  const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (holder && holder !== process.pid && alive(holder)) {
    throw new DataDirInUseError(
      `the embedded database in ${dataDir} is in use by process ${holder} (a server on the same DATA_DIR): stop it first, or point DATABASE_URL at a PostgreSQL server (if no such process runs, delete ${file})`,
    );
  }
  await writeFile(file, `${process.pid}\n`);
  return async () => {
    const still = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (still === String(process.pid)) await rm(file, { force: true });
  };
}

export interface EmbeddedDatabase {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** PGlite has started in its thread (rejects with why it did not). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * PGlite in a worker thread, off the event loop: `dataDir` (a folder), in memory, or a copy of
 * `loadDataDir` (a tarball, tests). Prisma reaches it through a driver adapter that forwards each
 * call to the thread. DataDirInUseError when another live process holds the same folder.
 */
export async function startEmbedded(options: {
  dataDir?: string;
  loadDataDir?: Uint8Array;
}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const unlock = dataDir ? await lock(dataDir) : async () => {};
  const worker = new Worker(path.join(ROOT, 'src/db/pglite-worker.mjs'), {
    workerData: {
      dataDir: dataDir ? path.join(dataDir, 'pglite') : undefined,
      loadDataDir: options.loadDataDir,
    },
  });
  const thread = new EmbeddedThread(worker);
  let adapters = 0;
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    ...ADAPTER,
    // No round trip: Prisma loads its query compiler right after connecting, and that happens
    // while PGlite is still starting in the thread (the thread connects its adapter in order).
    connect: async () => {
      const id = ++adapters;
      thread.call<void>('connect', { adapter: id }).catch(() => {}); // its failure fails the calls
      return adapter(thread, id);
    },
    connectToShadowDb: () => {
      throw new Error('the embedded database has no shadow database (see db/migrate.ts)');
    },
  };
  const stop = async () => {
    await worker.terminate();
    await unlock();
  };
  return {
    factory,
    ready: thread.ready,
    async close() {
      const started = await thread.ready.then(
        () => true,
        () => false,
      );
      if (started) {
        await Promise.race([thread.call('close'), new Promise((r) => setTimeout(r, 5000))]);
      }
      await stop();
    },
  };
}

/**
 * A new embedded database starts as a copy of this folder when it exists: a PGlite data folder,
 * migrated and seeded, with no users. `npm run build` (and `npm start` when it builds) writes it,
 * so a new DATA_DIR is a file copy instead of PGlite's initdb and the migrations (seconds).
 * Migrations added later are applied on top, as for any existing database.
 */
export const EMBEDDED_TEMPLATE = path.join(ROOT, 'dist/pglite-template');

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

/**
 * The embedded database of a DATA_DIR, its thread started: a new DATA_DIR first gets a copy of
 * the template when the build made one.
 */
export async function startEmbeddedIn(dataDir: string): Promise<EmbeddedDatabase> {
  await copyTemplateInto(dataDir);
  return startEmbedded({ dataDir });
}
