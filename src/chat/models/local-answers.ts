import type { LanguageModelV3Prompt, LanguageModelV3ToolResultPart } from '@ai-sdk/provider';
import { isRecord, messageText, resultValue } from './local-intents.js';

/** How the local model words its answers: from tool results, and titles. */

const money = (dollars: unknown) => `$${Number(dollars).toFixed(2)}`;

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function clip(text: string, maxWords: number): string {
  const all = text.trim().split(/\s+/);
  return all.length > maxWords ? `${all.slice(0, maxWords).join(' ')} …` : all.join(' ');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function cartSummary(value: Record<string, unknown>): string {
  const items = Array.isArray(value.items) ? value.items.filter(isRecord) : [];
  if (items.length === 0) return 'Your cart is empty.';
  const count = items.reduce((n, i) => n + (Number(i.quantity) || 0), 0);
  return `Your cart has ${count} ${count === 1 ? 'item' : 'items'}, total ${money(value.totalPrice)}.`;
}

function lineLabel(item: Record<string, unknown>): string {
  const size = item.size ? ` (size ${item.size})` : '';
  return `${item.quantity ?? 1} × ${item.name}${size}`;
}

export function answerFor(part: LanguageModelV3ToolResultPart): string {
  const { toolName, output } = part;
  if (output.type === 'execution-denied' || (toolName === 'checkout' && isDeniedError(part))) {
    const reason = output.type === 'execution-denied' ? output.reason : undefined;
    const why = reason ? ` (${reason.replace(/[.\s]+$/, '')})` : '';
    return toolName === 'checkout'
      ? `Okay, I did not place the order: the checkout was denied${why}. Your cart is unchanged.`
      : `Okay, I did not run ${toolName}: it was denied${why}.`;
  }
  if (output.type === 'error-text') return `Sorry, ${toolName} failed: ${sentence(output.value)}`;
  if (output.type === 'error-json') {
    return `Sorry, ${toolName} failed: ${sentence(JSON.stringify(output.value))}`;
  }
  const value = resultValue(part);
  if (!isRecord(value)) return `${toolName} returned: ${clip(String(value ?? 'nothing'), 30)}`;
  if (typeof value.error === 'string') return `Sorry, that did not work: ${sentence(value.error)}`;
  switch (toolName) {
    case 'searchProducts': {
      const products = Array.isArray(value.products) ? value.products.filter(isRecord) : [];
      if (products.length === 0) {
        return 'I could not find any products matching that. Try other words or a wider price range.';
      }
      const total = Number(value.total) || products.length;
      const picks = products.slice(0, 3).map((p) => {
        const stock = p.inStock === false ? ', out of stock' : '';
        return `${p.name} (${money(p.price)}${stock})`;
      });
      const found = `I found ${total} ${total === 1 ? 'product' : 'products'}`;
      const partial = typeof value.note === 'string' ? ' that match some of your words' : '';
      return `${found}${partial}. ${total > 1 ? 'Top picks: ' : ''}${listNames(picks)}.`;
    }
    case 'getProduct': {
      const sizes = Array.isArray(value.sizes) && value.sizes.length ? value.sizes.join(', ') : '';
      const colors = Array.isArray(value.colors) ? value.colors.join(', ') : '';
      return [
        `${value.name} by ${value.brand} costs ${money(value.price)}.`,
        sizes ? `Sizes: ${sizes}.` : '',
        colors ? `Colors: ${colors}.` : '',
        value.inStock === false ? 'It is out of stock.' : 'It is in stock.',
      ]
        .filter(Boolean)
        .join(' ');
    }
    case 'addToCart': {
      const added = isRecord(value.added) ? value.added : {};
      return `Added ${lineLabel(added)} to your cart. ${cartSummary(value)}`;
    }
    case 'removeFromCart':
      return `Removed it from your cart. ${cartSummary(value)}`;
    case 'viewCart': {
      const items = Array.isArray(value.items) ? value.items.filter(isRecord) : [];
      if (items.length === 0) return 'Your cart is empty.';
      const lines = items.map((i) => `${lineLabel(i)} at ${money(i.price)}`);
      return `Your cart: ${listNames(lines)}. Total: ${money(value.totalPrice)}.`;
    }
    case 'checkout': {
      const items = Array.isArray(value.items) ? value.items.filter(isRecord) : [];
      const count = items.reduce((n, i) => n + (Number(i.quantity) || 0), 0);
      return `Your order ${value.orderId} is placed: ${count} ${count === 1 ? 'item' : 'items'}, total ${money(value.totalPrice)}.`;
    }
    case 'rememberPreference':
      return `Got it, I will remember: ${sentence(String(value.remembered))}`;
    default:
      return `${toolName} is done.`;
  }
}

function isDeniedError(part: LanguageModelV3ToolResultPart): boolean {
  // convertToModelMessages turns a denied UI tool part into an error-text result.
  return part.output.type === 'error-text' && /denied/i.test(part.output.value);
}

export function titleFrom(prompt: LanguageModelV3Prompt): string {
  const first = prompt.find((m) => m.role === 'user');
  const title = messageText(first)
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6)
    .join(' ')
    .replace(/[\s\p{P}]+$/u, '');
  return title || 'New chat';
}
