import { randomUUID } from 'node:crypto';
import { PickPostError } from '../errors/index';
import type { Clock } from '../ports/clock';
import type { StateStore } from '../ports/state-store';

/** An operation record: running (with what it has committed to so far) or done with its result. */
type OperationRecord<TResult, TProgress> =
  | { state: 'running'; owner: string; heartbeatAt: number; progress: TProgress }
  | { state: 'done'; result: TResult };

export interface OperationContext<TProgress> {
  /** What an earlier, interrupted attempt committed to (an item number, say), if anything. */
  progress: TProgress;
  /**
   * Durably records progress before it is acted on: an item number is written down before a
   * label carries it, so a crash never consumes a number without a record.
   */
  commit(progress: TProgress): Promise<void>;
}

export interface RunOptions {
  /**
   * Failures after which the operation is as if it never ran (Swiss Post refused the data, the
   * input is invalid): its record is removed, so a corrected retry starts clean. Other failures
   * leave the committed progress for the retry.
   */
  forgetOn?: (error: unknown) => boolean;
}

/** How long a running record may go without a heartbeat before another caller takes it over. */
const DEFAULT_LEASE_MS = 15_000;

/** What the runner's claims work with. */
interface RunnerSettings {
  store: StateStore;
  clock: Clock;
  leaseMs: number;
  waitMs: number;
}

/** Claims `key` for `owner`: a fresh record, or a takeover of one whose lease lapsed. */
async function claim<TResult, TProgress>(
  settings: RunnerSettings,
  key: string,
  owner: string,
  initial: TProgress,
): Promise<{ done: TResult } | { version: number; progress: TProgress }> {
  const { store, clock, leaseMs, waitMs } = settings;
  const started = clock.now();
  for (;;) {
    const fresh: OperationRecord<TResult, TProgress> = {
      state: 'running',
      owner,
      heartbeatAt: clock.now(),
      progress: initial,
    };
    const put = await store.putIfAbsent(key, JSON.stringify(fresh));
    if (put.created) return { version: put.version, progress: initial };
    const record = JSON.parse(put.value) as OperationRecord<TResult, TProgress>;
    if (record.state === 'done') return { done: record.result };
    if (clock.now() - record.heartbeatAt < leaseMs) {
      if (clock.now() - started > waitMs) {
        throw new PickPostError(
          'STORE_FAILED',
          `Operation ${key} is still running elsewhere after ${waitMs} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, leaseMs / 10)));
      continue;
    }
    // The owner stopped renewing its lease (a crash, or a failure): take over its progress.
    const takeover: OperationRecord<TResult, TProgress> = {
      ...record,
      owner,
      heartbeatAt: clock.now(),
    };
    const taken = await store.compareAndSet(key, put.version, JSON.stringify(takeover));
    if (taken !== undefined) return { version: taken, progress: record.progress };
  }
}

/**
 * Runs an operation at most once per key across calls, processes and crashes:
 *
 * - concurrent calls in this process share one run;
 * - a call that finds the operation done returns the stored result;
 * - a call that finds it running elsewhere waits for it (polling the store);
 * - the process running it renews its lease (a heartbeat every third of `leaseMs`), so a slow
 *   but live Swiss Post call is never duplicated, while the run of a process that crashed is
 *   taken over within `leaseMs`, with the progress it had committed, so it finishes with the
 *   same item number instead of a new one.
 */
export function createOperationRunner(options: {
  store: StateStore;
  clock: Clock;
  leaseMs?: number;
  waitMs?: number;
}) {
  const { store, clock } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const waitMs = options.waitMs ?? 180_000;
  const inProcess = new Map<string, Promise<unknown>>();

  async function runStored<TResult, TProgress>(
    key: string,
    initial: TProgress,
    work: (context: OperationContext<TProgress>) => Promise<TResult>,
    runOptions: RunOptions,
  ): Promise<TResult> {
    const owner = randomUUID();
    const claimed = await claim<TResult, TProgress>(
      { store, clock, leaseMs, waitMs },
      key,
      owner,
      initial,
    );
    if ('done' in claimed) return claimed.done;
    let { version, progress } = claimed;
    // Every write of this run goes through `writes`, so a heartbeat and a commit never race
    // for the same version.
    let writes: Promise<unknown> = Promise.resolve();
    const write = (record: OperationRecord<TResult, TProgress>): Promise<number | undefined> => {
      const next = writes.then(async () => {
        const updated = await store.compareAndSet(key, version, JSON.stringify(record));
        if (updated !== undefined) version = updated;
        return updated;
      });
      writes = next.catch(() => undefined);
      return next;
    };
    const running = (heartbeatAt = clock.now()): OperationRecord<TResult, TProgress> => ({
      state: 'running',
      owner,
      heartbeatAt,
      progress,
    });
    const heartbeat = setInterval(() => {
      write(running()).catch(() => undefined);
    }, leaseMs / 3);
    heartbeat.unref?.();
    const context: OperationContext<TProgress> = {
      progress,
      async commit(next) {
        progress = next;
        context.progress = next;
        if ((await write(running())) === undefined) {
          throw new PickPostError('STORE_FAILED', `Operation ${key} was taken over while it ran`);
        }
      },
    };
    let result: TResult;
    try {
      result = await work(context);
    } catch (error) {
      clearInterval(heartbeat);
      await writes;
      if (runOptions.forgetOn?.(error) === true) {
        await store.delete(key, version).catch(() => false);
      } else {
        // Leave the committed progress for the next attempt, marked as stopped so it need not wait.
        await write(running(0)).catch(() => undefined);
      }
      throw error;
    }
    clearInterval(heartbeat);
    if ((await write({ state: 'done', result })) === undefined) {
      throw new PickPostError('STORE_FAILED', `Operation ${key} was taken over while it ran`);
    }
    return result;
  }

  return {
    /** Runs `work` once for `key`, or returns what the run that did it produced. */
    run<TResult, TProgress>(
      key: string,
      initial: TProgress,
      work: (context: OperationContext<TProgress>) => Promise<TResult>,
      runOptions: RunOptions = {},
    ): Promise<TResult> {
      const running = inProcess.get(key) as Promise<TResult> | undefined;
      if (running !== undefined) return running;
      const promise = runStored(key, initial, work, runOptions).finally(() =>
        inProcess.delete(key),
      );
      inProcess.set(key, promise);
      return promise;
    },

    /** Deletes an operation's record (the caller keeps what lasts elsewhere). */
    async forget(key: string): Promise<void> {
      await store.delete(key);
    },

    /** The stored result of a finished operation, if any. */
    async result<TResult>(key: string): Promise<TResult | undefined> {
      const stored = await store.get(key);
      if (stored === undefined) return undefined;
      const record = JSON.parse(stored.value) as OperationRecord<TResult, unknown>;
      return record.state === 'done' ? record.result : undefined;
    },
  };
}
