import type { ValidationIssue } from '../errors/index';
import { PickPostValidationError } from '../errors/index';
import type { LabelOptions } from '../schemas/label-options';
import { ByteWriter } from './byte-writer';
import type { SymbolCharacter } from './code128';
import { forEachSymbolCharacter } from './code128';
import type { BarcodeItem, DrawItem, FixedPart, LabelDrawing } from './drawing';
import { forEachBar } from './geometry';
import { LabelRenderError } from './label-render-error';
import type { LayoutSpec } from './layouts';
import { IDENTCODE_BARCODE, SERVICE_BARCODE } from './layouts';
import type { Frame } from './zpl-text';
import { textZpl, toDots, zplTextIssue } from './zpl-text';

export { ZPL_TEXT_FONT } from './zpl-text';

/**
 * Dots per millimetre of the printers users call 200, 300 and 600 dpi: Zebra printheads have
 * 8, 12 and 24 dots/mm (203, 305 and 610 dpi) [V DEV §8.3; HB-EN §4.7]. Every size and
 * coordinate of a ZPL label is computed in these dots.
 */
export const ZPL_DOTS_PER_MM: Readonly<Record<LabelOptions['resolution'], number>> = {
  200: 8,
  300: 12,
  600: 24,
};

/** Start C, nine digit pairs, checksum, stop: an 18-digit identcode in modules. */
const IDENTCODE_MODULES = 11 + 9 * 11 + 11 + 13;

/**
 * How far, in modules, rounding a bar edge to the printer's dot grid may move an edge-to-
 * similar-edge distance before we refuse the resolution. The reference decode algorithm bins
 * those distances to whole modules with ±0.5 module of tolerance [GS1 General Specifications
 * §5.4.5, the Code 128 algorithm of ISO/IEC 15417]; 0.2 keeps 60 % of that margin (an ISO/IEC
 * 15416 decodability of about 0.6) for the printer's own edge noise, where Swiss Post asks the
 * printed symbol for grade B [C STR]. A stricter limit than the standard states; see
 * {@link assertZplResolution}.
 */
export const MAX_EDGE_ERROR_MODULES = 0.2;

/**
 * How far, in modules of the narrowest barcode a label carries, one dot of a raster of
 * `dotsPerMm` may move a bar edge: what ZPL labels and PNG barcodes are checked against.
 */
export function edgeErrorModules(dotsPerMm: number): number {
  const narrowest = Math.min(
    SERVICE_BARCODE.module,
    IDENTCODE_BARCODE.targetLength / IDENTCODE_MODULES,
  );
  return 1 / (narrowest * dotsPerMm);
}

/**
 * Refuses a resolution at which ZPL cannot print the barcodes to Swiss Post's prescription.
 *
 * No resolution prints the identcode with `^BC`: its 134 modules (Start C, nine digit pairs,
 * checksum and the 13-module stop; quiet zones excluded) need 0.5075–0.5149 mm each for
 * 68.0–69.0 mm, and `^BC` draws every module with the same whole number of dots: 6 dots at
 * 12 dots/mm and 12 at 24 dots/mm are 0.5 mm, 67.0 mm in all. So the renderer draws every bar
 * itself (`^GB`) at its nominal place, each edge rounded to the nearest dot: the symbol keeps
 * its nominal module and Swiss Post's length, and every bar, space and edge-to-similar-edge
 * distance is within one dot of nominal — 0.16 module at 12 dots/mm, 0.08 at 24 dots/mm.
 * (GS1 asks for a constant X-dimension [GS1 GS §5.4.4.1]: the nominal module is constant;
 * what varies by less than a dot is where the printer can put an edge, as with any raster.)
 *
 * At 8 dots/mm a dot is 0.125 mm, a quarter of a module: whole-dot modules make the identcode
 * 67.0 mm (4 dots) or 83.75 mm (5 dots), and rounding edges would move them by up to 0.25
 * module, half the reader's margin before the printer adds any error of its own. Swiss Post's
 * own barcode manual asks for at least 300 dpi [C STR]. We refuse it (the stricter choice).
 */
