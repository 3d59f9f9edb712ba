// npm start: runs the built server (dist/server.js), building it first when it is missing or
// older than the sources, so a fresh clone and an edited one both start with one command.
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, isStale, OUTDIR, OUTFILE } from './build.mjs';

// V8 keeps the compiled code of every module it loads here, so the next start skips compiling.
enableCompileCache?.(path.join(OUTDIR, '.compile-cache'));

if (await isStale()) {
  const started = performance.now();
  await build();
  console.error(`built dist/server.js in ${Math.round(performance.now() - started)} ms`);
}
await import(pathToFileURL(OUTFILE).href);
