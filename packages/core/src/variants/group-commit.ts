import type { AtomicWrite, StateStore } from '../ports/state-store';

/**
 * Group commit: the write groups that callers hand in while a commit is being made (or within
 * the same turn of the event loop) go to the store together in the next `writeGroups` call, so
 * a burst of fulfilments costs one durable commit instead of one each. Each group still stands
 * alone: it is written entirely or not at all, whatever the others do.
 */
export function createGroupCommitter(store: StateStore) {
  let waiting: Array<{
    group: readonly AtomicWrite[];
    resolve: (written: boolean) => void;
    reject: (error: unknown) => void;
  }> = [];
  let flushScheduled = false;

  async function flush(): Promise<void> {
    // Let every caller of this turn add its group first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const written = await store.writeGroups(batch.map((entry) => entry.group));
        for (const [index, entry] of batch.entries()) entry.resolve(written[index] === true);
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    flushScheduled = false;
  }

  return {
    /** Writes `group` with the others of this moment; resolves to whether it was written. */
    write(group: readonly AtomicWrite[]): Promise<boolean> {
      return new Promise<boolean>((resolve, reject) => {
        waiting.push({ group, resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          // flush() settles every caller's promise itself and never rejects.
          void flush();
        }
      });
    },
  };
}

export type GroupCommitter = ReturnType<typeof createGroupCommitter>;
