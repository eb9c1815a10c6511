// `pnpm bench points`: GET /points?zip= through Express with the PickPost middleware, with a
// warm point cache and with every request forwarded uncached to the mock Post server. The shop
// and the mock each run in a process of their own; autocannon drives the load from this one.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { report, round, POINT_ZIPS as ZIPS } from './_harness.ts';

const DURATION_SECONDS = 4;
const ROUNDS = 3;
const CONNECTIONS = 12;

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
type Figures = {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  hits?: number;
  misses?: number;
};
const results: Record<string, Figures> = {};

/** Load rounds on one shop, summed up: mean requests/s, median p50, worst p99. */
function combine(rounds: Array<Awaited<ReturnType<typeof load>>>, stats: object): Figures {
  const p50s = rounds.map((round) => round.latency.p50).sort((a, b) => a - b);
  return {
    rps: rounds.reduce((sum, round) => sum + round.requests.average, 0) / rounds.length,
    p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
    p99: Math.max(...rounds.map((round) => round.latency.p99)),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    non2xx: rounds.reduce((sum, round) => sum + round.non2xx, 0),
    ...stats,
  };
}

try {
  // The bare baseline and the warm PickPost route run side by side, their load rounds taken in
  // turn, so both see the same state of the machine.
  const bareShop = await start('./_points-shop.ts', ['bare', mock.ready]);
  const warmShop = await start('./_points-shop.ts', ['warm', mock.ready]);
  try {
    const bareRounds = [];
    const warmRounds = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      bareRounds.push(await load(bareShop.ready));
      warmRounds.push(await load(warmShop.ready));
    }
    const stats = async (url: string) => (await fetch(`${url}/stats`)).json() as Promise<object>;
    results.bare = combine(bareRounds, {});
    results.warm = combine(warmRounds, await stats(warmShop.ready));
  } finally {
    bareShop.child.kill('SIGTERM');
    warmShop.child.kill('SIGTERM');
  }
  const uncachedShop = await start('./_points-shop.ts', ['uncached', mock.ready]);
  try {
    results.uncached = combine(
      [await load(uncachedShop.ready)],
      await (await fetch(`${uncachedShop.ready}/stats`)).json(),
    );
  } finally {
    uncachedShop.child.kill('SIGTERM');
  }
} finally {
  mock.child.kill('SIGTERM');
}

const warm = results.warm ?? { rps: 0, p50: 0, p99: 0, errors: 0, non2xx: 0 };
const bare = results.bare ?? { rps: 0, p50: 0, p99: 0, errors: 0, non2xx: 0 };
const warmVsBare = round(warm.rps / Math.max(1, bare.rps), 3);
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
        'baseline: bare Express route, same JSON body',
        String(round(bare.rps, 0)),
        String(bare.p50),
        String(bare.p99),
        String(bare.errors + bare.non2xx),
        '',
      ],
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
    bareRequestsPerSecond: round(bare.rps, 0),
    warmVsBare,
    warmRequestsPerSecond: round(warm.rps, 0),
    warmP50Ms: warm.p50,
    warmP99Ms: warm.p99,
    uncachedRequestsPerSecond: round(uncached.rps, 0),
    uncachedP50Ms: uncached.p50,
    uncachedP99Ms: uncached.p99,
    cacheHitRatio: round(hitRatio, 4),
    uncachedCacheHitRatio: round(uncachedHitRatio, 4),
    warmVsUncached: round(warm.rps / Math.max(1, uncached.rps), 2),
    errors:
      bare.errors + bare.non2xx + warm.errors + warm.non2xx + uncached.errors + uncached.non2xx,
  },
  [
    { name: 'warm requests/s vs bare Express', value: warmVsBare, op: '>=', bound: 0.85 },
    { name: 'warm requests/s', value: round(warm.rps, 0), op: '>=', bound: 3_000 },
    { name: 'warm p99 ms', value: warm.p99, op: '<=', bound: 10 },
  ],
);
