import type { LabelOptions } from '../schemas/label-options';
import { ByteWriter } from './byte-writer';
import type { FixedPart, LabelDrawing } from './drawing';
import { A4_SHEET } from './layouts';
import type { PdfFonts } from './pdf-content';
import { itemOps } from './pdf-content';
import { dict, NumberList, PdfFile, pdfString } from './pdf-file';
import { PdfSubsetFont } from './pdf-font';
import type { PageSize } from './pdf-page';
import { labelMatrixOps, pageSizeOf, writePageDict } from './pdf-page';

/** Options of one PDF document of labels. */
export interface PdfWriterOptions {
  readonly sheet: LabelOptions['sheet'];
  readonly startPosition: number;
  readonly compress: boolean;
}

/** The document information of every label PDF. */
export const LABEL_PDF_INFO = dict([
  `/Title ${pdfString('Swiss Post parcel labels')}`,
  `/Creator ${pdfString('@pickpost/core')}`,
  `/Producer ${pdfString('@pickpost/core')}`,
]);

/** How many distinct fixed parts are remembered; batches repeat a handful. */
const MAX_FORM_KEYS = 64;

interface OpenPage {
  readonly size: PageSize;
}

/**
 * Writes labels into one PDF, page by page: the caller takes the bytes of each finished page
 * with {@link PdfLabelWriter.take}, so a merged PDF of any length is produced with the memory
 * of a page or two. Each font is embedded once, as a subset, at the end; all pages share one
 * resource dictionary, written at the end as well.
 */
export class PdfLabelWriter {
  private readonly file = new PdfFile();
  private readonly numbers = {
    catalog: this.file.reserve(),
    pages: this.file.reserve(),
    resources: this.file.reserve(),
    regular: this.file.reserve(),
    bold: this.file.reserve(),
  };
  private readonly fonts: PdfFonts = {
    regular: new PdfSubsetFont('regular', 'PPR'),
    bold: new PdfSubsetFont('bold', 'PPB'),
  };
  private readonly pageNumbers = new NumberList();
  private page: OpenPage | undefined;
  /** The open page's content. */
  private readonly ops = new ByteWriter();
  private slot: number;
  /** Fixed parts seen once, or already turned into a form XObject. */
  private readonly forms = new Map<FixedPart, 'seen' | string>();
  /** Every form XObject written, by resource name. */
  private readonly xobjects: string[] = [];

  constructor(private readonly options: PdfWriterOptions) {
    this.slot = options.startPosition;
  }

  /** Draws one label on the next page (or the next free slot of the A4 sheet). */
  add(drawing: LabelDrawing): void {
    const a4 = this.options.sheet === 'a4';
    const page = this.page ?? this.openPage(pageSizeOf(drawing.spec, this.options.sheet));
    const form = this.fixedForm(drawing);
    const { ops } = this;
    if (ops.size > 0) ops.ascii('\n');
    labelMatrixOps(ops, drawing.spec, page.size, a4 ? this.slot : undefined);
    if (form === undefined) itemOps(drawing.fixed.items, this.fonts, ops);
    else ops.ascii('\n/').ascii(form).ascii(' Do');
    itemOps(drawing.items, this.fonts, ops);
    ops.ascii('\nQ');
    this.slot += 1;
    if (!a4 || this.slot > A4_SHEET.slots) {
      this.closePage();
      this.slot = 1;
    }
  }

  /** The bytes written since the last call, as one chunk (none while a sheet is filling). */
  *take(): Generator<Uint8Array> {
    const taken = this.file.take();
    if (taken.byteLength > 0) yield taken;
  }

  /** Finishes the document (fonts, resources, page tree, cross-references); yields the rest. */
  *end(): Generator<Uint8Array> {
    this.closePage();
    const { file, numbers } = this;
    this.fonts.regular.embed(file, numbers.regular, this.options.compress);
    this.fonts.bold.embed(file, numbers.bold, this.options.compress);
    file.object(
      numbers.resources,
      dict([
        `/Font <<\n/PPR ${numbers.regular} 0 R\n/PPB ${numbers.bold} 0 R\n>>`,
        ...(this.xobjects.length > 0 ? [`/XObject <<\n${this.xobjects.join('\n')}\n>>`] : []),
      ]),
    );
    // Page numbers written as digits: a string per page would be 100,000 strings at the end.
    file.objectFrom(numbers.pages, (out) => {
      out.ascii('<<\n/Type /Pages\n/Count ').number(this.pageNumbers.length).ascii('\n/Kids [');
      for (let index = 0; index < this.pageNumbers.length; index += 1) {
        if (index > 0) out.ascii(' ');
        out.number(this.pageNumbers.at(index)).ascii(' 0 R');
      }
      out.ascii(']\n>>');
    });
    file.object(numbers.catalog, dict(['/Type /Catalog', `/Pages ${numbers.pages} 0 R`]));
    const info = file.reserve();
    file.object(info, LABEL_PDF_INFO);
    yield* file.end(numbers.catalog, info);
  }

  private openPage(size: PageSize): OpenPage {
    this.page = { size };
    return this.page;
  }

  private closePage(): void {
    const { page, file } = this;
    if (page === undefined) return;
    this.page = undefined;
    const [number, content] = [file.reserve(), file.reserve()];
    file.stream(content, [], this.ops.take(), this.options.compress);
    const numbers = { parent: this.numbers.pages, content, resources: this.numbers.resources };
    file.objectFrom(number, (out) => writePageDict(out, numbers, page.size));
    this.pageNumbers.push(number);
  }

  /**
   * The sender block, service codes and their barcodes are the same on every label of a batch
   * from one shop with one service mix. The second time a fixed part appears it becomes a form
   * XObject, written (and compressed) once; every later page only says `/Fn Do`. Return
   * labels, whose sender is a different customer each time, never repeat and stay inline.
   */
  private fixedForm(drawing: LabelDrawing): string | undefined {
    const key = drawing.fixed;
    const form = this.forms.get(key);
    if (form === undefined) {
      if (this.forms.size >= MAX_FORM_KEYS) {
        // Forget the oldest key (its form stays in the resources of the pages that use it).
        this.forms.delete(this.forms.keys().next().value as FixedPart);
      }
      this.forms.set(key, 'seen');
      return undefined;
    }
    if (form !== 'seen') return form;
    const name = `PPF${this.xobjects.length}`;
    const number = this.file.reserve();
    const ops = new ByteWriter().ascii('0 g');
    itemOps(drawing.fixed.items, this.fonts, ops);
    this.file.stream(
      number,
      formEntries(
        drawing,
        `/Font <<\n/PPR ${this.numbers.regular} 0 R\n/PPB ${this.numbers.bold} 0 R\n>>`,
      ),
      ops.take(),
      this.options.compress,
    );
    this.xobjects.push(`/${name} ${number} 0 R`);
    this.forms.set(key, name);
    return name;
  }
}

/** The dictionary entries of a form XObject holding a label's fixed part. */
export function formEntries(drawing: LabelDrawing, fonts: string): string[] {
  const { width, height } = drawing.spec.page;
  return [
    '/Type /XObject',
    '/Subtype /Form',
    `/BBox [0 0 ${width} ${height}]`,
    `/Resources <<\n${fonts}\n>>`,
  ];
}
