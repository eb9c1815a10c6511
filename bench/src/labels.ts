// `pnpm bench labels`: local label rendering against the naive baseline.
//
// Baseline: bwip-js `toSVG` once per label (only the identcode barcode, as an SVG string).
// Subject: `renderLabels` streaming whole A6 labels (sender, PickPost address, service codes and
// their barcodes, identcode barcode and text) into one merged PDF.
// Each subject size runs in its own child process, so the peak RSS figure belongs to that size
// alone; every process warms up before it is timed.
import type { LabelInput, Sender, Shipment } from '@pickpost/core';
import { renderLabels, SenderSchema, ShipmentSchema, validate } from '@pickpost/core';
import bwipjs from 'bwip-js/node';
import {
  BENCH_SENDER,
  benchIdentcode,
  childSize,
  peakRssMb,
  report,
  round,
  runInChild,
} from './_harness.ts';

const SIZES = [1_000, 10_000] as const;
const BASELINE_LABELS = 1_000;
const WARM_UP = 1_000;
const ROUNDS = 3;

const FIRST_NAMES = ['Hans', 'Anna', 'Luca', 'Sofia', 'Novak', 'Zoé', 'Jürg', 'Łucja'];
const LAST_NAMES = ['Muster', 'Keller', 'Rossi', 'Đoković', 'Meier', 'Fässler', 'Nowak'];

const sender: Sender = validate(SenderSchema, BENCH_SENDER, 'sender');
const template: Shipment = validate(
  ShipmentSchema,
  {
    orderRef: '1',
    recipient: {
      name1: 'Muster',
      street: 'Bellerivestrasse',
      houseNo: '5',
      zip: '8008',
      city: 'Zürich',
    },
    pickupPoint: {
      id: '5000-01',
      kind: 'pickpost',
      name: 'PickPost Aarau Bahnhof',
      street: 'Bahnhofstrasse',
      houseNo: '67',
      zip: '5000',
      city: 'Aarau',
      lat: 47.39,
      lng: 8.05,
    },
    pickpostId: '12345678',
    parcel: { weightGrams: 1200, przl: ['PRI', 'SI'] },
  },
  'shipment',
);

/** Distinct labels: every one has its own identcode, customer and PickPost ID. */
function* inputs(count: number, offset = 0): Generator<LabelInput> {
  for (let index = offset; index < offset + count; index += 1) {
    const shipment: Shipment = {
      ...template,
      orderRef: String(index),
      recipient: {
        ...template.recipient,
        firstName: FIRST_NAMES[index % FIRST_NAMES.length],
        name1: `${LAST_NAMES[index % LAST_NAMES.length]}-${index}`,
      },
      pickpostId: String(10_000_000 + index),
    };
    yield { type: 'shipment', shipment, identcode: benchIdentcode(index), sender };
  }
}

async function renderPdf(count: number, offset: number): Promise<number> {
  let bytes = 0;
  for await (const chunk of renderLabels(inputs(count, offset), { layout: 'A6', format: 'pdf' })) {
    bytes += (chunk as Uint8Array).byteLength;
  }
  return bytes;
}

/** Labels per second of `task`, which renders `count` labels. */
async function rate(count: number, task: () => unknown): Promise<number> {
  const started = performance.now();
  await task();
  return count / ((performance.now() - started) / 1000);
}

function baselineRound(): void {
  for (let index = 0; index < BASELINE_LABELS; index += 1) {
    bwipjs.toSVG({ bcid: 'code128', text: benchIdentcode(index) });
  }
}

interface ChildResult {
  count: number;
  baselineLabelsPerSecond: number;
  labelsPerSecond: number;
  peakRssMb: number;
  pdfMb: number;
}

/**
 * One size in its own process: warm-up, then baseline and subject in turns, best of ROUNDS each.
 * The machine may be shared; interleaving and best-of keep a burst of foreign load from
 * deciding the ratio.
 */
async function child(count: number): Promise<void> {
  baselineRound();
  await renderPdf(WARM_UP, 90_000_000);
  let baseline = 0;
  let subject = 0;
  let bytes = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    baseline = Math.max(baseline, await rate(BASELINE_LABELS, baselineRound));
    subject = Math.max(
      subject,
      await rate(count, async () => {
        bytes = await renderPdf(count, 0);
      }),
    );
  }
  const result: ChildResult = {
    count,
    baselineLabelsPerSecond: baseline,
    labelsPerSecond: subject,
    peakRssMb: peakRssMb(),
    pdfMb: bytes / 1024 / 1024,
  };
  console.log(JSON.stringify(result));
}

async function main(): Promise<void> {
  const size = childSize();
  if (size !== undefined) {
    await child(size);
    return;
  }
  const [small, large] = SIZES.map((count) => runInChild<ChildResult>(import.meta.url, count)) as [
    ChildResult,
    ChildResult,
  ];
  const ratioOf = (run: ChildResult) => run.labelsPerSecond / run.baselineLabelsPerSecond;
  const rssGrowth = large.peakRssMb / small.peakRssMb;
  const fmt = (value: number) => String(round(value, 1));
  const rows = [small, large].flatMap((run) => [
    [
      `bwip-js toSVG per label (baseline, ${run.count} process)`,
      String(BASELINE_LABELS),
      fmt(run.baselineLabelsPerSecond),
      '1',
      '',
      '',
    ],
    [
      'renderLabels → one A6 PDF',
      String(run.count),
      fmt(run.labelsPerSecond),
      String(round(ratioOf(run), 2)),
      fmt(run.peakRssMb),
      fmt(run.pdfMb),
    ],
  ]);
  report(
    'labels',
    { header: ['what', 'labels', 'labels/s', 'vs baseline', 'peak RSS MB', 'PDF MB'], rows },
    {
      baselineLabelsPerSecond1k: round(small.baselineLabelsPerSecond, 1),
      baselineLabelsPerSecond10k: round(large.baselineLabelsPerSecond, 1),
      pdfLabelsPerSecond1k: round(small.labelsPerSecond, 1),
      pdfLabelsPerSecond10k: round(large.labelsPerSecond, 1),
      ratio1k: round(ratioOf(small), 2),
      ratio10k: round(ratioOf(large), 2),
      peakRssMb1k: round(small.peakRssMb, 1),
      peakRssMb10k: round(large.peakRssMb, 1),
      rssGrowth10kOver1k: round(rssGrowth, 2),
      pdfMb1k: round(small.pdfMb, 2),
      pdfMb10k: round(large.pdfMb, 2),
      rounds: ROUNDS,
    },
    [
      // The lower of the two ratios, so neither size can carry the other.
      {
        name: 'renderLabels vs toSVG',
        value: round(Math.min(ratioOf(small), ratioOf(large)), 2),
        op: '>=',
        bound: 2.5,
      },
      { name: 'RSS 10k / RSS 1k', value: round(rssGrowth, 2), op: '<=', bound: 1.5 },
    ],
  );
}

await main();
