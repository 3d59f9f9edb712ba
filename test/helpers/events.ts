import { expect } from 'vitest';

/** One sessionEvents event as a test reads it. */
export type Ev = Record<string, any>;

/**
 * The events of a subscription up to the first one of `type` (collect may push a few more that
 * were in flight when it unsubscribed); all of them without a type.
 */
export const eventsOf = (all: Ev[], type?: string) => {
  const events = all.map((e) => e.sessionEvents as Ev);
  const end = type ? events.findIndex((e) => e.__typename === type) : -1;
  return end >= 0 ? events.slice(0, end + 1) : events;
};

export const typesOf = (events: Ev[]) => events.map((e) => e.__typename as string);

/** The TextDeltas joined: what a client shows. */
export const deltas = (events: Ev[]) =>
  events
    .filter((e) => e.__typename === 'TextDelta')
    .map((e) => e.delta)
    .join('');

/** A `collect` stop condition: the first event of this type. */
export const until =
  (type: string) =>
  (e: Ev): boolean =>
    e.sessionEvents.__typename === type;

export const expectContiguous = (seqs: number[]) => {
  expect(seqs.length).toBeGreaterThan(0);
  expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i));
};
