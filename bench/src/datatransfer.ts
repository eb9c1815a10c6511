// `pnpm bench datatransfer`: the streaming DataTransfer writer on files of 10,000, 100,000 and
// 1,000,000 shipments. Each size runs in its own child process (so the peak RSS belongs to that size
// alone), after a warm-up file, and writes distinct shipments generated on the fly: the
// figure is the writer's (XML formatting, escaping, hashing, fsync), not the generator's.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SenderSchema, validate } from '@pickpost/core';
import type { DataTransferItem } from '@pickpost/core/datatransfer';
import { writeShipmentDataFile, xmlShipmentDataFormat } from '@pickpost/core/datatransfer';
import {
  BENCH_SENDER,
  benchIdentcode,
  childSize,
  peakRssMb,
  report,
  round,
  runInChild,
} from './_harness.ts';

const SIZES = [10_000, 100_000, 1_000_000] as const;
const ROUNDS = 3;
const FIRST_NAMES = ['Hans', 'Anna', 'Luca', 'Sofia', 'Zoë', 'Jürg', 'Chloé'];
const LAST_NAMES = ['Muster', "D'Alessandro", 'Rossi & Co', 'Meier', 'Fässler', '"Nowak"'];
const sender = validate(SenderSchema, BENCH_SENDER, 'sender');

function* shipments(count: number): Generator<DataTransferItem> {
  for (let index = 0; index < count; index += 1) {
    yield {
      itemId: `order-${index}-0`,
      itemNumber: index,
      identcode: benchIdentcode(index),
      recipient: {
        firstName: FIRST_NAMES[index % FIRST_NAMES.length] ?? 'Hans',
        name1: LAST_NAMES[index % LAST_NAMES.length] ?? 'Muster',
        name2: `PickPost ${String(10_000_000 + index)}`,
        street: 'Bahnhofstrasse',
        houseNo: String((index % 120) + 1),
        zip: '5000',
        city: 'Aarau',
        country: 'CH',
        email: `kunde${index}@example.ch`,
      },
      przl: index % 3 === 0 ? ['PRI', 'SI'] : ['ECO'],
      weightGrams: 100 + (index % 20_000),
    };
  }
}

async function writeOnce(dir: string, name: string, count: number) {
  return writeShipmentDataFile({
    path: join(dir, name),
    format: xmlShipmentDataFormat,
    info: { frankingLicense: '60013217', fileName: name, createdAt: new Date(), sender },
    items: shipments(count),
  });
}

async function child(size: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pickpost-bench-dt-'));
  try {
    await writeOnce(dir, 'warmup.xml', 5_000);
    const started = performance.now();
    const file = await writeOnce(dir, 'measured.xml', size);
    const seconds = (performance.now() - started) / 1000;
    console.log(JSON.stringify({ size, seconds, bytes: file.size, rssMb: peakRssMb() }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type ChildResult = { size: number; seconds: number; bytes: number; rssMb: number };

/**
 * Each size in ROUNDS fresh processes, as the labels bench does, and the median of their times
 * and of their peak RSS: one process's figures swing by a fifth on this shared machine (time),
 * and by a third when a major GC comes late (RSS).
 */
function measured(size: number): ChildResult {
  const runs = Array.from({ length: ROUNDS }, () => runInChild<ChildResult>(import.meta.url, size));
  const median = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  return {
    size,
    seconds: median(runs.map((run) => run.seconds)),
    bytes: runs[0]?.bytes ?? 0,
    rssMb: median(runs.map((run) => run.rssMb)),
  };
}

function parent(): void {
  const results = SIZES.map(measured);
  const [small, large, huge] = results as [
    (typeof results)[number],
    (typeof results)[number],
    (typeof results)[number],
  ];
  const rate = (result: typeof small) => result.size / result.seconds;
  const rssRatio = large.rssMb / small.rssMb;
  const hugeRssRatio = huge.rssMb / large.rssMb;
  report(
    'datatransfer',
    {
      header: ['file', 'shipments/s', 'MB written', 'peak RSS MB'],
      rows: results.map((result) => [
        `${result.size.toLocaleString('en')} shipments`,
        String(Math.round(rate(result))),
        String(round(result.bytes / 1e6, 1)),
        String(round(result.rssMb, 1)),
      ]),
    },
    {
      rounds: ROUNDS,
      shipmentsPerSecond10k: Math.round(rate(small)),
      shipmentsPerSecond100k: Math.round(rate(large)),
      fileMb10k: round(small.bytes / 1e6, 2),
      fileMb100k: round(large.bytes / 1e6, 2),
      peakRssMb10k: round(small.rssMb, 1),
      peakRssMb100k: round(large.rssMb, 1),
      rssRatio: round(rssRatio, 3),
      shipmentsPerSecond1m: Math.round(rate(huge)),
      fileMb1m: round(huge.bytes / 1e6, 2),
      peakRssMb1m: round(huge.rssMb, 1),
      rssRatio1mTo100k: round(hugeRssRatio, 3),
    },
    [
      { name: 'shipments/s at 10,000', value: Math.round(rate(small)), op: '>=', bound: 50_000 },
      { name: 'shipments/s at 100,000', value: Math.round(rate(large)), op: '>=', bound: 300_000 },
      { name: 'RSS 100k / RSS 10k', value: round(rssRatio, 3), op: '<=', bound: 1.3 },
      { name: 'RSS 1,000,000 / RSS 100k', value: round(hugeRssRatio, 3), op: '<=', bound: 1.3 },
    ],
  );
}

const size = childSize();
if (size === undefined) parent();
else await child(size);
