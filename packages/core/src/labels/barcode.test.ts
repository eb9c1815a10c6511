import bwipjs from 'bwip-js/node';
import { PDFDocument as PdfLibDocument } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { DecodedBarcode } from '../../test/label-readers';
import {
  rasterisePdf,
  rasterRects,
  readableBarcodes,
  readPdf,
  readPng,
  readSvg,
  scanBarcodes,
} from '../../test/label-readers';
import { renderBarcode } from './barcode';
import { drawBarcode } from './barcode-pdfkit';

const IDENTCODE = '996001321700005959';
const MM_TO_PT = 72 / 25.4;

/** Swiss Post's printed size of the identcode barcode [V HB §3.1.4]. */
function expectIdentcodeInSpec(found: readonly DecodedBarcode[]): DecodedBarcode {
  const identcodes = found.filter((barcode) => barcode.digits.length === 18);
  expect(identcodes.map((barcode) => barcode.digits)).toEqual([IDENTCODE]);
  const [barcode] = identcodes as [DecodedBarcode];
  expect(barcode.length).toBeGreaterThanOrEqual(68.0);
  expect(barcode.length).toBeLessThanOrEqual(69.0);
  expect(barcode.height).toBeGreaterThanOrEqual(22.8);
  expect(barcode.height).toBeLessThanOrEqual(23.2);
  expect(barcode.direction).toBe('left-to-right');
  return barcode;
}

/** Collects a pdfkit document's bytes. */
function pdfkitBytes(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  draw(doc);
  doc.end();
  return done;
}

describe('renderBarcode: the identcode barcode alone, read back by independent readers', () => {
  it('as SVG: the bars at Swiss Post size, with quiet zones, the identcode under them', () => {
    const barcode = renderBarcode(IDENTCODE, { format: 'svg' });
    expect(barcode).toMatchObject({
      mediaType: 'image/svg+xml',
      fileName: `${IDENTCODE}-barcode.svg`,
    });
    const svg = readSvg(Buffer.from(barcode.data).toString());
    expect(svg.width).toBe(`${barcode.width}mm`);
    const found = expectIdentcodeInSpec(readableBarcodes(svg.rects));
    expect(found.start).toBeGreaterThanOrEqual(8);
    expect(barcode.width - found.end).toBeGreaterThanOrEqual(8);
    expect(svg.texts).toEqual(['99.60.013217.00005959']);
  });

  it.each([254, 300, 600, 1200])('as PNG at %i pixels per inch, true size recorded', (dpi) => {
    const barcode = renderBarcode(IDENTCODE, { format: 'png', resolution: dpi });
    const { raster, dpi: recorded } = readPng(barcode.data);
    expect(recorded).toBeCloseTo(dpi, 0);
    expect((raster.width / dpi) * 25.4).toBeCloseTo(barcode.width, 0);
    const found = expectIdentcodeInSpec(readableBarcodes(rasterRects(raster, dpi / 25.4)));
    // Each bar edge within a pixel of its place: every element within 0.2 module of whole.
    expect(found.worstElementError).toBeLessThanOrEqual(0.25);
    // The human-readable identcode is drawn: ink under the bars.
    const below = raster.dots.subarray(
      Math.ceil(((found.across + 25) * dpi) / 25.4) * raster.width,
    );
    expect(below.some((dot) => dot === 1)).toBe(true);
  });

  it('as PDF: a page exactly the size of the barcode, rendered by poppler', () => {
    const barcode = renderBarcode(IDENTCODE, { format: 'pdf' });
    const [page] = readPdf(barcode.data).pages;
    expect(page?.width).toBeCloseTo(barcode.width, 1);
    expect(page?.height).toBeCloseTo(barcode.height, 1);
    expectIdentcodeInSpec(scanBarcodes(rasterisePdf(barcode.data, 600), 600 / 25.4));
  });

  it('with the service codes beside it, each with its own barcode, as on the label', () => {
    const barcode = renderBarcode(IDENTCODE, {
      format: 'png',
      resolution: 600,
      services: ['PRI', 'SI'],
    });
    const found = readableBarcodes(rasterRects(readPng(barcode.data).raster, 600 / 25.4));
    expectIdentcodeInSpec(found);
    const services = found.filter((code) => code.digits.length === 4);
    // PRI is 0509 and SI 0307 on Swiss Post's labels [V DEV §6.3].
    expect(services.map((code) => code.digits).sort()).toEqual(['0307', '0509']);
    for (const code of services) expect(code.direction).toBe('bottom-to-top');
  });

  it('refuses what it cannot draw to prescription, naming the option', () => {
    expect(() => renderBarcode(IDENTCODE, { format: 'png', resolution: 200 })).toThrow(
      expect.objectContaining({ name: 'LabelRenderError', field: 'resolution' }),
    );
    expect(() => renderBarcode('99600132170000595')).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'identcode' })] }),
    );
    expect(() => renderBarcode(IDENTCODE, { services: ['PRI', 'XX!'] })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'services[1]' })] }),
    );
    expect(() => renderBarcode(IDENTCODE, { format: 'gif' as 'svg' })).toThrow(/format/);
  });

  it('does what bwip-js cannot: bwip-js drops a fractional module scale, so at 305 dpi its best is 67 mm', async () => {
    // bwip-js takes whole pixels per module (scaleX 6.04 draws as 6): at a printer's 12 dots/mm
    // that is 134 × 6 / 12 = 67.0 mm, outside 68–69 mm. Hence our own raster with each edge
    // rounded to its pixel.
    const widthAt = async (scaleX: number) =>
      (
        await bwipjs.toBuffer({ bcid: 'code128', text: IDENTCODE, scaleX, scaleY: 1, height: 10 })
      ).readUInt32BE(16);
    expect(await widthAt(6.04)).toBe(await widthAt(6));
    expect((await widthAt(6)) / 12).toBeLessThan(68);
    const ours = renderBarcode(IDENTCODE, { format: 'png', resolution: 305 });
    expectIdentcodeInSpec(readableBarcodes(rasterRects(readPng(ours.data).raster, 305 / 25.4)));
  });
});

