// npm run build (scripts/build.mjs): writes the embedded database template (db/template.ts).
import { EMBEDDED_TEMPLATE, writeEmbeddedTemplate } from '../db/template.js';

const file = process.argv[2] ?? EMBEDDED_TEMPLATE;
await writeEmbeddedTemplate(file);
