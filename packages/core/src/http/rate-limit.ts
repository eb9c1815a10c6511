import type { Clock } from '../ports/clock';

/**
 * A token bucket per client: `max` requests, refilled evenly over `windowMs`. Buckets of idle
 * clients are dropped once the map is full, oldest first, so memory stays bounded under a flood
 * of distinct addresses.
 */
export function createRateLimiter(options: {
  max: number;
  windowMs: number;
  clock: Clock;
  maxClients?: number;
}) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  // The client whose bucket is last in the map: its next request need not move it there again.
  let newest: string | undefined;
  const maxClients = options.maxClients ?? 50_000;
  const refillPerMs = options.max / options.windowMs;
  const tokensOf = (client: string, now: number) => {
    const bucket = buckets.get(client);
    return bucket === undefined
      ? options.max
      : Math.min(options.max, bucket.tokens + (now - bucket.at) * refillPerMs);
  };

  return {
    /** Whether `client` has no token left (nothing is taken). */
    exhausted(client: string): boolean {
      return tokensOf(client, options.clock.now()) < 1;
    },

    /** Takes one token for `client`; when none is left, says how long until the next. */
    take(client: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
      const now = options.clock.now();
      let bucket = buckets.get(client);
      if (bucket === undefined) bucket = { tokens: options.max, at: now };
      else bucket.tokens = Math.min(options.max, bucket.tokens + (now - bucket.at) * refillPerMs);
      bucket.at = now;
      if (client !== newest) {
        // Map order is the eviction order: the bucket moves to the end, the oldest goes first.
        buckets.delete(client);
        if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value as string);
        buckets.set(client, bucket);
        newest = client;
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)),
      };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
