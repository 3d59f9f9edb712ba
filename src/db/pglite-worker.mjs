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
  // PGlite is one session: the server's pool keeps to one connection, since statements of several
  // could interleave. A few more slots: the migration engine's own connection at start, and the
  // new connection the pool opens after it drops one that saw an error.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
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
