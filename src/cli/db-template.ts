// npm run build (scripts/build.mjs): writes the embedded database template (src/embedded-template.ts).
import { writeEmbeddedTemplate } from '../embedded-template.js';

// The folder to write (scripts/build.mjs names it), else EMBEDDED_TEMPLATE.
await writeEmbeddedTemplate(process.argv[2]);
