import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Agent, Prisma } from '../generated/prisma/client.js';

/** How long an agent read from the database is reused (agents change only through the seed). */
const AGENT_CACHE_MS = 60_000;

/** The agents sessions run with. */
export class AgentService {
  private readonly cache = new Map<string, { agent: Promise<Agent>; until: number }>();
  private defaultId: { id: Promise<string>; until: number } | undefined;

  constructor(private readonly db: Db) {}

  /** An agent by id (cached for a minute: every turn reads its session's agent). */
  get(id: string): Promise<Agent> {
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && hit.until > now) return hit.agent;
    const agent = this.db.agent.findUniqueOrThrow({ where: { id } });
    this.cache.set(id, { agent, until: now + AGENT_CACHE_MS });
    agent.catch(() => this.cache.delete(id));
    return agent;
  }

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
    const now = Date.now();
    if (!this.defaultId || this.defaultId.until <= now) {
      const id = this.findDefaultId();
      this.defaultId = { id, until: now + AGENT_CACHE_MS };
      id.catch(() => {
        this.defaultId = undefined;
      });
    }
    return this.defaultId.id;
  }

  private async findDefaultId(): Promise<string> {
    const agent =
      (await this.db.agent.findFirst({ where: { isDefault: true }, select: { id: true } })) ??
      (await this.db.agent.findFirst({ orderBy: { createdAt: 'asc' }, select: { id: true } }));
    if (!agent) throw new Error('no agent is configured (the database was not seeded)');
    return agent.id;
  }
}
