import { ByteWriter } from './byte-writer';
import type { FixedPart, LabelDrawing } from './drawing';
import type { PdfWriterOptions } from './pdf';
import { formEntries, LABEL_PDF_INFO } from './pdf';
import type { PdfFonts } from './pdf-content';
import { itemOps } from './pdf-content';
import { dict, PdfFile, streamObject } from './pdf-file';
import { PdfSubsetFont } from './pdf-font';
import { labelMatrixOps, pageSizeOf, writePageDict } from './pdf-page';

/**
 * Every single-label PDF has the same objects under the same numbers, so the fixed part's form
 * XObject can be written once per process and copied into each file as bytes.
 */
const OBJECTS = {
  catalog: 1,
  pages: 2,
  page: 3,
  resources: 4,
  content: 5,
  form: 6,
  regular: 7,
  bold: 8,
  info: 9,
} as const;
/**
 * Labels are written one at a time, synchronously: one buffer serves every page content, and
 * one every file (a label's bytes are copied out of it once, at the end).
 */
const content = new ByteWriter();
const fileBuffer = new ByteWriter(64 * 1024);
const FONT_RESOURCES = `/Font <<\n/PPR ${OBJECTS.regular} 0 R\n/PPB ${OBJECTS.bold} 0 R\n>>`;

/**
 * The characters of most names and addresses a Swiss shop prints: printable ASCII and the
 * Latin-1 letters. A label made of them only starts its fonts with all of them numbered, so it
 * writes font objects made and deflated once per process (about 9 KB per weight, a label of
 * about 26 KB) instead of subsets of its own, which made `fulfil()` a quarter faster. A label
 * with other letters (`č`, `ł`: Latin Extended-A and beyond) gets subsets of just its glyphs,
 * as before. Latin Extended-A as well would double the size of the shared fonts.
 */
const COMMON_RANGES = [
  [0x20, 0x7e],
  [0xa0, 0xa0], // no-break space
  [0xab, 0xab], // «
  [0xb0, 0xb0], // °
  [0xbb, 0xbb], // »
  [0xc0, 0xff], // the Latin-1 letters (and × ÷)
] as const;
const COMMON_CHARACTERS = COMMON_RANGES.map(([from, to]) =>
  String.fromCodePoint(...Array.from({ length: to - from + 1 }, (_, offset) => from + offset)),
).join('');
const ONLY_COMMON = new RegExp(
  `^[${COMMON_RANGES.map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`).join('')}]*$`,
  'u',
);

function onlyCommonCharacters(drawing: LabelDrawing): boolean {
  return drawing.items.every((item) => item.kind !== 'text' || ONLY_COMMON.test(item.text));
}

/**
 * A fixed part drawn once: its form object, the glyph numbering it leaves to a label, and
 * that numbering with the common characters numbered too.
 */
interface PreparedFixedPart {
  readonly form: Uint8Array;
  readonly fonts: PdfFonts;
  readonly withCommon: PdfFonts;
}

const prepared = new WeakMap<
  FixedPart,
  Partial<Record<'compressed' | 'plain', PreparedFixedPart>>
>();

/**
 * The fixed part's glyphs are numbered first, always in the same order, so the form written
 * for one label shows the same glyphs in every label that starts its fonts from `fonts`.
 */
function preparedOf(drawing: LabelDrawing, compress: boolean): PreparedFixedPart {
  const byMode = prepared.get(drawing.fixed) ?? {};
  const mode = compress ? 'compressed' : 'plain';
  let part = byMode[mode];
  if (part === undefined) {
    const fonts = {
      regular: new PdfSubsetFont('regular', 'PPR'),
      bold: new PdfSubsetFont('bold', 'PPB'),
    };
    const ops = new ByteWriter().ascii('0 g');
    itemOps(drawing.fixed.items, fonts, ops);
    const entries = formEntries(drawing, FONT_RESOURCES);
    const withCommon = { regular: fonts.regular.fork(), bold: fonts.bold.fork() };
    withCommon.regular.includeText(COMMON_CHARACTERS);
    withCommon.bold.includeText(COMMON_CHARACTERS);
    part = { form: streamObject(OBJECTS.form, entries, ops.take(), compress), fonts, withCommon };
    byMode[mode] = part;
    prepared.set(drawing.fixed, byMode);
  }
  return part;
}

/**
 * One label as a complete PDF file, written without a document library: the catalog, one
 * page, its content (the parcel's items and a reference to the fixed part's form), the form
 * (copied, see {@link preparedOf}) and the two font subsets: shared ones (see
 * {@link COMMON_RANGES}), deflated as the content is, or the label's own, stored as they are,
 * as deflating them would cost more than everything else the label needs.
 *
 * @example
 * const bytes = singleLabelPdf(composeLabel(input, options), { sheet: 'label', startPosition: 1, compress: true });
 */
export function singleLabelPdf(drawing: LabelDrawing, options: PdfWriterOptions): Uint8Array {
  const file = new PdfFile(fileBuffer.reset());
  for (let count = 0; count < OBJECTS.info; count += 1) file.reserve();
  const fixed = preparedOf(drawing, options.compress);
  const base = onlyCommonCharacters(drawing) ? fixed.withCommon : fixed.fonts;
  const fonts = { regular: base.regular.fork(), bold: base.bold.fork() };
  const size = pageSizeOf(drawing.spec, options.sheet);
  const slot = options.sheet === 'a4' ? options.startPosition : undefined;
  const ops = content.reset();
  labelMatrixOps(ops, drawing.spec, size, slot);
  ops.ascii('\n/PPF Do');
  itemOps(drawing.items, fonts, ops);
  ops.ascii('\nQ');
  file.object(OBJECTS.catalog, dict(['/Type /Catalog', `/Pages ${OBJECTS.pages} 0 R`]));
  file.object(OBJECTS.pages, dict(['/Type /Pages', '/Count 1', `/Kids [${OBJECTS.page} 0 R]`]));
  const numbers = { parent: OBJECTS.pages, content: OBJECTS.content, resources: OBJECTS.resources };
  file.objectFrom(OBJECTS.page, (out) => writePageDict(out, numbers, size));
  file.object(
    OBJECTS.resources,
    dict([FONT_RESOURCES, `/XObject <<\n/PPF ${OBJECTS.form} 0 R\n>>`]),
  );
  file.stream(OBJECTS.content, [], ops.take(), options.compress);
  file.serialised(OBJECTS.form, fixed.form);
  fonts.regular.embed(file, OBJECTS.regular, options.compress, false);
  fonts.bold.embed(file, OBJECTS.bold, options.compress, false);
  file.object(OBJECTS.info, LABEL_PDF_INFO);
  const chunks = [...file.end(OBJECTS.catalog, OBJECTS.info)];
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}
