// GraphiQL: a small page, and Yoga's GraphiQL (its script, styles and Monaco workers, 9 MB) as
// separate files named by their content, so a browser downloads them compressed once and keeps
// them. The page starts it with web/graphiql.ts (the Headers pane reaches subscriptions too).
import type { Plugin } from 'graphql-yoga';
import {
  type Asset,
  assetResponse,
  bundleBrowserScript,
  contentHash,
  makeAsset,
} from './assets.js';

const PREFIX = '/graphiql/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface GraphiQLFiles {
  files: Map<string, Asset>;
  urls: { start: string; script: string; styles: string; favicon: string };
  workerUrls: Record<string, string>;
}

async function buildFiles(): Promise<GraphiQLFiles> {
  const [graphiql, start] = await Promise.all([
    import('@graphql-yoga/render-graphiql/graphiql'),
    bundleBrowserScript('graphiql.ts', 'iife'),
  ]);
  const files = new Map<string, Asset>();
  const add = async (name: string, content: string | Buffer, type: string) => {
    const [base, ext] = name.split('.');
    const url = `${PREFIX}${base}.${contentHash(content)}.${ext}`;
    files.set(url, await makeAsset(content, type));
    return url;
  };
  const js = 'text/javascript; charset=utf-8';
  const icon = graphiql.favicon.replace(/^data:[^,]*;base64,/, '');
  const [startUrl, script, styles, favicon, editorWorkerService, json, graphql] = await Promise.all(
    [
      add('start.js', start, js),
      add('graphiql.js', graphiql.js, js),
      add('graphiql.css', graphiql.css, 'text/css; charset=utf-8'),
      add('favicon.ico', Buffer.from(icon, 'base64'), 'image/x-icon'),
      add('editor-worker.js', graphiql.editorWorkerService, js),
      add('json-worker.js', graphiql.jsonWorker, js),
      add('graphql-worker.js', graphiql.graphqlWorker, js),
    ],
  );
  return {
    files,
    urls: { start: startUrl, script, styles, favicon },
    workerUrls: { editorWorkerService, json, graphql },
  };
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** GraphiQL's page (Yoga's renderGraphiQL) and its files under /graphiql/ (a Yoga plugin). */
export function graphiqlPages() {
  let built: Promise<GraphiQLFiles> | undefined;
  const files = () => {
    built ??= buildFiles().catch((error) => {
      built = undefined; // try again on the next request
      throw error;
    });
    return built;
  };
  const render = async (options: Record<string, unknown>) => {
    const { urls, workerUrls } = await files();
    // In a <script> element: "</script>" inside a string must not end it.
    const json = JSON.stringify({ ...options, workerUrls }).replace(/</g, '\\u003c');
    const title = escapeHtml(String(options.title ?? 'GraphiQL'));
    return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${urls.favicon}" />
    <link rel="stylesheet" href="${urls.styles}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script id="graphiql-options" type="application/json">${json}</script>
    <script src="${urls.start}"></script>
    <script src="${urls.script}"></script>
  </body>
</html>`;
  };
  const plugin: Plugin = {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(PREFIX)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const asset = (await files()).files.get(url.pathname);
      if (asset)
        endResponse(assetResponse(fetchAPI, request, asset, { 'cache-control': IMMUTABLE }));
    },
  };
  return { render, plugin };
}

/** GraphiQL's first tab: a working walkthrough (create a session, subscribe, send). */
export const graphiqlDefaultQuery = `# Chat sessions GraphQL: a walkthrough.
# 1. Run "CreateSession", open the Variables pane under this editor (next to Headers)
#    and put the new id there: { "sessionId": "<session.id>" }.
# 2. Run "Events": the subscription streams the session's events over WebSocket.
# 3. Open this page in a second browser tab (switching GraphiQL's own tabs stops a running
#    subscription), select this tab there and run "Send": the answer streams in here.

mutation CreateSession {
  createSession(input: { title: "My first chat" }) {
    session { id title agent { name tools } }
  }
}

subscription Events($sessionId: ID!) {
  sessionEvents(sessionId: $sessionId) {
    seq
    __typename
    ... on TextDelta { delta }
    ... on ToolCalled { toolName input }
    ... on ToolResulted { toolName output }
    ... on ApprovalRequested { toolCallId toolName input }
    ... on TurnFinished { message { text } }
    ... on TurnFailed { error { code message } }
  }
}

mutation Send($sessionId: ID!) {
  sendMessage(input: { sessionId: $sessionId, text: "find me running shoes under $120" }) {
    turn { id status }
  }
}

query Sessions {
  sessions(first: 10) {
    totalCount
    edges { cursor node { id title state messageCount lastMessage { text } updatedAt } }
    pageInfo { hasNextPage endCursor }
  }
}
`;
