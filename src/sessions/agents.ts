import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';

/** The agents sessions run with. */
export class AgentService {
  constructor(private readonly db: Db) {}

  /** Every agent, the default first (`query`: Pothos' selection, to load nested fields at once). */
  list(query: { include?: Prisma.AgentInclude; select?: Prisma.AgentSelect } = {}) {
    return this.db.agent.findMany({
      ...query,
      orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }],
    });
  }

  /** The agent with this id (BAD_USER_INPUT naming `field` when there is none), or the default. */
  async resolveId(agentId: string | null | undefined, field = 'agentId'): Promise<string> {
    if (agentId) {
      const agent = await this.db.agent.findUnique({
        where: { id: agentId },
        select: { id: true },
      });
      if (!agent) throw AppError.badInput(field, `${field}: no agent with this id`);
      return agent.id;
    }
    const agent =
      (await this.db.agent.findFirst({ where: { isDefault: true }, select: { id: true } })) ??
      (await this.db.agent.findFirst({ orderBy: { createdAt: 'asc' }, select: { id: true } }));
    if (!agent) throw new Error('no agent is configured (the database was not seeded)');
    return agent.id;
  }
}
