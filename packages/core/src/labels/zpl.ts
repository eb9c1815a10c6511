import PDFDocument from 'pdfkit';
import type { ValidationIssue } from '../errors/index';
import { PickPostValidationError } from '../errors/index';
import type { LabelOptions } from '../schemas/label-options';
import { quoteList } from '../schemas/text';
import type { BarcodeItem, LabelDrawing, TextItem } from './drawing';
import type { Orientation } from './geometry';
import { barRects, turn, turnClockwise } from './geometry';
import { LabelRenderError } from './label-render-error';
import { IDENTCODE_BARCODE, PT_TO_MM, SERVICE_BARCODE } from './layouts';

/**
 * ZPL text is drawn by the printer with its resident Swiss 721 TrueType font (`E:TT0003M_.TTF`,
 * on every Link-OS Zebra), addressed in UTF-8 (`^CI28`). That font covers the WGL4 character
 * set, so it has every Latin-1 and Latin Extended-A letter (`Đ`, `ć`, `ł`) but few of Latin
 * Extended-B and Additional: text with those is refused for ZPL rather than printed with a
 * wrong glyph (PDF and SVG embed their font and print it).
 */
export const ZPL_TEXT_FONT = 'E:TT0003M_.TTF';

const WGL4_LATIN: ReadonlyArray<readonly [number, number]> = [
  [0x0020, 0x007e],
  [0x00a0, 0x017f],
  [0x0192, 0x0192],
  [0x01fa, 0x01ff],
  [0x1e80, 0x1e85],
  [0x1ef2, 0x1ef3],
  [0x2013, 0x2015],
  [0x2017, 0x201e],
  [0x2020, 0x2022],
  [0x2026, 0x2026],
  [0x20ac, 0x20ac],
];

function inWgl4(character: string): boolean {
  const codePoint = character.codePointAt(0) ?? 0;
  return WGL4_LATIN.some(([from, to]) => codePoint >= from && codePoint <= to);
}

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
const MAX_EDGE_ERROR_MODULES = 0.2;

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
  const narrowest = Math.min(
    SERVICE_BARCODE.module,
    IDENTCODE_BARCODE.targetLength / IDENTCODE_MODULES,
  );
  const edgeError = 1 / (narrowest * perMm);
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

/** Swiss 721 has Helvetica's widths; pdfkit carries Helvetica's metrics (AFM). */
let metricsDoc: InstanceType<typeof PDFDocument> | undefined;
const emCache = new Map<string, number>();

/** Letters without a decomposition, measured as the letter they are drawn from. */
const BASE_LETTERS: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ĳ: 'ij',
  Ĳ: 'IJ',
  ĸ: 'k',
  ŀ: 'l·',
  Ŀ: 'L·',
  ŉ: "'n",
  ŋ: 'n',
  Ŋ: 'N',
  ŧ: 't',
  Ŧ: 'T',
  ſ: 'f',
};

function helveticaEm(character: string): number {
  let em = emCache.get(character);
  if (em !== undefined) return em;
  metricsDoc ??= new PDFDocument({ autoFirstPage: false }).font('Helvetica').fontSize(1);
  const base = BASE_LETTERS[character] ?? character.normalize('NFD').replace(/\p{M}/gu, '');
  // WinAnsi has every letter that decomposes to a Latin-1 one; 'W' bounds anything else.
  const measured = base === '' ? 0 : metricsDoc.widthOfString(base);
  em = measured > 0 || base === '' ? measured : metricsDoc.widthOfString('W');
  emCache.set(character, em);
  return em;
}

