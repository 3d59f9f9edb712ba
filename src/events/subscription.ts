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
 * `source`, ended as soon as `signals` yields a value `matches` accepts (access taken away): a
 * pending next() answers done, and both iterators are released.
 */
export function endWhen<T, S>(
  source: AsyncIterableIterator<T>,
  signals: AsyncIterableIterator<S>,
  matches: (signal: S) => boolean,
): AsyncIterableIterator<T> {
  const done = { done: true, value: undefined } as const;
  let ended = false;
  let stop: () => void = () => undefined;
  const stopped = new Promise<IteratorResult<T>>((resolve) => {
    stop = () => resolve(done);
  });
  const end = async () => {
    if (ended) return;
    ended = true;
    stop();
    await Promise.allSettled([source.return?.(), signals.return?.()]);
  };
  void (async () => {
    for await (const signal of signals) if (matches(signal)) break;
  })().then(end, end);
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => (ended ? Promise.resolve(done) : Promise.race([source.next(), stopped])),
    return: async () => {
      await end();
      return done;
    },
  };
  return iterator;
}
