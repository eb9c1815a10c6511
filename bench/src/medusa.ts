// `pnpm bench medusa`: the PickPost provider in a real Medusa 2.21.2 application against Medusa's
// manual provider in the same run, on the same cart and the same kind of order, plus bulk labels
// for 1,000 fulfillments through the admin route. The measuring runs in the Medusa package's Jest
// set-up (Medusa's test runner needs Jest; embedded Postgres, the mock Post server over loopback),
// in its own process: packages/medusa/integration-tests/bench/medusa.bench.ts. This script starts
// it, reads its samples and prints the figures and targets.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report, round, summarise } from './_harness.ts';

interface Samples {
  pickpost: number[];
  manual: number[];
}
interface Measured {
  methods: Samples;
  fulfillments: Samples;
  bulk: {
    count: number;
    makeMs: number;
    bulkMs: number;
    pages: number;
    pdfBytes: number;
    rssBefore: number;
    rssPeak: number;
  };
  processPeakRssMb: number;
}

const medusaPackage = fileURLToPath(new URL('../../packages/medusa/', import.meta.url));
// pnpm's bin shim, as `pnpm run test:medusa` starts Jest: it sets NODE_PATH to the workspace's
// hidden hoisted folder, where Medusa's plugin resolver finds @medusajs/draft-order.
const jest = join(medusaPackage, 'node_modules', '.bin', 'jest');
const dir = mkdtempSync(join(tmpdir(), 'pickpost-bench-medusa-'));
const out = join(dir, 'samples.json');
const started = performance.now();
const run = spawnSync(
  jest,
  [
    '--config',
    'jest.config.cjs',
    '--runInBand',
    '--forceExit',
    '--testMatch',
    '**/integration-tests/bench/*.bench.ts',
  ],
  {
    cwd: medusaPackage,
    // Medusa loads providers with a dynamic import (see the package's test:medusa script).
    env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules', PICKPOST_BENCH_OUT: out },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  },
);
if (run.status !== 0) {
  console.error(run.stderr.split('\n').slice(-80).join('\n'));
  throw new Error(`the Medusa bench run failed (${run.status})`);
}
const measured = JSON.parse(readFileSync(out, 'utf8')) as Measured;
rmSync(dir, { recursive: true, force: true });

const side = (samples: Samples) => ({
  pickpost: summarise(samples.pickpost),
  manual: summarise(samples.manual),
});
const methods = side(measured.methods);
const fulfillments = side(measured.fulfillments);
const methodRatio = round(methods.pickpost.p50 / methods.manual.p50);
const fulfilRatio = round(fulfillments.pickpost.p50 / fulfillments.manual.p50);
const { bulk } = measured;
const labelsPerSecond = round(bulk.count / (bulk.bulkMs / 1000), 0);
const ms = (value: number) => round(value, 1).toString();
/** A table row of one PickPost-against-manual comparison. */
const pairRow = (what: string, pair: ReturnType<typeof side>, ratio: number) => [
  what,
  ms(pair.pickpost.p50),
  ms(pair.pickpost.p99),
  ms(pair.manual.p50),
  ms(pair.manual.p99),
  ratio.toString(),
  String(pair.pickpost.count),
];

report(
  'medusa',
  {
    header: ['what', 'PickPost p50 ms', 'p99 ms', 'manual p50 ms', 'p99 ms', 'ratio p50', 'n'],
    rows: [
      pairRow('add shipping method (store)', methods, methodRatio),
      pairRow('create fulfillment, variant 2 (admin)', fulfillments, fulfilRatio),
      [
        `bulk labels, ${bulk.count} fulfillments (admin route)`,
        `${ms(bulk.bulkMs)} total`,
        `${labelsPerSecond} labels/s`,
        `RSS ${round(bulk.rssBefore, 0)} → ${round(bulk.rssPeak, 0)} MB`,
        `${round(bulk.pdfBytes / 1024 / 1024, 1)} MB PDF`,
        '',
        String(bulk.count),
      ],
    ],
  },
  {
    addMethodPickPostP50Ms: round(methods.pickpost.p50),
    addMethodPickPostP99Ms: round(methods.pickpost.p99),
    addMethodManualP50Ms: round(methods.manual.p50),
    addMethodManualP99Ms: round(methods.manual.p99),
    addMethodRatioP50: methodRatio,
    fulfilPickPostP50Ms: round(fulfillments.pickpost.p50),
    fulfilPickPostP99Ms: round(fulfillments.pickpost.p99),
    fulfilManualP50Ms: round(fulfillments.manual.p50),
    fulfilManualP99Ms: round(fulfillments.manual.p99),
    fulfilRatioP50: fulfilRatio,
    bulkFulfillments: bulk.count,
    bulkPages: bulk.pages,
    bulkMs: round(bulk.bulkMs, 0),
    bulkLabelsPerSecond: labelsPerSecond,
    bulkPdfMb: round(bulk.pdfBytes / 1024 / 1024),
    bulkRssBeforeMb: round(bulk.rssBefore, 0),
    bulkRssPeakMb: round(bulk.rssPeak, 0),
    processPeakRssMb: round(measured.processPeakRssMb, 0),
    makeFulfillmentsMs: round(bulk.makeMs, 0),
    wallSeconds: round((performance.now() - started) / 1000, 0),
  },
  [
    {
      name: 'add shipping method p50 ratio (PickPost / manual)',
      value: methodRatio,
      op: '<=',
      bound: 1.25,
    },
    {
      name: 'create fulfillment p50 ratio (PickPost / manual)',
      value: fulfilRatio,
      op: '<=',
      bound: 1.5,
    },
  ],
);
