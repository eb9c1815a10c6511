// `pnpm bench datatransfer`: the streaming DataTransfer writer on files of 10,000 and 100,000
// shipments. Each size runs in its own child process (so the peak RSS belongs to that size
// alone), after a warm-up file, and writes distinct shipments generated on the fly: the
// figure is the writer's (XML formatting, escaping, hashing, fsync), not the generator's.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataTransferItem } from '@pickpost/core';
import {
  SenderSchema,
  validate,
  writeShipmentDataFile,
  xmlShipmentDataFormat,
} from '@pickpost/core';
import { peakRssMb, report, round } from './_harness.ts';

const SIZES = [10_000, 100_000] as const;
const FIRST_NAMES = ['Hans', 'Anna', 'Luca', 'Sofia', 'Zoë', 'Jürg', 'Chloé'];
const LAST_NAMES = ['Muster', "D'Alessandro", 'Rossi & Co', 'Meier', 'Fässler', '"Nowak"'];
const sender = validate(
  SenderSchema,
  { name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern' },
  'sender',
);

function* shipments(count: number): Generator<DataTransferItem> {
  for (let index = 0; index < count; index += 1) {
    yield {
      itemId: `order-${index}-0`,
      itemNumber: index,
      identcode: `9960013217${String(index).padStart(8, '0')}`,
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

function parent(): void {
  const results = SIZES.map((size) => {
    const run = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--child', String(size)],
      { encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`child for ${size} failed: ${run.stderr}`);
    const line = run.stdout.trim().split('\n').at(-1) ?? '{}';
    return JSON.parse(line) as { size: number; seconds: number; bytes: number; rssMb: number };
  });
  const [small, large] = results as [(typeof results)[number], (typeof results)[number]];
  const rate = (result: typeof small) => result.size / result.seconds;
  const rssRatio = large.rssMb / small.rssMb;
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
      shipmentsPerSecond10k: Math.round(rate(small)),
      shipmentsPerSecond100k: Math.round(rate(large)),
      fileMb10k: round(small.bytes / 1e6, 2),
      fileMb100k: round(large.bytes / 1e6, 2),
      peakRssMb10k: round(small.rssMb, 1),
      peakRssMb100k: round(large.rssMb, 1),
      rssRatio: round(rssRatio, 3),
    },
    [
      { name: 'shipments/s at 10,000', value: Math.round(rate(small)), op: '>=', bound: 50_000 },
      { name: 'shipments/s at 100,000', value: Math.round(rate(large)), op: '>=', bound: 50_000 },
      { name: 'RSS 100k / RSS 10k', value: round(rssRatio, 3), op: '<=', bound: 1.3 },
    ],
  );
}

const childIndex = process.argv.indexOf('--child');
if (childIndex === -1) parent();
else await child(Number(process.argv[childIndex + 1]));
