import type {
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3ToolResultPart,
} from '@ai-sdk/provider';
import { categories } from '../../db/catalog.js';

/** How the local model reads a prompt: what the user asks for and what earlier tools returned. */

export type Intent = { toolName: string; input: Record<string, unknown> } | null;

export interface KnownProduct {
  id: string;
  name: string;
  brand?: string;
  sizes?: string[];
}

/** Category names and their singulars ("jacket", "accessory") to the catalog category. */
const categoryWords = new Map<string, string>(
  categories.flatMap((c) => [
    [c, c],
    [c.replace(/ies$/, 'y').replace(/s$/, ''), c],
  ]),
);

const fillerWords = new Set(
  (
    'a an and any are at be buy can could do does find for from get give got good great have help i im ' +
    "i'm in is it item items like look looking me my need nice of on one or pair pairs please product " +
    'products recommend recommendation recommendations search searching show some something suggest ' +
    'that the there these this those to us want we what which with would you your add cart basket ' +
    'into onto priced price cheap dollars bucks usd'
  ).split(' '),
);

const numberWords: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

const ordinals: Record<string, number> = {
  first: 0,
  '1st': 0,
  second: 1,
  '2nd': 1,
  third: 2,
  '3rd': 2,
  fourth: 3,
  '4th': 3,
  fifth: 4,
  '5th': 4,
};

const searchRequest =
  /\b(find|search|show|recommend|suggest|looking for|look for|browse|do you have|got any)\b/;

// ---------------------------------------------------------------------------------------------
// Reading the prompt

export function messageText(message: LanguageModelV3Message | undefined): string {
  if (!message) return '';
  if (message.role === 'system') return message.content;
  const texts: string[] = [];
  for (const part of message.content) {
    if (part.type === 'text' || part.type === 'reasoning') texts.push(part.text);
  }
  return texts.join(' ').trim();
}

export function lastIndexOfRole(
  prompt: LanguageModelV3Prompt,
  role: LanguageModelV3Message['role'],
): number {
  for (let i = prompt.length - 1; i >= 0; i--) if (prompt[i]?.role === role) return i;
  return -1;
}

/** A tool result's value as plain data: JSON output as is, text output parsed when it is JSON. */
export function resultValue(part: LanguageModelV3ToolResultPart): unknown {
  const output = part.output;
  let text: string | undefined;
  if (output.type === 'json') return output.value;
  if (output.type === 'text') text = output.value;
  if (output.type === 'content') {
    text = output.value.map((v) => (v.type === 'text' ? v.text : '')).join('');
  }
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asProduct(value: unknown): KnownProduct | undefined {
  if (!isRecord(value)) return undefined;
  const id = typeof value.id === 'string' ? value.id : value.productId;
  if (typeof id !== 'string' || typeof value.name !== 'string') return undefined;
  return {
    id,
    name: value.name,
    brand: typeof value.brand === 'string' ? value.brand : undefined,
    sizes: Array.isArray(value.sizes) ? value.sizes.map(String) : undefined,
  };
}

/** Products listed by earlier tool results, the latest listing first. */
export function knownProducts(prompt: LanguageModelV3Prompt): KnownProduct[] {
  const listings: KnownProduct[][] = [];
  for (const message of prompt) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type !== 'tool-result') continue;
      const value = resultValue(part);
      if (!isRecord(value)) continue;
      const list = Array.isArray(value.products)
        ? value.products
        : Array.isArray(value.items)
          ? value.items
          : [value];
      const products = list.map(asProduct).filter((p): p is KnownProduct => p !== undefined);
      if (products.length > 0) listings.push(products);
    }
  }
  const seen = new Set<string>();
  const ordered: KnownProduct[] = [];
  for (const product of listings.reverse().flat()) {
    if (!seen.has(product.id)) {
      seen.add(product.id);
      ordered.push(product);
    }
  }
  return ordered;
}

// ---------------------------------------------------------------------------------------------
// Understanding the user

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [];
}

function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function parseSize(text: string): { size?: string; rest: string } {
  const match = /\b(?:in\s+)?size\s+(x{0,3}s|m|x{0,3}l|\d{1,2}(?:\.5)?)(?!\w|\.\d)/i.exec(text);
  if (!match?.[1]) return { rest: text };
  return { size: match[1].toUpperCase(), rest: text.replace(match[0], ' ') };
}

const amount = String.raw`\$?\s*(\d+(?:\.\d{1,2})?)\s*(?:\$|dollars?|usd|bucks)?`;

function parsePrices(text: string): { minPrice?: number; maxPrice?: number; rest: string } {
  let rest = text;
  let minPrice: number | undefined;
  let maxPrice: number | undefined;
  const between = new RegExp(
    String.raw`\bbetween\s+${amount}\s*(?:and|to|-)\s*${amount}`,
    'i',
  ).exec(rest);
  if (between) {
    minPrice = Number(between[1]);
    maxPrice = Number(between[2]);
    rest = rest.replace(between[0], ' ');
  }
  const max = new RegExp(
    String.raw`\b(?:under|below|less than|cheaper than|up to|at most|no more than|max(?:imum)?|within)\s+${amount}`,
    'i',
  ).exec(rest);
  if (max) {
    maxPrice = Number(max[1]);
    rest = rest.replace(max[0], ' ');
  }
  const min = new RegExp(
    String.raw`\b(?:over|above|more than|at least|min(?:imum)?|starting at)\s+${amount}`,
    'i',
  ).exec(rest);
  if (min) {
    minPrice = Number(min[1]);
    rest = rest.replace(min[0], ' ');
  }
  return { minPrice, maxPrice, rest };
}

