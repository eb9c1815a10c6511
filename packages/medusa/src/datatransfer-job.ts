import type { JobContext } from './job-schedule';
import { DEFAULT_JOB_MINUTES, EVERY_MINUTE, isDue } from './job-schedule';
import { findPickPost, pickPostOf } from './registry';

/** The container Medusa hands a scheduled job: only its logger is used. */
interface JobContainer {
  resolve(name: 'logger'): { info(message: string): void; error(message: string): void };
}

/**
 * The scheduled job that delivers the DataTransfer outbox (variants 2 and 4b, and the fallback
 * of 1 and 4a). Several Medusa instances may run it at the same time: core's outbox hands each
 * shipment to one flush under a lease, and a shipment reaches Swiss Post in exactly one file.
 *
 * @example
 * // src/jobs/pickpost-datatransfer.ts
 * import { dataTransferJobConfig, flushDataTransferJob } from '@pickpost/medusa';
 * export default flushDataTransferJob;
 * export const config = dataTransferJobConfig({ everyMinutes: 15 });
 */
export async function flushDataTransferJob(container: JobContainer): Promise<void> {
  const logger = container.resolve('logger');
  const { pickpost } = pickPostOf();
  try {
    // Nothing waiting (or a variant without DataTransfer): no file, no connection to the Post.
    if ((await pickpost.dataTransferCounts()).pending === 0) return;
    const report = await pickpost.flushDataTransfer();
    if (report.delivered > 0) {
      logger.info(
        `PickPost: ${report.delivered} shipments delivered by DataTransfer in ${report.files.length} files`,
      );
    }
  } catch (error) {
    // The shipments stay in the outbox for the next run; say why this one failed.
    logger.error(`PickPost: DataTransfer delivery failed: ${(error as Error).message}`);
  }
}

/**
 * The job's `config` export: its name and a cron schedule every `everyMinutes` minutes
 * (1–59, default 15).
 *
 * @example
 * export const config = dataTransferJobConfig({ everyMinutes: 5 });
 */
export function dataTransferJobConfig(options: { everyMinutes?: number } = {}): {
  name: string;
  schedule: string;
} {
  const minutes = options.everyMinutes ?? DEFAULT_JOB_MINUTES.dataTransfer;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 59) {
    throw new Error(
      'PickPost: dataTransferJobConfig: everyMinutes must be a whole number from 1 to 59',
    );
  }
  return { name: 'pickpost-datatransfer', schedule: `*/${minutes} * * * *` };
}

/**
 * The DataTransfer job the plugin ships (`.medusa/server/src/jobs`): it ticks every minute and
 * delivers the outbox on the ticks due by the provider's `jobs.dataTransferEveryMinutes` (default
 * 15; `false` turns it off). Before the provider is loaded it runs on the default interval, and
 * {@link flushDataTransferJob} says that the provider is missing.
 *
 * @example
 * await dataTransferTickJob(container, { scheduledFor: new Date() });
 */
export async function dataTransferTickJob(
  container: JobContainer,
  context: JobContext = {},
): Promise<void> {
  const every =
    findPickPost()?.options.jobs.dataTransferEveryMinutes ?? DEFAULT_JOB_MINUTES.dataTransfer;
  if (!isDue(every, context.scheduledFor ?? new Date())) return;
  await flushDataTransferJob(container);
}

/** The `config` of {@link dataTransferTickJob}: its own name, so a shop's job can sit beside it. */
export const DATATRANSFER_TICK_CONFIG = {
  name: 'pickpost-datatransfer-tick',
  schedule: EVERY_MINUTE,
} as const;
