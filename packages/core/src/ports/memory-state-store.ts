import { randomUUID } from 'node:crypto';
import type { StateStoreDriver } from '../store-kit/define-state-store';
import { defineStateStore } from '../store-kit/define-state-store';
import { compareStateKeys } from '../store-kit/state-store-rules';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { MemoryValues } from './memory-values';
import type {
  OutboxClaim,
  OutboxEntry,
  OutboxState,
  StateStore,
  VersionedValue,
} from './state-store';

interface ClaimedItem {
  entry: OutboxEntry;
  token?: string | undefined;
  leaseExpiresAt?: number | undefined;
  sequence: number;
}

/** The outbox of a memory store: items in enqueue order, claims under a lease. */
function createMemoryOutbox(clock: Clock): StateStoreDriver['outbox'] {
  const outboxItems = new Map<string, ClaimedItem>();
  let enqueueSequence = 0;
  const copy = (entry: OutboxEntry): OutboxEntry => ({ ...entry });
  const heldBy = (item: ClaimedItem | undefined, token: string): item is ClaimedItem =>
    item !== undefined && item.entry.state === 'claimed' && item.token === token;

  return {
    enqueue(id, payload) {
      if (outboxItems.has(id)) return { enqueued: false };
      enqueueSequence += 1;
      outboxItems.set(id, {
        entry: { id, payload, state: 'pending', attempts: 0, enqueuedAt: clock.now() },
        sequence: enqueueSequence,
      });
      return { enqueued: true };
    },

    claim(options): OutboxClaim {
      const { limit, leaseMs } = options;
      const now = clock.now();
      const token = randomUUID();
      const leaseExpiresAt = now + leaseMs;
      const claimable = [...outboxItems.values()]
        .filter(
          (item) =>
            item.entry.state === 'pending' ||
            (item.entry.state === 'claimed' && (item.leaseExpiresAt ?? 0) <= now),
        )
        // Enqueue order, not enqueuedAt: a clock may step back, and the SQL stores order by
        // an insertion sequence too.
        .sort((a, b) => a.sequence - b.sequence)
        .slice(0, limit);
      for (const item of claimable) {
        item.entry.state = 'claimed';
        item.token = token;
        item.leaseExpiresAt = leaseExpiresAt;
      }
      return { token, leaseExpiresAt, items: claimable.map((item) => copy(item.entry)) };
    },

    markDelivered(token, ids, receipt) {
      let marked = 0;
      for (const id of ids) {
        const item = outboxItems.get(id);
        if (!heldBy(item, token)) continue;
        item.entry.state = 'delivered';
        item.entry.receipt = receipt;
        item.entry.deliveredAt = clock.now();
        item.token = undefined;
        item.leaseExpiresAt = undefined;
        marked += 1;
      }
      return marked;
    },

    release(token, ids) {
      const targets = ids ?? [...outboxItems.keys()];
      let released = 0;
      for (const id of targets) {
        const item = outboxItems.get(id);
        if (!heldBy(item, token)) continue;
        item.entry.state = 'pending';
        item.entry.attempts += 1;
        item.token = undefined;
        item.leaseExpiresAt = undefined;
        released += 1;
      }
      return released;
    },

    withdraw(id) {
      const item = outboxItems.get(id);
      if (item?.entry.state !== 'pending') return false;
      outboxItems.delete(id);
      return true;
    },

    get(id) {
      const item = outboxItems.get(id);
      return item === undefined ? undefined : copy(item.entry);
    },

    counts() {
      const counts: Record<OutboxState, number> = { pending: 0, claimed: 0, delivered: 0 };
      for (const item of outboxItems.values()) counts[item.entry.state] += 1;
      return counts;
    },
  };
}

/**
 * A {@link StateStore} in this process's memory: for tests and short-lived scripts. Everything
 * is lost when the process ends, so it must not allocate item numbers for real parcels; use
 * `@pickpost/store-sqlite` or `@pickpost/store-postgres` for that.
 *
 * @example
 * const store = createMemoryStateStore();
 * await store.putIfAbsent('order:1042', '{"state":"pending"}');
 */
export function createMemoryStateStore(options: { clock?: Clock } = {}): StateStore {
  const clock = options.clock ?? systemClock;
  const values = new MemoryValues();
  const counters = new Map<string, number>();
  const outbox = createMemoryOutbox(clock);
  // The kit checks arguments and refuses calls once closed; what is left is the maps.
  return defineStateStore({
    name: 'memory',
    driver: {
      get(key) {
        const found = values.get(key);
        return found === undefined ? undefined : { ...found };
      },

      putIfAbsent(key, value) {
        const existing = values.get(key);
        if (existing !== undefined) return { created: false, ...existing };
        const stored = { value, version: 1 };
        values.set(key, stored);
        return { created: true, ...stored };
      },

      compareAndSet(key, expectedVersion, value) {
        const existing = values.get(key);
        if (existing === undefined || existing.version !== expectedVersion) return undefined;
        const version = existing.version + 1;
        values.set(key, { value, version });
        return version;
      },

      delete(key, expectedVersion) {
        const existing = values.get(key);
        if (existing === undefined) return false;
        if (expectedVersion !== undefined && existing.version !== expectedVersion) return false;
        values.delete(key);
        return true;
      },

      list(prefix, { after, limit }) {
        const keys = values
          .keysStartingWith(prefix)
          .filter((key) => after === undefined || compareStateKeys(key, after) > 0)
          .sort(compareStateKeys);
        return keys.slice(0, limit ?? keys.length).map((key) => {
          const stored = values.get(key) as VersionedValue;
          return { key, value: stored.value, version: stored.version };
        });
      },

      increment(name, by) {
        const next = (counters.get(name) ?? 0) + by;
        counters.set(name, next);
        return next;
      },

      writeGroups(groups) {
        // One group at a time, each checked in full before any of it is written: all or nothing.
        return groups.map((group) => {
          const fits = group.every((write) => {
            if (write.op === 'create') return !values.has(write.key);
            if (write.op === 'update')
              return values.get(write.key)?.version === write.expectedVersion;
            return true;
          });
          if (!fits) return false;
          for (const write of group) {
            if (write.op === 'create') values.set(write.key, { value: write.value, version: 1 });
            else if (write.op === 'update')
              values.set(write.key, { value: write.value, version: write.expectedVersion + 1 });
            else outbox.enqueue(write.id, write.payload);
          }
          return true;
        });
      },

      outbox,

      close() {},
    },
  });
}
