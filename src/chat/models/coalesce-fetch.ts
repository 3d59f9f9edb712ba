// Wire-level delta coalescing for OpenAI-compatible providers: the streamed response is read
// before the AI SDK parses it, and text deltas arriving within the window leave as one
// server-sent event. The SDK's cost is per event (parsing and validating each chunk, then a
// chain of web streams in the provider and in streamText), so merging here cuts it for every
// stage after the wire, not only for the stages after a model middleware.

type Json = Record<string, unknown>;

/** What makes two events one: the same stream position, and a text delta to concatenate. */
interface Mergeable {
  key: string;
  text: string;
  /** Writes the merged text back into the first event. */
  set(event: Json, text: string): void;
}

const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A chat-completions chunk carrying only text (no role, tool call, finish or usage). */
function chatDelta(event: Json): Mergeable | null {
  if (event.object !== 'chat.completion.chunk' || event.usage != null) return null;
  const choices = event.choices;
  if (!Array.isArray(choices) || choices.length !== 1 || !isRecord(choices[0])) return null;
  const choice = choices[0];
  if (choice.finish_reason != null || choice.logprobs != null || !isRecord(choice.delta)) {
    return null;
  }
  const delta = choice.delta;
  const keys = Object.keys(delta);
  if (typeof delta.content !== 'string' || keys.some((k) => k !== 'content')) return null;
  return {
    key: `chat:${String(event.id)}:${String(choice.index)}`,
    text: delta.content,
    set: (first, text) => {
      ((first.choices as Json[])[0]?.delta as Json).content = text;
    },
  };
}

/** A Responses API `response.output_text.delta` event without log probabilities. */
function responsesDelta(event: Json): Mergeable | null {
  if (event.type !== 'response.output_text.delta' || typeof event.delta !== 'string') return null;
  if (Array.isArray(event.logprobs) && event.logprobs.length > 0) return null;
  return {
    key: `responses:${String(event.item_id)}:${String(event.output_index)}:${String(event.content_index)}`,
    text: event.delta,
    set: (first, text) => {
      first.delta = text;
    },
  };
}

function mergeable(data: string): { event: Json; merge: Mergeable } | null {
  if (!data.startsWith('{')) return null;
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(event)) return null;
  const merge = chatDelta(event) ?? responsesDelta(event);
  return merge ? { event, merge } : null;
}

/** The `data:` of one server-sent event block, and its other lines (`event:`, `id:`). */
function splitBlock(block: string): { data: string; rest: string[] } {
  const data: string[] = [];
  const rest: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
    else if (line) rest.push(line);
  }
  return { data: data.join('\n'), rest };
}

/** The SSE body with consecutive mergeable text deltas within `windowMs` merged into one event. */
export function coalesceServerSentEvents(
  body: ReadableStream<Uint8Array>,
  windowMs: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let buffer = '';
  let pending: {
    event: Json;
    merge: Mergeable;
    text: string;
    rest: string[];
    raw: string;
    n: number;
  } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let out: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const emit = (text: string) => {
    if (!cancelled) out.enqueue(encoder.encode(text));
  };

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const p = pending;
    pending = null;
    if (p.n === 1) return emit(p.raw);
    p.merge.set(p.event, p.text);
    emit(`${[...p.rest, `data: ${JSON.stringify(p.event)}`].join('\n')}\n\n`);
  };
  const onBlock = (block: string) => {
    const raw = `${block}\n\n`;
    const { data, rest } = splitBlock(block);
    const found = mergeable(data);
    if (found && pending?.merge.key === found.merge.key && pending.rest.join() === rest.join()) {
      pending.text += found.merge.text;
      pending.n += 1;
      return;
    }
    flush();
    if (!found) return emit(raw);
    pending = { ...found, text: found.merge.text, rest, raw, n: 1 };
    timer = setTimeout(flush, windowMs);
  };
  const pump = async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const blocks = buffer.split(/\r?\n\r?\n/);
      buffer = blocks.pop() ?? '';
      for (const block of blocks) onBlock(block);
    }
    buffer += decoder.decode();
    flush();
    if (buffer) emit(buffer);
    if (!cancelled) out.close();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      out = controller;
      pump().catch((error) => {
        clearTimeout(timer);
        if (!cancelled) controller.error(error);
      });
    },
    cancel(reason) {
      cancelled = true;
      clearTimeout(timer);
      pending = null;
      return reader.cancel(reason);
    },
  });
}

/** A fetch whose streamed (text/event-stream) responses have their text deltas coalesced. */
export function coalescingFetch(windowMs: number, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (windowMs <= 0 || !response.body || !type.includes('text/event-stream')) return response;
    return new Response(coalesceServerSentEvents(response.body, windowMs), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
