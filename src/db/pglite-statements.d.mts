import type { PGlite, Results, Transaction } from '@electric-sql/pglite';

/** What pglite-prisma-adapter uses of a PGlite client (see pglite-statements.mjs). */
export interface PreparedClient {
  query<T = unknown>(sql: string, params?: unknown[], options?: object): Promise<Results<T>>;
  exec: PGlite['exec'];
  transaction<T>(
    fn: (tx: Pick<Transaction, 'query' | 'exec' | 'rollback' | 'closed'>) => Promise<T>,
  ): Promise<T>;
}

export function preparedClient(db: PGlite, size?: number): PreparedClient;
