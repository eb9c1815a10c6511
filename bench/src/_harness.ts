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
