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

/**
 * Runs an operation at most once per key across calls, processes and crashes:
 *
 * - concurrent calls in this process share one run;
 * - a call that finds the operation done returns the stored result;
 * - a call that finds it running elsewhere waits for it (polling the store);
 * - a run whose owner stopped (a crash, or a failure) is taken over, with the progress the
 *   owner had committed, so it finishes with the same item number instead of a new one.
 */
export function createOperationRunner(options: {
  store: StateStore;
  clock: Clock;
  staleAfterMs?: number;
  waitMs?: number;
}) {
  const { store, clock } = options;
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const waitMs = options.waitMs ?? 180_000;
  const inProcess = new Map<string, Promise<unknown>>();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function runStored<TResult, TProgress>(
    key: string,
    initial: TProgress,
    work: (context: OperationContext<TProgress>) => Promise<TResult>,
  ): Promise<TResult> {
    const owner = randomUUID();
    const started = clock.now();
    for (;;) {
      const fresh: OperationRecord<TResult, TProgress> = {
        state: 'running',
        owner,
        heartbeatAt: clock.now(),
        progress: initial,
      };
      const put = await store.putIfAbsent(key, JSON.stringify(fresh));
      let version = put.version;
      let record = JSON.parse(put.value) as OperationRecord<TResult, TProgress>;
      if (!put.created) {
        if (record.state === 'done') return record.result;
        if (clock.now() - record.heartbeatAt < staleAfterMs) {
          if (clock.now() - started > waitMs) {
            throw new PickPostError(
              'STORE_FAILED',
              `Operation ${key} is still running elsewhere after ${waitMs} ms`,
            );
          }
          await sleep(100);
          continue;
        }
        // The owner stopped: take over with what it had committed.
        const takeover: OperationRecord<TResult, TProgress> = {
          state: 'running',
          owner,
          heartbeatAt: clock.now(),
          progress: record.progress,
        };
        const taken = await store.compareAndSet(key, put.version, JSON.stringify(takeover));
        if (taken === undefined) continue;
        version = taken;
        record = takeover;
      }
      let progress = (record as { progress: TProgress }).progress;
      const context: OperationContext<TProgress> = {
        progress,
        async commit(next) {
          const updated: OperationRecord<TResult, TProgress> = {
            state: 'running',
            owner,
            heartbeatAt: clock.now(),
            progress: next,
          };
          const nextVersion = await store.compareAndSet(key, version, JSON.stringify(updated));
          if (nextVersion === undefined) {
            throw new PickPostError('STORE_FAILED', `Operation ${key} was taken over while it ran`);
          }
          version = nextVersion;
          progress = next;
          context.progress = next;
        },
      };
      let result: TResult;
      try {
        result = await work(context);
      } catch (error) {
        // Leave the committed progress for the next attempt, marked as stopped so it need not wait.
        const stopped: OperationRecord<TResult, TProgress> = {
          state: 'running',
          owner,
          heartbeatAt: 0,
          progress,
        };
        await store.compareAndSet(key, version, JSON.stringify(stopped)).catch(() => undefined);
        throw error;
      }
      const done: OperationRecord<TResult, TProgress> = { state: 'done', result };
      if ((await store.compareAndSet(key, version, JSON.stringify(done))) === undefined) {
        throw new PickPostError('STORE_FAILED', `Operation ${key} was taken over while it ran`);
      }
      return result;
    }
  }

  return {
    /** Runs `work` once for `key`, or returns what the run that did it produced. */
    run<TResult, TProgress>(
      key: string,
      initial: TProgress,
      work: (context: OperationContext<TProgress>) => Promise<TResult>,
    ): Promise<TResult> {
      const running = inProcess.get(key) as Promise<TResult> | undefined;
      if (running !== undefined) return running;
      const promise = runStored(key, initial, work).finally(() => inProcess.delete(key));
      inProcess.set(key, promise);
      return promise;
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
