import { createInterface } from 'node:readline';
import type { StateStore } from '@pickpost/core';
import { createItemNumberAllocator } from '@pickpost/core';

/** The environment variables `runAllocationProcesses` passes to each child. */
export const ALLOCATION_ENV = {
  count: 'PICKPOST_ALLOCATE_COUNT',
  blockSize: 'PICKPOST_ALLOCATE_BLOCK_SIZE',
  licence: 'PICKPOST_ALLOCATE_LICENCE',
} as const;

function readWhole(name: string): number {
  const value = Number(process.env[name]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be set`);
  return value;
}

/**
 * The body of a child process started by `runAllocationProcesses`: opens the store, says
 * `ready`, waits for the parent's `go` (so that all children allocate at the same time), takes
 * its item numbers one `next()` at a time and prints them as one JSON line.
 *
 * @example
 * // test/allocate-child.ts
 * await runAllocationChild(() => createSqliteStateStore({ filename: process.env.DB_FILE! }));
 */
export async function runAllocationChild(createStore: () => Promise<StateStore>): Promise<void> {
  const count = readWhole(ALLOCATION_ENV.count);
  const blockSize = readWhole(ALLOCATION_ENV.blockSize);
  const frankingLicense = process.env[ALLOCATION_ENV.licence] ?? '60013217';
  const store = await createStore();
  const allocator = createItemNumberAllocator({ store, frankingLicense, blockSize });
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
  process.stdout.write('ready\n');
  await go;
  lines.close();
  const numbers: number[] = [];
  for (let index = 0; index < count; index += 1) numbers.push(await allocator.next());
  await store.close();
  process.stdout.write(`numbers ${JSON.stringify(numbers)}\n`);
}
