import PDFDocument from 'pdfkit';
import type { ValidationIssue } from '../errors/index';
import { quoteList } from '../schemas/text';
import type { ByteWriter } from './byte-writer';
import type { TextItem } from './drawing';
import type { Orientation } from './geometry';
import { turn, turnClockwise } from './geometry';
import { PT_TO_MM } from './layouts';

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

/** Whether each code point below U+0250 is in WGL4, looked up instead of searched. */
const LATIN_END = 0x250;
const latinInWgl4 = new Uint8Array(LATIN_END);

function inWgl4Ranges(codePoint: number): boolean {
  for (const [from, to] of WGL4_LATIN) if (codePoint >= from && codePoint <= to) return true;
  return false;
}

for (let codePoint = 0; codePoint < LATIN_END; codePoint += 1) {
  latinInWgl4[codePoint] = inWgl4Ranges(codePoint) ? 1 : 0;
}

function inWgl4(codePoint: number): boolean {
  return codePoint < LATIN_END ? latinInWgl4[codePoint] === 1 : inWgl4Ranges(codePoint);
}

/**
 * The problem of a text item the resident font cannot print (its characters outside WGL4),
 * or `undefined` when it can.
 */
export function zplTextIssue(item: TextItem): ValidationIssue | undefined {
  const outside: string[] = [];
  const { text } = item;
  for (let index = 0, code = 0; index < text.length; index += code > 0xffff ? 2 : 1) {
    code = text.codePointAt(index) as number;
    if (inWgl4(code)) continue;
    const character = String.fromCodePoint(code);
    if (!outside.includes(character)) outside.push(character);
  }
  if (outside.length === 0) return undefined;
  return {
    path: item.field,
    message: `contains ${quoteList(outside)}, which the printer's resident font cannot print in ZPL; use the pdf or svg format`,
    code: 'unprintable_in_zpl',
  };
}

/** Swiss 721 has Helvetica's widths; pdfkit carries Helvetica's metrics (AFM). */
let metricsDoc: InstanceType<typeof PDFDocument> | undefined;
/** Widths by code point, measured once per process (an array for Latin, a map for the rest). */
const latinEms: Array<number | undefined> = new Array(LATIN_END).fill(undefined);
const otherEms = new Map<number, number>();

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

function helveticaEm(codePoint: number): number {
  let em = codePoint < LATIN_END ? latinEms[codePoint] : otherEms.get(codePoint);
  if (em !== undefined) return em;
  metricsDoc ??= new PDFDocument({ autoFirstPage: false }).font('Helvetica').fontSize(1);
  const character = String.fromCodePoint(codePoint);
  const base = BASE_LETTERS[character] ?? character.normalize('NFD').replace(/\p{M}/gu, '');
  // WinAnsi has every letter that decomposes to a Latin-1 one; 'W' bounds anything else.
  const measured = base === '' ? 0 : metricsDoc.widthOfString(base);
  em = measured > 0 || base === '' ? measured : metricsDoc.widthOfString('W');
  if (codePoint < LATIN_END) latinEms[codePoint] = em;
  else otherEms.set(codePoint, em);
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
export interface Frame {
  readonly perMm: number;
  /** The label's height, which is the frame's width. */
  readonly labelHeight: number;
}

/** Label millimetres to frame dots, each coordinate rounded to its nearest dot. */
export function toDots(x: number, y: number, frame: Frame): [number, number] {
  const [fx, fy] = turnClockwise(x, y, frame.labelHeight);
  return [Math.round(fx * frame.perMm), Math.round(fy * frame.perMm)];
}

const ORIENTATION_LETTERS: Record<Orientation, string> = { 0: 'N', 90: 'R', 180: 'I', 270: 'B' };

/**
 * Writes a text field on its own line: the resident font at the item's size, narrowed where
 * Swiss 721 runs wider.
 */
export function textZpl(item: TextItem, frame: Frame, out: ByteWriter): void {
  const height = Math.max(1, Math.round(item.size * PT_TO_MM * frame.perMm));
  let natural = 0;
  const { text } = item;
  for (let index = 0, code = 0; index < text.length; index += code > 0xffff ? 2 : 1) {
    code = text.codePointAt(index) as number;
    natural += helveticaEm(code);
  }
  const allowed = item.width * frame.perMm;
  // Compress the glyphs when Swiss 721 would run wider than the space the layout measured.
  // A scalable ZPL font is `width` dots per em across, so the line takes `natural × width` dots.
  const width = natural * height > allowed ? Math.max(1, Math.floor(allowed / natural)) : height;
  const [x, y] = toDots(item.x, item.baseline, frame);
  const orientation = ORIENTATION_LETTERS[turn(item.orientation, 90)];
  const { prefix, data } = escapeField(item.text);
  out.ascii('\n^FT').number(x).ascii(',').number(y).ascii('^A@').ascii(orientation).ascii(',');
  out.number(height).ascii(',').number(width).ascii(FONT_FIELD).ascii(prefix).ascii('^FD');
  out.utf8(data).ascii('^FS');
}

const FONT_FIELD = `,${ZPL_TEXT_FONT}`;
