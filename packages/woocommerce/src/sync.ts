import { createHash } from 'node:crypto';
import type {
  FulfilOrder,
  FulfilResult,
  FulfilResultWithoutLabel,
  Logger,
  PickPost,
  StateStore,
} from '@pickpost/core';
import { humanIdentcode } from '@pickpost/core';
import { judgeFailure } from './failures';
import type { OrderAction, OrderRules } from './order-mapping';
import {
  classifyOrder,
  META,
  metaValue,
  metaWeightGrams,
  productWeightGrams,
  toFulfilOrder,
} from './order-mapping';
import type { NoteTransport } from './plugin-notes';
import { clearPendingNotes, notesNotTaken, withPendingNote } from './plugin-notes';
import { syncDataTransferStatuses } from './status-notes';
import type { WooClient } from './woo-client';
import { WOO_BATCH_LIMIT } from './woo-client';
import type { BatchItemResult, OrderUpdate, WooOrder } from './woo-types';
import type { ClaimedItem, IngestDecision, OrderRecord } from './work-queue';
import { createWorkQueue } from './work-queue';

/**
 * What the sync service needs: the WooCommerce client, the PickPost instance and the store they
 * share, and the order rules.
 */
export interface WooSyncOptions {
  woo: WooClient;
  pickpost: PickPost;
  /** The store `pickpost` uses: the work of all sync processes of the shop is shared in it. */
  store: StateStore;
  /** Separates shops sharing one store (default `default`). */
  shop?: string;
  rules?: Partial<OrderRules>;
  /** Status written with the tracking data (default `completed`; `false` keeps the status). */
  completeStatus?: string | false;
  /** Status of an order that failed permanently (default `on-hold`; `false` keeps it). */
  holdStatus?: string | false;
  /**
   * Order notes: one when the label is made (default), whether the customer sees it, and how they
   * reach the shop (`via`, default `auto`: in the batched write-back when the PickPost plugin is
   * there, else one request each; see plugin-notes.ts).
   */
  notes?: { fulfilled?: boolean; customer?: boolean; via?: NoteTransport };
  /** The label link written to `_pickpost_label_url` (the service's admin label route). */
  labelUrl?: (identcode: string) => string | undefined;
  /** The barcode link written to `_pickpost_barcode_url` (the service's admin barcode route). */
  barcodeUrl?: (identcode: string) => string | undefined;
  /** Also add a Shipment Tracking item: `auto` when the shop has the extension (default). */
  shipmentTracking?: boolean | 'auto';
  /** Orders claimed per batch (default 100, WooCommerce's batch limit). */
  batchSize?: number;
  /** How long a claim holds without the work finishing (default 30 s). */
  leaseMs?: number;
  /** How long a webhook's order waits for more deliveries of the same change (default 2 s). */
  debounceMs?: number;
  /** How far back each poll looks before its cursor (default 60 s: clocks and slow saves). */
  pollOverlapMs?: number;
  /** Temporary failures before an order becomes a dead letter (default 8). */
  maxFailures?: number;
  logger?: Logger;
  /** The clock, in epoch ms (default `Date.now`). */
  now?: () => number;
}

/**
 * What one `work()` call did with the orders it claimed: fulfilled, held for the shop, retried
 * later, cancelled.
 */
export interface WorkReport {
  claimed: number;
  fulfilled: number;
  held: number;
  retried: number;
  cancelled: number;
}

const DEFAULT_RULES: OrderRules = {
  methodId: 'pickpost',
  statuses: ['processing'],
  cancelStatuses: ['cancelled', 'refunded'],
  weightUnit: 'kg',
};

const hashOf = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 20);

/** The meta keys of the write-back, in the order they are hashed. */
const WRITTEN_KEYS: readonly string[] = [
  META.identcode,
  META.trackingUrl,
  META.labelUrl,
  // Added later: an order written before has no row, and a missing row is left out of the hash.
  META.barcodeUrl,
  META.transmission,
];

