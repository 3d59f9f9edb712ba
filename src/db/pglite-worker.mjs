// The embedded database's thread: PGlite (PostgreSQL compiled to WebAssembly) runs here, off the
// server's event loop, and serves the PostgreSQL wire protocol on a Unix socket
// (@electric-sql/pglite-socket); the server talks to it with the same driver as to a real
// PostgreSQL. Plain JavaScript, so that starting it compiles nothing.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** @type {{ dataDir?: string, loadDataDir?: Uint8Array, socketPath: string }} */
const { dataDir, loadDataDir, socketPath } = workerData;

try {
  const db = await PGlite.create(dataDir, {
    ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {}),
  });
  // PGlite is one session: the server keeps to one connection (statements of several could
  // interleave), plus one for the migration engine before it serves.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 2 });
  await server.start();
  parentPort.on('message', async (message) => {
    if (message !== 'close') return;
    await server.stop();
    await db.close();
    parentPort.postMessage({ closed: true });
  });
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
