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

export const keySchema = z
  .string()
  .max(128, 'must be at most 128 characters')
  .regex(/^[\w:.@-]+$/, 'may contain only letters, digits and _ : . @ -');

export const metadataSchema = z
  .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
  .refine((v) => Buffer.byteLength(JSON.stringify(v)) <= MAX_METADATA_BYTES, {
    message: `must be at most ${MAX_METADATA_BYTES / 1024} KB as JSON`,
  })
  .refine((v) => !hasUnstorable(v), UNSTORABLE_MESSAGE);

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
