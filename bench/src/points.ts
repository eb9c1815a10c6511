// `pnpm bench points`: GET /points?zip= through Express with the PickPost middleware, with a
// warm point cache and with every request forwarded uncached to the mock Post server. The shop
// and the mock each run in a process of their own; autocannon drives the load from this one.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { report, round } from './_harness.ts';

const DURATION_SECONDS = 8;
const CONNECTIONS = 12;
const ZIPS = ['8001', '3011', '1003', '6900', '4001', '9000', '1201', '6003'];

function start(script: string, args: string[]): Promise<{ child: ChildProcess; ready: string }> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL(script, import.meta.url)), ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (.+)\n/.exec(output);
      if (match?.[1] !== undefined) resolve({ child, ready: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function load(url: string) {
  // Warm up (and fill the cache), then measure.
  await autocannon({
    url,
    connections: 4,
    duration: 2,
    requests: ZIPS.map((zip) => ({ method: 'GET' as const, path: `/pickpost/points?zip=${zip}` })),
  });
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    requests: ZIPS.map((zip) => ({ method: 'GET' as const, path: `/pickpost/points?zip=${zip}` })),
  });
}

const mock = await start('./_points-mock.ts', []);
const results: Record<
  string,
  {
    rps: number;
    p50: number;
    p99: number;
    errors: number;
    non2xx: number;
    hits?: number;
    misses?: number;
  }
> = {};
try {
  for (const mode of ['warm', 'uncached'] as const) {
    const shop = await start('./_points-shop.ts', [mode, mock.ready]);
    try {
      const result = await load(shop.ready);
      const stats = (await (await fetch(`${shop.ready}/stats`)).json()) as {
        hits: number;
        misses: number;
      };
      results[mode] = {
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors,
        non2xx: result.non2xx,
        ...stats,
      };
    } finally {
      shop.child.kill('SIGTERM');
    }
  }
} finally {
  mock.child.kill('SIGTERM');
}

const warm = results.warm ?? { rps: 0, p50: 0, p99: 0, errors: 0, non2xx: 0 };
const uncached = results.uncached ?? { rps: 0, p50: 0, p99: 0, errors: 0, non2xx: 0 };
const hitRatio = (warm.hits ?? 0) / Math.max(1, (warm.hits ?? 0) + (warm.misses ?? 0));
const uncachedHitRatio =
  (uncached.hits ?? 0) / Math.max(1, (uncached.hits ?? 0) + (uncached.misses ?? 0));
report(
  'points',
  {
    header: [
      'GET /points?zip= through Express',
      'requests/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'cache hits',
    ],
    rows: [
      [
        'warm cache',
        String(round(warm.rps, 0)),
        String(warm.p50),
        String(warm.p99),
        String(warm.errors + warm.non2xx),
        `${round(hitRatio * 100, 2)} %`,
      ],
      [
        'uncached, forwarded to the mock Post server',
        String(round(uncached.rps, 0)),
        String(uncached.p50),
        String(uncached.p99),
        String(uncached.errors + uncached.non2xx),
        `${round(uncachedHitRatio * 100, 2)} % (${uncached.misses ?? 0} searches sent on)`,
      ],
    ],
  },
  {
    connections: CONNECTIONS,
    durationSeconds: DURATION_SECONDS,
    warmRequestsPerSecond: round(warm.rps, 0),
    warmP50Ms: warm.p50,
    warmP99Ms: warm.p99,
    uncachedRequestsPerSecond: round(uncached.rps, 0),
    uncachedP50Ms: uncached.p50,
    uncachedP99Ms: uncached.p99,
    cacheHitRatio: round(hitRatio, 4),
    uncachedCacheHitRatio: round(uncachedHitRatio, 4),
    warmVsUncached: round(warm.rps / Math.max(1, uncached.rps), 2),
    errors: warm.errors + warm.non2xx + uncached.errors + uncached.non2xx,
  },
  [
    { name: 'warm requests/s', value: round(warm.rps, 0), op: '>=', bound: 3_000 },
    { name: 'warm p99 ms', value: warm.p99, op: '<=', bound: 10 },
  ],
);
