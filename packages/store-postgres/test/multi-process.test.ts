import { fileURLToPath } from 'node:url';
import { runAllocationProcesses } from '@pickpost/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPostgres } from './postgres-server';
import { startTestPostgres } from './postgres-server';

let server: TestPostgres;

beforeAll(async () => {
  server = await startTestPostgres();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('item numbers from several processes on one Postgres', () => {
  it('4 processes × 2,500 allocations give 10,000 distinct numbers', async () => {
    const { numbers, allocationMs } = await runAllocationProcesses({
      script: fileURLToPath(new URL('./allocate-child.ts', import.meta.url)),
      processes: 4,
      perProcess: 2500,
      // Block size 1 makes one process reserve for every number: the most contention.
      blockSizes: [1, 7, 50, 100],
      env: { PICKPOST_PG_URL: server.connectionString, PICKPOST_PG_SCHEMA: server.newSchema() },
    });
    const all = numbers.flat();
    expect(numbers.map((list) => list.length)).toEqual([2500, 2500, 2500, 2500]);
    expect(new Set(all).size).toBe(10_000);
    for (const list of numbers) expect(list).toEqual([...list].sort((a, b) => a - b));
    console.log(`postgres: 10,000 item numbers from 4 processes in ${Math.round(allocationMs)} ms`);
  });
});
