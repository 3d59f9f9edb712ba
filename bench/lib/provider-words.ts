/**
 * The words the benchmark provider (bench/provider.ts) streams: "<tag>.0 <tag>.1 …", so that a
 * client can name exactly which word of which stream it received (latency, loss, duplication).
 */

/** The user message that asks the provider for `words` words at `wordsPerS`, tagged `tag`. */
export const providerPrompt = (tag: string, words: number, wordsPerS: number) =>
  `bench ${tag} ${words} ${wordsPerS}`;

export const PROVIDER_PROMPT = /\bbench ([a-z0-9]+)(?: (\d+))?(?: (\d+(?:\.\d+)?))?/;

/** Word i of a stream as one delta: separated by one space (the first has none before it). */
export const providerWord = (tag: string, i: number) => (i === 0 ? `${tag}.0` : ` ${tag}.${i}`);

/** The whole text of a stream of `words` words. */
export function providerText(tag: string, words: number): string {
  let out = '';
  for (let i = 0; i < words; i++) out += providerWord(tag, i);
  return out;
}

export const PROVIDER_WORD = /^([a-z0-9]+)\.(\d+)$/;
