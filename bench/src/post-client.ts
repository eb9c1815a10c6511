import { createPostClient } from '@pickpost/core/post';
import { createMockPostServer } from '@pickpost/mock-post-server';
import type { LatencySummary } from './_harness';
import { report, round, summarise } from './_harness';

/**
 * `locations.search()` against the mock Post server, beside a bare `fetch` of the very request
 * the client makes (the same `Find` URL, body read as JSON), interleaved one for one so both
 * see the same machine state. The location service is keyless (as places.post.ch is), so
 * "warm" means the geocode cache and the connection pool are warm; there is no token on this
 * path.
 *
 * Measured twice: with the mock answering after a realistic delay (`POST_CLIENT_DELAY_MS`,
 * 20 ms by default; the target is on this run, since a real Swiss Post call takes tens of ms),
 * and with no delay, where the difference of the p50s is what the client adds to each request
 * (reported in µs, for information).
 */
const DELAY_MS = Number(process.env.POST_CLIENT_DELAY_MS ?? 20);
if (!Number.isFinite(DELAY_MS) || DELAY_MS <= 0) {
  throw new Error(`POST_CLIENT_DELAY_MS must be a positive number of ms, not "${DELAY_MS}"`);
}
const RUNS = [
  { delayMs: DELAY_MS, warmup: 50, samples: 600 },
  { delayMs: 0, warmup: 300, samples: 3_000 },
] as const;

const post = await createMockPostServer();
let findUrl: string | undefined;
const recordingFetch: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (findUrl === undefined && url.includes('/Find?')) findUrl = url;
  return fetch(input, init);
};
const client = createPostClient({ baseUrls: post.baseUrls, fetch: recordingFetch });
const query = { zip: '8001', limit: 10 } as const;
const search = () => client.locations.search(query);
const bare = async () => (await fetch(findUrl ?? '')).json();

async function measure(run: (typeof RUNS)[number]) {
  post.setFaults('locations', run.delayMs > 0 ? { latencyMs: run.delayMs } : undefined);
  for (let index = 0; index < run.warmup; index += 1) await search();
  if (findUrl === undefined) throw new Error('the client made no Find request');
  for (let index = 0; index < run.warmup; index += 1) await bare();
  const subject: number[] = [];
  const baseline: number[] = [];
  const timed = async (task: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await task();
    into.push(performance.now() - started);
  };
  // Which of the two goes first alternates, so neither always follows the other's garbage.
  for (let index = 0; index < run.samples; index += 1) {
    if (index % 2 === 0) {
      await timed(search, subject);
      await timed(bare, baseline);
    } else {
      await timed(bare, baseline);
      await timed(search, subject);
    }
  }
  return { ...run, client: summarise(subject), fetch: summarise(baseline) };
}

const [delayed, direct] = [await measure(RUNS[0]), await measure(RUNS[1])];
await post.close();

const ratioP50 = delayed.client.p50 / delayed.fetch.p50;
const delayedOverheadUs = (delayed.client.p50 - delayed.fetch.p50) * 1000;
const overheadUs = (direct.client.p50 - direct.fetch.p50) * 1000;
const row = (label: string, figures: LatencySummary) => [
  label,
  String(figures.count),
  round(figures.p50, 3).toString(),
  round(figures.p99, 3).toString(),
  round(figures.mean, 3).toString(),
];
report(
  'post-client',
  {
    header: ['series', 'samples', 'p50 ms', 'p99 ms', 'mean ms'],
    rows: [
      row(`locations.search({ zip: 8001 }), mock delay ${DELAY_MS} ms`, delayed.client),
      row(`bare fetch of the same Find URL, mock delay ${DELAY_MS} ms`, delayed.fetch),
      [
        'ratio (difference, µs)',
        '',
        `${round(ratioP50, 4)} (${round(delayedOverheadUs, 0)})`,
        '',
        '',
      ],
      row('locations.search({ zip: 8001 }), no delay', direct.client),
      row('bare fetch of the same Find URL, no delay', direct.fetch),
      ['client overhead per request (p50), µs', '', round(overheadUs, 1).toString(), '', ''],
    ],
  },
  {
    delayMs: DELAY_MS,
    delayedSamples: delayed.client.count,
    delayedSearchP50Ms: round(delayed.client.p50, 4),
    delayedSearchP99Ms: round(delayed.client.p99, 4),
    delayedFetchP50Ms: round(delayed.fetch.p50, 4),
    delayedFetchP99Ms: round(delayed.fetch.p99, 4),
    ratioP50: round(ratioP50, 4),
    delayedOverheadUsP50: round(delayedOverheadUs, 1),
    noDelaySamples: direct.client.count,
    noDelaySearchP50Ms: round(direct.client.p50, 4),
    noDelaySearchP99Ms: round(direct.client.p99, 4),
    noDelayFetchP50Ms: round(direct.fetch.p50, 4),
    noDelayFetchP99Ms: round(direct.fetch.p99, 4),
    overheadUsP50: round(overheadUs, 1),
  },
  [{ name: 'p50 ratio at the mock delay', value: round(ratioP50, 4), op: '<=', bound: 1.02 }],
);
