import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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

/** The worker thread running PGlite, and calls to it by message. */
class EmbeddedThread {
  private readonly pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void }
  >();
  private next = 0;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const call = this.pending.get(reply.id);
      if (!call) return;
      this.pending.delete(reply.id);
      if (!reply.error) return call.resolve(reply.result);
      const { adapterCause, name, message } = reply.error;
      if (adapterCause) return call.reject(new DriverAdapterError(adapterCause));
      call.reject(Object.assign(new Error(message), { name }));
    });
    worker.on('error', (error) => {
      for (const call of this.pending.values()) call.reject(error);
      this.pending.clear();
    });
  }

  call<T>(op: string, message: Record<string, unknown> = {}): Promise<T> {
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
  const ready = await new Promise<{ ready?: boolean; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).catch((error: Error) => ({ ready: false, error: error.message }));
  if (!ready.ready) {
    await worker.terminate();
    await unlock();
    throw new Error(`the embedded database did not start: ${ready.error}`);
  }
  const thread = new EmbeddedThread(worker);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    ...ADAPTER,
    connect: async () => adapter(thread, await thread.call<number>('connect')),
    connectToShadowDb: () => {
      throw new Error('the embedded database has no shadow database (see db/migrate.ts)');
    },
  };
  return {
    factory,
    async close() {
      await Promise.race([thread.call('close'), new Promise((r) => setTimeout(r, 5000))]);
      await worker.terminate();
      await unlock();
    },
  };
}
