import type { CodegenConfig } from '@graphql-codegen/cli';

// One set of typed operations for every client (the web page, the terminal client, the examples
// and the tests), from the committed schema (works offline). Shared operations live in
// client/operations/*.graphql; an operation only one place needs is written inline with the
// generated graphql() function, and codegen's unique-name rule keeps one definition of each.
//
// documentMode 'string': documents are TypedDocumentString (a typed String), which fetch and
// graphql-ws send as they are, with no graphql-js in the browser.
// persistedDocuments: client/generated/persisted-documents.json maps each document's sha256 to
// its text, ready for the server to accept `documentId` requests (not served yet).
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: [
    'client/operations/*.graphql',
    'web/**/*.ts',
    'src/cli/**/*.ts',
    'examples/**/*.ts',
    'test/**/*.ts',
  ],
  ignoreNoDocuments: false,
  hooks: {
    // What `pureMagicComment` does, which the client preset does not pass on: unused documents
    // (the tests', the CLI's) drop out of the web page's bundle.
    beforeOneFileWrite: (path: string, content: string) =>
      path.endsWith('graphql.ts')
        ? content.replaceAll(
            ' = new TypedDocumentString(',
            ' = /*#__PURE__*/ new TypedDocumentString(',
          )
        : content,
  },
  generates: {
    'client/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        importExtension: '.js',
        enumsAsTypes: true,
        scalars: {
          DateTime: 'string',
          JSON: { input: 'unknown', output: '../json.js#Json' },
          ID: 'string',
        },
      },
    },
  },
};

export default config;
