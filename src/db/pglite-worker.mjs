// The embedded database's thread: PGlite (PostgreSQL compiled to WebAssembly) and its Prisma
// driver adapter run here, off the server's event loop. The server's thread holds a proxy of the
// adapter (src/db/embedded.ts) that sends each call here and gets its result back. Plain
// JavaScript, so that starting it compiles nothing.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { preparedClient } from './pglite-statements.mjs';

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
    // PostgreSQL's buffer pool lives in the WebAssembly memory and is set up at every start:
    // the default 128MB costs about 200 ms of startup and 100 MB of resident memory (measured:
    // PGlite.create 700-770 ms at 128MB, 545-585 ms at 32MB). The data files stay in the OS's
    // page cache either way (PGlite reads them through Node's fs), so a page the pool misses
    // costs a read call, not a disk access.
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
  });
  // The adapter runs its statements through prepared ones (pglite-statements.mjs).
  const factory = new PrismaPGlite(preparedClient(db));
  const adapters = new Map();
  const transactions = new Map();
  let next = 0;
  const target = (message) =>
    message.tx != null ? transactions.get(message.tx) : adapters.get(message.adapter);
  const ops = {
    // The server's thread names the adapter (it does not wait for this reply): the promise is
    // kept, and the calls that follow in order wait for it.
    connect: async (m) => {
      const connecting = factory.connect();
      adapters.set(m.adapter, connecting);
      adapters.set(m.adapter, await connecting);
    },
    queryRaw: async (m) => (await target(m)).queryRaw(m.query),
    executeRaw: async (m) => (await target(m)).executeRaw(m.query),
    executeScript: async (m) => (await adapters.get(m.adapter)).executeScript(m.script),
    startTransaction: async (m) => {
      const tx = await (await adapters.get(m.adapter)).startTransaction(m.isolationLevel);
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
  // PGlite may throw what is not an Error (Emscripten's ExitStatus: { name, message, status }).
  const message =
    error?.name === 'ErrnoError'
      ? `file system error (errno ${error.errno}) in ${dataDir}: is it a folder PGlite wrote?`
      : typeof error?.message === 'string'
        ? error.message
        : JSON.stringify(error);
  parentPort.postMessage({ startError: message || String(error) });
}
