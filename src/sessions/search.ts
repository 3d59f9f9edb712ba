import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Message, MessageRole, Session } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import { hasUnstorable, UNSTORABLE_MESSAGE } from '../validation.js';
import { NEVER_ON_A_BRANCH_SEARCH_SQL } from './tree.js';

export const SEARCH_PAGE_MAX = 50;

export interface SearchFilter {
  sessionId?: string | null;
  projectId?: string | null;
  role?: MessageRole | null;
}

export interface SearchHit {
  message: Message;
  session: Session;
  snippet: string;
  rank: number;
  cursor: string;
}

interface HitRow extends Message {
  rank: number;
  snippet: string;
  session: Session & {
    createdAt: string;
    updatedAt: string;
    expiresAt: string | null;
    warnedAt: string | null;
  };
}

/** A cursor: the rank and id of the last hit of a page, opaque to clients. */
const encode = (rank: number, id: string) =>
  Buffer.from(JSON.stringify(['search', rank, id])).toString('base64url');

function decode(cursor: string): { rank: number; id: string } {
  try {
    const [kind, rank, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (kind === 'search' && typeof rank === 'number' && typeof id === 'string')
      return { rank, id };
  } catch {
    // below
  }
  throw AppError.badInput('after', 'after: not a cursor of this search');
}

/**
 * A hit's rank: ts_rank, which weighs how often the words occur (and, for words that must all
 * appear, how close together). Not ts_rank_cd: cover density costs about 1.2 µs more per match
 * (about 25 ms more for a word in 20,000 messages, measured at 1M messages), and every match is
 * ranked before the first page is known.
 */
const RANK = Prisma.raw('ts_rank(x."search", q.query)::float8');

const reviveDate = (v: string | null) => (v == null ? null : new Date(`${v}Z`));

/**
 * Full-text search over a user's messages (PostgreSQL text search: the `search` tsvector of
 * MessageSearch and its GIN index), ranked, with a snippet around the match, paged by (rank, id).
 */
export class SearchService {
  constructor(private readonly db: Db) {}

  /** Search pages go forward only (ranks have no stable backward order). */
  refuseBackward(): never {
    throw AppError.badInput('last', 'searchMessages pages forward only: use first and after');
  }

  async search(
    userId: string,
    input: {
      query: string;
      first?: number | null;
      after?: string | null;
      filter?: SearchFilter | null;
    },
  ): Promise<{ hits: SearchHit[]; hasNextPage: boolean }> {
    const query = input.query.trim();
    if (!query || query.length > 500) {
      throw AppError.badInput('query', 'query: 1 to 500 characters');
    }
    if (hasUnstorable(query)) throw AppError.badInput('query', `query: ${UNSTORABLE_MESSAGE}`);
    const first = input.first ?? 20;
    if (first < 1 || first > SEARCH_PAGE_MAX) {
      throw AppError.badInput('first', `first must be between 1 and ${SEARCH_PAGE_MAX}`);
    }
    const after = input.after ? decode(input.after) : null;
    const f = input.filter ?? {};
    // Over MessageSearch (aliased x), one narrow row per message kept by triggers (see its model in
    // prisma/schema.prisma): ranking and filtering the hits reads no Message and no Session row.
    const conditions = [
      Prisma.sql`x."search" @@ q.query`,
      // The access rule of workspaces/access.ts: the viewer is a member of the session's workspace
      // (x.workspaceId is the session's).
      Prisma.sql`x."workspaceId" IN (SELECT wm."workspaceId" FROM "WorkspaceMember" wm
                                     WHERE wm."userId" = ${userId}::uuid)`,
      // A message cancelled while queued (or still waiting) is in no conversation yet.
      Prisma.raw(`NOT ${NEVER_ON_A_BRANCH_SEARCH_SQL}`),
      ...(f.sessionId ? [Prisma.sql`x."sessionId" = ${f.sessionId}::uuid`] : []),
      // The session's project now (read from Session, so a session moved between projects is
      // found under its new project only).
      ...(f.projectId
        ? [
            Prisma.sql`x."sessionId" IN (SELECT ps."id" FROM "Session" ps
                                         WHERE ps."projectId" = ${f.projectId}::uuid)`,
          ]
        : []),
      ...(f.role ? [Prisma.sql`x."role" = ${f.role}::"MessageRole"`] : []),
      ...(after
        ? [Prisma.sql`(${RANK}, x."messageId") < (${after.rank}::float8, ${after.id}::uuid)`]
        : []),
    ];
    // The page is chosen from the narrow rows; only its messages, sessions and snippets are read.
    const rows = await this.db.$queryRaw<HitRow[]>`
      WITH q AS (SELECT websearch_to_tsquery('english', ${query}) AS query),
      hits AS (
        SELECT x."messageId" AS id, ${RANK} AS rank
        FROM "MessageSearch" x, q
        WHERE ${Prisma.join(conditions, ' AND ')}
        ORDER BY rank DESC, x."messageId" DESC
        LIMIT ${first + 1}
      )
      SELECT m."id", m."sessionId", m."role", m."parts", m."text", m."createdAt", m."turnId",
             m."parentId", m."active", h.rank,
             ts_headline('english', m."text", q.query,
                         'MaxFragments=1, MaxWords=24, MinWords=8, StartSel=**, StopSel=**') AS snippet,
             row_to_json(s) AS session
      FROM hits h JOIN "Message" m ON m."id" = h.id JOIN "Session" s ON s."id" = m."sessionId", q
      ORDER BY h.rank DESC, h.id DESC`;
    const page = rows.slice(0, first);
    return {
      hasNextPage: rows.length > first,
      hits: page.map(({ rank, snippet, session, ...message }) => ({
        message,
        session: {
          ...session,
          createdAt: reviveDate(session.createdAt) as Date,
          updatedAt: reviveDate(session.updatedAt) as Date,
          expiresAt: reviveDate(session.expiresAt),
          warnedAt: reviveDate(session.warnedAt),
        },
        snippet,
        rank,
        cursor: encode(rank, message.id),
      })),
    };
  }
}
