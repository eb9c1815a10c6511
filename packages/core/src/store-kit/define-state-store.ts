import { PickPostError } from '../errors/index';
import type {
  AtomicWrite,
  OutboxClaim,
  OutboxEntry,
  OutboxState,
  PutIfAbsentResult,
  StateStore,
  StoredEntry,
  VersionedValue,
} from '../ports/state-store';
import { toStoreFailure } from './sql-store-helpers';
import {
  assertClaimOptions,
  assertIncrementStep,
  assertListLimit,
  assertStateKey,
  assertStateValue,
} from './state-store-rules';

type MaybePromise<T> = T | Promise<T>;

/** The port's argument rules for one write of a group. */
function checkWrite(write: AtomicWrite): void {
  if (write.op === 'enqueue') {
    assertStateKey(write.id);
    assertStateValue(write.payload);
    return;
  }
  assertStateKey(write.key);
  assertStateValue(write.value);
  if (write.op === 'update' && !Number.isSafeInteger(write.expectedVersion)) {
    throw new PickPostError('STORE_FAILED', 'An update needs the whole-number version it expects');
  }
}

/**
 * The storage of a {@link StateStore}, and nothing else: what a store package writes. Every
 * argument it receives has already been checked (keys, values, limits, steps, claim options),
 * calls after `close` never reach it, and whatever it throws leaves the store as `STORE_FAILED`
 * with the driver's error as `cause`. Methods may be synchronous (better-sqlite3) or not.
 */
export interface StateStoreDriver {
  /** The value and version at `key`, or `undefined` when none. */
  get(key: string): MaybePromise<VersionedValue | undefined>;
  /** Stores `value` at version 1 unless `key` holds one; returns what is stored now either way. */
  putIfAbsent(key: string, value: string): MaybePromise<PutIfAbsentResult>;
  /** `expectedVersion` is a safe integer here; other versions never match and do not come in. */
  compareAndSet(
    key: string,
    expectedVersion: number,
    value: string,
  ): MaybePromise<number | undefined>;
  /**
   * Deletes `key` if it is at `expectedVersion` (any version when `undefined`); whether it deleted.
   */
  delete(key: string, expectedVersion: number | undefined): MaybePromise<boolean>;
  /**
   * Entries whose key starts with `prefix`, in key order: those after the key `after`, at most
   * `limit`.
   */
  list(
    prefix: string,
    options: { after?: string | undefined; limit?: number | undefined },
  ): MaybePromise<StoredEntry[]>;
  /** `by` is a whole number ≥ 1 (1 when the caller gave none). */
  increment(name: string, by: number): MaybePromise<number>;
  /**
   * Each group all or nothing, groups independent, in as few commits as the storage allows.
   * Every key, value, id and payload has been checked; `update` versions are safe integers.
   */
  writeGroups(groups: readonly (readonly AtomicWrite[])[]): MaybePromise<boolean[]>;
  outbox: {
    /** As {@link Outbox.enqueue}. */
    enqueue(id: string, payload: string): MaybePromise<{ enqueued: boolean }>;
    /** As {@link Outbox.claim}. */
    claim(options: { limit: number; leaseMs: number }): MaybePromise<OutboxClaim>;
    /** As {@link Outbox.markDelivered}. */
    markDelivered(token: string, ids: readonly string[], receipt: string): MaybePromise<number>;
    /** As {@link Outbox.release}. */
    release(token: string, ids: readonly string[] | undefined): MaybePromise<number>;
    /** As {@link Outbox.withdraw}. */
    withdraw(id: string): MaybePromise<boolean>;
    /** As {@link Outbox.get}. */
    get(id: string): MaybePromise<OutboxEntry | undefined>;
    /** As {@link Outbox.counts}. */
    counts(): MaybePromise<Record<OutboxState, number>>;
  };
  /** Releases connections and file handles; called once. */
  close(): MaybePromise<void>;
}

/** What `defineStateStore` needs: a name for failures and the driver that talks to the database. */
export interface DefineStateStoreOptions {
  /** Named in failures: `The SQLite state store failed (SQLITE_BUSY)`. */
  name: string;
  driver: StateStoreDriver;
  /**
   * Work every call waits for, started by the first call (schema migrations, say). A failure is
   * that call's failure; the next call starts it again.
   */
  prepare?: () => Promise<void>;
}

