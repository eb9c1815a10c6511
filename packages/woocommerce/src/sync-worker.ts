import type { Logger } from '@pickpost/core';
import { judgeFailure } from './failures';
import type { WooSync, WorkReport } from './sync';

export interface SyncWorkerOptions {
  sync: Pick<WooSync, 'poll' | 'work'>;
  /** Between polls of the shop (the webhooks' backup and catch-up), in ms. */
  pollIntervalMs: number;
  /** DataTransfer delivery, every `flushIntervalMs`; absent when the variant sends no files. */
  flush?: (() => Promise<unknown>) | undefined;
  flushIntervalMs?: number;
  /** Pause when nothing is due (default 500 ms: a debounced webhook order waits ≤ that more). */
  idleMs?: number;
  logger?: Logger | undefined;
  now?: () => number;
}

export interface SyncWorker {
  /** Orders worked since the start. */
  readonly totals: WorkReport;
  /** The last error of a pass, if the last pass failed (for the health endpoint). */
  readonly lastError: string | undefined;
  /** Ends the loop after the batch in hand is finished (its labels, write-back and notes). */
  stop(): Promise<void>;
}

/**
 * The service's loop: poll on schedule, work every due order in batches, flush DataTransfer
 * on schedule. A failing pass is logged and tried again after a pause; it never ends the loop.
 *
 * @example
 * const worker = startSyncWorker({ sync, pollIntervalMs: 60_000 });
 * process.once('SIGTERM', () => worker.stop());
 */
export function startSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const now = options.now ?? Date.now;
  const idleMs = options.idleMs ?? 500;
  const totals: WorkReport = { claimed: 0, fulfilled: 0, held: 0, retried: 0, cancelled: 0 };
  let lastError: string | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function loop(): Promise<void> {
    let nextPoll = 0;
    let nextFlush = now() + (options.flushIntervalMs ?? 300_000);
    let failures = 0;
    while (!stopping) {
      try {
        if (now() >= nextPoll) {
          await options.sync.poll();
          nextPoll = now() + options.pollIntervalMs;
        }
        const report = await options.sync.work();
        for (const key of Object.keys(totals) as (keyof WorkReport)[]) totals[key] += report[key];
        if (options.flush !== undefined && now() >= nextFlush) {
          await options.flush();
          nextFlush = now() + (options.flushIntervalMs ?? 300_000);
        }
        lastError = undefined;
        failures = 0;
        if (report.claimed === 0 && !stopping) await pause(idleMs);
      } catch (error) {
        failures += 1;
        lastError = judgeFailure(error).text;
        options.logger?.error('sync pass failed', { error: lastError, failures });
        if (!stopping) await pause(Math.min(60_000, 1_000 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  const running = loop();
  return {
    totals,
    get lastError() {
      return lastError;
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
    },
  };
}
