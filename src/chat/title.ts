import { generateText, type LanguageModel } from 'ai';

/** System prompt of title requests; the local model knows it and titles from the first words. */
export const TITLE_INSTRUCTIONS =
  'Write a title for a chat that starts with the user message below: at most 6 words, in the ' +
  'language of the message, no quotes, no final punctuation. Reply with the title only.';

const MAX_TITLE_LENGTH = 80;

/** A model's title cleaned: first line, no "Title:" prefix, no quotes, no final punctuation. */
export function cleanTitle(raw: string): string | null {
  let title = (raw.split('\n').find((line) => line.trim()) ?? '').trim();
  title = title.replace(/^(chat\s+)?title\s*:\s*/i, '');
  title = title.replace(/^[\s"'`“”‘’«»*#_]+|[\s"'`“”‘’«»*_.,;:!?]+$/gu, '');
  title = title.replace(/\s+/g, ' ');
  if (title.length > MAX_TITLE_LENGTH) {
    const cut = title.slice(0, MAX_TITLE_LENGTH);
    const lastSpace = cut.lastIndexOf(' ');
    title = (lastSpace > MAX_TITLE_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).trimEnd();
  }
  return title.length > 0 ? title : null;
}

/** A short title for a new session from its first user message; null when the model fails. */
export async function generateTitle({
  model,
  userText,
  abortSignal,
}: {
  model: LanguageModel;
  userText: string;
  abortSignal?: AbortSignal;
}): Promise<string | null> {
  try {
    const { text } = await generateText({
      model,
      system: TITLE_INSTRUCTIONS,
      prompt: userText.slice(0, 2000),
      maxRetries: 1,
      abortSignal,
    });
    return cleanTitle(text);
  } catch {
    return null;
  }
}
