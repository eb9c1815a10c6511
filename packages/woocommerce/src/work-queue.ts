import { randomBytes } from 'node:crypto';
import type { StateStore } from '@pickpost/core';
import type { AtomicWrite } from '@pickpost/core/store-kit';
import type { WooOrder } from './woo-types';

/**
 * The shared work of every sync process of one shop, kept in the PickPost `StateStore` (SQLite on
 * one machine, Postgres for many): one record per order (`o:`) saying how far it got, and one
 * queue item (`q:`) per order that still needs work, claimed under a lease so that no two
 * processes work on an order at once and a dead process's orders are taken over once its lease
 * lapses. Claims, phase changes and completions of a whole batch go to the store in one commit
 * each (`writeGroups`).
 */

/** Where an order stands, as far as the service is concerned. */
export type OrderState = 'queued' | 'done' | 'cancelled' | 'dead';

/**
 * What the service last recorded of an order: its state, the snapshot taken in, and the result
 * written back.
 */
export interface OrderRecord {
  state: OrderState;
  /** The `date_modified_gmt` last taken in: an older or equal snapshot changes nothing. */
  modified: string;
  identcode?: string | undefined;
  /** The hash of the write-back, also stored in the order's `_pickpost_sync` meta. */
  hash?: string | undefined;
  error?: string | undefined;
  at: number;
}

export type QueueAction = 'fulfil' | 'cancel' | 'invalid';

/**
 * An order waiting in the work queue: what to do with it, the order itself, and its claims and
 * failures so far.
 */
export interface QueueItem {
  action: QueueAction;
  order: WooOrder;
  /** Not claimed before (epoch ms): debounces a burst of `order.updated` deliveries. */
  notBefore: number;
  lease?: { owner: string; until: number } | undefined;
  /** Claims so far; more than one means an earlier holder may have done part of the work. */
  claims: number;
  /** Temporary failures so far. */
  failures: number;
  /** Set once the write-back batch succeeded (so a takeover does not write it again). */
  written?: boolean | undefined;
  /** Notes about to be added: a takeover adds only those the order does not show yet. */
  notes?: { text: string; customer: boolean }[] | undefined;
  /** Whether the first temporary failure was noted already (noted once). */
  failureNoted?: boolean | undefined;
  /** The order's end state, kept with `written` so a takeover records it unchanged. */
  final?: Omit<OrderRecord, 'modified' | 'at'> | undefined;
  /**
   * The version of the order's record written with this item (whose `modified` is this
   * snapshot's): `complete()` updates the record at it without reading it first, and reads it
   * only when it has moved on since.
   */
  recordVersion?: number | undefined;
}

export interface ClaimedItem {
  key: string;
  version: number;
  item: QueueItem;
}

/** A claimed item at its end, with the order's final state. */
export interface FinishedItem {
  claimed: ClaimedItem;
  record: Omit<OrderRecord, 'modified' | 'at'>;
}

const pad = (id: number) => String(id).padStart(12, '0');

/** Only what the service reads of an order (keeps queue values small). */
export function snapshotOf(order: WooOrder): WooOrder {
  return {
    id: order.id,
    status: order.status,
    date_modified_gmt: order.date_modified_gmt,
    customer_id: order.customer_id,
    billing: order.billing,
    shipping: order.shipping,
    line_items: order.line_items.map((item) => ({
      id: item.id,
      product_id: item.product_id,
      ...(item.variation_id === undefined ? {} : { variation_id: item.variation_id }),
      quantity: item.quantity,
    })),
    shipping_lines: order.shipping_lines.map((line) => ({
      id: line.id,
      method_id: line.method_id,
    })),
    meta_data: order.meta_data
      .filter((meta) => meta.key.startsWith('_pickpost_'))
      .map((meta) => ({ key: meta.key, value: meta.value })),
  };
}

export interface WorkQueueOptions {
  store: StateStore;
  /** Separates shops sharing one store (default `default`). */
  shop?: string;
  /** How long a claim holds (default 30 s). */
  leaseMs?: number;
  now?: () => number;
}

export interface IngestDecision {
  order: WooOrder;
  action: QueueAction;
  notBefore: number;
}

/**
 * The sync's durable work queue in the shared `StateStore`: orders taken in once per snapshot,
 * claimed under a lease by one process at a time, finished or retried; the failed ones kept as dead
 * letters.
 */
