import type { Db } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';

/** Users as the API shows them. */
export class UserService {
  constructor(private readonly db: Db) {}

  /** The user row of an authenticated viewer (`query`: Pothos' selection). */
  viewer(userId: string, query: { include?: Prisma.UserInclude; select?: Prisma.UserSelect } = {}) {
    return this.db.user.findUniqueOrThrow({ ...query, where: { id: userId } });
  }
}
