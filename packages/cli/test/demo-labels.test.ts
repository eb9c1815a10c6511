import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rasterisePdf, scanBarcodes } from '../../core/test/label-readers';
import { runDemo } from '../src/commands/demo';

/**
 * Every label `pickpost demo` leaves (Barcode web service labels from the mock Post server and
 * labels the SDK draws itself) is rasterised by a real PDF renderer, poppler's `pdftoppm`, and
 * read back as a scanner would: along rows and columns of pixels, with a Code 128 table of its
 * own. Nothing of the SDK's drawing code is involved in reading.
 */
const DPI = 600;

/** The 18-digit codes found on any scan line across the page. */
async function identcodesOn(pdf: string): Promise<Set<string>> {
  const found = scanBarcodes(rasterisePdf(await readFile(pdf), DPI), DPI / 25.4);
  return new Set(found.map((code) => code.digits).filter((digits) => digits.length === 18));
}

let out: string;
beforeAll(async () => {
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
      expect([...(await identcodesOn(join(out, label)))], label).toEqual([identcode]);
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
