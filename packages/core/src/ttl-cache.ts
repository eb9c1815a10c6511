import type { Clock } from './ports/clock';

/**
 * A small in-memory cache with a time to live and a size cap (oldest entries go first), where
 * concurrent misses for the same key share one load: a burst of checkouts for one postcode
 * makes one call to Swiss Post.
 */
export function createTtlCache<T>(options: { ttlMs: number; maxEntries: number; clock: Clock }) {
  const entries = new Map<string, { value: T; until: number }>();
  const loading = new Map<string, Promise<T>>();
  let hits = 0;
  let misses = 0;

  return {
    async get(key: string, load: () => Promise<T>): Promise<T> {
      const entry = entries.get(key);
      if (entry !== undefined && entry.until > options.clock.now()) {
        hits += 1;
        return entry.value;
      }
      misses += 1;
      let pending = loading.get(key);
      if (pending === undefined) {
        pending = load()
          .then((value) => {
            entries.delete(key);
            if (entries.size >= options.maxEntries)
              entries.delete(entries.keys().next().value as string);
            entries.set(key, { value, until: options.clock.now() + options.ttlMs });
            return value;
          })
          .finally(() => loading.delete(key));
        loading.set(key, pending);
      }
      return pending;
    },
    stats: () => ({ hits, misses, size: entries.size }),
    clear: () => entries.clear(),
  };
}
