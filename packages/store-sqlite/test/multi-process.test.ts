import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAllocationProcesses } from '@pickpost/test-utils';
import { afterAll, describe, expect, it } from 'vitest';

const directory = mkdtempSync(join(tmpdir(), 'pickpost-sqlite-processes-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('item numbers from several processes on one SQLite file', () => {
  it('4 processes × 2,500 allocations give 10,000 distinct numbers', async () => {
    const { numbers, allocationMs } = await runAllocationProcesses({
      script: fileURLToPath(new URL('./allocate-child.ts', import.meta.url)),
      processes: 4,
      perProcess: 2500,
      // Block size 1 makes one process reserve for every number: the most contention.
      blockSizes: [1, 7, 50, 100],
      env: { PICKPOST_SQLITE_FILE: join(directory, 'shared.db') },
    });
    const all = numbers.flat();
    expect(numbers.map((list) => list.length)).toEqual([2500, 2500, 2500, 2500]);
    expect(new Set(all).size).toBe(10_000);
    for (const list of numbers) {
      // Each process sees its own numbers in increasing order (one counter, blocks in order).
      expect(list).toEqual([...list].sort((a, b) => a - b));
    }
    console.log(`sqlite: 10,000 item numbers from 4 processes in ${Math.round(allocationMs)} ms`);
  });
});