export function assertZplResolution(resolution: LabelOptions['resolution']): void {
  const perMm = ZPL_DOTS_PER_MM[resolution];
  const edgeError = edgeErrorModules(perMm);
  if (edgeError <= MAX_EDGE_ERROR_MODULES) return;
  const module = IDENTCODE_BARCODE.targetLength / IDENTCODE_MODULES;
  const [fewer, more] = [Math.floor(module * perMm), Math.ceil(module * perMm)];
  const length = (dots: number) => `${((IDENTCODE_MODULES * dots) / perMm).toFixed(2)} mm`;
  throw new LabelRenderError({
    field: 'resolution',
    reason: 'unsupported_resolution',
    message: `a printer with ${perMm} dots/mm (${Math.round(perMm * 25.4)} dpi) cannot print the identcode barcode to Swiss Post's 68.0–69.0 mm: whole-dot modules make it ${length(fewer)} (${fewer} dots) or ${length(more)} (${more} dots), and rounding each bar edge to a dot would move it by up to ${edgeError.toFixed(2)} module, too little margin for a reader. Use a 300 or 600 dpi printer for ZPL, or print the PDF`,
  });
}

/** Labels are drawn one at a time, synchronously: one buffer serves them all. */
const labelBytes = new ByteWriter();

/**
 * The boxes of some bars of a symbol: `^GB` fields, each on its own line, with each edge at
 * its nearest dot.
 */
function barFields(item: BarcodeItem, frame: Frame, range: SymbolCharacter): Uint8Array {
  let fields = '';
  forEachBar(
    item,
    (left, top, barWidth, barHeight) => {
      const [ax, ay] = toDots(left, top, frame);
      const [bx, by] = toDots(left + barWidth, top + barHeight, frame);
      const width = Math.max(1, Math.abs(bx - ax));
      const height = Math.max(1, Math.abs(by - ay));
      fields += `\n^FO${Math.min(ax, bx)},${Math.min(ay, by)}^GB${width},${height},${Math.min(width, height)}^FS`;
    },
    range,
  );
  return Buffer.from(fields);
}

/**
 * The fields of each Code 128 symbol character already drawn, by where its barcode is (layout,
 * resolution) and then by its place in the barcode and its elements: an identcode is twelve
 * such characters, and each is one of 106 at one of twelve places, so every label after the
 * first few is put together from fields drawn before. A handful of barcode places exist (the
 * identcode per layout, the service columns), so the cache stays small; it is emptied should
 * it ever hold more.
 */
const symbolFields = new Map<string, Map<number, Uint8Array>>();
const MAX_PLACES = 256;

/** The place asked for last and its fields: one label after the other asks for the same. */
let lastPlace: { item: BarcodeItem; frame: Frame; fields: Map<number, Uint8Array> } | undefined;

function fieldsAt(item: BarcodeItem, frame: Frame): Map<number, Uint8Array> {
  const seen = lastPlace;
  if (
    seen !== undefined &&
    seen.item.x === item.x &&
    seen.item.y === item.y &&
    seen.item.height === item.height &&
    seen.item.module === item.module &&
    seen.item.orientation === item.orientation &&
    seen.frame.perMm === frame.perMm &&
    seen.frame.labelHeight === frame.labelHeight
  ) {
    return seen.fields;
  }
  const place = `${item.x},${item.y},${item.height},${item.module},${item.orientation},${frame.perMm},${frame.labelHeight}`;
  let fields = symbolFields.get(place);
  if (fields === undefined) {
    if (symbolFields.size >= MAX_PLACES) symbolFields.clear();
    fields = new Map();
    symbolFields.set(place, fields);
  }
  lastPlace = { item, frame, fields };
  return fields;
}

