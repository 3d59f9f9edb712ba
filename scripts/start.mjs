// npm start: runs the built server (dist/server.js), building it first when it is missing or
// older than the sources, so a fresh clone and an edited one both start with one command.
import { pathToFileURL } from 'node:url';
import { build, isStale, OUTFILE } from './build.mjs';

if (await isStale()) {
  const started = performance.now();
  await build();
  console.error(`built dist/server.js in ${Math.round(performance.now() - started)} ms`);
}
await import(pathToFileURL(OUTFILE).href);
