// OpenTelemetry tracing, on when OTEL_EXPORTER_OTLP_ENDPOINT is set: a span per HTTP request
// (W3C traceparent honoured), per GraphQL operation (@envelop/opentelemetry, over HTTP and
// graphql-ws), per turn and model call (src/chat: @opentelemetry/api and the AI SDK's
// telemetry), and per SQL query (@prisma/instrumentation). The SDK packages are imported here
// only, and only when tracing is on: a start without it loads none of them.
import type { Context as OtelContext, Span, Tracer } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Plugin } from 'graphql-yoga';

export interface Tracing {
  /** Yoga plugins: HTTP request spans, GraphQL operation spans. */
  plugins: Plugin[];
  /** Sends the spans still buffered and stops tracing. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** The OTLP/HTTP collector (spans go to <endpoint>/v1/traces). */
  endpoint?: string;
  /** Instead of the OTLP exporter (tests: an in-memory exporter). */
  spanProcessor?: SpanProcessor;
  serviceName?: string;
}

/** Starts the SDK (global tracer provider, context manager, propagator) and the SQL spans. */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  const [api, node, base, resources, prisma, envelop] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
    import('@prisma/instrumentation'),
    import('@envelop/opentelemetry'),
  ]);
  let processor = options.spanProcessor;
  if (!processor) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    const url = `${(options.endpoint ?? '').replace(/\/$/, '')}/v1/traces`;
    processor = new base.BatchSpanProcessor(new OTLPTraceExporter({ url }));
  }
  const provider = new node.NodeTracerProvider({
    resource: resources.resourceFromAttributes({
      'service.name': options.serviceName ?? 'chat-sessions-graphql',
    }),
    spanProcessors: [processor],
  });
  provider.register();
  const unregister = prisma.registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new prisma.PrismaInstrumentation()],
  });
  const tracer = provider.getTracer('chat-sessions-graphql');
  // Operation spans without variables, results or documents: they hold what users wrote.
  const operations = envelop.useOpenTelemetry(
    { resolvers: false, variables: false, result: false, document: false },
    provider,
  );
  return {
    plugins: [useHttpSpans(api, tracer, envelop.setCurrentOtelContext), operations as Plugin],
    async shutdown() {
      unregister();
      await provider.shutdown();
      api.trace.disable();
      api.context.disable();
      api.propagation.disable();
    },
  };
}

/**
 * A SERVER span per HTTP request, continuing the caller's trace (traceparent); the GraphQL
 * operation's span becomes its child.
 */
function useHttpSpans(
  api: typeof import('@opentelemetry/api'),
  tracer: Tracer,
  setOperationParent: (graphqlContext: object, parent: OtelContext) => unknown,
): Plugin {
  const spans = new WeakMap<Request, { span: Span; context: OtelContext }>();
  return {
    onRequest({ request, url }) {
      const headers = Object.fromEntries(request.headers);
      const parent = api.propagation.extract(api.ROOT_CONTEXT, headers);
      const span = tracer.startSpan(
        `${request.method} ${url.pathname}`,
        {
          kind: api.SpanKind.SERVER,
          attributes: { 'http.request.method': request.method, 'url.path': url.pathname },
        },
        parent,
      );
      spans.set(request, { span, context: api.trace.setSpan(parent, span) });
    },
    onContextBuilding({ context }) {
      const request = (context as { request?: Request }).request;
      const started = request && spans.get(request);
      if (started) setOperationParent(context, started.context);
    },
    onResponse({ request, response }) {
      const started = spans.get(request);
      if (!started) return;
      started.span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) started.span.setStatus({ code: api.SpanStatusCode.ERROR });
      started.span.end();
      spans.delete(request);
    },
  };
}
