// Trusted documents: the operations graphql-codegen's client preset wrote to
// client/generated/persisted-documents.json (sha256 → text), run by their hash. With
// PERSISTED_DOCUMENTS=only nothing else runs; with `allow` other text runs too.
//
// Our clients send the hash with the text (extensions.persistedQuery.sha256Hash), so one client
// works whatever the server's mode: a known hash runs the manifest's text, never the one sent.
// Yoga's persisted-operations plugin refuses any request that carries text before it reads the
// hash, and does not see graphql-ws operations; this one rule serves both (HTTP and ws.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { AppError, ErrorCode } from '../errors.js';
import { ROOT } from '../paths.js';

export type PersistedDocumentsMode = 'off' | 'allow' | 'only';

export const MANIFEST_PATH = path.join(ROOT, 'client/generated/persisted-documents.json');

/** What a request or a graphql-ws subscribe message carries. */
export interface DocumentParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

/** The hash a request names (`documentId`, or Apollo's persistedQuery), without "sha256:". */
function documentIdOf(params: DocumentParams): string | undefined {
  const ext = params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  const id = params.documentId ?? ext?.persistedQuery?.sha256Hash;
  return typeof id === 'string' ? id.replace(/^sha256:/, '') : undefined;
}

export class PersistedDocuments {
  private constructor(
    readonly mode: Exclude<PersistedDocumentsMode, 'off'>,
    private readonly documents: ReadonlyMap<string, string>,
  ) {}

  /** The manifest, or null when the mode is `off`. A missing or broken manifest stops the start. */
  static load(mode: PersistedDocumentsMode, file = MANIFEST_PATH): PersistedDocuments | null {
    if (mode === 'off') return null;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const documents = new Map(
      Object.entries(manifest).map(([hash, text]) => [hash.replace(/^sha256:/, ''), text]),
    );
    return new PersistedDocuments(mode, documents);
  }

  get size(): number {
    return this.documents.size;
  }

  /**
   * The text to run: the manifest's for a known hash; else the text sent, if the mode allows it.
   * undefined when there is neither (GraphQL's own "Must provide query string" follows).
   */
  queryFor(params: DocumentParams): string | undefined {
    const id = documentIdOf(params);
    const text = typeof params.query === 'string' && params.query !== '' ? params.query : undefined;
    if (id !== undefined) {
      const known = this.documents.get(id);
      if (known !== undefined) return known;
      if (this.mode === 'allow' && text !== undefined) return text;
      throw new AppError(ErrorCode.NOT_FOUND, 'Persisted document not found', {
        field: 'documentId',
      });
    }
    if (text !== undefined && this.mode === 'only') {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        'Only trusted documents run here: send a known documentId or extensions.persistedQuery.sha256Hash',
      );
    }
    return text;
  }
}

/** The HTTP side: the query Yoga parses is the one queryFor chooses. */
export function usePersistedDocuments(documents: PersistedDocuments | null): Plugin {
  if (!documents) return {};
  return {
    onParams({ params, setParams }) {
      const query = documents.queryFor(params as DocumentParams);
      if (query !== params.query) setParams({ ...params, query });
    },
  };
}
