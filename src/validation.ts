import { z } from 'zod';
import { AppError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);

export const MAX_METADATA_BYTES = 16 * 1024;

/**
 * PostgreSQL stores no U+0000 in text or jsonb, and jsonb refuses unpaired UTF-16 surrogates: a
 * string holding either is the caller's mistake (BAD_USER_INPUT), not a database error.
 */
export const UNSTORABLE_MESSAGE = 'must not contain NUL (U+0000) or unpaired surrogates';
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => text.includes('\0') || UNPAIRED_SURROGATE.test(text);
const UNPAIRED_SURROGATES = new RegExp(UNPAIRED_SURROGATE.source, 'g');

/** What the model or a tool produced, made storable: NULs dropped, lone surrogates U+FFFD. */
export const storableString = (text: string) =>
  text.replaceAll('\0', '').replace(UNPAIRED_SURROGATES, '\ufffd');
/** JSON of a value with every string made storable (answers, tool inputs and outputs). */
export const storableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (typeof v === 'string' ? storableString(v) : v));
export const hasUnstorable = (value: unknown): boolean => {
  if (typeof value === 'string') return unstorable(value);
  if (Array.isArray(value)) return value.some(hasUnstorable);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => unstorable(k) || hasUnstorable(v));
  }
  return false;
};

export const titleSchema = z
  .string()
  .trim()
  .min(1, 'must be 1 to 255 characters')
  .max(255, 'must be 1 to 255 characters')
  .refine((v) => !hasUnstorable(v), UNSTORABLE_MESSAGE);

/** A workspace's or project's name: 1..100 characters. */
export const nameSchema = z
  .string()
  .trim()
  .min(1, 'must be 1 to 100 characters')
  .max(100, 'must be 1 to 100 characters')
  .refine((v) => !hasUnstorable(v), UNSTORABLE_MESSAGE);

/** A project's slug, unique in its workspace. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'must be 1 to 64 of a-z, 0-9 and -');

export const keySchema = z
  .string()
  .max(128, 'must be at most 128 characters')
  .regex(/^[\w:.@-]+$/, 'may contain only letters, digits and _ : . @ -');

export const MAX_JSON_DEPTH = 32;

/**
 * Why a JSON value cannot be taken as it is, or null: nesting deeper than `maxDepth` (the
 * recursive checks after this one, and the database's, would overflow the stack), or a
 * `__proto__` key (an object literal drops it silently, so a filter would match everything).
 * Iterative, so that it never overflows itself.
 */
export function jsonShapeIssue(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth) return `must not be nested more than ${maxDepth} levels deep`;
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
      continue;
    }
    for (const key of Object.keys(v)) {
      if (key === '__proto__') return 'must not contain a "__proto__" key';
      stack.push([(v as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}

/** A JSON object: depth and keys checked first (see jsonShapeIssue), then size and content. */
export const metadataSchema = z
  .unknown()
  .superRefine((v, ctx) => {
    const issue = jsonShapeIssue(v);
    if (issue) ctx.addIssue({ code: 'custom', message: issue, fatal: true });
  })
  .pipe(
    z
      .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
      .refine((v) => Buffer.byteLength(JSON.stringify(v)) <= MAX_METADATA_BYTES, {
        message: `must be at most ${MAX_METADATA_BYTES / 1024} KB as JSON`,
      })
      .refine((v) => !hasUnstorable(v), UNSTORABLE_MESSAGE),
  );

/** The first and last instants PostgreSQL's timestamp input takes from ISO strings. */
const MIN_DATE = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_DATE = Date.parse('9999-12-31T23:59:59.999Z');

/** A date a filter may hold: years 0001 to 9999 (year 0000 is no PostgreSQL date). */
export function checkDateRange(value: Date, field: string): Date {
  const time = value.getTime();
  if (!Number.isFinite(time) || time < MIN_DATE || time > MAX_DATE) {
    throw AppError.badInput(field, `${field}: must be between 0001-01-01 and 9999-12-31`);
  }
  return value;
}

export const messageTextSchema = z
  .string()
  .min(1, 'must be 1 to 100000 characters')
  .max(100_000, 'must be 1 to 100000 characters')
  .refine((v) => v.trim().length > 0, 'must not be blank')
  .refine((v) => !hasUnstorable(v), UNSTORABLE_MESSAGE);

const MINUTES_PER_YEAR = 525_600;
export const timeoutSchema = z
  .object({
    timeoutMinutes: z.number().int().min(1).max(MINUTES_PER_YEAR),
    autoRenew: z.boolean().default(true),
    maxDurationMinutes: z
      .number()
      .int()
      .min(1)
      .max(10 * MINUTES_PER_YEAR)
      .nullish(),
    warningThresholdMinutes: z.number().int().min(1).nullish(),
  })
  .refine((t) => t.maxDurationMinutes == null || t.maxDurationMinutes >= t.timeoutMinutes, {
    message: 'must be at least timeoutMinutes',
    path: ['maxDurationMinutes'],
  })
  .refine(
    (t) => t.warningThresholdMinutes == null || t.warningThresholdMinutes < t.timeoutMinutes,
    {
      message: 'must be less than timeoutMinutes',
      path: ['warningThresholdMinutes'],
    },
  );
export type TimeoutInput = z.infer<typeof timeoutSchema>;

/** Parses one input value; a failure is a BAD_USER_INPUT naming the field. */
export function parseField<S extends z.ZodType>(
  schema: S,
  value: unknown,
  field: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw AppError.fromZod(result.error, [field]);
  return result.data;
}

/** Page size bounds of a connection (API.md): first/last within 1..max, never both. */
export function checkPageArgs(
  args: { first?: number | null; last?: number | null },
  max: number,
): void {
  for (const name of ['first', 'last'] as const) {
    const v = args[name];
    if (v != null && (v < 1 || v > max)) {
      throw AppError.badInput(name, `${name} must be between 1 and ${max}`);
    }
  }
  if (args.first != null && args.last != null) {
    throw AppError.badInput('last', 'pass either first or last, not both');
  }
}
