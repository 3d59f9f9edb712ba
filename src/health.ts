import type { Db } from './db/client.js';

export interface Health {
  status: 'OK' | 'DEGRADED';
  database: 'OK' | 'DOWN';
  databaseKind: string;
  pubsub: 'OK' | 'DOWN';
  pubsubKind: string;
  model: string;
}

/** Liveness of what the server depends on; needs no authentication. */
export class HealthService {
  constructor(
    private readonly deps: {
      db: Db;
      databaseKind: string;
      pubsubKind: string;
      /** Throws when the pub/sub transport (Redis) is unreachable. */
      pingPubSub: () => Promise<void>;
      modelName: string;
    },
  ) {}

  async check(): Promise<Health> {
    const { db, pingPubSub } = this.deps;
    const up = (p: Promise<unknown>) =>
      p.then(
        () => 'OK' as const,
        () => 'DOWN' as const,
      );
    const [database, pubsub] = await Promise.all([up(db.$queryRaw`SELECT 1`), up(pingPubSub())]);
    return {
      status: database === 'OK' && pubsub === 'OK' ? 'OK' : 'DEGRADED',
      database,
      databaseKind: this.deps.databaseKind,
      pubsub,
      pubsubKind: this.deps.pubsubKind,
      model: this.deps.modelName,
    };
  }
}
