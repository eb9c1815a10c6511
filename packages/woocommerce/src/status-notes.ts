import type { FetchReportsResult, PickPost, StatusChange, StatusHandler } from '@pickpost/core';
import { humanIdentcode } from '@pickpost/core';
import type { WooClient } from './woo-client';

/** The order meta holding the latest DataTransfer status of the order's parcel. */
export const STATUS_META_KEY = '_pickpost_status';

const LABELS: Record<StatusChange['status'], string> = {
  announced: 'announced to Swiss Post',
  in_transit: 'on its way',
  at_pickup_point: 'ready for collection at the pick-up point',
  picked_up: 'collected',
  returned: 'returned',
  problem: 'needs attention',
};

/** How parcel status changes become order notes: which statuses the customer is also told of. */
export interface WooStatusOptions {
  /** Statuses whose note the customer also gets by e-mail (default: none). */
  customerNotes?: readonly StatusChange['status'][];
}

/** The note a status change becomes: the same text for the same change, so a repeat is found. */
export function statusNoteText(change: StatusChange): string {
  const when = change.at === undefined ? '' : `, ${change.at}`;
  return `PickPost parcel ${humanIdentcode(change.identcode)}: ${LABELS[change.status]} (${change.description}${when})`;
}

/**
 * A `pickpost.datatransfer.onStatus` handler for WooCommerce: sets the order's
 * `_pickpost_status` meta and adds an order note for each status change of a parcel the SDK
 * made for it. A refused write throws, so core hands the change out again on the next fetch;
 * the meta is a plain value and `addNote` looks before writing again, so a repeat is harmless.
 *
 * @example
 * pickpost.datatransfer.onStatus(wooStatusHandler(woo, { customerNotes: ['at_pickup_point'] }));
 */
export function wooStatusHandler(
  woo: Pick<WooClient, 'updateOrders' | 'addNote'>,
  options: WooStatusOptions = {},
): StatusHandler {
  const toCustomer = new Set(options.customerNotes ?? []);
  return async (change) => {
    const id = Number(change.orderRef);
    if (change.orderRef === undefined || !Number.isSafeInteger(id)) return;
    const [result] = await woo.updateOrders([
      { id, meta_data: [{ key: STATUS_META_KEY, value: change.status }] },
    ]);
    if (result !== undefined && !result.ok) {
      throw new Error(`order ${id} refused the status: ${result.code}: ${result.message}`);
    }
    await woo.addNote(id, statusNoteText(change), { customerNote: toCustomer.has(change.status) });
  };
}

/**
 * Fetches Swiss Post's DataTransfer reports once and turns every status change into order meta
 * and notes (see {@link wooStatusHandler}); for the sync service's schedule or a cron job.
 *
 * @example
 * const { changes } = await syncDataTransferStatuses({ woo, pickpost });
 */
export async function syncDataTransferStatuses(deps: {
  woo: Pick<WooClient, 'updateOrders' | 'addNote'>;
  pickpost: Pick<PickPost, 'datatransfer'>;
  options?: WooStatusOptions;
}): Promise<FetchReportsResult> {
  const stop = deps.pickpost.datatransfer.onStatus(wooStatusHandler(deps.woo, deps.options));
  try {
    return await deps.pickpost.datatransfer.fetchReports();
  } finally {
    stop();
  }
}

/**
 * The serve loop's status step: reports fetched and turned into notes, a failure logged rather
 * than thrown, so an unreachable report directory never holds up the orders' sync (core keeps
 * every stored report for the next pass).
 *
 * @example
 * await fetchStatusesQuietly(service.sync, logger);
 */
export async function fetchStatusesQuietly(
  sync: { fetchStatuses(): Promise<FetchReportsResult> },
  logger: {
    info(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
  },
): Promise<void> {
  try {
    const result = await sync.fetchStatuses();
    if (result.changes.length > 0)
      logger.info('DataTransfer statuses', {
        changes: result.changes.length,
        files: result.files.length,
      });
  } catch (error) {
    logger.error('DataTransfer reports could not be fetched', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
