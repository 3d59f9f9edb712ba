// Static files the server builds in memory (the web page, GraphiQL): compressed once when built,
// served with an ETag, in the encoding the client accepts.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ROOT } from '../paths.js';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export interface Asset {
  type: string;
  etag: string;
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/** A short content hash, for ETags and for file names that never change meaning. */
export const contentHash = (content: string | Buffer) =>
  createHash('sha256').update(content).digest('base64url').slice(0, 22);

/** An asset with its brotli and gzip forms (brotli at quality 5: near 11's size, far faster). */
export async function makeAsset(content: string | Buffer, type: string): Promise<Asset> {
  const body = Buffer.isBuffer(content) ? content : Buffer.from(content);
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipped(body, { level: 6 }),
  ]);
  return { type, etag: `"${contentHash(body)}"`, body, br, gzip: gz };
}

/** The best encoding the request accepts: br, gzip, or none. */
function encodingFor(request: Request): 'br' | 'gzip' | null {
  const accepted = (request.headers.get('accept-encoding') ?? '')
    .split(',')
    .map((e) => e.trim().split(';'))
    .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
    .map(([name]) => name?.toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return null;
}

/** A GET or HEAD of the asset: 304 when the client's copy is current, else the (encoded) body. */
export function assetResponse(
  fetchAPI: { Response: typeof Response },
  request: Request,
  asset: Asset,
  headers: Record<string, string>,
): Response {
  const common = { etag: asset.etag, vary: 'accept-encoding', ...headers };
  if (request.headers.get('if-none-match') === asset.etag) {
    return new fetchAPI.Response(null, { status: 304, headers: common });
  }
  const encoding = encodingFor(request);
  const body = encoding ? asset[encoding] : asset.body;
  return new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': asset.type,
      'content-length': String(body.length),
      ...(encoding ? { 'content-encoding': encoding } : {}),
      ...common,
    },
  });
}

/** A browser script of web/ bundled and minified in memory (nothing written to disk). */
export async function bundleBrowserScript(entry: string, format: 'esm' | 'iife'): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(ROOT, 'web', entry)],
    bundle: true,
    write: false,
    format,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
