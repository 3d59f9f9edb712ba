import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getNamedType,
  isIntrospectionType,
  isLeafType,
  isObjectType,
} from 'graphql';
import { AppError, ErrorCode } from '../errors.js';

/**
 * What one response (or one subscription payload) may weigh, counted while it is resolved: every
 * leaf value adds its JSON size and its key's. Past `maxBytes` the rest of the operation stops
 * (no further resolver runs, so no further rows are loaded) and the result becomes one error.
 */
export class ResponseBudget {
  private used = 0;
  private error: AppError | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * `lane`: where the loads of paged fields queue (a user's lane, shared by all their
   * operations); without one, they queue within this operation.
   */
  constructor(
    readonly maxBytes: number,
    private readonly lane?: <T>(load: () => Promise<T>) => Promise<T>,
  ) {}

  get exceeded(): AppError | null {
    return this.error;
  }

  /** Adds `bytes`; throws the budget error once the total passes the budget. */
  add(bytes: number): void {
    this.used += bytes;
    if (this.used > this.maxBytes) throw this.fail();
  }

  /** Throws when the budget is already spent (before a resolver loads anything). */
  check(): void {
    if (this.error) throw this.error;
  }

  /**
   * Runs the loads of paged fields one after the other, each once what the previous one loaded
   * has been counted: ten aliases of a page stop after the first that spends the budget instead
   * of all loading at once (and holding the database from everyone else).
   */
  serial<T>(load: () => T | Promise<T>): Promise<T> {
    const step = async () => {
      // The previous field's selection completes (and counts) in the microtasks after it loaded.
      await new Promise((resolve) => setImmediate(resolve));
      this.check();
      return load();
    };
    if (this.lane) return this.lane(step);
    const run = this.queue.then(step);
    this.queue = run.catch(() => {});
    return run;
  }

  /** A new payload (the next event of a subscription) starts from zero. */
  reset(): void {
    this.used = 0;
    this.error = null;
  }

  private fail(): AppError {
    this.error ??= new AppError(
      ErrorCode.BAD_USER_INPUT,
      `The response would be larger than RESPONSE_MAX_BYTES (${this.maxBytes} bytes): select fewer fields or smaller pages`,
      { field: 'query', limit: this.maxBytes },
    );
    return this.error;
  }
}

/**
 * One queue per key (a user): the paged loads of all of a user's operations run one at a time,
 * so one user's heavy operations wait for each other, not for everyone else's database time.
 */
export class Lanes {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(load);
    const tail = run.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }
}

/** The JSON size of a leaf value (a scalar, an enum value, a list of them, or a JSON value). */
function jsonBytes(value: unknown): number {
  if (value == null) return 4;
  switch (typeof value) {
    case 'string':
      // Quotes and escapes included; ASCII strings (most of them) measure as they are.
      return Buffer.byteLength(JSON.stringify(value), 'utf8');
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value).length;
    default:
      if (value instanceof Date) return 26;
      if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + jsonBytes(v) + 1, 2);
      return Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
  }
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

const wrapped = new WeakSet<GraphQLSchema>();

/**
 * Hooks the response budget of the operation's context (`context.responseBudget`, when there is
 * one) into every field of the schema: leaf fields count what they return, the others refuse to
 * start once the budget is spent, and paged fields (first/last) load one at a time. Changes the
 * schema in place, once.
 */
export function withResponseBudget(schema: GraphQLSchema): GraphQLSchema {
  if (wrapped.has(schema)) return schema;
  wrapped.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      const leaf = isLeafType(getNamedType(field.type));
      const paged = field.args.some((a) => a.name === 'first' || a.name === 'last');
      field.resolve = (source, args, context, info) => {
        const budget = (context as { responseBudget?: ResponseBudget } | null)?.responseBudget;
        if (!budget) return resolve(source, args, context, info);
        budget.check();
        if (paged) return budget.serial(() => resolve(source, args, context, info));
        const value = resolve(source, args, context, info);
        if (!leaf) return value;
        const key = typeof info.path.key === 'string' ? info.path.key.length + 4 : 0;
        if (isPromiseLike(value)) {
          return Promise.resolve(value).then((v) => {
            budget.add(key + jsonBytes(v));
            return v;
          });
        }
        budget.add(key + jsonBytes(value));
        return value;
      };
    }
  }
  return schema;
}