/**
 * The bars as filled boxes (`^GB`), each edge at the dot nearest to its nominal place, so the
 * symbol has its nominal module and length on the printer (see {@link assertZplResolution}).
 */
function barcodeZpl(item: BarcodeItem, frame: Frame, out: ByteWriter): void {
  const known = fieldsAt(item, frame);
  out.ascii('\n^FX ').ascii(item.purpose).ascii(' ').ascii(item.pattern.digits);
  forEachSymbolCharacter(item.pattern, (character) => {
    let symbol = known.get(character.key);
    if (symbol === undefined) {
      symbol = barFields(item, frame, character);
      known.set(character.key, symbol);
    }
    out.bytes(symbol);
  });
}

/**
 * The fields of items, each on its own line, and the problems of text the resident font
 * cannot print.
 */
function itemsZpl(
  items: readonly DrawItem[],
  frame: Frame,
  out: ByteWriter,
  issues: ValidationIssue[],
): void {
  for (const item of items) {
    if (item.kind === 'barcode') {
      barcodeZpl(item, frame, out);
      continue;
    }
    const issue = zplTextIssue(item);
    if (issue === undefined) textZpl(item, frame, out);
    else issues.push(issue);
  }
}

/** A fixed part in ZPL: the format's start and the fixed fields, with their problems. */
interface FixedZpl {
  readonly start: Uint8Array;
  readonly issues: readonly ValidationIssue[];
}

const fixedFormats = new WeakMap<FixedPart, Map<number, FixedZpl>>();

function frameOf(spec: LayoutSpec, resolution: LabelOptions['resolution']): Frame {
  return { perMm: ZPL_DOTS_PER_MM[resolution], labelHeight: spec.page.height };
}

/** The start of every label with this fixed part, drawn once per resolution. */
function fixedZpl(drawing: LabelDrawing, resolution: LabelOptions['resolution']): FixedZpl {
  const byResolution = fixedFormats.get(drawing.fixed) ?? new Map<number, FixedZpl>();
  let fixed = byResolution.get(resolution);
  if (fixed === undefined) {
    const { page } = drawing.spec;
    const frame = frameOf(drawing.spec, resolution);
    const issues: ValidationIssue[] = [];
    const header = [
      '^XA',
      '^CI28',
      `^PW${Math.round(page.height * frame.perMm)}`,
      `^LL${Math.round(page.width * frame.perMm)}`,
      '^LH0,0',
    ];
    const out = new ByteWriter();
    out.utf8(header.join('\n'));
    itemsZpl(drawing.fixed.items, frame, out, issues);
    fixed = { start: out.take(), issues };
    byResolution.set(resolution, fixed);
    fixedFormats.set(drawing.fixed, byResolution);
  }
  return fixed;
}

const END = Buffer.from('\n^XZ\n');

/**
 * One label as a ZPL II format (`^XA` … `^XZ`), in UTF-8: bars drawn as boxes, text with the
 * resident Swiss 721 font, every size and coordinate in the printer's real dots (8, 12 or 24
 * per mm), the label turned onto the printer's frame. The fixed part's fields are drawn once
 * per resolution and reused. The resolution is not checked here: `assertRenderable` refuses
 * one ZPL cannot honour once, before the first label.
 *
 * @example
 * const bytes = drawingToZpl(composeLabel(input, options), 300);
 */
export function drawingToZpl(
  drawing: LabelDrawing,
  resolution: LabelOptions['resolution'],
  subject = 'label',
): Uint8Array {
  const fixed = fixedZpl(drawing, resolution);
  const issues = [...fixed.issues];
  labelBytes.reset();
  labelBytes.bytes(fixed.start);
  itemsZpl(drawing.items, frameOf(drawing.spec, resolution), labelBytes, issues);
  labelBytes.bytes(END);
  const bytes = labelBytes.take();
  if (issues.length > 0) throw new PickPostValidationError(subject, issues);
  return bytes;
}
