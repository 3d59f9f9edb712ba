import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * GraphiQL's page is small; GraphiQL itself (script, styles, Monaco workers) comes as separate
 * files named by content: compressed, cached for good, revalidated by ETag.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ graphiqlApiKey: true });
});
afterAll(async () => {
  await t?.close();
});

const page = () => fetch(t.url, { headers: { accept: 'text/html' } }).then((r) => r.text());
const filesOf = (html: string) =>
  [...html.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map((m) => m[1] as string);

describe('GraphiQL files', () => {
  it('serves a small page that names its files, and the worker files in its options', async () => {
    const html = await page();
    expect(html.length).toBeLessThan(20_000);
    const files = filesOf(html);
    expect(files.some((f) => /\/graphiql\/graphiql\.[\w-]+\.js$/.test(f))).toBe(true);
    expect(files.some((f) => f.endsWith('.css'))).toBe(true);
    expect(html).toMatch(
      /"workerUrls":\{"editorWorkerService":"\/graphiql\/editor-worker\.[\w-]+\.js"/,
    );
    // The same names on the next request: browsers keep what they fetched.
    expect(filesOf(await page())).toEqual(files);
  });

  it('compresses them (brotli, else gzip), caches them for good and answers 304 to a known ETag', async () => {
    const script = filesOf(await page()).find((f) => /\/graphiql\/graphiql\.[\w-]+\.js$/.test(f));
    const url = new URL(script as string, t.url);
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    const size = Number(plain.headers.get('content-length'));
    expect(size).toBeGreaterThan(1_000_000);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();

    const br = await fetch(url, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(Number(br.headers.get('content-length'))).toBeLessThan(size / 3);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toBe('accept-encoding');
    expect(await br.text()).toBe(text); // fetch decodes it

    const gz = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(text);

    const again = await fetch(url, { headers: { 'if-none-match': br.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('knows no other file under /graphiql/', async () => {
    const res = await fetch(new URL('/graphiql/graphiql.unknown.js', t.url));
    expect(res.status).toBe(404);
  });
});

describe('GraphiQL files in production', () => {
  it('are not served', async () => {
    const prod = await startTestApp({
      env: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) },
    });
    try {
      const res = await fetch(new URL('/graphiql/graphiql.x.js', prod.url));
      expect(res.status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
