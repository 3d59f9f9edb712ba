// The embedded database's thread: PGlite (PostgreSQL compiled to WebAssembly) and its Prisma
// driver adapter run here, off the server's event loop. The server's thread holds a proxy of the
// adapter (src/db/embedded.ts) that sends each call here and gets its result back. Plain
// JavaScript, so that starting it compiles nothing.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/** @type {{ dataDir?: string, loadDataDir?: Uint8Array }} */
const { dataDir, loadDataDir } = workerData;

/** What an error becomes on its way to the server's thread (a driver error's `cause` kept). */
const serialize = (error) =>
  error?.name === 'DriverAdapterError' && typeof error.cause === 'object'
    ? { adapterCause: error.cause }
    : { name: error?.name ?? 'Error', message: error?.message ?? String(error) };

try {
  const db = await PGlite.create(dataDir, {
    ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {}),
  });
  const factory = new PrismaPGlite(db);
  const adapters = new Map();
  const transactions = new Map();
  let next = 0;
  const target = (message) =>
    message.tx != null ? transactions.get(message.tx) : adapters.get(message.adapter);
  const ops = {
    connect: async () => {
      const id = ++next;
      adapters.set(id, await factory.connect());
      return id;
    },
    queryRaw: (m) => target(m).queryRaw(m.query),
    executeRaw: (m) => target(m).executeRaw(m.query),
    executeScript: (m) => adapters.get(m.adapter).executeScript(m.script),
    startTransaction: async (m) => {
      const tx = await adapters.get(m.adapter).startTransaction(m.isolationLevel);
      const id = ++next;
      transactions.set(id, tx);
      return { id, options: tx.options };
    },
    commit: async (m) => {
      const tx = transactions.get(m.tx);
      transactions.delete(m.tx);
      await tx.commit();
    },
    rollback: async (m) => {
      const tx = transactions.get(m.tx);
      transactions.delete(m.tx);
      await tx.rollback();
    },
    dispose: async (m) => {
      adapters.delete(m.adapter);
    },
    close: async () => {
      await db.close();
    },
  };
  parentPort.on('message', async (message) => {
    try {
      const result = await ops[message.op](message);
      parentPort.postMessage({ id: message.id, result });
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: serialize(error) });
    }
  });
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
