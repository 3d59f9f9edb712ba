// npm run build: bundles the server (src/server.ts and what it imports from src/) into
// dist/server.js with the packages it imports (but those that load files of their own), so that
// `npm start` compiles no TypeScript and resolves few modules, and
// writes the embedded database template (src/embedded-template.ts) a new DATA_DIR starts from.
import { execFile } from 'node:child_process';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTDIR = path.join(ROOT, 'dist');
export const OUTFILE = path.join(OUTDIR, 'server.js');
const TEMPLATE_SCRIPT = path.join(OUTDIR, 'cli/db-template.js');
export const TEMPLATE = path.join(OUTDIR, 'pglite-template');

const EXTERNAL = [
  '@electric-sql/pglite',
  'pglite-prisma-adapter',
  '@prisma/schema-engine-wasm',
  '@prisma/adapter-pg',
  'pg',
  'ioredis',
  '@graphql-yoga/redis-event-target',
  '@opentelemetry/*',
  '@envelop/opentelemetry',
  'esbuild',
  'pino',
  'thread-stream',
  'pino-pretty',
];

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const { metafile } = await esbuild({
    entryPoints: [path.join(ROOT, 'src/server.ts'), path.join(ROOT, 'src/cli/db-template.ts')],
    outdir: OUTDIR,
    outbase: path.join(ROOT, 'src'),
    // The server's modules load while the embedded database starts (src/server.ts).
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Packages are bundled too (resolving and linking a thousand modules at start costs more than
    // their code), except those that load files of their own at run time.
    external: EXTERNAL,
    // A package's ES module build where it has one (graphql's index.mjs, not its CommonJS
    // index.js, whose every export is a getter behind esbuild's own CommonJS wrapper: graphql-js
    // reads them on every field it executes). graphql-armor imports graphql's parser by its .js
    // path: it gets the .mjs one, so the bundle holds one graphql, not two.
    mainFields: ['module', 'main'],
    alias: { 'graphql/language/parser': 'graphql/language/parser.mjs' },
    // Bundled CommonJS packages require() Node's modules: each output file gets a require.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    logLevel: 'error',
    metafile: true,
    absWorkingDir: ROOT,
  });
  // Chunks are named by their content: those of earlier builds that this one did not write again
  // would pile up in dist/. Only scripts and their maps go (the template's database files and the
  // compile cache have neither extension).
  const written = new Set(Object.keys(metafile.outputs).map((file) => path.resolve(ROOT, file)));
  for (const entry of await readdir(OUTDIR, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && /\.js(\.map)?$/.test(entry.name) && !written.has(file)) await rm(file);
  }
}

/** Migrates and seeds an empty embedded database and keeps it as dist/pglite-template/. */
export function buildTemplate() {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [TEMPLATE_SCRIPT, TEMPLATE], { cwd: ROOT }, (error, _out, stderr) =>
      error
        ? reject(new Error(`the embedded database template: ${stderr || error.message}`))
        : resolve(),
    );
  });
}

const mtime = (file) =>
  stat(file).then(
    (s) => s.mtimeMs,
    () => 0,
  );

async function newestIn(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const { mtimeMs } = await stat(path.join(entry.parentPath, entry.name));
    if (mtimeMs > newest) newest = mtimeMs;
  }
  return newest;
}

/**
 * What is out of date: the code when dist/server.js is missing or older than a source file (src/
 * or the lock file); the template when it is missing or older than the migrations (prisma/).
 */
export async function staleness() {
  const built = await mtime(OUTFILE);
  const lock = await mtime(path.join(ROOT, 'package-lock.json'));
  const code = !built || (await newestIn(path.join(ROOT, 'src'))) > built || lock > built;
  const template = await mtime(path.join(TEMPLATE, 'PG_VERSION'));
  const migrations = await newestIn(path.join(ROOT, 'prisma'));
  return { code, template: !template || migrations > template };
}

/** Builds what is stale (everything with `all`); says what it built, and how long it took. */
export async function buildStale({ all = false } = {}) {
  const stale = all ? { code: true, template: true } : await staleness();
  const started = performance.now();
  if (stale.code) await build();
  if (stale.template) await buildTemplate();
  const built = [
    stale.code && 'dist/server.js',
    stale.template && 'the embedded database template',
  ];
  const what = built.filter(Boolean).join(' and ');
  return what ? `built ${what} in ${Math.round(performance.now() - started)} ms` : null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildStale({ all: true }));
}
