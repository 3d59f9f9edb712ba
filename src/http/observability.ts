import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createCounter,
  createHistogram,
  type FillLabelsFnParams,
  usePrometheus,
} from '@graphql-yoga/plugin-prometheus';
import { GraphQLError } from 'graphql';
import type { Plugin, YogaLogger } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import type { Services } from '../services.js';

/**
 * Yoga's own log lines through pino. Yoga logs at error level every error it masks, twice and
 * without the request id: those are logged by useApiErrors instead (client mistakes at info,
 * unexpected errors at error, once, with the request id), so GraphQL errors are left out here and
 * any other error object is logged once.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const line = (args: unknown[]) => args.map(String).join(' ');
  const logged = new WeakSet<object>();
  return {
    debug: (...args) => logger.debug(line(args)),
    info: (...args) => logger.info(line(args)),
    warn: (...args) => logger.warn(line(args)),
    error: (...args) => {
      const [first] = args;
      // By name: Yoga's GraphQLError may come from graphql's other (CommonJS) build.
      if (first instanceof GraphQLError || (first as Error | undefined)?.name === 'GraphQLError')
        return;
      if (first instanceof Error) {
        if (logged.has(first)) return;
        logged.add(first);
        return logger.error({ err: first }, 'unexpected error');
      }
      logger.error(line(args));
    },
  };
}

/** The label of every operation name beyond the bounded set. */
export const OTHER_OPERATIONS = '(other)';
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * The operationName label's values, at most `max` of them per process (each one costs a set of
 * series for as long as the process lives). A name joins the set when an authenticated caller
 * uses it; callers without a valid credential only see names already in it; every other name is
 * counted under OTHER_OPERATIONS, so counts are folded, never dropped.
 */
export class OperationNames {
  private readonly known = new Set<string>(['Anonymous']);
  constructor(private readonly max: number) {}

  label(name: string | undefined, mayAdd: boolean): string {
    const n = name || 'Anonymous';
    if (this.known.has(n)) return n;
    if (!mayAdd || this.known.size >= this.max || !GRAPHQL_NAME.test(n)) return OTHER_OPERATIONS;
    this.known.add(n);
    return n;
  }
}

/** Constant-time comparison of two secrets (their digests have equal lengths). */
const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/**
 * Prometheus metrics labelled by operation name and type only (never the URL, the query or its
 * variables), with a bounded set of names.
 */
function prometheus(services: Services): Plugin {
  const registry = services.metrics.registry;
  const names = new OperationNames(services.config.metricsMaxOperationNames);
  const operation = (params: FillLabelsFnParams, context: unknown) => ({
    operationName: names.label(params.operationName, (context as Partial<Context>)?.viewer != null),
    operationType: params.operationType ?? 'unknown',
  });
  const histogram = <Phase extends 'execute' | 'subscribe'>(
    name: string,
    help: string,
    phases: [Phase, ...Phase[]],
  ) =>
    createHistogram<Phase, 'operationType' | 'operationName'>({
      registry,
      histogram: { name, help, labelNames: ['operationType', 'operationName'] },
      fillLabelsFn: operation,
      phases,
    });
  return usePrometheus({
    registry,
    endpoint: false, // served by useMetricsEndpoint, behind METRICS_TOKEN
    metrics: {
      graphql_envelop_request: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_request',
          help: 'GraphQL operations executed',
          labelNames: ['operationType', 'operationName'] as const,
        },
        fillLabelsFn: operation,
      }),
      graphql_envelop_request_duration: histogram(
        'graphql_envelop_request_duration',
        'Time spent on running the GraphQL operation from parse to execute',
        ['execute', 'subscribe'],
      ),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'Errors in GraphQL results, by phase',
          labelNames: ['operationType', 'operationName', 'phase'] as const,
        },
        fillLabelsFn: (params, context) => ({
          ...operation(params, context),
          phase: params.errorPhase ?? 'execute',
        }),
      }),
      graphql_envelop_phase_execute: histogram(
        'graphql_envelop_phase_execute',
        'Time spent on running the GraphQL "execute" function',
        ['execute'],
      ),
      graphql_envelop_phase_subscribe: histogram(
        'graphql_envelop_phase_subscribe',
        'Time spent on running the GraphQL "subscribe" function',
        ['subscribe'],
      ),
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time spent on HTTP connection',
          labelNames: ['operationName', 'operationType', 'method', 'statusCode'] as const,
        },
        fillLabelsFn: (params, { request, response }) => ({
          operationName: names.label(params.operationName, false),
          operationType: params.operationType ?? 'unknown',
          method: request.method,
          statusCode: response.status,
        }),
      }),
      // On by default in the plugin; each would be one more set of series per operation name.
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_deprecated_field: false,
    },
  });
}

/** GET /metrics: the registry's text; with METRICS_TOKEN set, only for `Bearer <METRICS_TOKEN>`. */
function useMetricsEndpoint(services: Services): Plugin {
  const token = services.config.metricsToken;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics') return;
      if (token) {
        const given = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
        if (!given || !sameSecret(given, token)) {
          return endResponse(
            new fetchAPI.Response('Unauthorized: send Authorization: Bearer <METRICS_TOKEN>\n', {
              status: 401,
              headers: { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' },
            }),
          );
        }
      }
      const registry = services.metrics.registry;
      endResponse(
        new fetchAPI.Response(await registry.metrics(), {
          headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
        }),
      );
    },
  };
}

/** GET /metrics (Prometheus: Yoga's request metrics plus the chat gauges) and GET /health. */
export function useObservability(services: Services): Plugin[] {
  const health: Plugin = {
    // GET /health: database, pub/sub and model, without authentication; 503 when degraded.
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/health' || request.method !== 'GET') return;
      const status = await services.health.check();
      endResponse(fetchAPI.Response.json(status, { status: status.status === 'OK' ? 200 : 503 }));
    },
  };
  return [useMetricsEndpoint(services), prometheus(services), health];
}
