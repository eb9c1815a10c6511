/**
 * Where time comes from. Item-number reuse windows, token expiry, selection lifetimes and
 * outbox leases all read it, so tests can move time without waiting.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The real clock. A wrapper rather than `Date.now` itself, so tests can spy on the global. */
export const systemClock: Clock = {
  now: () => Date.now(),
};

/**
 * A clock that moves only when told to, for tests.
 *
 * @example
 * const clock = createManualClock(Date.parse('2026-01-01T00:00:00Z'));
 * clock.advance(31 * 24 * 3600 * 1000);
 */
export function createManualClock(startMs = 0): Clock & {
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
  /** Sets the clock to `ms` (epoch ms). */
  set(ms: number): void;
} {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
