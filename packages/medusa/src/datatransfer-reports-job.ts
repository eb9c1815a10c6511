import type { StatusChange } from '@pickpost/core';
import type { JobContext } from './job-schedule';
import { EVERY_MINUTE, isDue } from './job-schedule';
import { findPickPost, pickPostOf } from './registry';

/** What the status hook needs of Medusa's order module: read and update an order's metadata. */
export interface OrderMetadataService {
  /** Reads an order, with the fields `select` names. */
  retrieveOrder(
    id: string,
    config?: { select?: string[] },
  ): Promise<{ id: string; metadata?: Record<string, unknown> | null }>;
  /** Replaces an order's metadata. */
  updateOrders(id: string, data: { metadata: Record<string, unknown> }): Promise<unknown>;
}

/** The container Medusa hands a scheduled job: its logger and the order module. */
interface ReportsJobContainer {
  resolve(name: 'logger'): { info(message: string): void; error(message: string): void };
  resolve(name: 'order'): OrderMetadataService;
}

/** The order metadata key holding each parcel's latest status, by identcode. */
export const STATUS_METADATA_KEY = 'pickpost_status';

/**
 * A `pickpost.datatransfer.onStatus` handler that records each parcel's status on its Medusa
 * order: `metadata.pickpost_status[<identcode>] = { status, description, at, report }`. Other
 * metadata is kept (Medusa replaces `metadata` as a whole, so it is read first). A parcel this
 * SDK did not make (no `orderRef`) is skipped. Repeating a change writes the same value.
 *
 * @example
 * pickpost.datatransfer.onStatus(orderStatusHandler(container.resolve('order')));
 */
export function orderStatusHandler(orders: OrderMetadataService) {
  return async (change: StatusChange): Promise<void> => {
    if (change.orderRef === undefined) return;
    const order = await orders.retrieveOrder(change.orderRef, { select: ['id', 'metadata'] });
    const metadata = order.metadata ?? {};
    const statuses = (metadata[STATUS_METADATA_KEY] ?? {}) as Record<string, unknown>;
    await orders.updateOrders(order.id, {
      metadata: {
        ...metadata,
        [STATUS_METADATA_KEY]: {
          ...statuses,
          [change.identcode]: {
            status: change.status,
            description: change.description,
            at: change.at ?? change.updatedAt,
            report: change.report,
          },
        },
      },
    });
  };
}

/**
 * The scheduled job that fetches Swiss Post's DataTransfer reports (3, 7, 11) and records each
 * parcel's status on its order (see {@link orderStatusHandler}). A failed run leaves the
 * reports to the next one: core stores every file before it acts on it.
 *
 * @example
 * // src/jobs/pickpost-reports.ts
 * import { dataTransferReportsJobConfig, fetchDataTransferReportsJob } from '@pickpost/medusa';
 * export default fetchDataTransferReportsJob;
 * export const config = dataTransferReportsJobConfig();
 */
export async function fetchDataTransferReportsJob(container: ReportsJobContainer): Promise<void> {
  const logger = container.resolve('logger');
  const { pickpost } = pickPostOf();
  const stop = pickpost.datatransfer.onStatus(orderStatusHandler(container.resolve('order')));
  try {
    const result = await pickpost.datatransfer.fetchReports();
    if (result.changes.length > 0 || result.handlerErrors > 0) {
      logger.info(
        `PickPost: ${result.changes.length} parcel statuses from ${result.files.length} DataTransfer reports (${result.handlerErrors} not recorded, retried next run)`,
      );
    }
  } catch (error) {
    logger.error(`PickPost: fetching DataTransfer reports failed: ${(error as Error).message}`);
  } finally {
    stop();
  }
}

/**
 * The reports job's `config` export: every hour by default (Swiss Post updates report 11 up to
 * four times a day [V DataTransfer Appendix 3]).
 *
 * @example
 * export const config = dataTransferReportsJobConfig({ cron: '15 * * * *' });
 */
export function dataTransferReportsJobConfig(options: { cron?: string } = {}): {
  name: string;
  schedule: string;
} {
  return { name: 'pickpost-datatransfer-reports', schedule: options.cron ?? '0 * * * *' };
}

/**
 * The reports job the plugin ships (`.medusa/server/src/jobs`): it ticks every minute and
 * fetches the reports on the ticks due by the provider's `jobs.reportsEveryMinutes` (default
 * 60; `false` turns it off). It does nothing while the provider is not loaded (the DataTransfer
 * job says so) or has no `dataTransfer.reports`, so a shop without reports sees no errors.
 *
 * @example
 * await reportsTickJob(container, { scheduledFor: new Date() });
 */
export async function reportsTickJob(
  container: ReportsJobContainer,
  context: JobContext = {},
): Promise<void> {
  const registered = findPickPost();
  if (registered?.options.config.dataTransfer?.reports === undefined) return;
  if (!isDue(registered.options.jobs.reportsEveryMinutes, context.scheduledFor ?? new Date())) {
    return;
  }
  await fetchDataTransferReportsJob(container);
}

/** The `config` of {@link reportsTickJob}: its own name, so a shop's job can sit beside it. */
export const REPORTS_TICK_CONFIG = {
  name: 'pickpost-datatransfer-reports-tick',
  schedule: EVERY_MINUTE,
} as const;
