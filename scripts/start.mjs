// npm start: runs the built server (dist/server.js), building it (and the embedded database
// template) first when missing or older than the sources, so a fresh clone and an edited one both
// start with one command.
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildStale, OUTDIR, OUTFILE } from './build.mjs';

// V8 keeps the compiled code of every module it loads here, so the next start skips compiling.
enableCompileCache?.(path.join(OUTDIR, '.compile-cache'));

const built = await buildStale();
if (built) console.error(built);
await import(pathToFileURL(OUTFILE).href);