describe('the barcode on a shop document', () => {
  it('drawn by pdfkit onto an A4 delivery note, where it was put, at true size', async () => {
    const [x, y] = [110 * MM_TO_PT, 40 * MM_TO_PT];
    let size = { width: 0, height: 0 };
    const pdf = await pdfkitBytes((doc) => {
      doc.fontSize(14).text('Delivery note 2001', 20 * MM_TO_PT, 20 * MM_TO_PT);
      doc.fontSize(10).text('1 × bicycle bell, 1 × pump', 20 * MM_TO_PT, 90 * MM_TO_PT);
      size = drawBarcode(doc, IDENTCODE, { x, y });
    });
    expect(size.width).toBeCloseTo(renderBarcode(IDENTCODE).width * MM_TO_PT, 3);
    const found = expectIdentcodeInSpec(scanBarcodes(rasterisePdf(pdf, 600), 600 / 25.4));
    expect(found.start).toBeCloseTo(110 + 8.1, 0);
    expect(found.across).toBeCloseTo(40 + 2, 0);
  });

  it('embedded from its PDF by pdf-lib at its own size', async () => {
    const piece = renderBarcode(IDENTCODE, { format: 'pdf', services: ['ECO'] });
    const doc = await PdfLibDocument.create();
    const page = doc.addPage([210 * MM_TO_PT, 297 * MM_TO_PT]);
    const [embedded] = await doc.embedPdf(piece.data);
    if (embedded === undefined) throw new Error('no page embedded');
    page.drawPage(embedded, { x: 20 * MM_TO_PT, y: 200 * MM_TO_PT });
    const found = expectIdentcodeInSpec(
      scanBarcodes(rasterisePdf(await doc.save(), 600), 600 / 25.4),
    );
    expect(found.start).toBeCloseTo(20 + 8.1, 0);
  });
});
