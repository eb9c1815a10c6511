import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rect } from '../../core/test/label-readers';
import { decodeCode128, groupBars } from '../../core/test/label-readers';
import { runDemo } from '../src/commands/demo';

/**
 * Every label `pickpost demo` leaves (Barcode web service labels from the mock Post server and
 * labels the SDK draws itself) is rasterised by a real PDF renderer, poppler's `pdftoppm`, and
 * read back as a scanner would: along rows and columns of pixels, with a Code 128 table of its
 * own. Nothing of the SDK's drawing code is involved in reading.
 */
const DPI = 600;
const MM_PER_PIXEL = 25.4 / DPI;
const ACROSS = 50;

function requirePdftoppm(): void {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'pdftoppm is missing: install it with `apt-get install -y poppler-utils` (pnpm test does this on Debian)',
    );
  }
}

/** A grey-scale page as poppler renders it: one byte a pixel, rows top to bottom. */
function rasterise(pdf: string): { width: number; height: number; pixels: Buffer } {
  const pgm = execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-singlefile', pdf], {
    maxBuffer: 256 * 1024 * 1024,
  });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (header === null) throw new Error(`pdftoppm wrote no PGM for ${pdf}`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: pgm.subarray(header[0].length) };
}

/** Dark runs along one line of pixels as bars, in millimetres. */
function runs(
  page: { width: number; height: number; pixels: Buffer },
  line: number,
  vertical: boolean,
): Rect[] {
  const length = vertical ? page.height : page.width;
  const dark = (position: number) =>
    (page.pixels[vertical ? position * page.width + line : line * page.width + position] ?? 255) <
    128;
  const bars: Rect[] = [];
  let start = -1;
  for (let position = 0; position <= length; position += 1) {
    const isDark = position < length && dark(position);
    if (isDark && start === -1) start = position;
    if (!isDark && start !== -1) {
      const along = start * MM_PER_PIXEL;
      const size = (position - start) * MM_PER_PIXEL;
      // A scan line sees no bar height: each run counts as a bar `ACROSS` mm tall, more than
      // any bar is wide, so the reader takes it for a bar across the reading direction.
      bars.push(
        vertical
          ? { x: line * MM_PER_PIXEL, y: along, width: ACROSS, height: size }
          : { x: along, y: line * MM_PER_PIXEL, width: size, height: ACROSS },
      );
      start = -1;
    }
  }
  return bars;
}

/** The 18-digit codes found on any scan line across the page, every half millimetre. */
function identcodesOn(pdf: string): Set<string> {
  const page = rasterise(pdf);
  const found = new Set<string>();
  const step = Math.round(0.5 / MM_PER_PIXEL);
  for (const vertical of [false, true]) {
    const lines = vertical ? page.width : page.height;
    for (let line = 0; line < lines; line += step) {
      for (const group of groupBars(runs(page, line, vertical))) {
        if (group.length < 20) continue;
        try {
          const { digits } = decodeCode128(group);
          if (digits.length === 18) found.add(digits);
        } catch {
          // Text and other marks on the line are no symbol.
        }
      }
    }
  }
  return found;
}

let out: string;
beforeAll(async () => {
  requirePdftoppm();
  out = await mkdtemp(join(tmpdir(), 'pickpost-demo-labels-'));
  expect(await runDemo(() => undefined, out)).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the labels of pickpost demo, read by an independent reader', () => {
  it('each decodes to exactly its 18-digit identcode, whoever drew it', async () => {
    const labels = (await readdir(out, { recursive: true }))
      .map(String)
      .filter((file) => file.endsWith('.pdf'));
    expect(labels).toHaveLength(20);
    const byVariant = new Map<string, number>();
    for (const label of labels) {
      const identcode = basename(label, '.pdf');
      expect(identcode, label).toMatch(/^\d{18}$/);
      expect((await readFile(join(out, label))).subarray(0, 5).toString()).toBe('%PDF-');
      expect([...identcodesOn(join(out, label))], label).toEqual([identcode]);
      const variant = label.split(/[\\/]/)[0] ?? '';
      byVariant.set(variant, (byVariant.get(variant) ?? 0) + 1);
    }
    // Barcode web service labels (1, 4a) and self-generated ones (2, 3, 4b) alike.
    expect([...byVariant.keys()].sort()).toEqual([
      'variant-1',
      'variant-2',
      'variant-3',
      'variant-4a',
      'variant-4b',
    ]);
  }, 120_000);
});
