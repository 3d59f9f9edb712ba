import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin, YogaLogger } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Services } from '../services.js';

/** Yoga's own log lines through pino. */
export function yogaLogger(logger: Logger): YogaLogger {
  const line = (args: unknown[]) => args.map(String).join(' ');
  return {
    debug: (...args) => logger.debug(line(args)),
    info: (...args) => logger.info(line(args)),
    warn: (...args) => logger.warn(line(args)),
    error: (...args) => logger.error(line(args)),
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
  const prometheus = usePrometheus({
    registry: services.metrics.registry,
    endpoint: '/metrics',
    metrics: {
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_phase_subscribe: true,
      graphql_yoga_http_duration: true,
    },
  });
  return [prometheus, health];
}
