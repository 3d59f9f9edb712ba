import { resolveCursorConnection } from '@pothos/plugin-relay';
import { AppError } from '../errors.js';
import { checkPageArgs, isUuid } from '../validation.js';

export type Direction = 'asc' | 'desc';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

type Keyed = object;

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    startCursor: string;
    endCursor: string;
    hasPreviousPage: boolean;
    hasNextPage: boolean;
  };
}

/** Years 0001..9999: what every supported database stores; anything else is not our cursor. */
const MIN_TIME = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/** A cursor carries the ordering it belongs to and the row's sort values, never an offset. */
function encodeCursor(order: string, value: Date, id: string): string {
  return Buffer.from(JSON.stringify([order, value.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string, order: string, field: string): { value: Date; id: string } {
  try {
    const [o, v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const value = new Date(String(v));
    const time = value.getTime();
    // A tampered cursor must be refused here: a bad uuid or date would fail inside the database.
    if (
      o === order &&
      typeof v === 'string' &&
      typeof id === 'string' &&
      isUuid(id) &&
      time >= MIN_TIME &&
      time <= MAX_TIME
    )
      return { value, id };
  } catch {
    // fall through
  }
  throw AppError.badInput(field, `${field}: not a cursor of this list`);
}

const flip = (d: Direction): Direction => (d === 'asc' ? 'desc' : 'asc');

/**
 * Rows strictly after (value, id) in direction `d`: a row-value comparison, so it survives
 * deletes. The redundant `column >= value` (`<=` descending) is what lets PostgreSQL start an
 * index range scan at the cursor instead of reading and filtering every row before it.
 */
function beyond(column: string, idField: string, d: Direction, c: { value: Date; id: string }) {
  const op = d === 'asc' ? 'gt' : 'lt';
  return {
    AND: [
      { [column]: { [`${op}e`]: c.value } },
      { OR: [{ [column]: { [op]: c.value } }, { [column]: c.value, [idField]: { [op]: c.id } }] },
    ],
  } as Record<string, unknown>;
}

/**
 * Keyset pagination over (column, id) with Pothos' cursor-connection helper: first/after and
 * last/before, page size checked against `maxSize`. `fetch` gets the where/orderBy/take to run.
 */
export function keysetConnection<T extends Keyed>(options: {
  args: ConnectionArgs;
  column: string;
  direction: Direction;
  defaultSize: number;
  maxSize: number;
  /** Names the ordering inside cursors, so a cursor of another ordering is refused. */
  order: string;
  value: (row: NoInfer<T>) => Date;
  /** The unique uuid column that breaks ties (default `id`). */
  idField?: string;
  fetch: (q: {
    where: Record<string, unknown>;
    orderBy: Record<string, Direction>[];
    take: number;
  }) => Promise<T[]>;
}): Promise<Page<T>> {
  const { args, column, direction, order } = options;
  const idField = options.idField ?? 'id';
  const idOf = (row: unknown) => (row as Record<string, string>)[idField] as string;
  checkPageArgs(args, options.maxSize);
  const after = args.after ? decodeCursor(args.after, order, 'after') : undefined;
  const before = args.before ? decodeCursor(args.before, order, 'before') : undefined;
  return resolveCursorConnection(
    {
      args,
      defaultSize: options.defaultSize,
      maxSize: options.maxSize,
      toCursor: (row) => encodeCursor(order, options.value(row as T), idOf(row)),
    },
    ({ limit, inverted }) => {
      const d = inverted ? flip(direction) : direction;
      const and: Record<string, unknown>[] = [];
      if (after) and.push(beyond(column, idField, direction, after));
      if (before) and.push(beyond(column, idField, flip(direction), before));
      return options.fetch({
        where: and.length ? { AND: and } : {},
        orderBy: [{ [column]: d }, { [idField]: d }],
        take: limit,
      });
    },
  ) as unknown as Promise<Page<T>>;
}
