import { describe, expect, it } from 'vitest';
import { runAllocationProcesses } from './allocation-processes';

export interface MultiProcessAllocationOptions {
  /** Absolute path of the child script (it calls `runAllocationChild`). */
  script: string;
  /** The children's environment: where the shared store is. Called when the test runs. */
  env: () => Record<string, string>;
}

/**
 * The acceptance test for a store's item numbers across processes: 4 processes × 2,500
 * `next()` calls on one store, with block sizes 1, 7, 50 and 100 (size 1 reserves for every
 * number: the most contention), must give exactly 10,000 distinct numbers.
 *
 * @example
 * describeMultiProcessAllocation('sqlite', {
 *   script: fileURLToPath(new URL('./allocate-child.ts', import.meta.url)),
 *   env: () => ({ PICKPOST_SQLITE_FILE: file }),
 * });
 */
export function describeMultiProcessAllocation(
  name: string,
  options: MultiProcessAllocationOptions,
): void {
  describe(`item numbers from several processes on one ${name} store`, () => {
    it('4 processes × 2,500 allocations give 10,000 distinct numbers', async () => {
      const { numbers, allocationMs } = await runAllocationProcesses({
        script: options.script,
        processes: 4,
        perProcess: 2500,
        blockSizes: [1, 7, 50, 100],
        env: options.env(),
      });
      expect(numbers.map((list) => list.length)).toEqual([2500, 2500, 2500, 2500]);
      expect(new Set(numbers.flat()).size).toBe(10_000);
      // One counter, blocks handed out in order: each process sees its numbers increase.
      for (const list of numbers) expect(list).toEqual([...list].sort((a, b) => a - b));
      console.log(
        `${name}: 10,000 item numbers from 4 processes in ${Math.round(allocationMs)} ms`,
      );
    });
  });
}
