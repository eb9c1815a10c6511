import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

function clockAt(start: number) {
  const clock = { at: start, now: () => clock.at };
  return clock;
}

describe('createRateLimiter', () => {
  it('allows max requests per client, then says when the next token comes', () => {
    const clock = clockAt(1_000);
    const limiter = createRateLimiter({ max: 3, windowMs: 3_000, clock });
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.exhausted('a')).toBe(true);
    // Other clients have buckets of their own.
    expect(limiter.take('b').allowed).toBe(true);
    clock.at += 1_000; // one token back (3 per 3 s)
    expect(limiter.exhausted('a')).toBe(false);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('never refills beyond max', () => {
    const clock = clockAt(0);
    const limiter = createRateLimiter({ max: 2, windowMs: 1_000, clock });
    limiter.take('a');
    clock.at += 60_000;
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, false]);
  });

  it('drops the least recently seen client when full, also after repeated requests of one', () => {
    const clock = clockAt(0);
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000, clock, maxClients: 2 });
    limiter.take('a'); // a: empty bucket
    limiter.take('b'); // b: empty bucket
    limiter.take('a'); // a seen again: b is now the least recent
    limiter.take('a');
    limiter.take('c'); // full: b goes, a stays
    expect(limiter.exhausted('a')).toBe(true);
    expect(limiter.exhausted('b')).toBe(false); // forgotten: a fresh bucket
    limiter.take('b'); // full again: the least recent is now a
    expect(limiter.exhausted('a')).toBe(false);
    expect(limiter.exhausted('c')).toBe(true);
  });
});