/** searchProducts input from a request such as "find me running shoes under $120 in size 10". */
function searchInput(text: string): Record<string, unknown> {
  const prices = parsePrices(text);
  const sized = parseSize(prices.rest);
  const kept = words(sized.rest).filter((w) => !fillerWords.has(w) && !/^\d+$/.test(w));
  const category = kept.map((w) => categoryWords.get(w)).find((c) => c !== undefined);
  const input: Record<string, unknown> = { query: kept.join(' ') };
  if (prices.minPrice !== undefined) input.minPrice = prices.minPrice;
  if (prices.maxPrice !== undefined) input.maxPrice = prices.maxPrice;
  if (category) input.category = category;
  if (sized.size) input.size = sized.size;
  return input;
}

function parseQuantity(text: string): number | undefined {
  const match = /\badd\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b/i.exec(text);
  if (!match?.[1]) return undefined;
  const n = numberWords[match[1].toLowerCase()] ?? Number(match[1]);
  return Math.min(10, Math.max(1, n));
}

/**
 * The listed product the user means: an id, an ordinal ("the second one"), the best name match,
 * else (unless `orFirst` is false) the first one listed.
 */
export function chooseProduct(
  text: string,
  products: KnownProduct[],
  { orFirst = true } = {},
): KnownProduct | undefined {
  const id = /\bp-\d{3,}\b/i.exec(text)?.[0].toLowerCase();
  if (id) return products.find((p) => p.id === id) ?? { id, name: id };
  const userWords = words(text);
  for (const w of userWords) {
    const index = ordinals[w];
    if (index !== undefined && products[index]) return products[index];
  }
  const wanted = new Set(userWords.filter((w) => !fillerWords.has(w)).map(stem));
  let best: KnownProduct | undefined;
  let bestScore = 0;
  for (const product of products) {
    const score = words(`${product.name} ${product.brand ?? ''}`)
      .map(stem)
      .filter((w, i, all) => wanted.has(w) && all.indexOf(w) === i).length;
    if (score > bestScore) {
      best = product;
      bestScore = score;
    }
  }
  return best ?? (orFirst ? products[0] : undefined);
}

export function addToCartInput(
  text: string,
  product: KnownProduct,
  system: string,
): Record<string, unknown> {
  const input: Record<string, unknown> = { productId: product.id };
  let size = parseSize(text).size;
  if (!size && product.sizes?.length) {
    // A remembered size ("I wear size 10") in the system prompt, when this product has it.
    const remembered = parseSize(system).size;
    if (remembered && product.sizes.includes(remembered)) size = remembered;
  }
  if (size) input.size = size;
  const quantity = parseQuantity(text);
  if (quantity !== undefined) input.quantity = quantity;
  return input;
}

export function isAddToCart(lower: string): boolean {
  return /\badd\b/.test(lower) && /\b(cart|basket)\b/.test(lower);
}

export function detectIntent(text: string, prompt: LanguageModelV3Prompt, system: string): Intent {
  const lower = text.toLowerCase();
  const remember = /\bremember\b(?:\s+that)?[\s:,]*(.+)$/is.exec(text);
  const isQuestion = /^\s*(do|does|did|what|how|why|when|who|which)\b/i.test(text);
  if (remember?.[1] && !isQuestion) {
    const preference = remember[1]
      .trim()
      .replace(/[\s.!?]+$/u, '')
      .slice(0, 500);
    if (preference) return { toolName: 'rememberPreference', input: { text: preference } };
  }
  if (/\bcheck\s*-?\s*out\b(?!\s+(these|this|those|some)\b)/.test(lower)) {
    return { toolName: 'checkout', input: {} };
  }
  if (isAddToCart(lower)) {
    const product = chooseProduct(text, knownProducts(prompt));
    if (product) {
      return { toolName: 'addToCart', input: addToCartInput(text, product, system) };
    }
    const search = searchInput(text);
    return search.query ? { toolName: 'searchProducts', input: search } : null;
  }
  if (/\b(remove|delete)\b|\btake\b.*\b(out|off)\b/.test(lower) && /\bcart\b/.test(lower)) {
    // Removing needs a product the user clearly named; otherwise show the cart.
    const product = chooseProduct(text, knownProducts(prompt), { orFirst: false });
    if (!product) return { toolName: 'viewCart', input: {} };
    const input: Record<string, unknown> = { productId: product.id };
    const size = parseSize(text).size;
    if (size) input.size = size;
    return { toolName: 'removeFromCart', input };
  }
  if (/\b(cart|basket)\b/.test(lower)) return { toolName: 'viewCart', input: {} };
  if (searchRequest.test(lower)) return { toolName: 'searchProducts', input: searchInput(text) };
  return null;
}
