import PDFDocument from 'pdfkit';
import type { LabelOptions } from '../schemas/label-options';
import type { BarcodeItem, DrawItem, LabelDrawing, TextItem } from './drawing';
import type { FontWeight } from './fonts';
import { glyphRun, hasPositionedGlyphs, labelFont } from './fonts';
import { axesOf, symbolFrame } from './geometry';
import { A4_SHEET, a4SlotOrigin, MM_TO_PT, PT_TO_MM } from './layouts';
import { PdfSubsetFont } from './pdf-font';

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
 * merged PDF of any length is produced with the memory of a page or two. Each font is embedded
 * once per document, as a subset, at the end. Bars and text are written as PDF operators
 * directly (see {@link PdfSubsetFont}): pdfkit's drawing API formats and shapes every call, and
 * bulk labels spend most of their time there otherwise.
 */
export class PdfLabelWriter {
  private readonly doc: Doc;
  private readonly fonts: Record<FontWeight, PdfSubsetFont>;
  private slot: number;
  private started = false;
  /** Fixed-item sets seen once, or already turned into a form XObject. */
  private readonly forms = new Map<
    LabelDrawing['fixed'],
    'seen' | { name: string; ref: ReturnType<Doc['ref']> }
  >();
  private formCount = 0;

  constructor(private readonly options: PdfWriterOptions) {
    this.doc = new PDFDocument({
      autoFirstPage: false,
      compress: options.compress,
      info: { Title: 'Swiss Post parcel labels', Creator: '@pickpost/core', Producer: 'pdfkit' },
    });
    this.fonts = {
      regular: new PdfSubsetFont(this.doc, labelFont('regular'), 'PPR'),
      bold: new PdfSubsetFont(this.doc, labelFont('bold'), 'PPB'),
    };
    this.slot = options.startPosition;
  }

  /** Draws one label on the next page (or the next free slot of the A4 sheet). */
  add(drawing: LabelDrawing): void {
    const k = MM_TO_PT;
    let matrix: number[];
    if (this.options.sheet === 'a4') {
      if (!this.started || this.slot > A4_SHEET.slots) {
        this.addPage(A4_SHEET.page.width, A4_SHEET.page.height);
        if (this.started) this.slot = 1;
      }
      const origin = a4SlotOrigin(this.slot);
      this.slot += 1;
      // The landscape label turned a quarter turn clockwise into its portrait slot: label
      // (x, y) lands on (origin.x + label height − y, origin.y + x).
      const across = origin.x + drawing.spec.page.height;
      matrix = [0, k, -k, 0, across * k, origin.y * k];
    } else {
      this.addPage(drawing.spec.page.width, drawing.spec.page.height);
      matrix = [k, 0, 0, k, 0, 0];
    }
    this.started = true;
    this.draw(drawing, matrix);
  }

  /** The bytes written since the last call. */
  *take(): Generator<Uint8Array> {
    for (let chunk = this.doc.read(); chunk !== null; chunk = this.doc.read()) {
      yield chunk as Uint8Array;
    }
  }

  /** Finishes the document (fonts, cross-reference table) and yields the rest of its bytes. */
  async *end(): AsyncGenerator<Uint8Array> {
    for (const font of Object.values(this.fonts)) font.embed();
    this.doc.end();
    for await (const chunk of this.doc) yield chunk as Uint8Array;
  }

  private addPage(widthMm: number, heightMm: number): void {
    this.doc.addPage({ size: [widthMm * MM_TO_PT, heightMm * MM_TO_PT], margin: 0 });
    for (const font of Object.values(this.fonts)) font.useOnPage();
  }

  /** `matrix` maps label millimetres (y pointing down, as pdfkit's user space) onto the page. */
  private draw(drawing: LabelDrawing, matrix: readonly number[]): void {
    const ops: string[] = [`q ${matrix.map(num).join(' ')} cm 0 g`];
    const form = this.fixedForm(drawing);
    if (form === undefined) this.itemOps(drawing.fixed.items, ops);
    else ops.push(`/${form} Do`);
    this.itemOps(drawing.items, ops);
    ops.push('Q');
    this.doc.addContent(ops.join('\n'));
  }

