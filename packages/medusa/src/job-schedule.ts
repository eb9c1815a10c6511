/**
 * The plugin's scheduled jobs and their interval. Medusa reads a job's `config.schedule` once,
 * when it imports the job file, before any provider options are in reach (2.21.2
 * `JobLoader.register` in @medusajs/framework/jobs turns it into a scheduled workflow). So the
 * jobs the package ships tick every minute, and each tick decides from the provider options,
 * read at run time, whether it is due: the interval lives in `medusa-config.ts` beside the rest
 * of the PickPost configuration and is validated with it at boot.
 */

/** How often the plugin's jobs run when the options do not say (`jobs.*EveryMinutes`). */
export const DEFAULT_JOB_MINUTES = { dataTransfer: 15, reports: 60 } as const;

/** Every minute: what the plugin's jobs are scheduled with (cron). */
export const EVERY_MINUTE = '* * * * *';

/** The second argument Medusa hands a job: when this run was scheduled for. */
export interface JobContext {
  scheduledFor?: Date;
}

/**
 * Whether the tick scheduled for `at` is due for a job every `everyMinutes` minutes: the minute
 * since the epoch is a multiple of it (for divisors of 60 the same minutes as cron's `*\/N`).
 * The minute is rounded, so a tick that starts some seconds late still counts as its own
 * minute; `false` is never due.
 *
 * @example
 * isDue(15, new Date('2026-12-03T10:30:00Z')); // true
 */
export function isDue(everyMinutes: number | false, at: Date): boolean {
  if (everyMinutes === false) return false;
  return Math.round(at.getTime() / 60_000) % everyMinutes === 0;
}
