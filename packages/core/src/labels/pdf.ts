import PDFDocument from 'pdfkit';
import type { LabelOptions } from '../schemas/label-options';
import { barRuns } from './code128';
import type { BarcodeItem, LabelDrawing, TextItem } from './compose';
import type { FontWeight } from './fonts';
import { labelFont } from './fonts';
import { A4_SHEET, a4SlotOrigin, MM_TO_PT, PT_TO_MM } from './layouts';

const FONT_NAMES: Record<FontWeight, string> = {
  regular: 'PickPostLabel',
  bold: 'PickPostLabel-Bold',
};

type Doc = InstanceType<typeof PDFDocument>;

/** Options of one PDF document of labels. */
export interface PdfWriterOptions {
  readonly sheet: LabelOptions['sheet'];
  readonly startPosition: number;
  readonly compress: boolean;
}

/**
 * Writes labels into one PDF, page by page. The document is a pdfkit `Readable` read in paused
 * mode: the caller takes the bytes of each finished page with {@link PdfLabelWriter.take}, so a
 * merged PDF of any length is produced with the memory of a page or two. The fonts are
 * registered once per document; pdfkit embeds one subset of each at the end.
 */
export class PdfLabelWriter {
  private readonly doc: Doc;
  private slot: number;
  private started = false;
  private currentFont: FontWeight | undefined;
  private currentSize = 0;

  constructor(private readonly options: PdfWriterOptions) {
    this.doc = new PDFDocument({
      autoFirstPage: false,
      compress: options.compress,
      info: { Title: 'Swiss Post parcel labels', Creator: '@pickpost/core', Producer: 'pdfkit' },
    });
    for (const weight of ['regular', 'bold'] as const) {
      this.doc.registerFont(FONT_NAMES[weight], labelFont(weight).data);
    }
    this.slot = options.startPosition;
  }

  /** Draws one label on the next page (or the next free slot of the A4 sheet). */
  add(drawing: LabelDrawing): void {
    let origin = { x: 0, y: 0 };
    if (this.options.sheet === 'a4') {
      if (!this.started || this.slot > A4_SHEET.slots) {
        this.addPage(A4_SHEET.page.width, A4_SHEET.page.height);
        if (this.started) this.slot = 1;
      }
      origin = a4SlotOrigin(this.slot);
      this.slot += 1;
    } else {
      this.addPage(drawing.spec.page.width, drawing.spec.page.height);
    }
    this.started = true;
    this.draw(drawing, origin);
  }

  /** The bytes written since the last call. */
  *take(): Generator<Uint8Array> {
    for (let chunk = this.doc.read(); chunk !== null; chunk = this.doc.read()) {
      yield chunk as Uint8Array;
    }
  }

  /** Finishes the document (fonts, cross-reference table) and yields the rest of its bytes. */
  async *end(): AsyncGenerator<Uint8Array> {
    this.doc.end();
    for await (const chunk of this.doc) yield chunk as Uint8Array;
  }

  private addPage(widthMm: number, heightMm: number): void {
    this.doc.addPage({ size: [widthMm * MM_TO_PT, heightMm * MM_TO_PT], margin: 0 });
    // A new page starts with the default graphics state: fonts must be set again.
    this.currentFont = undefined;
  }

  private draw(drawing: LabelDrawing, origin: { x: number; y: number }): void {
    const { doc } = this;
    const k = MM_TO_PT;
    doc.save();
    if (drawing.spec.rotated) {
      // Content x runs down the page, content y runs right to left: 90° clockwise.
      doc.transform(0, k, -k, 0, (origin.x + drawing.spec.page.width) * k, origin.y * k);
    } else {
      doc.transform(k, 0, 0, k, origin.x * k, origin.y * k);
    }
    for (const item of drawing.items) {
      if (item.kind === 'barcode') this.drawBarcode(item);
      else this.drawText(item);
    }
    doc.restore();
  }

  private drawBarcode(item: BarcodeItem): void {
    const { doc } = this;
    // One path of rectangles, filled once: vector bars, nothing rasterised.
    for (const [start, width] of barRuns(item.pattern)) {
      doc.rect(item.x + start * item.module, item.y, width * item.module, item.height);
    }
    doc.fill('black');
  }

  private drawText(item: TextItem): void {
    const { doc } = this;
    // User space is in millimetres, so font sizes are too.
    const size = item.size * PT_TO_MM;
    if (this.currentFont !== item.weight) {
      doc.font(FONT_NAMES[item.weight]);
      this.currentFont = item.weight;
    }
    if (this.currentSize !== size) {
      doc.fontSize(size);
      this.currentSize = size;
    }
    doc.fillColor('black').text(item.text, item.x, item.baseline, {
      lineBreak: false,
      baseline: 'alphabetic',
    });
  }
}
