import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatTable } from '@pickpost/cli';

/** Figures of one timed series, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
}

/** Percentile by nearest rank over a sorted copy; `p` in 0..100. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const total = samples.reduce((sum, value) => sum + value, 0);
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: samples.length === 0 ? Number.NaN : total / samples.length,
  };
}

/** Times `task` `count` times one after the other and returns each duration in ms. */
export async function timeEach(count: number, task: () => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    await task();
    durations.push(performance.now() - started);
  }
  return durations;
}

/** Peak resident set size of this process so far, in MB (Node reports the OS's high-water mark). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** One target of a benchmark: the measured value, the bound and whether it was met. */
export interface Target {
  name: string;
  value: number;
  op: '<=' | '>=';
  bound: number;
}

export function checkTarget(target: Target): Target & { met: boolean } {
  const met = target.op === '<=' ? target.value <= target.bound : target.value >= target.bound;
  return { ...target, met };
}

/**
 * Prints a benchmark's table and, as the very last line, `BENCH <name> <json>` with every
 * figure, each target and whether it was met.
 */
export function report(
  name: string,
  table: { header: string[]; rows: string[][] },
  figures: Record<string, unknown>,
  targets: Target[],
): void {
  const checked = targets.map(checkTarget);
  console.log(formatTable(table.header, table.rows));
  for (const target of checked) {
    console.log(
      `target ${target.name}: ${target.value} ${target.op} ${target.bound} → ${target.met ? 'met' : 'NOT met'}`,
    );
  }
  console.log(`BENCH ${name} ${JSON.stringify({ ...figures, targets: checked })}`);
}

/** The shop every benchmark ships for (as configuration input). */
export const BENCH_SENDER = {
  name1: 'Velo Shop AG',
  street: 'Wankdorfallee 4',
  zip: '3030',
  city: 'Bern',
} as const;

/**
 * The identcode of bench parcel `index` on licence 60013217: what `formatIdentcode` gives, built
 * without its checks because generators run inside the timed loops.
 */
export const benchIdentcode = (index: number) => `9960013217${String(index).padStart(8, '0')}`;

/** The size a benchmark script was started with as a child (`--child <size>`), if it was. */
export function childSize(): number | undefined {
  const at = process.argv.indexOf('--child');
  return at === -1 ? undefined : Number(process.argv[at + 1]);
}

/**
 * Runs the benchmark script at `scriptUrl` again as a child for one size and returns the JSON
 * its last output line holds: each size gets its own process, so its peak RSS is its own.
 */
export function runInChild<T>(scriptUrl: string, size: number): T {
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(scriptUrl), '--child', String(size)],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`bench child for ${size} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as T;
}

/** The postcodes `bench points` searches, in turn. */
export const POINT_ZIPS = ['8001', '3011', '1003', '6900', '4001', '9000', '1201', '6003'];
