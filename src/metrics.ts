import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** The Prometheus registry of one app: Node's defaults plus the chat gauges and counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const deltas = new Counter({
    name: 'chat_streamed_deltas_total',
    help: 'Text and reasoning deltas streamed by turns on this process',
    registers: [registry],
  });
  return {
    registry,
    onDelta: () => deltas.inc(),
    /** Gauges read from the services when /metrics is scraped. */
    track(read: {
      subscriptions: () => number;
      runningTurns: () => number;
      statements: () => number;
    }) {
      new Gauge({
        name: 'chat_active_subscriptions',
        help: 'sessionEvents subscriptions open on this process',
        registers: [registry],
        collect() {
          this.set(read.subscriptions());
        },
      });
      new Counter({
        name: 'chat_db_queries_total',
        help: 'SQL statements this process sent to the database',
        registers: [registry],
        collect() {
          this.reset();
          this.inc(read.statements());
        },
      });
      new Gauge({
        name: 'chat_running_turns',
        help: 'Agent turns running on this process',
        registers: [registry],
        collect() {
          this.set(read.runningTurns());
        },
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