/** The hash of the write-back's meta, as written or as the shop shows it again (values as text). */
function writtenHash(meta: readonly { key: string; value: unknown }[]): string {
  const rows = WRITTEN_KEYS.flatMap((key) => {
    const row = meta.find((entry) => entry.key === key);
    return row === undefined || row.value === null ? [] : [[key, String(row.value)]];
  });
  return hashOf(rows);
}

const toGmt = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const fromGmt = (text: string) => Date.parse(`${text}Z`);

/**
 * The sync between one WooCommerce shop and PickPost: orders come in from webhooks and polling,
 * wait in the shared work queue, and are fulfilled in batches of up to 100 with one batched
 * write-back each. Any number of processes may run it on one store; each order is worked on by
 * one at a time and written back once.
 *
 * @example
 * const sync = createWooSync({ woo, pickpost, store });
 * await sync.poll();
 * while ((await sync.work()).claimed > 0) {}
 */
export function createWooSync(options: WooSyncOptions) {
  const { woo, pickpost, store } = options;
  const rules: OrderRules = { ...DEFAULT_RULES, ...options.rules };
  const now = options.now ?? Date.now;
  const queue = createWorkQueue({
    store,
    ...(options.shop === undefined ? {} : { shop: options.shop }),
    leaseMs: options.leaseMs ?? 30_000,
    now,
  });
  const completeStatus = options.completeStatus ?? 'completed';
  const holdStatus = options.holdStatus ?? 'on-hold';
  const noteFulfilled = options.notes?.fulfilled ?? true;
  const customerNote = options.notes?.customer ?? false;
  const noteTransport: NoteTransport = options.notes?.via ?? 'auto';
  // `auto` starts as the plugin and falls back for good at the first answer showing no plugin.
  let notesViaPlugin = noteTransport !== 'rest';
  const batchSize = Math.min(options.batchSize ?? WOO_BATCH_LIMIT, WOO_BATCH_LIMIT);
  const maxFailures = options.maxFailures ?? 8;
  const logger = options.logger;
  const productWeights = new Map<number, string>();
  let tracking: Promise<boolean> | undefined;
  const cursorKey = `${queue.prefix}cursor`;
  const pollerKey = `${queue.prefix}poller`;
  const leaseMs = options.leaseMs ?? 30_000;

  /**
   * Whether an order is the echo of the service's own write-back: its written meta still hashes
   * to the `_pickpost_sync` value written with it (a merchant's edit of those keys does not).
   */
  const ownWrite = (order: WooOrder) => {
    const stored = metaValue(order, META.sync);
    return stored !== undefined && stored === writtenHash(order.meta_data);
  };

  function decide(order: WooOrder, delayMs: number): IngestDecision | undefined {
    const verdict: OrderAction = classifyOrder(order, rules);
    if (verdict.action === 'ignore') return undefined;
    if (verdict.action !== 'cancel' && ownWrite(order)) return undefined;
    return { order, action: verdict.action, notBefore: now() + delayMs };
  }

  /** Takes orders in (from a webhook or a poll); returns how many were queued. */
  async function ingest(orders: readonly WooOrder[], source: 'webhook' | 'poll' = 'poll') {
    const delay = source === 'webhook' ? (options.debounceMs ?? 2_000) : 0;
    const decisions = orders
      .map((order) => decide(order, delay))
      .filter((decision) => decision !== undefined);
    return queue.ingest(decisions);
  }

  /**
   * Only one process polls at a time: the others would list the same pages. Returns the
   * lease's version (to give it back after the poll), or `undefined` when another holds it.
   */
  async function takePollLease(): Promise<number | undefined> {
    const at = now();
    // As long as a claim: a poller that died is replaced as soon as a dead worker's orders are.
    const lease = JSON.stringify({ owner: queue.owner, until: at + leaseMs });
    const put = await store.putIfAbsent(pollerKey, lease);
    if (put.created) return put.version;
    const held = JSON.parse(put.value) as { owner: string; until: number };
    if (held.owner !== queue.owner && held.until > at) return undefined;
    return store.compareAndSet(pollerKey, put.version, lease);
  }

  /**
   * One pass over the orders modified since the cursor (less the overlap), in `modified` order
   * on a GMT cursor (shops.md §1.2). Returns how many orders were queued, or `undefined` when
   * another process is polling.
   */
  async function poll(): Promise<{ seen: number; queued: number } | undefined> {
    const lease = await takePollLease();
    if (lease === undefined) return undefined;
    const cursor = await store.get(cursorKey);
    const since =
      cursor === undefined ? 0 : fromGmt(cursor.value) - (options.pollOverlapMs ?? 60_000);
    let after = Math.max(0, since);
    let newest = cursor === undefined ? 0 : fromGmt(cursor.value);
    let seen = 0;
    let queued = 0;
    const statuses = [...rules.statuses, ...rules.cancelStatuses].join(',');
    /** One page of the orders modified after `after` (and before `before`), taken in. */
    const page = async (number: number, before?: number) => {
      const result = await woo.listOrdersPage({
        modified_after: toGmt(after),
        ...(before === undefined ? {} : { modified_before: toGmt(before) }),
        dates_are_gmt: true,
        orderby: 'modified',
        order: 'asc',
        status: statuses,
        per_page: 100,
        page: number,
      });
      seen += result.orders.length;
      queued += await ingest(result.orders, 'poll');
      const last = result.orders.at(-1);
      if (last !== undefined) newest = Math.max(newest, fromGmt(last.date_modified_gmt));
      return result;
    };
    for (;;) {
      const result = await page(1);
      const last = result.orders.at(-1);
      if (result.orders.length < 100 || last === undefined) break;
      // Keyset paging: the next query starts a second before this page's newest order (an
      // order modified meanwhile moves to the end and is seen again, never skipped).
      const lastMs = fromGmt(last.date_modified_gmt);
      if (lastMs - 1000 > after) {
        after = lastMs - 1000;
        continue;
      }
      // A full page within one second (WooCommerce keeps seconds): that second's orders can
      // only be paged by number, and they are read from the last page to the first. While
      // this process polls, the others complete orders, which leave the listing and move every
      // order after them forward: read forward, the next page would start past orders never
      // read (a poll over 5,000 orders with four workers missed a quarter of them, found only
      // by the next poll a minute later); read backward, an order not read yet only moves
      // towards the pages still to come. The first page is read again last for that reason.
      const end = lastMs + 1000;
      const { totalPages } = await page(1, end);
      for (let number = totalPages; number >= 1; number--) await page(number, end);
      after = lastMs;
    }
    if (cursor === undefined) await store.putIfAbsent(cursorKey, toGmt(newest));
    else if (toGmt(newest) > cursor.value)
      await store.compareAndSet(cursorKey, cursor.version, toGmt(newest));
    // Given back at once, so the next poll of any process need not wait for it to lapse.
    await store.compareAndSet(pollerKey, lease, JSON.stringify({ owner: queue.owner, until: 0 }));
    return { seen, queued };
  }

  async function weightOf(order: WooOrder): Promise<number | undefined> {
    return (
      metaWeightGrams(order) ??
      productWeightGrams(order, productWeights, rules.weightUnit) ??
      rules.defaultWeightGrams
    );
  }

  /** Loads the weights of products not seen yet, one request per 100. */
  async function loadWeights(orders: readonly WooOrder[]): Promise<void> {
    const missing = orders
      .filter((order) => metaWeightGrams(order) === undefined)
      .flatMap((order) => order.line_items.map((item) => item.variation_id || item.product_id))
      .filter((id) => !productWeights.has(id));
    if (missing.length === 0) return;
    for (const product of await woo.getProducts(missing)) {
      productWeights.set(product.id, product.weight);
    }
  }

  function fulfilledNote(result: FulfilResult | FulfilResultWithoutLabel): string {
    return `PickPost label created: identcode ${humanIdentcode(result.identcode)} (${result.transmission}). Tracking: ${result.trackingUrl}`;
  }

  function writeBack(
    order: WooOrder,
    result: FulfilResult | FulfilResultWithoutLabel,
  ): OrderUpdate {
    const links: { key: string; value: string }[] = [];
    for (const [key, urlOf] of [
      [META.labelUrl, options.labelUrl],
      [META.barcodeUrl, options.barcodeUrl],
    ] as const) {
      const value = urlOf?.(result.identcode);
      if (value !== undefined) links.push({ key, value });
    }
    const meta = [
      { key: META.identcode, value: result.identcode },
      { key: META.trackingUrl, value: result.trackingUrl },
      ...links,
      { key: META.transmission, value: result.transmission },
    ];
    const status = completeStatus === false ? undefined : completeStatus;
    const hash = writtenHash(meta);
    return {
      id: order.id,
      ...(status === undefined ? {} : { status }),
      meta_data: [...meta, { key: META.sync, value: hash }],
    };
  }

  /**
   * Claims one batch and works it to the end: fulfil, one batched write-back, notes, then the
   * orders' final state in one commit.
   */
  async function work(): Promise<WorkReport> {
    const report: WorkReport = { claimed: 0, fulfilled: 0, held: 0, retried: 0, cancelled: 0 };
    const claimed = await queue.claim(batchSize);
    report.claimed = claimed.length;
    if (claimed.length === 0) return report;

    const updates = new Map<number, OrderUpdate>();
    const notes = new Map<number, { text: string; customer: boolean }[]>();
    const finals = new Map<number, Omit<OrderRecord, 'modified' | 'at'>>();
    const later: { claimed: ClaimedItem; text: string }[] = [];
    const addNote = (id: number, text: string, customer = false) =>
      notes.set(id, [...(notes.get(id) ?? []), { text, customer }]);

    const hold = (c: ClaimedItem, text: string) => {
      const id = c.item.order.id;
      updates.set(id, {
        id,
        ...(holdStatus === false ? {} : { status: holdStatus }),
      });
      addNote(id, `PickPost: no label was made. ${text}`);
      finals.set(id, { state: 'dead', error: text });
      report.held += 1;
    };

    const toFulfil: { claimed: ClaimedItem; order: FulfilOrder }[] = [];
    const fulfilItems = claimed.filter((c) => c.item.action === 'fulfil' && !c.item.written);
    try {
      await loadWeights(fulfilItems.map((c) => c.item.order));
    } catch (error) {
      logger?.warn('product weights could not be read', { error: judgeFailure(error).text });
    }
    for (const c of claimed) {
      const { order } = c.item;
      if (c.item.written === true) continue; // a takeover: only notes and the end remain
      if (c.item.action === 'invalid') {
        const verdict = classifyOrder(order, rules);
        const missing = verdict.action === 'invalid' ? verdict.missing : ['the PickPost data'];
        hold(c, `Missing: ${missing.join(', ')}.`);
        continue;
      }
      if (c.item.action === 'cancel') {
        const result = await pickpost.cancel({ orderRef: String(order.id) });
        if (result.outcome !== 'not-found')
          addNote(order.id, `PickPost parcel cancelled (${result.outcome}): ${result.message}`);
        finals.set(order.id, { state: 'cancelled', identcode: result.identcode });
        report.cancelled += 1;
        continue;
      }
      const weight = await weightOf(order);
      if (weight === undefined) {
        hold(c, `Missing: the parcel weight (${META.weightGrams} or product weights).`);
        continue;
      }
      toFulfil.push({ claimed: c, order: toFulfilOrder(order, weight) });
    }

    for await (const outcome of pickpost.fulfilMany(
      toFulfil.map((entry) => entry.order),
      { concurrency: 32 },
    )) {
      const entry = toFulfil[outcome.index] as (typeof toFulfil)[number];
      const { order } = entry.claimed.item;
      if (outcome.ok) {
        const update = writeBack(order, outcome.result);
        updates.set(order.id, update);
        if (noteFulfilled) addNote(order.id, fulfilledNote(outcome.result), customerNote);
        const hash = update.meta_data?.find((meta) => meta.key === META.sync)?.value as string;
        finals.set(order.id, { state: 'done', identcode: outcome.result.identcode, hash });
        report.fulfilled += 1;
        continue;
      }
      const verdict = judgeFailure(outcome.error);
      if (verdict.temporary && entry.claimed.item.failures + 1 < maxFailures) {
        later.push({ claimed: entry.claimed, text: verdict.text });
      } else hold(entry.claimed, verdict.text);
    }

    // One batched write-back for the whole claim (≤ 100 orders: one request).
    let held = claimed;
    if (updates.size > 0) {
      const carried = carryNotes(updates, notes);
      const results = await woo.updateOrders([...updates.values()]);
      await settleCarried(results, carried, notes);
      for (const result of results) {
        if (result.ok) continue;
        // The order is gone or refuses the change: nothing more can be written to it.
        updates.delete(result.id);
        notes.delete(result.id);
        finals.set(result.id, {
          state: 'dead',
          error: `write-back refused: ${result.code}: ${result.message}`,
        });
      }
      // Written: a takeover from here on adds only the notes still missing.
      held = await queue.save(
        claimed
          .filter((c) => finals.has(c.item.order.id))
          .map((c) => ({
            ...c,
            item: {
              ...c.item,
              written: true,
              notes: notes.get(c.item.order.id) ?? [],
              final: finals.get(c.item.order.id),
            },
          })),
      );
      // Items a predecessor wrote back already: only their notes and the end remain.
      held.push(...claimed.filter((c) => c.item.written === true && !finals.has(c.item.order.id)));
    } else {
      held = claimed.filter((c) => finals.has(c.item.order.id) || c.item.written === true);
    }

    await addNotes(held, notes);
    await shipmentTracking(held, finals);

    await queue.complete(
      held.map((c) => ({
        claimed: c,
        record: finals.get(c.item.order.id) ?? c.item.final ?? { state: 'done' },
      })),
    );

    for (const { claimed: c, text } of later) {
      if (c.item.failureNoted !== true) {
        await woo
          .addNote(
            c.item.order.id,
            `PickPost: the label could not be made yet and will be retried. ${text}`,
          )
          .catch(() => undefined);
      }
      await queue
        .save([{ ...c, item: { ...c.item, failureNoted: true } }])
        .then((saved) =>
          saved[0] === undefined
            ? undefined
            : queue.retryLater(saved[0], backoffMs(c.item.failures)),
        );
      report.retried += 1;
    }
    return report;
  }

  /**
   * Puts each order's note into its batch item for the plugin (an order with more than one note
   * keeps them for REST: the plugin takes one text per write). Returns the orders carrying one.
   */
  function carryNotes(
    updates: Map<number, OrderUpdate>,
    notes: ReadonlyMap<number, { text: string; customer: boolean }[]>,
  ): Set<number> {
    const carried = new Set<number>();
    if (!notesViaPlugin) return carried;
    for (const [id, update] of updates) {
      const list = notes.get(id);
      if (list === undefined || list.length !== 1) continue;
      updates.set(id, withPendingNote(update, list[0] as { text: string; customer: boolean }));
      carried.add(id);
    }
    return carried;
  }

  /**
   * After the batch: notes the plugin took are done (not saved for a takeover: the plugin notes a
   * text once, so a batch sent again adds none); a note whose meta is still in the answer had no
   * plugin, so it stays for REST and its meta is deleted again, in one batch.
   */
  async function settleCarried(
    results: readonly BatchItemResult[],
    carried: ReadonlySet<number>,
    notes: Map<number, { text: string; customer: boolean }[]>,
  ): Promise<void> {
    if (carried.size === 0) return;
    const missed = new Set(notesNotTaken(results, carried));
    for (const id of carried) if (!missed.has(id)) notes.delete(id);
    if (missed.size === 0) return;
    if (noteTransport === 'auto') notesViaPlugin = false;
    logger?.[noteTransport === 'auto' ? 'info' : 'warn'](
      'the PickPost plugin did not take the notes: they go one request each',
      { orders: missed.size, via: noteTransport },
    );
    await woo.updateOrders(clearPendingNotes([...missed]));
  }

  /**
   * The notes of a written batch. WooCommerce has no batch route for notes, so they are the one
   * request per order: the orders' notes go at once (the client bounds the requests in flight),
   * each order's own notes in their order. Every order's notes are tried before the first error
   * is thrown, so no request is still running when the claim is given up.
   */
  async function addNotes(
    held: readonly ClaimedItem[],
    notes: ReadonlyMap<number, { text: string; customer: boolean }[]>,
  ): Promise<void> {
    const settled = await Promise.allSettled(
      held.map(async (c) => {
        const pending = c.item.notes ?? notes.get(c.item.order.id) ?? [];
        if (pending.length === 0) return;
        // A takeover may find notes its predecessor added: add only the missing ones.
        const existing =
          c.item.claims > 1
            ? new Set((await woo.listNotes(c.item.order.id)).map((n) => n.note))
            : undefined;
        for (const note of pending) {
          if (existing?.has(note.text)) continue;
          await woo.addNote(c.item.order.id, note.text, { customerNote: note.customer });
        }
      }),
    );
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /** A Shipment Tracking item per new parcel, when the shop has the extension (detected once). */
  async function shipmentTracking(
    items: readonly ClaimedItem[],
    finals: ReadonlyMap<number, Omit<OrderRecord, 'modified' | 'at'>>,
  ): Promise<void> {
    const wanted = options.shipmentTracking ?? 'auto';
    if (wanted === false) return;
    tracking ??=
      wanted === true ? Promise.resolve(true) : woo.hasShipmentTracking().catch(() => false);
    if (!(await tracking)) return;
    for (const c of items) {
      const identcode = finals.get(c.item.order.id)?.identcode;
      // A takeover cannot tell whether its predecessor added the item: the meta has the data.
      if (identcode === undefined || c.item.claims > 1) continue;
      await woo
        .addShipmentTracking(c.item.order.id, {
          custom_tracking_provider: 'Swiss Post',
          custom_tracking_link: pickpost.trackingUrl(identcode),
          tracking_number: identcode,
        })
        .catch((error) =>
          logger?.warn('shipment tracking item not added', { error: judgeFailure(error).text }),
        );
    }
  }

  const backoffMs = (failures: number) => Math.min(15 * 60_000, 5_000 * 2 ** failures);

  /** Polls once, then works until no order is due (`sync --once`). */
  async function runOnce(): Promise<WorkReport> {
    await poll();
    const total: WorkReport = { claimed: 0, fulfilled: 0, held: 0, retried: 0, cancelled: 0 };
    for (;;) {
      const report = await work();
      for (const key of Object.keys(total) as (keyof WorkReport)[]) total[key] += report[key];
      if (report.claimed === 0) return total;
    }
  }

  return {
    /** Takes orders in (from a webhook or a poll). */
    ingest,
    /** One pass over the orders modified since the cursor; `undefined` when another process polls. */
    poll,
    /** Claims one batch and works it to the end: fulfil, write-back, notes, final state. */
    work,
    /** Polls once, then works until no order is due (`sync --once`). */
    runOnce,
    /** The work queue in the shared store. */
    queue,
    rules,
    /** DataTransfer reports → `_pickpost_status` meta and order notes (see status-notes.ts). */
    fetchStatuses: () => syncDataTransferStatuses({ woo, pickpost }),
  };
}

/**
 * The sync service `createWooSync` returns: takes orders in (webhook or poll), works the queue,
 * writes results back.
 */
export type WooSync = ReturnType<typeof createWooSync>;