/** Runs one storage call after its checks (see `defineStateStore`). */
type CheckedCall = <T>(check: () => void, task: () => MaybePromise<T>) => Promise<T>;

const none = () => {};

/** The outbox of a driver behind the store kit's checks. */
function checkedOutbox(
  outbox: StateStoreDriver['outbox'],
  call: CheckedCall,
): StateStore['outbox'] {
  return {
    enqueue: (id, payload) =>
      call(
        () => {
          assertStateKey(id);
          assertStateValue(payload);
        },
        () => outbox.enqueue(id, payload),
      ),
    claim: (claimOptions) =>
      call(
        () => assertClaimOptions(claimOptions),
        () => outbox.claim(claimOptions),
      ),
    markDelivered: (token, ids, receipt) =>
      call(
        () => assertStateValue(receipt),
        () => outbox.markDelivered(token, ids, receipt),
      ),
    release: (token, ids) => call(none, () => outbox.release(token, ids)),
    withdraw: (id) =>
      call(
        () => assertStateKey(id),
        () => outbox.withdraw(id),
      ),
    get: (id) => call(none, () => outbox.get(id)),
    counts: () => call(none, () => outbox.counts()),
  };
}

/**
 * A {@link StateStore} from the storage code of a driver: applies the port's argument checks
 * (`state-store.ts`), refuses calls once the store is closed, and turns every failure into
 * `STORE_FAILED`, in one place for every store, so that they refuse the same input alike and a
 * store package holds only its storage code. Stores made with it pass the contract suite of
 * `@pickpost/test-utils` when their storage keeps the port's promises (atomicity, ordering).
 *
 * @example
 * import { defineStateStore } from '@pickpost/core/store-kit';
 *
 * export function createMyStore(): StateStore {
 *   return defineStateStore({ name: 'MyDB', driver: { get: (key) => …, … } });
 * }
 */
export function defineStateStore(options: DefineStateStoreOptions): StateStore {
  const { name, driver } = options;
  let closed = false;
  let prepared: Promise<void> | undefined;

  const whenPrepared = (): Promise<void> | undefined => {
    if (options.prepare === undefined) return undefined;
    prepared ??= options.prepare().catch((error: unknown) => {
      prepared = undefined;
      throw error;
    });
    return prepared;
  };

  /** Checks, then runs one storage call; every failure becomes STORE_FAILED. */
  async function call<T>(check: () => void, task: () => MaybePromise<T>): Promise<T> {
    try {
      if (closed) throw new PickPostError('STORE_FAILED', 'The state store is closed');
      check();
      await whenPrepared();
      return await task();
    } catch (error) {
      throw toStoreFailure(error, name);
    }
  }

  return {
    get: (key) =>
      call(
        () => assertStateKey(key),
        () => driver.get(key),
      ),

    putIfAbsent: (key, value) =>
      call(
        () => {
          assertStateKey(key);
          assertStateValue(value);
        },
        () => driver.putIfAbsent(key, value),
      ),

    compareAndSet: (key, expectedVersion, value) =>
      call(
        () => {
          assertStateKey(key);
          assertStateValue(value);
        },
        () =>
          Number.isSafeInteger(expectedVersion)
            ? driver.compareAndSet(key, expectedVersion, value)
            : undefined,
      ),

    delete: (key, expectedVersion) =>
      call(
        () => assertStateKey(key),
        () => driver.delete(key, expectedVersion),
      ),

    list: (prefix, listOptions = {}) =>
      call(
        () => assertListLimit(listOptions.limit),
        () => driver.list(prefix, { after: listOptions.after, limit: listOptions.limit }),
      ),

    increment: (counter, by = 1) =>
      call(
        () => {
          assertStateKey(counter);
          assertIncrementStep(by);
        },
        () => driver.increment(counter, by),
      ),

    writeGroups: (groups) =>
      call(
        () => {
          for (const group of groups) for (const write of group) checkWrite(write);
        },
        () => (groups.length === 0 ? [] : driver.writeGroups(groups)),
      ),

    outbox: checkedOutbox(driver.outbox, call),

    async close() {
      if (closed) return;
      closed = true;
      try {
        await driver.close();
      } catch (error) {
        throw toStoreFailure(error, name);
      }
    },
  };
}
