import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, unlink } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../paths.js';

/** The embedded database is in use by another process (a server on the same DATA_DIR). */
export class DataDirInUseError extends Error {}

/** PostgreSQL clients find a server's socket as <dir>/.s.PGSQL.<port>. */
const PORT = 5432;
const socketName = `.s.PGSQL.${PORT}`;
/** Unix socket paths are limited to about 108 bytes. */
const MAX_SOCKET_PATH = 100;

export interface EmbeddedServer {
  /** Connection options for node-postgres (`pg`). */
  connection: { host: string; port: number; user: string; database: string };
  close(): Promise<void>;
}

/** True when something accepts connections on the socket (a server owns the data folder). */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Where the socket lives: in DATA_DIR (one server per folder) when the path is short enough. */
async function socketDir(
  dataDir: string | undefined,
): Promise<{ dir: string; temporary: boolean }> {
  if (dataDir && path.join(dataDir, socketName).length <= MAX_SOCKET_PATH) {
    return { dir: dataDir, temporary: false };
  }
  return { dir: await mkdtemp(path.join(os.tmpdir(), 'chat-pglite-')), temporary: true };
}

/**
 * Starts PGlite in a worker thread serving a Unix socket: `dataDir` (a folder), in memory, or a
 * copy of `loadDataDir` (a tarball, tests). DataDirInUseError when another process serves the
 * same folder.
 */
export async function startEmbedded(options: {
  dataDir?: string;
  loadDataDir?: Uint8Array;
}): Promise<EmbeddedServer> {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const { dir, temporary } = await socketDir(dataDir);
  const socketPath = path.join(dir, socketName);
  if (!temporary && existsSync(socketPath)) {
    if (await answers(socketPath)) {
      throw new DataDirInUseError(
        `the embedded database in ${dataDir} is in use by another process (a server on the same DATA_DIR): stop it first, or point DATABASE_URL at a PostgreSQL server`,
      );
    }
    await unlink(socketPath); // left behind by a process that died
  }
  const worker = new Worker(path.join(ROOT, 'src/db/pglite-worker.mjs'), {
    workerData: {
      dataDir: dataDir ? path.join(dataDir, 'pglite') : undefined,
      loadDataDir: options.loadDataDir,
      socketPath,
    },
  });
  const ready = await new Promise<{ ready?: boolean; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (!ready.ready) {
    await worker.terminate();
    throw new Error(`the embedded database did not start: ${ready.error}`);
  }
  return {
    connection: { host: dir, port: PORT, user: 'postgres', database: 'postgres' },
    async close() {
      const closed = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('close');
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      await worker.terminate();
      if (temporary) await rm(dir, { recursive: true, force: true });
    },
  };
}
