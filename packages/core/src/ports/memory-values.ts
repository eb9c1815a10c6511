import type { VersionedValue } from './state-store';

/**
 * Keys share their first characters by kind (`pickpost:op:fulfil:…`, `pickpost:items:…`), so
 * keys bucketed by this many of them are listed by prefix without reading the other kinds:
 * the allocator lists its few log entries beside a record per order ever made.
 */
const BUCKET_LENGTH = 16;

const bucketOf = (key: string): string => key.slice(0, BUCKET_LENGTH);

/** The memory store's values, with the keys of each bucket for listing by prefix. */
export class MemoryValues {
  private readonly values = new Map<string, VersionedValue>();
  private readonly buckets = new Map<string, Set<string>>();

  get(key: string): VersionedValue | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  set(key: string, value: VersionedValue): void {
    if (!this.values.has(key)) {
      const bucket = bucketOf(key);
      let keys = this.buckets.get(bucket);
      if (keys === undefined) {
        keys = new Set();
        this.buckets.set(bucket, keys);
      }
      keys.add(key);
    }
    this.values.set(key, value);
  }

  delete(key: string): void {
    if (!this.values.delete(key)) return;
    const bucket = bucketOf(key);
    const keys = this.buckets.get(bucket);
    keys?.delete(key);
    if (keys?.size === 0) this.buckets.delete(bucket);
  }

  /** The keys starting with `prefix`, in no order. */
  keysStartingWith(prefix: string): string[] {
    const found: string[] = [];
    const add = (keys: Set<string>) => {
      for (const key of keys) if (key.startsWith(prefix)) found.push(key);
    };
    if (prefix.length >= BUCKET_LENGTH) {
      const keys = this.buckets.get(bucketOf(prefix));
      if (keys !== undefined) add(keys);
      return found;
    }
    // A shorter prefix: every bucket whose characters start with it (a key shorter than the
    // bucket length is its own bucket name, so it is tested whole).
    for (const [bucket, keys] of this.buckets) if (bucket.startsWith(prefix)) add(keys);
    return found;
  }
}
