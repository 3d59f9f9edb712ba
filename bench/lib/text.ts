/**
 * What the benchmark asks the `local` model for, and what it answers.
 *
 * The local model echoes at most 25 words of the user's text, too few for a 100- or 1,000-token
 * answer. It also answers a tool message by listing each result as "<tool> returned: <up to 30
 * words>". So the bench entry (bench/model.ts) rewrites the prompt of a user message
 * "bench <tokens> <tag>" into one whose last message holds tool results that add up to exactly
 * <tokens> words; the local model then streams its own answer, one word per delta with its own
 * delay. Only the prompt is rewritten (once per call): the token path is the local model's.
 */

const VOCABULARY = [
  'the',
  'quick',
  'answer',
  'streams',
  'over',
  'a',
  'subscription',
  'while',
  'tokens',
  'arrive',
  'at',
  'steady',
  'pace',
  'and',
  'every',
  'client',
  'sees',
  'them',
  'in',
  'order',
  'without',
  'gaps',
  'or',
  'duplicates',
  'because',
  'sequence',
  'numbers',
  'grow',
  'by',
  'one',
  'per',
  'event',
];

export const BENCH_TOOL = 'bench';
const PER_RESULT = 30; // words of one result the local model repeats (it clips at 30)

/** The user message that asks for `tokens` words, tagged so traces can name the stream. */
export function benchPrompt(tokens: number, tag: string): string {
  return `bench ${tokens} ${tag}`;
}

export function parseBenchPrompt(text: string): { tokens: number; tag: string } | null {
  const m = /^bench (\d+) (\S+)/.exec(text.trim());
  return m ? { tokens: Number(m[1]), tag: m[2] as string } : null;
}

/** The tool results whose echo by the local model is exactly `tokens` words (tokens ≥ 3). */
export function benchResults(tokens: number): string[] {
  if (tokens < 3) throw new Error('bench answers have at least 3 tokens');
  const results: string[] = [];
  let remaining = tokens;
  let w = 0;
  while (remaining > 0) {
    // each result costs 2 words ("bench returned:") + its words; never leave 1 or 2 words over
    let words = Math.min(PER_RESULT, remaining - 2);
    if (remaining - (words + 2) > 0 && remaining - (words + 2) < 3) words -= 3;
    const list: string[] = [];
    for (let i = 0; i < words; i++) list.push(VOCABULARY[w++ % VOCABULARY.length] as string);
    results.push(list.join(' '));
    remaining -= words + 2;
  }
  return results;
}

/** The exact answer text the local model streams for benchResults(tokens). */
export function benchAnswer(tokens: number): string {
  return benchResults(tokens)
    .map((r) => `${BENCH_TOOL} returned: ${r}`)
    .join(' ');
}

/** The deltas of an answer, as the local model splits it (one word with its trailing space). */
export function words(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/\S+/g)) n++;
  return n;
}
