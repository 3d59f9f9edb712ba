// The chat web page: GET / (HTML), /app.js (web/app.ts bundled by esbuild) and /styles.css.
// The bundle is built in memory on the first request and kept; nothing is written to disk.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { ROOT } from '../paths.js';
import { type Asset, assetResponse, bundleBrowserScript, makeAsset } from './assets.js';

const WEB_DIR = path.join(ROOT, 'web/');

export interface WebPageOptions {
  /**
   * Development only: the API key the page uses without asking (like GraphiQL's pre-filled
   * header). Without it the page asks for a key and keeps it in the browser's localStorage.
   */
  devApiKey?: string;
  /**
   * Whether this request may see the development key (a loopback Host on a loopback bind);
   * others get the page that asks for a key.
   */
  mayShowKey?: (request: Request) => boolean;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

async function buildAssets(options: WebPageOptions): Promise<Map<string, Asset>> {
  const [js, html, css] = await Promise.all([
    bundleBrowserScript('app.ts', 'esm'),
    readFile(`${WEB_DIR}index.html`, 'utf8'),
    readFile(`${WEB_DIR}styles.css`, 'utf8'),
  ]);
  const meta = options.devApiKey
    ? `<meta name="chat-dev-api-key" content="${escapeAttribute(options.devApiKey)}" />\n  `
    : null;
  const htmlType = 'text/html; charset=utf-8';
  return new Map<string, Asset>([
    ['/', await makeAsset(html, htmlType)],
    // The same page with the development key, served only where mayShowKey allows it.
    ...(meta
      ? [[WITH_KEY, await makeAsset(html.replace('</head>', `${meta}</head>`), htmlType)] as const]
      : []),
    ['/app.js', await makeAsset(js, 'text/javascript; charset=utf-8')],
    ['/styles.css', await makeAsset(css, 'text/css; charset=utf-8')],
  ]);
}

const WITH_KEY = '/#with-development-key';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Everything is same-origin: the bundle, the stylesheet, /graphql over HTTP and WebSocket.
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** A Yoga plugin answering GET/HEAD for the page's three paths; every other request passes on. */
export function useWebPage(options: WebPageOptions = {}): Plugin {
  let assets: Promise<Map<string, Asset>> | undefined;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname !== '/' && url.pathname !== '/app.js' && url.pathname !== '/styles.css')
        return;
      assets ??= buildAssets(options);
      let asset: Asset | undefined;
      try {
        const withKey = url.pathname === '/' && options.mayShowKey?.(request) === true;
        asset = (await assets).get(withKey ? WITH_KEY : url.pathname);
      } catch (error) {
        assets = undefined; // try again on the next request
        const message = error instanceof Error ? error.message : String(error);
        return endResponse(
          new fetchAPI.Response(`The web page failed to build:\n${message}`, {
            status: 500,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          }),
        );
      }
      if (!asset) return;
      const headers = {
        // The HTML may carry the development key: never stored; the rest revalidates (ETag).
        'cache-control': url.pathname === '/' ? 'no-store' : 'no-cache',
        ...SECURITY_HEADERS,
      };
      endResponse(assetResponse(fetchAPI, request, asset, headers));
    },
  };
}
