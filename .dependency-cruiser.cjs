// `npm run check` runs this: imports point one way (schema → services → events/db), no cycles.
// The layers, top to bottom:
//   src/server.ts, src/serve.ts, src/app.ts, src/ws.ts, src/http/   the servers
//   src/schema/                                         Pothos types and thin resolvers
//   src/services.ts, src/context.ts                     building the services, the request context
//   src/chat/, src/sessions/, src/users/, src/health.ts the services
//   src/events/, src/auth/, src/limits/                 event log, credentials, limits
//   src/db/, src/generated/                             the database
/** @type {import('dependency-cruiser').IConfiguration} */
const SERVERS = '^src/(server|serve|app|ws)\\.ts$|^src/http/';
const SERVICES = '^src/(chat|sessions|users|events|auth|limits|db)/|^src/health\\.ts$';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'only-servers-import-servers',
      comment: 'The HTTP and WebSocket layers sit on top; nothing below imports them.',
      severity: 'error',
      from: { path: '^src/', pathNot: `${SERVERS}|^src/cli/` },
      to: { path: SERVERS },
    },
    {
      name: 'nothing-below-imports-schema',
      comment: 'src/schema is GraphQL only; services never depend on it.',
      severity: 'error',
      from: { path: '^src/', pathNot: `${SERVERS}|^src/schema/|^src/cli/` },
      to: { path: '^src/schema/' },
    },
    {
      name: 'schema-calls-services-not-the-database',
      comment: 'Resolvers are Pothos plus a call to a service.',
      severity: 'error',
      from: { path: '^src/schema/' },
      // Types of the services' rows and inputs are fine; calls go through ctx.services.
      to: {
        path: '^src/(db|chat|sessions|users|events|workspaces)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'services-do-not-import-the-composition',
      comment:
        'Services take their dependencies as arguments; services.ts and context.ts build them.',
      severity: 'error',
      from: { path: SERVICES },
      to: { path: '^src/(services|context|app|server)\\.ts$' },
    },
    {
      name: 'database-is-the-bottom',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: '^src/(db|generated)/|^src/(errors|validation|paths)\\.ts$' },
    },
    {
      name: 'events-below-the-domain',
      severity: 'error',
      from: { path: '^src/(events|auth|limits)/' },
      to: { path: '^src/(chat|sessions|users)/' },
    },
    {
      name: 'sessions-below-chat',
      severity: 'error',
      from: { path: '^src/sessions/' },
      to: { path: '^src/chat/' },
    },
    {
      name: 'tracing-is-loaded-only-when-on',
      comment:
        'The OpenTelemetry SDK, exporter and instrumentations load only with OTEL_EXPORTER_OTLP_ENDPOINT (cold start): only src/http/tracing.ts imports them, and it is imported dynamically.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/http/tracing\\.ts$' },
      to: {
        path: '^src/http/tracing\\.ts$|@opentelemetry/(sdk-|exporter-|resources)|@prisma/instrumentation|@envelop/opentelemetry',
        dependencyTypesNot: ['dynamic-import', 'type-only'],
      },
    },
    {
      name: 'clients-do-not-import-the-server',
      comment: 'The web page, the typed client and the examples talk to the API, not its code.',
      severity: 'error',
      from: { path: '^(web|client|examples)/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      conditionNames: ['import', 'node', 'default'],
    },
  },
};
