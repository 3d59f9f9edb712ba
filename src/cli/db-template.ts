// npm run build (scripts/build.mjs): writes the embedded database template (src/embedded-template.ts).
import { EMBEDDED_TEMPLATE } from '../db/embedded.js';
import { writeEmbeddedTemplate } from '../embedded-template.js';

const file = process.argv[2] ?? EMBEDDED_TEMPLATE;
await writeEmbeddedTemplate(file);
