import { createPostClient } from '@pickpost/core/post';
import { createMockPostServer } from '@pickpost/mock-post-server';
import { report, round, summarise } from './_harness';

/**
 * `locations.search()` against the mock Post server, beside a bare `fetch` of the very request
 * the client makes (the same `Find` URL, body read as JSON), interleaved one for one so both
 * see the same machine state. The location service is keyless (as places.post.ch is), so
 * "warm" here means the geocode cache and the connection pool are warm; there is no token on
 * this path.
 */
const WARMUP = 300;
const SAMPLES = 3_000;

const post = await createMockPostServer();
let findUrl: string | undefined;
const recordingFetch: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (findUrl === undefined && url.includes('/Find?')) findUrl = url;
  return fetch(input, init);
};
const client = createPostClient({ baseUrls: post.baseUrls, fetch: recordingFetch });
const query = { zip: '8001', limit: 10 } as const;

for (let index = 0; index < WARMUP; index += 1) await client.locations.search(query);
if (findUrl === undefined) throw new Error('the client made no Find request');
const bareUrl = findUrl;
for (let index = 0; index < WARMUP; index += 1) await (await fetch(bareUrl)).json();

const subject: number[] = [];
const baseline: number[] = [];
for (let index = 0; index < SAMPLES; index += 1) {
  let started = performance.now();
  await client.locations.search(query);
  subject.push(performance.now() - started);
  started = performance.now();
  await (await fetch(bareUrl)).json();
  baseline.push(performance.now() - started);
}
await post.close();

const s = summarise(subject);
const b = summarise(baseline);
const ratioP50 = s.p50 / b.p50;
const ratioP99 = s.p99 / b.p99;
report(
  'post-client',
  {
    header: ['series', 'samples', 'p50 ms', 'p99 ms', 'mean ms'],
    rows: [
      [
        'locations.search({ zip: 8001 }) (warm)',
        String(s.count),
        round(s.p50, 3).toString(),
        round(s.p99, 3).toString(),
        round(s.mean, 3).toString(),
      ],
      [
        'bare fetch of the same Find URL',
        String(b.count),
        round(b.p50, 3).toString(),
        round(b.p99, 3).toString(),
        round(b.mean, 3).toString(),
      ],
      ['ratio', '', round(ratioP50, 3).toString(), round(ratioP99, 3).toString(), ''],
    ],
  },
  {
    samples: SAMPLES,
    searchP50Ms: round(s.p50, 4),
    searchP99Ms: round(s.p99, 4),
    fetchP50Ms: round(b.p50, 4),
    fetchP99Ms: round(b.p99, 4),
    ratioP50: round(ratioP50, 4),
    ratioP99: round(ratioP99, 4),
  },
  [{ name: 'p50 ratio', value: round(ratioP50, 3), op: '<=', bound: 1.3 }],
);
