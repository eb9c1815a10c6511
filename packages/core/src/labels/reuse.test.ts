/**
 * What labels share is drawn once and reused (the fixed part, Code 128 characters, parsed
 * options, the application line): these tests change what was shared, in place and between
 * labels, and check that every label still shows its own.
 */
import { describe, expect, it } from 'vitest';
import { HANS_MUSTER } from '../../test/fixtures';
import { IDENTCODE, LABEL_SENDER, parcelLabel as parcel } from '../../test/label-fixtures';
import {
  decodeAll,
  PRINTER_DOTS_PER_MM,
  rasteriseZpl,
  rasterRects,
  readPdf,
  readSvg,
} from '../../test/label-readers';
import { renderLabel } from './render';
import type { LabelInput, RenderLabelOptions, ShipmentLabelInput } from './types';

async function pdfTexts(input: LabelInput, options: RenderLabelOptions = {}) {
  const page = readPdf((await renderLabel(input, { ...options, compress: false })).data).pages[0];
  return { texts: page?.texts.map((text) => text.text) ?? [], page };
}

const decoded = (rects: Parameters<typeof decodeAll>[0]) =>
  decodeAll(rects)
    .map((code) => code.digits)
    .sort();

function shipment(identcode = IDENTCODE): ShipmentLabelInput {
  const input = parcel({}, identcode);
  if (input.type !== 'shipment') throw new Error('unreachable');
  return input;
}

describe('labels drawn from what earlier labels shared', () => {
  it('show a sender that was changed in place between two labels', async () => {
    const sender = { ...LABEL_SENDER };
    const input = { ...shipment(), sender };
    expect((await pdfTexts(input)).texts).toContain('Velo Shop AG');
    sender.name1 = 'Velo Werkstatt GmbH';
    for (const format of ['pdf', 'zpl', 'svg'] as const) {
      const label = await renderLabel(input, { format, compress: false });
      const body = new TextDecoder().decode(label.data);
      const texts =
        format === 'pdf'
          ? (readPdf(label.data).pages[0]?.texts.map((text) => text.text) ?? [])
          : format === 'svg'
            ? readSvg(body).texts
            : [...body.matchAll(/\^FD([^^]*)\^FS/g)].map((match) => match[1]);
      expect(texts).toContain('Velo Werkstatt GmbH');
      expect(texts).not.toContain('Velo Shop AG');
    }
  });

  it('show service codes whose array was changed in place between two labels', async () => {
    const input = shipment();
    const przl = input.shipment.parcel.przl;
    const first = await pdfTexts(input);
    expect(decoded(first.page?.rects ?? [])).toEqual(['0509', IDENTCODE]);
    przl.splice(0, przl.length, 'PRI', 'SI');
    const second = await pdfTexts(input);
    expect(second.texts).toEqual(expect.arrayContaining(['PRI', 'SI']));
    expect(decoded(second.page?.rects ?? [])).toEqual(['0307', '0509', IDENTCODE]);
  });

  it('follow an options object that was changed in place between two labels', async () => {
    const options: RenderLabelOptions = { layout: 'A6', compress: false };
    const a6 = readPdf((await renderLabel(parcel(), options)).data).pages[0];
    options.layout = 'A7';
    const a7 = readPdf((await renderLabel(parcel(), options)).data).pages[0];
    expect(a6?.width).toBeCloseTo(148, 1);
    expect(a7?.width).toBeCloseTo(105, 1);
  });

  it('each carry their own identcode, label after label, in PDF and ZPL', async () => {
    const identcodes = Array.from(
      { length: 12 },
      (_, index) => `9960013217${String(37_000_017 * (index + 1)).slice(-8)}`,
    );
    for (const identcode of identcodes) {
      const input = shipment(identcode);
      const { page, texts } = await pdfTexts(input);
      expect(decoded(page?.rects ?? [])).toEqual(['0509', identcode].sort());
      expect(texts).toContain(
        `${identcode.slice(0, 2)}.${identcode.slice(2, 4)}.${identcode.slice(4, 10)}.${identcode.slice(10)}`,
      );
      const zpl = await renderLabel(input, { format: 'zpl', resolution: 600 });
      const raster = rasteriseZpl(new TextDecoder().decode(zpl.data));
      expect(decoded(rasterRects(raster, PRINTER_DOTS_PER_MM[600]))).toEqual(
        ['0509', identcode].sort(),
      );
    }
  });

  it('keep the sender and the recipient apart when only the recipient changes', async () => {
    for (const name1 of ['Keller', 'Đoković-Łukasiewicz', 'Nguyễn']) {
      const input = parcel({ recipient: { ...HANS_MUSTER, name1 } });
      const { texts } = await pdfTexts(input);
      expect(texts).toEqual(
        expect.arrayContaining(['Velo Shop AG', 'Wankdorfallee 4', `Hans ${name1}`]),
      );
    }
  });

  it('print the Swiss date of each label, also across midnight in Zurich', async () => {
    const appLine = async (printedAt: Date) =>
      (await pdfTexts(parcel(), { printedAt })).texts.find((text) =>
        text.startsWith('PickPost SDK'),
      );
    // 23:59:30 and 00:00:30 in Zurich (UTC+1 in December).
    expect(await appLine(new Date('2026-12-02T22:59:30Z'))).toMatch(/ \/ 2026-12-02$/);
    expect(await appLine(new Date('2026-12-02T23:00:30Z'))).toMatch(/ \/ 2026-12-03$/);
    expect(await appLine(new Date('2026-12-02T22:59:59Z'))).toMatch(/ \/ 2026-12-02$/);
  });
});