function escapeField(text: string): { prefix: string; data: string } {
  if (!/[\^~\\]/.test(text)) return { prefix: '', data: text };
  // ^FH lets `\5E` stand for ^ and `\7E` for ~, which would otherwise start commands.
  const data = text.replace(/[\^~\\]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return { prefix: '^FH\\', data };
}

/**
 * The printer's frame: labels are printed with their short side first (a 105 mm wide A6 on a
 * 4-inch printhead), so the landscape label is turned a quarter turn clockwise onto it, every
 * field with it.
 */
interface Frame {
  readonly perMm: number;
  /** The label's height, which is the frame's width. */
  readonly labelHeight: number;
}

/** Label millimetres to frame dots, each coordinate rounded to its nearest dot. */
function toDots(x: number, y: number, frame: Frame): [number, number] {
  const [fx, fy] = turnClockwise(x, y, frame.labelHeight);
  return [Math.round(fx * frame.perMm), Math.round(fy * frame.perMm)];
}

const ORIENTATION_LETTERS: Record<Orientation, string> = { 0: 'N', 90: 'R', 180: 'I', 270: 'B' };

function textZpl(item: TextItem, frame: Frame): string {
  const height = Math.max(1, Math.round(item.size * PT_TO_MM * frame.perMm));
  let natural = 0;
  for (const character of item.text) natural += helveticaEm(character);
  const allowed = item.width * frame.perMm;
  // Compress the glyphs when Swiss 721 would run wider than the space the layout measured.
  // A scalable ZPL font is `width` dots per em across, so the line takes `natural × width` dots.
  const width = natural * height > allowed ? Math.max(1, Math.floor(allowed / natural)) : height;
  const [x, y] = toDots(item.x, item.baseline, frame);
  const orientation = ORIENTATION_LETTERS[turn(item.orientation, 90)];
  const { prefix, data } = escapeField(item.text);
  return `^FT${x},${y}^A@${orientation},${height},${width},${ZPL_TEXT_FONT}${prefix}^FD${data}^FS`;
}

/**
 * The bars as filled boxes (`^GB`), each edge at the dot nearest to its nominal place, so the
 * symbol has its nominal module and length on the printer (see {@link assertZplResolution}).
 */
function barcodeZpl(item: BarcodeItem, frame: Frame): string {
  const fields = [`^FX ${item.purpose} ${item.pattern.digits}`];
  for (const bar of barRects(item)) {
    const [ax, ay] = toDots(bar.x, bar.y, frame);
    const [bx, by] = toDots(bar.x + bar.width, bar.y + bar.height, frame);
    const [x, y] = [Math.min(ax, bx), Math.min(ay, by)];
    const width = Math.max(1, Math.abs(bx - ax));
    const height = Math.max(1, Math.abs(by - ay));
    fields.push(`^FO${x},${y}^GB${width},${height},${Math.min(width, height)}^FS`);
  }
  return fields.join('\n');
}

/**
 * One label as a ZPL II format (`^XA` … `^XZ`): bars drawn as boxes, text in UTF-8 with the
 * resident Swiss 721 font, every size and coordinate in the printer's real dots (8, 12 or 24
 * per mm), the label turned onto the printer's frame. The resolution is not checked here:
 * `assertRenderable` refuses one ZPL cannot honour once, before the first label.
 *
 * @example
 * const zpl = drawingToZpl(composeLabel(input, options), 300);
 */
export function drawingToZpl(
  drawing: LabelDrawing,
  resolution: LabelOptions['resolution'],
  subject = 'label',
): string {
  const issues: ValidationIssue[] = [];
  const all = [...drawing.fixed.items, ...drawing.items];
  for (const item of all) {
    if (item.kind !== 'text') continue;
    const outside = [...new Set([...item.text].filter((character) => !inWgl4(character)))];
    if (outside.length > 0) {
      issues.push({
        path: item.field,
        message: `contains ${quoteList(outside)}, which the printer's resident font cannot print in ZPL; use the pdf or svg format`,
        code: 'unprintable_in_zpl',
      });
    }
  }
  if (issues.length > 0) throw new PickPostValidationError(subject, issues);
  const { page } = drawing.spec;
  const frame: Frame = { perMm: ZPL_DOTS_PER_MM[resolution], labelHeight: page.height };
  const fields = all.map((item) =>
    item.kind === 'text' ? textZpl(item, frame) : barcodeZpl(item, frame),
  );
  return [
    '^XA',
    '^CI28',
    `^PW${Math.round(page.height * frame.perMm)}`,
    `^LL${Math.round(page.width * frame.perMm)}`,
    '^LH0,0',
    ...fields,
    '^XZ',
    '',
  ].join('\n');
}
