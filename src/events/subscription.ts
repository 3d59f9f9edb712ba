import type { Listener, SessionEvent } from './types.js';

export class SlowSubscriberError extends Error {
  constructor() {
    super('subscriber fell too far behind; resubscribe with afterSeq to resume');
  }
}

/**
 * The iterator behind every subscription: `start` registers the listener and returns the replay;
 * events are delivered once each, in seq order, and a slow consumer is cut off (it can resume).
 */
export function subscription(options: {
  start: (listener: Listener) => Promise<{ replay: SessionEvent[]; after: number }>;
  stop: (listener: Listener) => void;
  maxQueued: number;
}): AsyncIterableIterator<SessionEvent> {
  const queue: SessionEvent[] = [];
  let last = Number.POSITIVE_INFINITY;
  let early: SessionEvent[] | undefined = [];
  let wake: ((r: IteratorResult<SessionEvent>) => void) | undefined;
  let ended = false;
  let failure: Error | undefined;
  const end = () => {
    if (ended) return;
    ended = true;
    options.stop(listener);
    wake?.({ done: true, value: undefined });
    wake = undefined;
  };
  const deliver = (event: SessionEvent) => {
    if (event.seq <= last) return;
    last = event.seq;
    if (wake) {
      const w = wake;
      wake = undefined;
      w({ done: false, value: event });
    } else if (queue.length >= options.maxQueued) {
      failure = new SlowSubscriberError();
      end();
    } else queue.push(event);
  };
  const listener: Listener = (event) => {
    if (early) early.push(event);
    else deliver(event);
  };
  const ready = options.start(listener).then(({ replay, after }) => {
    last = after;
    for (const event of replay) deliver(event);
    const pending = early ?? [];
    early = undefined;
    for (const event of pending) deliver(event);
  });
  const next = async (): Promise<IteratorResult<SessionEvent>> => {
    await ready;
    const queued = queue.shift();
    if (queued) {
      if (queued.type === 'SessionDeleted') end();
      return { done: false, value: queued };
    }
    if (failure) throw failure;
    if (ended) return { done: true, value: undefined };
    const result = await new Promise<IteratorResult<SessionEvent>>((resolve) => {
      wake = resolve;
    });
    if (!result.done && result.value.type === 'SessionDeleted') end();
    if (result.done && failure) throw failure;
    return result;
  };
  const iterator: AsyncIterableIterator<SessionEvent> = {
    [Symbol.asyncIterator]: () => iterator,
    next,
    return: async () => {
      end();
      return { done: true, value: undefined };
    },
  };
  return iterator;
}

/**
 * `source` with an `end()` from outside (access taken away): a pending next() answers done at
 * once, the source is released and `onEnd` runs, as it does when the source ends or the reader
 * returns. One promise per next() and nothing kept between them, so a long subscription holds
 * no more memory after a million events than after one.
 */
export function endable<T>(
  source: AsyncIterableIterator<T>,
  onEnd: () => void,
): { iterator: AsyncIterableIterator<T>; end(): Promise<void> } {
  const done = { done: true, value: undefined } as const;
  let ended = false;
  let wake: ((result: IteratorResult<T>) => void) | null = null;
  const end = async () => {
    if (ended) return;
    ended = true;
    wake?.(done);
    wake = null;
    onEnd();
    await source.return?.();
  };
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => {
      if (ended) return Promise.resolve(done);
      return new Promise<IteratorResult<T>>((resolve, reject) => {
        wake = resolve;
        source.next().then((result) => {
          wake = null;
          if (result.done) void end();
          resolve(result);
        }, reject);
      });
    },
    return: async () => {
      await end();
      return done;
    },
  };
  return { iterator, end };
}
