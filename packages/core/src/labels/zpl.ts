import PDFDocument from 'pdfkit';
import type { ValidationIssue } from '../errors/index';
import { PickPostValidationError } from '../errors/index';
import type { LabelOptions } from '../schemas/label-options';
import { quoteList } from '../schemas/text';
import type { BarcodeItem, LabelDrawing, TextItem } from './compose';
import { LabelRenderError } from './label-render-error';
import { IDENTCODE_BARCODE } from './layouts';

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

/** The printer's true resolution: "200 dpi" label printers are 203 dpi (8 dots/mm). */
function printerDpi(resolution: LabelOptions['resolution']): number {
  return resolution === 200 ? 203 : resolution;
}

/** Dots per millimetre. */
export function dotsPerMm(resolution: LabelOptions['resolution']): number {
  return printerDpi(resolution) / 25.4;
}

/** Identcode module width in whole dots, or why the resolution cannot print it to size. */
export function identcodeModuleDots(
  resolution: LabelOptions['resolution'],
  modules = 134,
): { dots: number; lengthMm: number } {
  const perMm = dotsPerMm(resolution);
  const dots = Math.round((IDENTCODE_BARCODE.targetLength / modules) * perMm);
  return { dots, lengthMm: (modules * dots) / perMm };
}

/**
 * `^BC` draws every module with the same whole number of dots. At 300 dpi 6 dots make the
 * identcode 68.07 mm and at 600 dpi 12 dots do; at 203 dpi 4 dots make 67.07 mm and 5 dots
 * 83.8 mm, both outside Swiss Post's 68.0–69.0 mm, so ZPL for a 203 dpi printer is refused.
 */
export function assertZplResolution(resolution: LabelOptions['resolution']): void {
  const { dots, lengthMm } = identcodeModuleDots(resolution);
  const { min, max } = IDENTCODE_BARCODE.length;
  if (lengthMm < min || lengthMm > max) {
    const other = (((dots + 1) * 134) / dotsPerMm(resolution)).toFixed(1);
    throw new LabelRenderError({
      field: 'resolution',
      reason: 'unsupported_resolution',
      message: `a ${printerDpi(resolution)} dpi printer cannot print the identcode barcode at Swiss Post's 68.0–69.0 mm with ^BC: ${dots}-dot modules make it ${lengthMm.toFixed(2)} mm, ${dots + 1}-dot modules ${other} mm. Use a 300 or 600 dpi printer for ZPL, or print the PDF`,
    });
  }
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

interface Frame {
  readonly perMm: number;
  readonly pageWidth: number;
  readonly rotated: boolean;
}

const dot = (mm: number, frame: Frame) => Math.round(mm * frame.perMm);

/** Content coordinates (mm) to page dots; A7 content is turned 90° clockwise. */
function toPage(x: number, y: number, frame: Frame): [number, number] {
  return frame.rotated
    ? [dot(frame.pageWidth - y, frame), dot(x, frame)]
    : [dot(x, frame), dot(y, frame)];
}

function textZpl(item: TextItem, frame: Frame, resolution: LabelOptions['resolution']): string {
  const height = Math.max(1, Math.round((item.size / 72) * printerDpi(resolution)));
  let natural = 0;
  for (const character of item.text) natural += helveticaEm(character);
  const allowed = item.width * frame.perMm;
  // Compress the glyphs when Swiss 721 would run wider than the space the layout measured.
  // A scalable ZPL font is `width` dots per em across, so the line takes `natural × width` dots.
  const width = natural * height > allowed ? Math.max(1, Math.floor(allowed / natural)) : height;
  const [x, y] = toPage(item.x, item.baseline, frame);
  const orientation = frame.rotated ? 'R' : 'N';
  const { prefix, data } = escapeField(item.text);
  return `^FT${x},${y}^A@${orientation},${height},${width},${ZPL_TEXT_FONT}${prefix}^FD${data}^FS`;
}

function barcodeZpl(
  item: BarcodeItem,
  frame: Frame,
  resolution: LabelOptions['resolution'],
): string {
  const module =
    item.purpose === 'identcode'
      ? identcodeModuleDots(resolution, item.pattern.modules).dots
      : Math.round(item.module * frame.perMm);
  const height = dot(item.height, frame);
  const [x, y] = frame.rotated
    ? toPage(item.x, item.y + item.height, frame)
    : toPage(item.x, item.y, frame);
  const orientation = frame.rotated ? 'R' : 'N';
  // Mode N with the `>;` invocation: Start Code C, then the digits in pairs.
  return `^FO${x},${y}^BY${module}^BC${orientation},${height},N,N,N,N^FD>;${item.pattern.digits}^FS`;
}

/**
 * One label as a ZPL II format (`^XA` … `^XZ`): the printer's own Code 128 (`^BC`, subset C)
 * for the identcode and the service codes, text in UTF-8 with the resident Swiss 721 font.
 * Sizes are in dots for the printer's resolution (200 meaning 203 dpi). The resolution is not
 * checked here: `assertRenderable` refuses one ZPL cannot honour once, before the first label.
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
  const all = [...drawing.fixed, ...drawing.items];
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
  const { page, rotated } = drawing.spec;
  const frame: Frame = { perMm: dotsPerMm(resolution), pageWidth: page.width, rotated };
  const fields = all.map((item) =>
    item.kind === 'text' ? textZpl(item, frame, resolution) : barcodeZpl(item, frame, resolution),
  );
  return [
    '^XA',
    '^CI28',
    `^PW${dot(page.width, frame)}`,
    `^LL${dot(page.height, frame)}`,
    '^LH0,0',
    ...fields,
    '^XZ',
    '',
  ].join('\n');
}
