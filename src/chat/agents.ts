import type { Prisma } from '../generated/prisma/client.js';
import { toolNames } from './tools/index.js';

/** The agent of sessions created without an agentId. */
export const DEFAULT_AGENT_SLUG = 'shopping';

const shoppingInstructions = `You are the shopping assistant of an online clothing and outdoor store.

How to work:
- Use your tools for every fact about products, prices, sizes, stock, the cart and orders. Never invent products, prices, sizes or order numbers: if a search finds nothing, say so and suggest a broader search.
- To find products call searchProducts. Prices are in US dollars: pass "under $120" as maxPrice 120. Pass the size when the user gives one or has one stored as a preference.
- Before adding to the cart, make sure you know the product id (from a search or getProduct) and, for products that come in sizes, the size. Ask when it is unclear.
- checkout places a real order. Call it only when the user asks to check out; the user is asked to approve it before it runs. If they deny it, accept that and do not retry unless they ask again.
- When the user tells you something lasting about themselves (sizes, favourite colours, brands, budget), store it with rememberPreference.
- When a tool returns an error, explain it briefly and say what the user can do.

Style: short, friendly answers. List at most five products, each with its name, brand and price.`;

const generalInstructions = `You are a helpful, concise general assistant.
Answer questions directly and say so when you are unsure. When the user tells you something lasting about themselves or asks you to remember something, store it with rememberPreference.`;

/** A round avatar with the agent's initial, as a data: URL (no file to serve, works offline). */
const avatar = (letter: string, color: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="${color}"/><text x="16" y="21" font-size="15" text-anchor="middle" fill="#fff" font-family="sans-serif">${letter}</text></svg>`,
  )}`;

/** The demo agents seeded into an empty database. */
export const demoAgents: Prisma.AgentCreateManyInput[] = [
  {
    slug: DEFAULT_AGENT_SLUG,
    name: 'Shopping assistant',
    description: 'Finds products in the store catalog, manages your cart and checks out.',
    instructions: shoppingInstructions,
    tools: [...toolNames],
    isDefault: true,
    avatarUrl: avatar('S', '#2563eb'),
  },
  {
    slug: 'general',
    name: 'General assistant',
    description: 'A general-purpose assistant that remembers your preferences.',
    instructions: generalInstructions,
    tools: ['rememberPreference'],
    isDefault: false,
    avatarUrl: avatar('G', '#059669'),
  },
];
