/**
 * The durable state PickPost keeps between calls and across processes: idempotency records,
 * PickPost IDs per shop customer, item-number sequences, the DataTransfer outbox. The port is
 * small on purpose (a versioned key-value map, counters, one queue) so that each store package
 * holds only storage code, and every rule built on top (item-number reuse windows, exactly-once
 * delivery) is written once in core.
 *
 * Implementations: `createMemoryStateStore()` here (tests, single short-lived processes),
 * `@pickpost/store-sqlite` (one machine), `@pickpost/store-postgres` (several instances). All of
 * them pass the contract suite in `@pickpost/test-utils`.
 *
 * Every method is atomic on its own, also between processes sharing the store. Values are
 * strings (JSON, usually); keys are 1 to 512 characters. Keys, values, outbox ids, payloads and
 * receipts are well-formed Unicode without U+0000 (what UTF-8 databases store unchanged); other
 * input, and any failure of the storage itself, throws `PickPostError` with code `STORE_FAILED`
 * (the storage's error as `cause`). The helpers in `state-store-rules.ts` apply these checks.
 */
export interface StateStore {
  /** The value under `key` and its version, or `undefined`. */
  get(key: string): Promise<VersionedValue | undefined>;

  /**
   * Stores `value` under `key` unless the key exists. Returns whether this call created it, and
   * the value now stored (the earlier one when it did not): the basis of idempotency records.
   */
  putIfAbsent(key: string, value: string): Promise<PutIfAbsentResult>;

  /**
   * Replaces the value under `key` when its version is still `expectedVersion`. Returns the new
   * version, or `undefined` when the key is missing or someone else changed it first.
   */
  compareAndSet(key: string, expectedVersion: number, value: string): Promise<number | undefined>;

  /**
   * Deletes `key` (only at `expectedVersion` when given). Returns whether something was deleted.
   */
  delete(key: string, expectedVersion?: number): Promise<boolean>;

  /**
   * Entries whose key starts with `prefix`, ordered by key (by Unicode code point, which is the
   * byte order of UTF-8), after `after` when given, at most `limit` (a whole number ≥ 0).
   */
  list(prefix: string, options?: { after?: string; limit?: number }): Promise<StoredEntry[]>;

  /**
   * Adds `by` (a whole number ≥ 1, default 1) to the counter `name`, which starts at 0, and
   * returns the new value. The block `[value - by + 1, value]` belongs to this caller alone,
   * whatever other callers and processes do at the same time. Counters never go down.
   */
  increment(name: string, by?: number): Promise<number>;

  /**
   * Applies groups of writes: each group entirely or not at all, the groups independently of
   * each other, all of them in as few durable commits as the storage allows (one, for the SQL
   * stores). A `create` of a key that exists, or an `update` of a key that is missing or at
   * another version, leaves its whole group unwritten; an `enqueue` of an outbox id enqueued
   * before changes nothing and does not fail its group. Returns, per group, whether it was
   * written. What makes one order's parcel durable in one commit, and many orders' in one.
   */
  writeGroups(groups: readonly (readonly AtomicWrite[])[]): Promise<boolean[]>;

  /** A durable queue where each item is delivered at most once and never lost. */
  readonly outbox: Outbox;

  /** Releases connections and file handles. The store is unusable afterwards. */
  close(): Promise<void>;
}

/** One write of a {@link StateStore.writeGroups} group. */
export type AtomicWrite =
  /** Stores `value` at version 1; fails the group when `key` exists. */
  | { op: 'create'; key: string; value: string }
  /** Replaces the value at `expectedVersion` (the version grows by one); fails the group otherwise. */
  | { op: 'update'; key: string; expectedVersion: number; value: string }
  /** Adds an outbox item unless its id was ever enqueued (then: nothing, and no failure). */
  | { op: 'enqueue'; id: string; payload: string };

/**
 * A stored value with the version `compareAndSet` checks, so concurrent writers cannot overwrite
 * each other unseen.
 */
export interface VersionedValue {
  value: string;
  /** Starts at 1 and grows by 1 with each successful `compareAndSet`. */
  version: number;
}

/** A stored value with its key, as a listing returns it. */
export interface StoredEntry extends VersionedValue {
  key: string;
}

/** What `putIfAbsent` found or wrote: the value now stored, and whether this call created it. */
export interface PutIfAbsentResult extends VersionedValue {
  created: boolean;
}

/**
 * Where an outbox item stands: waiting, claimed by a worker under a lease, or delivered (kept so
 * its id is never enqueued again).
 */
export type OutboxState = 'pending' | 'claimed' | 'delivered';

/** One outbox item: its id, payload and state, and how often it was claimed without delivery. */
export interface OutboxEntry {
  id: string;
  payload: string;
  state: OutboxState;
  /** How many claims of it were released without delivery. */
  attempts: number;
  enqueuedAt: number;
  /** What the deliverer recorded when it marked the item delivered (a file name, say). */
  receipt?: string | undefined;
  deliveredAt?: number | undefined;
}

/** Outbox items claimed by one worker for a while, so two workers never deliver the same item. */
export interface OutboxClaim {
  /** Proves the claim: only its holder can mark or release the items. */
  token: string;
  /** Oldest first. Empty when nothing is pending. */
  items: OutboxEntry[];
  /** When the lease lapses and the items can be claimed by someone else (epoch ms). */
  leaseExpiresAt: number;
}

/**
 * A durable queue in the state store: items enqueued once by id, claimed under a lease, marked
 * delivered or released.
 */
export interface Outbox {
  /**
   * Adds an item unless one with this `id` was ever enqueued (pending, claimed or delivered).
   * Returns whether this call added it; a repeated enqueue keeps the first payload.
   */
  enqueue(id: string, payload: string): Promise<{ enqueued: boolean }>;

  /**
   * Claims up to `limit` items (a whole number ≥ 1) that are pending, or claimed under a lease
   * that has lapsed (`leaseExpiresAt <= now`), in enqueue order, for `leaseMs` (≥ 1). Two
   * concurrent claims never receive the same item. A takeover after a lapse is not an attempt;
   * only `release` counts one.
   */
  claim(options: { limit: number; leaseMs: number }): Promise<OutboxClaim>;

  /**
   * Marks items delivered, with a `receipt`, if the claim `token` still holds them (also after
   * its lease lapsed, as long as no one else claimed them since). Returns how many were marked.
   */
  markDelivered(token: string, ids: readonly string[], receipt: string): Promise<number>;

  /**
   * Puts claimed items (all of the claim's when `ids` is omitted) back to pending and counts an
   * attempt, if the claim `token` still holds them. Returns how many were released.
   */
  release(token: string, ids?: readonly string[]): Promise<number>;

  /**
   * Takes a pending item back out (a cancelled parcel whose shipment data never left). A claimed
   * or delivered item stays: returns whether the item was withdrawn.
   */
  withdraw(id: string): Promise<boolean>;

  /** One item, whatever its state. */
  get(id: string): Promise<OutboxEntry | undefined>;

  /** How many items are in each state. */
  counts(): Promise<Record<OutboxState, number>>;
}

/** The longest key a store must accept. */
export const MAX_STATE_KEY_LENGTH = 512;
