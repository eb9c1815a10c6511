import { describe, expect, it } from 'vitest';
import { HANS_MUSTER } from '../../test/fixtures';
import { IDENTCODE, parcelLabel as parcel } from '../../test/label-fixtures';
import {
  burntDots,
  decodeAll,
  PRINTER_DOTS_PER_MM,
  rasteriseZpl,
  rasterRects,
} from '../../test/label-readers';
import type { PickPostValidationError } from '../errors/index';
import { isPickPostValidationError } from '../errors/index';
import type { LabelRenderError } from './label-render-error';
import { isLabelRenderError } from './label-render-error';
import { renderLabel, renderLabels } from './render';
import type { LabelInput } from './types';

async function zpl(input: LabelInput, options: Parameters<typeof renderLabel>[1]): Promise<string> {
  const label = await renderLabel(input, { ...options, format: 'zpl' });
  expect(label.mediaType).toBe('application/zpl');
  expect(label.fileName).toBe('996001321700005959.zpl');
  return new TextDecoder().decode(label.data);
}

/** The label on the printer: its short side across the printhead (mm). */
const FRAMES = { A5: [148, 210], A6: [105, 148], A7: [74, 105] } as const;

describe('ZPL, rasterised at the printer’s real dots per mm', () => {
  describe.each([300, 600] as const)('a "%d dpi" printer', (resolution) => {
    const perMm = PRINTER_DOTS_PER_MM[resolution];

    it.each(['A5', 'A6', 'A7'] as const)(
      '%s: identcode bars 68–69 × 22.8–23.2 mm that decode to the 18 digits, quiet zones clear',
      async (layout) => {
        const przl = layout === 'A7' ? ['PRI'] : ['PRI', 'SI', 'ZAW3211'];
        const code = await zpl(parcel({ parcel: { weightGrams: 900, przl } }), {
          layout,
          resolution,
        });
        const raster = rasteriseZpl(code);
        const [width, length] = FRAMES[layout];
        expect([raster.width, raster.length]).toEqual([width * perMm, length * perMm]);
        const codes = decodeAll(rasterRects(raster, perMm));
        const identcode = codes.find((symbol) => symbol.digits.length === 18);
        if (identcode === undefined) throw new Error('no identcode in the raster');
        expect(identcode.digits).toBe(IDENTCODE);
        expect(identcode.length).toBeGreaterThanOrEqual(68.0);
        expect(identcode.length).toBeLessThanOrEqual(69.0);
        expect(identcode.height).toBeGreaterThanOrEqual(22.8);
        expect(identcode.height).toBeLessThanOrEqual(23.2);
        // The label is turned onto the printer: left to right on the label, down the feed.
        expect(identcode.direction).toBe('top-to-bottom');
        // No bar or space is more than one printer dot off its whole number of modules.
        expect(identcode.worstElementError).toBeLessThanOrEqual(1 / (identcode.module * perMm));
        const quiet = (start: number) => ({
          x: identcode.across,
          y: start,
          width: identcode.height,
          height: 8,
        });
        expect(burntDots(raster, perMm, quiet(identcode.start - 8))).toBe(0);
        expect(burntDots(raster, perMm, quiet(identcode.end))).toBe(0);
        expect(identcode.start).toBeGreaterThanOrEqual(8);

        const services = codes.filter((symbol) => symbol.digits.length === 4);
        expect(services.map((symbol) => symbol.digits).sort()).toEqual(
          layout === 'A7' ? ['0509'] : ['0307', '0509', '3211'],
        );
        for (const service of services) {
          expect(Math.abs(service.module - 0.508)).toBeLessThanOrEqual(1 / perMm / 57);
          expect(Math.abs(service.height - 10)).toBeLessThanOrEqual(1 / perMm);
          expect(service.worstElementError).toBeLessThanOrEqual(1 / (service.module * perMm));
        }
        // Every text field starts on the label.
        for (const text of raster.texts) {
          expect(text.x).toBeGreaterThanOrEqual(0);
          expect(text.x).toBeLessThanOrEqual(raster.width);
          expect(text.y).toBeLessThanOrEqual(raster.length);
        }
      },
    );
  });

  it('computes sizes in 12 dots/mm for "300 dpi" and 24 for "600 dpi"', async () => {
    const at300 = (await zpl(parcel(), { layout: 'A6', resolution: 300 })).split('\n');
    expect(at300.slice(0, 5)).toEqual(['^XA', '^CI28', '^PW1260', '^LL1776', '^LH0,0']);
    expect(at300.at(-2)).toBe('^XZ');
    const at600 = await zpl(parcel(), { layout: 'A6', resolution: 600 });
    expect(at600).toContain('^PW2520\n^LL3552\n');
    // The identcode's first bar, 2 modules of 68.5/134 mm from 8.1 mm down the feed, and
    // 105 − 24 − 23 = 58 mm from the frame's left edge: each edge rounded to its own dot.
    const first = (code: string) =>
      code.split('\n')[code.split('\n').indexOf(`^FX identcode ${IDENTCODE}`) + 1];
    // 8.1 × 12 = 97.2 → 97 and 9.122 × 12 = 109.47 → 109; 58 × 12 = 696, 23 × 12 = 276.
    expect(first(at300.join('\n'))).toBe('^FO696,97^GB276,12,12^FS');
    // 8.1 × 24 = 194.4 → 194 and 9.122 × 24 = 218.9 → 219.
    expect(first(at600)).toBe('^FO1392,194^GB552,25,25^FS');
  });

  it('refuses "200 dpi" (8 dots/mm): no rounding gives 68–69 mm with a reader’s margin', async () => {
    const error = await renderLabel(parcel(), { format: 'zpl', resolution: 200 }).catch(
      (e: unknown) => e,
    );
    expect(isLabelRenderError(error)).toBe(true);
    expect((error as LabelRenderError).field).toBe('resolution');
    expect((error as LabelRenderError).reason).toBe('unsupported_resolution');
    expect((error as LabelRenderError).code).toBe('LABEL_RENDER_FAILED');
    expect((error as Error).message).toMatch(
      /8 dots\/mm.*67\.00 mm \(4 dots\).*83\.75 mm \(5 dots\)/,
    );
    // The merged stream refuses before it reads any input.
    expect(() => renderLabels([], { format: 'zpl', resolution: 200 })).toThrow(/resolution/);
  });

  it('turns every field with the label: upright text prints R, turned text N', async () => {
    const code = await zpl(parcel(), { layout: 'A6', resolution: 300 });
    const fields = (letter: string) =>
      [...code.matchAll(new RegExp(`\\^A@${letter},[^^]*\\^FD([^^]*)\\^FS`, 'g'))].map(
        (match) => match[1],
      );
    expect(fields('N')).toEqual(['PRI', 'Velo Shop AG', 'Wankdorfallee 4', '3030 Bern']);
    expect(fields('R')).toEqual(
      expect.arrayContaining(['99.60.013217.00005959', 'Hans Muster', 'PickPost 12345678']),
    );
    expect(code).not.toMatch(/\^A@[IB]|\^BC/);
  });

  it('sends text as UTF-8 with the resident Swiss 721 font and escapes ^ and ~', async () => {
    const code = await zpl(
      parcel({ recipient: { ...HANS_MUSTER, firstName: 'Đorđe^', name1: 'Łuka~ć' } }),
      { layout: 'A6', resolution: 300 },
    );
    // 11 pt at 12 dots/mm is 47 dots.
    expect(code).toMatch(/\^A@R,47,\d+,E:TT0003M_\.TTF\^FH\\\^FDĐorđe\\5E Łuka\\7Eć\^FS/);
  });

  it('refuses letters the resident font lacks, naming the field', async () => {
    const error = await renderLabel(parcel({ recipient: { ...HANS_MUSTER, name1: 'Nguyễn' } }), {
      format: 'zpl',
      resolution: 300,
    }).catch((e: unknown) => e);
    expect(isPickPostValidationError(error)).toBe(true);
    expect((error as PickPostValidationError).issues).toEqual([
      expect.objectContaining({ path: 'shipment.recipient.name1', code: 'unprintable_in_zpl' }),
    ]);
    // The same text is fine where the font is embedded.
    await expect(
      renderLabel(parcel({ recipient: { ...HANS_MUSTER, name1: 'Nguyễn' } })),
    ).resolves.toBeDefined();
  });

  it('merges labels one format after the other', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of renderLabels([parcel(), parcel()], { format: 'zpl' }))
      chunks.push(chunk as Buffer);
    const code = Buffer.concat(chunks).toString('utf8');
    expect(code.match(/\^XA/g)).toHaveLength(2);
    expect(code.match(/\^XZ/g)).toHaveLength(2);
  });
});

