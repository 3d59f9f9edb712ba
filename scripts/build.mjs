// npm run build: bundles the server (src/server.ts and what it imports from src/) into
// dist/server.js, so that `npm start` compiles no TypeScript. Packages stay in node_modules.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTDIR = path.join(ROOT, 'dist');
export const OUTFILE = path.join(OUTDIR, 'server.js');

export async function build() {
  const { build: esbuild } = await import('esbuild');
  await esbuild({
    entryPoints: [path.join(ROOT, 'src/server.ts')],
    outdir: OUTDIR,
    // The server's modules load while the embedded database starts (src/server.ts).
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  });
}

async function newestIn(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const { mtimeMs } = await stat(path.join(entry.parentPath, entry.name));
    if (mtimeMs > newest) newest = mtimeMs;
  }
  return newest;
}

/** True when dist/server.js is missing or older than a source file (src/ or the lock file). */
export async function isStale() {
  const built = await stat(OUTFILE).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (!built) return true;
  const lock = await stat(path.join(ROOT, 'package-lock.json')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  return (await newestIn(path.join(ROOT, 'src'))) > built || lock > built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await build();
  console.log(`built dist/server.js in ${Math.round(performance.now() - started)} ms`);
}
