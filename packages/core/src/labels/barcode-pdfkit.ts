import { PrzlListSchema } from '../schemas/parcel';
import { validate } from '../schemas/validate';
import { barcodeDrawing } from './barcode';
import type { DrawItem } from './drawing';
import { glyphRun, textMatrix } from './fonts';
import { forEachBar } from './geometry';
import { MM_TO_PT } from './layouts';
import { glyphOutline } from './svg';

/**
 * The part of a pdfkit document {@link drawBarcode} uses, written out so that core's types do
 * not need pdfkit's: any pdfkit `PDFDocument` is one.
 */
export interface PdfkitDocument {
  /** Saves the graphics state, so the barcode's transform does not leak into the page. */
  save(): unknown;
  /** Restores the state `save` saved. */
  restore(): unknown;
  /** Multiplies the current transform by this matrix (PDF `cm`). */
  transform(a: number, b: number, c: number, d: number, e: number, f: number): unknown;
  /** Moves the origin, in points. */
  translate(x: number, y: number): unknown;
  /** Adds a rectangle (a bar) to the current path. */
  rect(x: number, y: number, width: number, height: number): unknown;
  /** Adds an SVG path (a glyph of the human-readable line) to the current path. */
  path(svgPath: string): {
    /** Fills the path just added. */
    fill(colour: string): unknown;
  };
  /** Fills the current path. */
  fill(colour: string): unknown;
}

/** Where {@link drawBarcode} puts the barcode on a pdfkit page. */
export interface DrawBarcodeOptions {
  /** Left edge of the barcode's quiet zone, in PDF points from the page's left edge. */
  x: number;
  /** Top edge of the barcode piece, in points from the page's top edge (pdfkit's origin). */
  y: number;
  /** The parcel's service codes, printed beside the identcode (as in `renderBarcode`). */
  services?: readonly string[];
}

function drawItems(doc: PdfkitDocument, items: readonly DrawItem[]): void {
  for (const item of items) {
    if (item.kind === 'barcode') {
      forEachBar(item, (x, y, width, height) => {
        doc.rect(x, y, width, height);
      });
      doc.fill('black');
      continue;
    }
    doc.save();
    doc.transform(...textMatrix(item));
    for (const glyph of glyphRun(item.text, item.weight)) {
      doc.save();
      doc.translate(glyph.x, glyph.y);
      doc.path(glyphOutline(item.weight, glyph.id).path).fill('black');
      doc.restore();
    }
    doc.restore();
  }
}

/**
 * Draws the identcode barcode into a document the shop writes with pdfkit (a delivery note,
 * an invoice), as vector shapes at Swiss Post's printed size: the same bars and
 * human-readable identcode as `renderBarcode`, the glyphs as outlines (no font to embed).
 * Returns the piece's size in points, to lay out what follows. For pdf-lib, embed the PDF of
 * `renderBarcode(…, { format: 'pdf' })` with `embedPdf` and draw it at its own size.
 *
 * @example
 * const doc = new PDFDocument({ size: 'A4' });
 * drawBarcode(doc, result.identcode, { x: 320, y: 60 });
 */
export function drawBarcode(
  doc: PdfkitDocument,
  identcode: string,
  options: DrawBarcodeOptions,
): { width: number; height: number } {
  const services =
    options.services === undefined
      ? undefined
      : validate(PrzlListSchema, options.services, 'services');
  const drawing = barcodeDrawing(identcode, services);
  doc.save();
  doc.transform(MM_TO_PT, 0, 0, MM_TO_PT, options.x, options.y);
  drawItems(doc, drawing.items);
  doc.restore();
  return { width: drawing.spec.page.width * MM_TO_PT, height: drawing.spec.page.height * MM_TO_PT };
}
