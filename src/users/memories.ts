import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Preference, Prisma } from '../generated/prisma/client.js';
import { type ConnectionArgs, keysetConnection } from '../sessions/paging.js';

export const MEMORY_PAGE_MAX = 100;

/** Pothos' selection for the rows a resolver returns (nested fields load with them). */
type MemoryQuery = { include?: Prisma.PreferenceInclude; select?: Prisma.PreferenceSelect };

/**
 * What the agent remembers about a user (the `Preference` rows, `Memory` in the API), under the
 * user's control: list, delete one, delete all, and switch memory off.
 */
export class MemoryService {
  constructor(private readonly db: Db) {}

  /** A page of the user's memories, newest first, by keyset on (createdAt, id). */
  list(userId: string, args: ConnectionArgs, query: MemoryQuery = {}) {
    return keysetConnection<Preference>({
      args,
      column: 'createdAt',
      direction: 'desc',
      order: 'memories',
      defaultSize: 20,
      maxSize: MEMORY_PAGE_MAX,
      value: (m) => m.createdAt,
      fetch: ({ where, orderBy, take }) =>
        this.db.preference.findMany({
          ...query,
          where: { AND: [{ userId }, where] },
          orderBy,
          take,
        }),
    });
  }

  /** Forgets one memory; another user's, or a missing one, is NOT_FOUND. */
  async delete(userId: string, id: string): Promise<string> {
    const { count } = await this.db.preference.deleteMany({ where: { id, userId } });
    if (count === 0) throw AppError.notFound('Memory');
    return id;
  }

  /** Forgets every memory of the user; answers how many there were. */
  async clear(userId: string): Promise<number> {
    const { count } = await this.db.preference.deleteMany({ where: { userId } });
    return count;
  }

  /** Changes the given settings (undefined or null leaves one as it is). */
  async updateSettings(userId: string, input: { memoryEnabled?: boolean | null }) {
    const data: Prisma.UserUpdateInput = {};
    if (input.memoryEnabled != null) data.memoryEnabled = input.memoryEnabled;
    await this.db.user.update({ where: { id: userId }, data });
  }
}