describe('the test ZPL interpreter', () => {
  it('draws ^BC Code 128 in Start C as a printer does, in each orientation', () => {
    for (const orientation of ['N', 'R', 'I', 'B']) {
      const raster = rasteriseZpl(
        `^XA^PW400^LL400^FO20,30^BY3^BC${orientation},50,N,N,N,N^FD>;0509^FS^XZ`,
      );
      // Read as a 10 dots/mm printer: 57 modules of 3 dots, 50 dots high.
      const [symbol] = decodeAll(rasterRects(raster, 10));
      expect(symbol?.digits).toBe('0509');
      expect(symbol?.length).toBeCloseTo(17.1, 9);
      expect(symbol?.height).toBeCloseTo(5, 9);
      expect(symbol?.module).toBeCloseTo(0.3, 9);
      expect(symbol?.start).toBeCloseTo(orientation === 'N' || orientation === 'I' ? 2 : 3, 9);
      expect(symbol?.direction).toBe(
        { N: 'left-to-right', R: 'top-to-bottom', I: 'right-to-left', B: 'bottom-to-top' }[
          orientation
        ],
      );
    }
  });

  it('fills ^GB boxes whose border is as thick as half their width, and outlines others', () => {
    const raster = rasteriseZpl('^XA^PW100^LL100^FO10,10^GB5,40,5^FS^FO30,10^GB20,20,2^FS^XZ');
    expect(burntDots(raster, 1, { x: 10, y: 10, width: 5, height: 40 })).toBe(200);
    // The outlined box: its four 2-dot borders, not its inside.
    expect(burntDots(raster, 1, { x: 30, y: 10, width: 20, height: 20 })).toBe(400 - 16 * 16);
  });
});