  private itemOps(items: readonly DrawItem[], ops: string[]): void {
    for (const item of items) {
      if (item.kind === 'barcode') barcodeOps(item, ops);
      else this.textOps(item, ops);
    }
  }

  /**
   * The sender block, service codes and their barcodes are the same on every label of a batch
   * from one shop with one service mix. The second time a set of fixed items appears it becomes
   * a form XObject, written (and compressed) once; every later page only says `/Fn Do`. Return
   * labels, whose sender is a different customer each time, never repeat and stay inline.
   */
  private fixedForm(drawing: LabelDrawing): string | undefined {
    if (drawing.fixed.items.length === 0) return undefined;
    const key = drawing.fixed;
    let form = this.forms.get(key);
    if (form === undefined) {
      if (this.forms.size >= MAX_FORM_KEYS) {
        // Forget the oldest key (and its form, which pages already written keep referring to).
        const oldest = this.forms.keys().next().value;
        if (oldest !== undefined) this.forms.delete(oldest);
      }
      this.forms.set(key, 'seen');
      return undefined;
    }
    if (form === 'seen') {
      const ops: string[] = ['0 g'];
      this.itemOps(drawing.fixed.items, ops);
      const { width, height } = drawing.spec.page;
      const ref = this.doc.ref({
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, width, height],
        Resources: {
          Font: { PPR: this.fonts.regular.reference, PPB: this.fonts.bold.reference },
        },
      });
      ref.end(ops.join('\n'));
      form = { name: `PPF${this.formCount}`, ref };
      this.formCount += 1;
      this.forms.set(key, form);
    }
    this.doc.page.xobjects[form.name] = form.ref;
    return form.name;
  }

  private textOps(item: TextItem, ops: string[]): void {
    const font = this.fonts[item.weight];
    const size = item.size * PT_TO_MM;
    const glyphs = glyphRun(item.text, item.weight);
    const scale = size / labelFont(item.weight).unitsPerEm;
    // Text space: x along the orientation (narrowed by scaleX), y towards the glyphs' tops.
    const { ux, uy, vx, vy } = axesOf(item.orientation);
    const axes = `${num(ux * item.scaleX)} ${num(uy * item.scaleX)} ${num(vx)} ${num(vy)}`;
    ops.push(`BT /${font.resourceName} ${num(size)} Tf`);
    if (!hasPositionedGlyphs(item.text)) {
      // One string: the viewer advances by the embedded widths, which are the ones we placed by.
      ops.push(`${axes} ${num(item.x)} ${num(item.baseline)} Tm <${font.encode(glyphs)}> Tj`);
    } else {
      // Marks positioned by the font's anchors: each glyph at its own place.
      for (const glyph of glyphs) {
        const along = glyph.x * scale * item.scaleX;
        const up = glyph.y * scale;
        const x = item.x + along * ux + up * vx;
        const y = item.baseline + along * uy + up * vy;
        ops.push(`${axes} ${num(x)} ${num(y)} Tm <${font.encode([glyph])}> Tj`);
      }
    }
    ops.push('ET');
  }
}

/** How many distinct fixed-item sets are remembered; batches repeat a handful. */
const MAX_FORM_KEYS = 64;

const num = (value: number) => String(Math.round(value * 10_000) / 10_000);

/**
 * The bars of one symbol as one filled path of rectangles (vectors, never a raster), drawn in a
 * coordinate system of modules along the reading direction and the bar length across it, so
 * every number is small and one matrix turns the symbol into its orientation.
 */
function barcodeOps(item: BarcodeItem, ops: string[]): void {
  const { origin, along, across } = symbolFrame(item);
  ops.push(`q ${[...along, ...across, ...origin].map(num).join(' ')} cm`);
  let position = 0;
  const { elements } = item.pattern;
  for (let index = 0; index < elements.length; index += 1) {
    const width = elements[index] as number;
    if (index % 2 === 0) ops.push(`${position} 0 ${width} 1 re`);
    position += width;
  }
  ops.push('f Q');
}