export function createWorkQueue(options: WorkQueueOptions) {
  const { store } = options;
  const prefix = `pickpost:woo:${options.shop ?? 'default'}:`;
  const leaseMs = options.leaseMs ?? 30_000;
  const now = options.now ?? Date.now;
  const owner = randomBytes(8).toString('hex');
  const orderKey = (id: number) => `${prefix}o:${id}`;
  const queueKey = (id: number) => `${prefix}q:${pad(id)}`;
  const deadKey = (id: number) => `${prefix}d:${pad(id)}`;
  const queuePrefix = `${prefix}q:`;

  async function readOrder(id: number) {
    const entry = await store.get(orderKey(id));
    return entry === undefined
      ? undefined
      : { version: entry.version, record: JSON.parse(entry.value) as OrderRecord };
  }

  /**
   * Takes orders in: new ones are queued in one commit; known ones are looked at one by one (a
   * newer snapshot replaces the queued one; a done order is queued again only to be cancelled).
   * Returns how many items were queued or refreshed.
   */
  async function ingest(decisions: readonly IngestDecision[]): Promise<number> {
    if (decisions.length === 0) return 0;
    const at = now();
    // A cancellation concerns only orders the service took in: an old cancelled order the poll
    // finds is none of its business.
    const cancels = decisions.filter((decision) => decision.action === 'cancel');
    const fresh = decisions.filter((decision) => decision.action !== 'cancel');
    let queued = 0;
    for (const decision of cancels) if (await refresh(decision)) queued += 1;
    if (fresh.length === 0) return queued;
    const groups: AtomicWrite[][] = fresh.map(({ order, action, notBefore }) => [
      {
        op: 'create',
        key: orderKey(order.id),
        value: JSON.stringify({
          state: 'queued',
          modified: order.date_modified_gmt,
          at,
        } satisfies OrderRecord),
      },
      {
        op: 'create',
        key: queueKey(order.id),
        value: JSON.stringify({
          action,
          order: snapshotOf(order),
          notBefore,
          claims: 0,
          failures: 0,
          recordVersion: 1,
        } satisfies QueueItem),
      },
    ]);
    const created = await store.writeGroups(groups);
    queued += created.filter(Boolean).length;
    for (const [index, decision] of fresh.entries()) {
      if (created[index] === true) continue;
      if (await refresh(decision)) queued += 1;
    }
    return queued;
  }

  /** A known order seen again: a newer snapshot, a cancellation, or nothing to do. */
  async function refresh({ order, action, notBefore }: IngestDecision): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const known = await readOrder(order.id);
      if (known === undefined)
        return action !== 'cancel' && (await ingest([{ order, action, notBefore }])) > 0;
      const { record, version } = known;
      if (record.state === 'cancelled' || record.state === 'dead') return false;
      // The same or an older snapshot (a repeated delivery, the poll's overlap): nothing new.
      // But a done order seen cancelled always counts: WooCommerce keeps seconds, and the
      // cancellation may fall in the second of the snapshot that was fulfilled.
      const lateCancel = record.state === 'done' && action === 'cancel';
      if (order.date_modified_gmt <= record.modified && !lateCancel) return false;
      // A done order changes again (often by our own write-back): only a cancellation matters.
      if (record.state === 'done' && action !== 'cancel') {
        await store.compareAndSet(
          orderKey(order.id),
          version,
          JSON.stringify({ ...record, modified: order.date_modified_gmt }),
        );
        return false;
      }
      const item = await store.get(queueKey(order.id));
      const queued = item === undefined ? undefined : (JSON.parse(item.value) as QueueItem);
      const recordVersion = version + 1;
      const next: QueueItem =
        queued === undefined || queued.notBefore === Number.MAX_SAFE_INTEGER
          ? { action, order: snapshotOf(order), notBefore, claims: 0, failures: 0, recordVersion }
          : {
              ...queued,
              action,
              order: snapshotOf(order),
              notBefore: Math.max(notBefore, queued.notBefore),
              recordVersion,
            };
      const groups: AtomicWrite[][] = [
        [
          {
            op: 'update',
            key: orderKey(order.id),
            expectedVersion: version,
            value: JSON.stringify({
              ...record,
              state: 'queued',
              modified: order.date_modified_gmt,
            } satisfies OrderRecord),
          },
          item === undefined
            ? { op: 'create', key: queueKey(order.id), value: JSON.stringify(next) }
            : {
                op: 'update',
                key: queueKey(order.id),
                expectedVersion: item.version,
                value: JSON.stringify(next),
              },
        ],
      ];
      const [written] = await store.writeGroups(groups);
      if (written === true) return true;
    }
    return false;
  }

  // Where this process's last claim ended: the next scan starts there, past the items other
  // processes hold (they claimed the ones before), and wraps around to the start after.
  let resumeAfter: string | undefined;

  /** Due items not held by another live lease, scanning from `from` (a few pages at most). */
  async function candidatesFrom(
    from: string | undefined,
    limit: number,
    at: number,
    seen: Set<string>,
  ): Promise<ClaimedItem[]> {
    const candidates: ClaimedItem[] = [];
    let after = from;
    for (let page = 0; page < 8 && candidates.length < limit; page++) {
      const entries = await store.list(queuePrefix, {
        limit: limit * 4,
        ...(after === undefined ? {} : { after }),
      });
      if (entries.length === 0) break;
      after = entries[entries.length - 1]?.key;
      for (const entry of entries) {
        if (seen.has(entry.key)) return candidates; // wrapped around to the first pass
        seen.add(entry.key);
        const item = JSON.parse(entry.value) as QueueItem;
        if (item.notBefore > at) continue;
        if (item.lease !== undefined && item.lease.until > at && item.lease.owner !== owner)
          continue;
        candidates.push({ key: entry.key, version: entry.version, item });
        if (candidates.length >= limit) break;
      }
      if (entries.length < limit * 4) break;
    }
    return candidates;
  }

  /**
   * Claims up to `limit` items that are due and not held by a live lease, in one commit. Items
   * held by others are skipped, so several processes claim different orders; when another
   * process won the race for every candidate, the scan is tried again at once (up to 3 times)
   * rather than reporting an empty queue, which would make the loop sleep.
   */
  async function claim(limit: number): Promise<ClaimedItem[]> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const at = now();
      const seen = new Set<string>();
      const candidates = await candidatesFrom(resumeAfter, limit, at, seen);
      if (candidates.length < limit && resumeAfter !== undefined)
        candidates.push(...(await candidatesFrom(undefined, limit - candidates.length, at, seen)));
      if (candidates.length === 0) {
        resumeAfter = undefined;
        return [];
      }
      const leased = candidates.map(({ key, version, item }) => ({
        key,
        version: version + 1,
        item: { ...item, lease: { owner, until: at + leaseMs }, claims: item.claims + 1 },
      }));
      const written = await store.writeGroups(
        leased.map((claimed, index) => [
          {
            op: 'update' as const,
            key: claimed.key,
            expectedVersion: (candidates[index] as ClaimedItem).version,
            value: JSON.stringify(claimed.item),
          },
        ]),
      );
      const won = leased.filter((_, index) => written[index] === true);
      resumeAfter = leased.at(-1)?.key;
      if (won.length > 0) return won;
    }
    return [];
  }

  /** Saves changed items (phase, notes, lease) in one commit; returns those still held. */
  async function save(items: readonly ClaimedItem[]): Promise<ClaimedItem[]> {
    if (items.length === 0) return [];
    const written = await store.writeGroups(
      items.map((claimed) => [
        {
          op: 'update' as const,
          key: claimed.key,
          expectedVersion: claimed.version,
          value: JSON.stringify(claimed.item),
        },
      ]),
    );
    return items
      .filter((_, index) => written[index] === true)
      .map((claimed) => ({ ...claimed, version: claimed.version + 1 }));
  }

  /**
   * Ends items: each order record takes its final state and the item is retired, the pairs in
   * one commit; the retired items are deleted after (a crash in between leaves an item whose
   * order is final, which the next claim deletes).
   */
  async function complete(finished: readonly FinishedItem[]): Promise<void> {
    if (finished.length === 0) return;
    const at = now();
    // The order records are not read first: each item knows the version of its record written
    // with it. Only the records that moved on since (or items from before that) are read, and
    // their pairs written again.
    const written = await store.writeGroups(
      finished.map((entry) => endGroup(entry, entry.claimed.item.recordVersion, at)),
    );
    const again = finished.flatMap((_, index) => (written[index] === true ? [] : [index]));
    if (again.length > 0) {
      const knowns = await Promise.all(
        again.map((index) => readOrder((finished[index] as FinishedItem).claimed.item.order.id)),
      );
      const retried = await store.writeGroups(
        again.map((index, position) =>
          endGroup(
            finished[index] as FinishedItem,
            knowns[position]?.version,
            at,
            knowns[position],
          ),
        ),
      );
      for (const [position, index] of again.entries()) written[index] = retried[position] === true;
    }
    await Promise.all(
      finished.map(({ claimed }, index) =>
        written[index] === true ? store.delete(claimed.key, claimed.version + 1) : false,
      ),
    );
  }

  /**
   * An order's end in one group: its record at `version` takes the final state (created when
   * there is none), the item is retired, and a dead order gets its dead letter.
   */
  function endGroup(
    { claimed, record }: FinishedItem,
    version: number | undefined,
    at: number,
    known?: { record: OrderRecord },
  ): AtomicWrite[] {
    const { order } = claimed.item;
    const value: OrderRecord = {
      ...record,
      modified:
        known === undefined || order.date_modified_gmt > known.record.modified
          ? order.date_modified_gmt
          : known.record.modified,
      at,
    };
    return [
      version === undefined
        ? { op: 'create', key: orderKey(order.id), value: JSON.stringify(value) }
        : {
            op: 'update',
            key: orderKey(order.id),
            expectedVersion: version,
            value: JSON.stringify(value),
          },
      {
        op: 'update',
        key: claimed.key,
        expectedVersion: claimed.version,
        value: JSON.stringify({ ...claimed.item, notBefore: Number.MAX_SAFE_INTEGER }),
      },
      ...(record.state === 'dead'
        ? [
            {
              op: 'create' as const,
              key: deadKey(order.id),
              value: JSON.stringify({ orderId: order.id, error: record.error, at }),
            },
          ]
        : []),
    ];
  }

  /** Gives an item back after a temporary failure, due again after `delayMs`. */
  async function retryLater(claimed: ClaimedItem, delayMs: number): Promise<void> {
    await save([
      {
        ...claimed,
        item: {
          ...claimed.item,
          lease: undefined,
          failures: claimed.item.failures + 1,
          notBefore: now() + delayMs,
        },
      },
    ]);
  }

  return {
    owner,
    prefix,
    /** Takes orders in, queuing new and newer snapshots. */
    ingest,
    /** Claims up to `limit` due items not held by a live lease, in one commit. */
    claim,
    /** Saves changed items (phase, notes, lease) in one commit. */
    save,
    /** Ends claimed items: each order record takes its final state, in one commit. */
    complete,
    /** Gives an item back after a temporary failure, due again after a delay. */
    retryLater,
    /** What the service last recorded of an order, or `undefined` when it never saw it. */
    readOrder: async (id: number) => (await readOrder(id))?.record,
    /** Items still queued (claimed or not). */
    async pending(): Promise<number> {
      let count = 0;
      let after: string | undefined;
      for (;;) {
        const entries = await store.list(queuePrefix, {
          limit: 1000,
          ...(after === undefined ? {} : { after }),
        });
        count += entries.filter(
          (entry) => (JSON.parse(entry.value) as QueueItem).notBefore !== Number.MAX_SAFE_INTEGER,
        ).length;
        if (entries.length < 1000) return count;
        after = entries[entries.length - 1]?.key;
      }
    },
    /** The dead letters: orders that failed permanently, oldest order first. */
    async deadLetters(): Promise<{ orderId: number; error: string; at: number }[]> {
      const entries = await store.list(`${prefix}d:`, { limit: 10_000 });
      return entries.map((entry) => JSON.parse(entry.value));
    },
    /** Queues a dead letter's order again (after the merchant fixed it). */
    async revive(order: WooOrder, action: QueueAction): Promise<boolean> {
      const dead = await store.get(deadKey(order.id));
      const known = await readOrder(order.id);
      if (dead === undefined || known === undefined) return false;
      await store.delete(deadKey(order.id), dead.version);
      const [written] = await store.writeGroups([
        [
          {
            op: 'update',
            key: orderKey(order.id),
            expectedVersion: known.version,
            value: JSON.stringify({
              ...known.record,
              state: 'queued',
              error: undefined,
            } satisfies OrderRecord),
          },
        ],
      ]);
      if (written !== true) return false;
      const existing = await store.get(queueKey(order.id));
      if (existing !== undefined) await store.delete(queueKey(order.id), existing.version);
      const item: QueueItem = {
        action,
        order: snapshotOf(order),
        notBefore: now(),
        claims: 0,
        failures: 0,
      };
      return (await store.putIfAbsent(queueKey(order.id), JSON.stringify(item))).created;
    },
  };
}

/** The work queue `createWorkQueue` returns. */
export type WorkQueue = ReturnType<typeof createWorkQueue>;
