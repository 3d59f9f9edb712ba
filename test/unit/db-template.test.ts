import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevelopmentKey, openConfiguredDatabase } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { copyTemplateInto } from '../../src/db/embedded.js';
import { writeEmbeddedTemplate } from '../../src/embedded-template.js';

/**
 * The embedded database template (what `npm run build` leaves in dist/): a new DATA_DIR is a copy
 * of it, as current as a migrated one, with a development key of its own; what a DATA_DIR holds
 * already is never touched.
 */
describe('the embedded database template', () => {
  let root: string;
  let template: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'db-template-'));
    template = path.join(root, 'template');
    await writeEmbeddedTemplate(template);
  }, 120_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('gives a new DATA_DIR a database that needs no migration, is seeded, and has no users', async () => {
    const dataDir = path.join(root, 'fresh');
    expect(await copyTemplateInto(dataDir, template)).toBe(true);
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'development' });
    const { database, applied } = await openConfiguredDatabase(config);
    try {
      expect(applied).toEqual([]);
      expect(await database.prisma.agent.count()).toBeGreaterThan(0);
      expect(await database.prisma.product.count()).toBeGreaterThan(0);
      expect(await database.prisma.user.count()).toBe(0);
      const key = await ensureDevelopmentKey(config, database);
      expect(key?.created).toBe(true);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('leaves a DATA_DIR that holds anything under pglite/ as it is', async () => {
    const dataDir = path.join(root, 'kept');
    await mkdir(path.join(dataDir, 'pglite'), { recursive: true });
    await writeFile(path.join(dataDir, 'pglite', 'notes.txt'), 'mine\n');
    expect(await copyTemplateInto(dataDir, template)).toBe(false);
    expect(await readdir(path.join(dataDir, 'pglite'))).toEqual(['notes.txt']);
  });
});
