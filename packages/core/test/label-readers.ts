/**
 * Readers that take rendered labels apart again, for tests: a Code 128 decoder with its own
 * symbol table (ISO/IEC 15417, written out here rather than taken from bwip-js, so the
 * renderer's encoding is checked against an independent source), a small interpreter for the
 * uncompressed PDFs the renderer writes with `compress: false`, and an SVG reader.
 */
import { execFileSync } from 'node:child_process';
import { crc32, inflateSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Element widths (bar, space, …) of Code 128 symbol values 0–105; 106 is the stop pattern. */
export const CODE128_PATTERNS = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
  '2331112',
] as const;

/** A filled rectangle in page millimetres, origin top left. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Which way a symbol reads, from its start pattern to its stop pattern. */
export type ReadingDirection =
  | 'left-to-right'
  | 'right-to-left'
  | 'top-to-bottom'
  | 'bottom-to-top';

/** A decoded symbol and its geometry in millimetres. */
export interface DecodedBarcode {
  digits: string;
  /** First bar to last bar, along the reading direction. */
  length: number;
  /** Bar height (across the reading direction). */
  height: number;
  /** Where the bars start and end along the reading axis (smaller coordinate first). */
  start: number;
  end: number;
  /** The bars' position across the reading direction (top, or left for vertical codes). */
  across: number;
  /** The bars are horizontal: the code reads along y. */
  vertical: boolean;
  direction: ReadingDirection;
  /** Length divided by the symbol's modules: the module it was printed with. */
  module: number;
  /** The widest deviation of a bar or space from its whole number of modules, in modules. */
  worstElementError: number;
}

function decodeValues(elements: readonly number[], symbols: number): number[] | undefined {
  const values: number[] = [];
  for (let index = 0; index < symbols; index += 1) {
    const pattern = elements.slice(index * 6, index * 6 + 6).join('');
    const value = CODE128_PATTERNS.indexOf(pattern as (typeof CODE128_PATTERNS)[number]);
    if (value === -1 || value > 105) return undefined;
    values.push(value);
  }
  return elements.slice(symbols * 6).join('') === CODE128_PATTERNS[106] ? values : undefined;
}

/**
 * Decodes one Code 128 charset-C symbol from its bars, read in either direction along its
 * axis, as a scanner does: horizontal bars make a code that reads along y (the service
 * barcodes read from bottom to top).
 */
export function decodeCode128(bars: readonly Rect[]): DecodedBarcode {
  const vertical = (bars[0]?.width ?? 0) > (bars[0]?.height ?? 0);
  const along = (rect: Rect) => (vertical ? rect.y : rect.x);
  const thick = (rect: Rect) => (vertical ? rect.height : rect.width);
  const sorted = [...bars].sort((a, b) => along(a) - along(b));
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) throw new Error('no bars');
  const start = along(first);
  const end = along(last) + thick(last);
  // 3 bars per symbol and 4 in the stop pattern; 11 modules per symbol and 13 for the stop.
  const symbols = (sorted.length - 4) / 3;
  if (!Number.isInteger(symbols)) throw new Error(`${sorted.length} bars are no Code 128 symbol`);
  const module = (end - start) / (11 * symbols + 13);
  const measured: number[] = [];
  sorted.forEach((bar, index) => {
    measured.push(thick(bar) / module);
    const next = sorted[index + 1];
    if (next !== undefined) measured.push((along(next) - along(bar) - thick(bar)) / module);
  });
  const elements = measured.map(Math.round);
  const worstElementError = Math.max(
    ...measured.map((value, i) => Math.abs(value - (elements[i] ?? 0))),
  );
  // Read forwards; if that finds no symbols, the code was drawn the other way round.
  const forwards = decodeValues(elements, symbols);
  const values = forwards ?? decodeValues([...elements].reverse(), symbols);
  if (values === undefined) throw new Error(`no Code 128 symbol in ${elements.join('')}`);
  const [startCode, ...rest] = values;
  if (startCode !== 105) throw new Error(`starts with ${startCode}, not Start C (105)`);
  const data = rest.slice(0, -1);
  const check = rest.at(-1);
  const sum = data.reduce((total, value, index) => total + value * (index + 1), 105);
  if (sum % 103 !== check) throw new Error(`checksum ${check} is wrong, expected ${sum % 103}`);
  if (data.some((value) => value > 99)) throw new Error('not charset C digits only');
  const direction: ReadingDirection = vertical
    ? forwards
      ? 'top-to-bottom'
      : 'bottom-to-top'
    : forwards
      ? 'left-to-right'
      : 'right-to-left';
  return {
    digits: data.map((value) => String(value).padStart(2, '0')).join(''),
    length: end - start,
    height: vertical ? first.width : first.height,
    start,
    end,
    across: vertical ? first.x : first.y,
    vertical,
    direction,
    module,
    worstElementError,
  };
}

/** Groups bars into symbols: same size across the reading direction, close together along it. */
export function groupBars(rects: readonly Rect[]): Rect[][] {
  const groups = new Map<string, Rect[]>();
  for (const rect of rects) {
    const vertical = rect.width > rect.height;
    const key = vertical
      ? `v${rect.x.toFixed(2)},${rect.width.toFixed(2)}`
      : `h${rect.y.toFixed(2)},${rect.height.toFixed(2)}`;
    const group = groups.get(key) ?? [];
    group.push(rect);
    groups.set(key, group);
  }
  // Codes in one row with the same height share a key: split them where the gap is wide.
  const result: Rect[][] = [];
  for (const [key, group] of groups) {
    const vertical = key.startsWith('v');
    const along = (rect: Rect) => (vertical ? rect.y : rect.x);
    const thick = (rect: Rect) => (vertical ? rect.height : rect.width);
    group.sort((a, b) => along(a) - along(b));
    let current: Rect[] = [];
    for (const rect of group) {
      const previous = current.at(-1);
      if (previous !== undefined && along(rect) - along(previous) - thick(previous) > 3) {
        result.push(current);
        current = [];
      }
      current.push(rect);
    }
    if (current.length > 0) result.push(current);
  }
  return result;
}

/** Every barcode among `rects`, decoded. */
export function decodeAll(rects: readonly Rect[]): DecodedBarcode[] {
  return groupBars(rects).map(decodeCode128);
}

// ---------------------------------------------------------------------------------------------
// PDF

const PT_TO_MM = 25.4 / 72;

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  // m applied first, then n (PDF: cm concatenates the new matrix before the CTM).
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** A line of text as drawn, with where its first glyph starts (page mm, top left). */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  font: string;
  /** Sum of the glyph advances (the font's /W widths) as drawn, in mm. */
  width: number;
  /** The font's /CapHeight, /Ascent and /Descent (positive) as drawn, in mm. */
  capHeight: number;
  ascent: number;
  descent: number;
  /** Direction of the baseline in degrees clockwise on the page: 0 reads left to right, 270 upwards. */
  angle: number;
}

export interface PdfPage {
  /** Page size in millimetres. */
  width: number;
  height: number;
  rects: Rect[];
  texts: PlacedText[];
  /** How many raster images the page draws. */
  images: number;
}

export interface ParsedPdf {
  pages: PdfPage[];
  /** Every object by number: its dictionary text and stream. */
  objects: Map<number, { dict: string; stream: string | undefined }>;
}

function parseObjects(pdf: string): ParsedPdf['objects'] {
  const objects: ParsedPdf['objects'] = new Map();
  const pattern = /(\d+) 0 obj\n([\s\S]*?)\nendobj/g;
  for (const match of pdf.matchAll(pattern)) {
    const body = match[2] ?? '';
    const streamAt = body.indexOf('\nstream\n');
    if (streamAt === -1) {
      objects.set(Number(match[1]), { dict: body, stream: undefined });
    } else {
      const stream = body.slice(streamAt + 8).replace(/\nendstream$/, '');
      objects.set(Number(match[1]), { dict: body.slice(0, streamAt), stream });
    }
  }
  return objects;
}

const refOf = (dict: string, key: string) => {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return match ? Number(match[1]) : undefined;
};

function namedRefs(dict: string, key: string): Map<string, number> {
  const block = new RegExp(`/${key} <<([\\s\\S]*?)>>`).exec(dict)?.[1] ?? '';
  return new Map([...block.matchAll(/\/(\w+) (\d+) 0 R/g)].map((m) => [m[1] ?? '', Number(m[2])]));
}

interface FontInfo {
  unicode: Map<string, string>;
  /** Advance widths in 1/1000 em by glyph id (hex, as in the content stream). */
  widths: Map<string, number>;
  /** Cap height, ascent and descent (positive) in 1/1000 em. */
  capHeight: number;
  ascent: number;
  descent: number;
}

function toUnicodeMap(objects: ParsedPdf['objects'], fontObject: number): Map<string, string> {
  const font = objects.get(fontObject);
  const cmapRef = font === undefined ? undefined : refOf(font.dict, 'ToUnicode');
  const cmap = cmapRef === undefined ? undefined : objects.get(cmapRef)?.stream;
  const map = new Map<string, string>();
  if (cmap === undefined) return map;
  for (const range of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/g)) {
    const from = Number.parseInt(range[1] ?? '0', 16);
    const entries = [...(range[3] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1] ?? '');
    entries.forEach((units, index) => {
      const chars = units.match(/.{4}/g)?.map((unit) => Number.parseInt(unit, 16)) ?? [];
      map.set((from + index).toString(16).padStart(4, '0'), String.fromCharCode(...chars));
    });
  }
  return map;
}

/** A Type 0 font's glyph widths (`/W [0 [w0 w1 …]]` of its descendant) and cap height. */
function fontInfo(objects: ParsedPdf['objects'], fontObject: number): FontInfo {
  const font = objects.get(fontObject)?.dict ?? '';
  const descendantRef = /\/DescendantFonts \[(\d+) 0 R\]/.exec(font)?.[1];
  const descendant = objects.get(Number(descendantRef))?.dict ?? '';
  const widths = new Map<string, number>();
  const list = /\/W \[0 \[([^\]]*)\]\]/.exec(descendant)?.[1] ?? '';
  list
    .trim()
    .split(/\s+/)
    .forEach((width, gid) => {
      widths.set(gid.toString(16).padStart(4, '0'), Number(width));
    });
  const descriptor = objects.get(refOf(descendant, 'FontDescriptor') ?? -1)?.dict ?? '';
  const metric = (key: string) =>
    Math.abs(Number(new RegExp(`/${key} (-?[\\d.]+)`).exec(descriptor)?.[1] ?? Number.NaN));
  return {
    unicode: toUnicodeMap(objects, fontObject),
    widths,
    capHeight: metric('CapHeight'),
    ascent: metric('Ascent'),
    descent: metric('Descent'),
  };
}

const lengthOf = (m: Matrix, x: number, y: number) =>
  Math.hypot(m[0] * x + m[2] * y, m[1] * x + m[3] * y);

/** Reads an uncompressed PDF written by the renderer: pages, their filled rects and texts. */
export function readPdf(data: Uint8Array): ParsedPdf {
  const pdf = Buffer.from(data).toString('latin1');
  const objects = parseObjects(pdf);
  const pages: PdfPage[] = [];
  const fontInfos = new Map<number, FontInfo>();
  for (const [, object] of objects) {
    if (!/\/Type \/Page\n/.test(object.dict)) continue;
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(object.dict);
    const width = Number(box?.[1]);
    const height = Number(box?.[2]);
    const resourcesRef = refOf(object.dict, 'Resources');
    const resources = resourcesRef === undefined ? '' : (objects.get(resourcesRef)?.dict ?? '');
    const page: PdfPage = {
      width: width * PT_TO_MM,
      height: height * PT_TO_MM,
      rects: [],
      texts: [],
      images: 0,
    };
    const fontsOf = (dict: string) => {
      const fonts = new Map<string, FontInfo>();
      for (const [name, ref] of namedRefs(dict, 'Font')) {
        let info = fontInfos.get(ref);
        if (info === undefined) {
          info = fontInfo(objects, ref);
          fontInfos.set(ref, info);
        }
        fonts.set(name, info);
      }
      return fonts;
    };
    const toPage = (x: number, y: number): [number, number] => [
      x * PT_TO_MM,
      (height - y) * PT_TO_MM,
    ];
    const run = (content: string, start: Matrix, dict: string) => {
      const fonts = fontsOf(dict);
      const xobjects = namedRefs(dict, 'XObject');
      let ctm = start;
      const stack: Matrix[] = [];
      let path: Array<[number, number, number, number]> = [];
      let font = '';
      let fontSize = 1;
      let textMatrix: Matrix = [1, 0, 0, 1, 0, 0];
      const operands: string[] = [];
      const tokens = content.match(/<[0-9a-fA-F]*>|\/\w+|[-\d.]+|[A-Za-z*]+/g) ?? [];
      for (const token of tokens) {
        if (/^[-\d.]+$/.test(token) || token.startsWith('/') || token.startsWith('<')) {
          operands.push(token);
          continue;
        }
        const nums = operands.map(Number);
        switch (token) {
          case 'q':
            stack.push(ctm);
            break;
          case 'Q':
            ctm = stack.pop() ?? ctm;
            break;
          case 'cm':
            ctm = multiply(nums as Matrix, ctm);
            break;
          case 're': {
            const [x = 0, y = 0, w = 0, h = 0] = nums;
            const corners = [apply(ctm, x, y), apply(ctm, x + w, y + h)].map(([px, py]) =>
              toPage(px, py),
            );
            const [[x1 = 0, y1 = 0] = [], [x2 = 0, y2 = 0] = []] = corners;
            path.push([Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1)]);
            break;
          }
          case 'f':
            for (const [x, y, w, h] of path) page.rects.push({ x, y, width: w, height: h });
            path = [];
            break;
          case 'Tf':
            font = operands[0]?.slice(1) ?? '';
            fontSize = Number(operands[1]);
            break;
          case 'Tm':
            textMatrix = nums as Matrix;
            break;
          case 'Tj': {
            const hex = operands[0]?.slice(1, -1) ?? '';
            const info = fonts.get(font);
            const gids = hex.match(/.{4}/g) ?? [];
            const text = gids.map((gid) => info?.unicode.get(gid) ?? '\uFFFD').join('');
            const advance = gids.reduce(
              (sum, gid) => sum + (info?.widths.get(gid) ?? Number.NaN),
              0,
            );
            // Text space to page points: the text matrix, then the CTM; page y points up.
            const m = multiply(textMatrix, ctm);
            const [px, py] = toPage(...apply(m, 0, 0));
            const scale = (fontSize / 1000) * PT_TO_MM;
            const angle = (Math.round((Math.atan2(-m[1], m[0]) * 180) / Math.PI) + 360) % 360;
            page.texts.push({
              text,
              x: px,
              y: py,
              font,
              width: lengthOf(m, advance, 0) * scale,
              capHeight: lengthOf(m, 0, info?.capHeight ?? Number.NaN) * scale,
              ascent: lengthOf(m, 0, info?.ascent ?? Number.NaN) * scale,
              descent: lengthOf(m, 0, info?.descent ?? Number.NaN) * scale,
              angle,
            });
            break;
          }
          case 'Do': {
            const ref = xobjects.get(operands[0]?.slice(1) ?? '');
            const form = ref === undefined ? undefined : objects.get(ref);
            if (form !== undefined && /\/Subtype \/Image/.test(form.dict)) page.images += 1;
            else if (form?.stream !== undefined) run(form.stream, ctm, form.dict);
            break;
          }
          default:
            break;
        }
        operands.length = 0;
      }
    };
    const contentRef = refOf(object.dict, 'Contents');
    const content = contentRef === undefined ? '' : (objects.get(contentRef)?.stream ?? '');
    run(content, [1, 0, 0, 1, 0, 0], resources);
    pages.push(page);
  }
  return { pages, objects };
}

/**
 * The box a placed text's glyphs can cover on the page (mm): along its baseline for its width,
 * from its ascent above to its descent below, turned with it.
 */
export function textBox(placed: PlacedText): Rect {
  const rad = (placed.angle * Math.PI) / 180;
  const [ux, uy] = [Math.round(Math.cos(rad)), Math.round(Math.sin(rad))];
  // The glyphs' tops point a quarter turn counter-clockwise from the baseline's direction.
  const [vx, vy] = [uy, -ux];
  const xs: number[] = [];
  const ys: number[] = [];
  for (const across of [placed.ascent, -placed.descent]) {
    for (const along of [0, placed.width]) {
      xs.push(placed.x + along * ux + across * vx);
      ys.push(placed.y + along * uy + across * vy);
    }
  }
  const [x, y] = [Math.min(...xs), Math.min(...ys)];
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** The gap between two rectangles, 0 when they touch or overlap. */
export function gapBetween(a: Rect, b: Rect): number {
  const dx = Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width));
  const dy = Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

/** The texts of a page joined per line (glyph runs drawn one by one are joined back). */
export function pageTexts(page: PdfPage): string[] {
  const lines: Array<{ y: number; x: number; text: string }> = [];
  for (const placed of page.texts) {
    const line = lines.find((other) => Math.abs(other.y - placed.y) < 0.5 && placed.x >= other.x);
    if (
      line !== undefined &&
      placed.x - line.x < 200 &&
      line.text.length > 0 &&
      placed.x > line.x
    ) {
      line.text += placed.text;
    } else {
      lines.push({ y: placed.y, x: placed.x, text: placed.text });
    }
  }
  return lines.map((line) => line.text);
}

// ---------------------------------------------------------------------------------------------
// SVG

export interface ParsedSvg {
  width: string;
  height: string;
  viewBox: string;
  rects: Rect[];
  /** The `aria-label` of every text group, in document order. */
  texts: string[];
  glyphDefinitions: number;
}

type XmlNode = Record<string, unknown>;

function attributes(node: XmlNode): Record<string, string> {
  return (node[':@'] as Record<string, string> | undefined) ?? {};
}

function children(node: XmlNode): XmlNode[] {
  const key = Object.keys(node).find((name) => name !== ':@');
  const value = key === undefined ? undefined : node[key];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function tagOf(node: XmlNode): string {
  return Object.keys(node).find((name) => name !== ':@') ?? '';
}

function matrixOf(transform: string | undefined): Matrix {
  const match = /matrix\(([^)]*)\)/.exec(transform ?? '');
  if (!match) return [1, 0, 0, 1, 0, 0];
  return (match[1] ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number) as Matrix;
}

/** Parses an SVG document (throws if it is not well-formed XML) and collects bars and texts. */
export function readSvg(svg: string): ParsedSvg {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`SVG is not well-formed: ${JSON.stringify(valid.err)}`);
  const tree = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
  }).parse(svg) as XmlNode[];
  const root = tree.find((node) => tagOf(node) === 'svg');
  if (root === undefined) throw new Error('no svg element');
  const result: ParsedSvg = {
    width: attributes(root).width ?? '',
    height: attributes(root).height ?? '',
    viewBox: attributes(root).viewBox ?? '',
    rects: [],
    texts: [],
    glyphDefinitions: 0,
  };
  const walk = (nodes: XmlNode[], ctm: Matrix, inDefs: boolean) => {
    for (const node of nodes) {
      const tag = tagOf(node);
      const attrs = attributes(node);
      if (tag === 'defs') {
        walk(children(node), ctm, true);
        continue;
      }
      if (inDefs && tag === 'path') result.glyphDefinitions += 1;
      if (tag === 'rect' && attrs.fill !== '#fff') {
        const x = Number(attrs.x ?? 0);
        const y = Number(attrs.y ?? 0);
        const [x1, y1] = apply(ctm, x, y);
        const [x2, y2] = apply(ctm, x + Number(attrs.width), y + Number(attrs.height));
        result.rects.push({
          x: Math.min(x1, x2),
          y: Math.min(y1, y2),
          width: Math.abs(x2 - x1),
          height: Math.abs(y2 - y1),
        });
      }
      if (tag === 'g' && attrs['aria-label'] !== undefined) result.texts.push(attrs['aria-label']);
      const own = matrixOf(attrs.transform);
      walk(
        children(node),
        tag === 'g' && attrs.transform?.startsWith('matrix') ? multiply(own, ctm) : ctm,
        inDefs,
      );
    }
  };
  walk(children(root), [1, 0, 0, 1, 0, 0], false);
  return result;
}

// ---------------------------------------------------------------------------------------------
// ZPL

/** Dots per millimetre of Zebra printheads sold as 200, 300 and 600 dpi (203, 305, 610 dpi). */
export const PRINTER_DOTS_PER_MM = { 200: 8, 300: 12, 600: 24 } as const;

/** A ZPL label printed into a raster: one byte per dot, 1 where the printer burns it. */
export interface ZplRaster {
  /** `^PW`, in dots across the printhead. */
  width: number;
  /** `^LL`, in dots along the feed. */
  length: number;
  dots: Uint8Array;
  /** Text fields, not rasterised: where they start, their `^A` font command and data. */
  texts: Array<{ x: number; y: number; font: string; text: string }>;
}

interface ZplState {
  x: number;
  y: number;
  moduleWidth: number;
  barHeight: number;
  pending:
    | { kind: 'barcode'; orientation: string; height: number }
    | { kind: 'font'; font: string }
    | undefined;
}

/** The bars of a `^BC` field in charset C (`>;` then digits), from the independent table. */
function code128Elements(digits: string): number[] {
  const values = (digits.match(/\d\d/g) ?? []).map(Number);
  const checksum = values.reduce((sum, value, index) => sum + value * (index + 1), 105) % 103;
  return [105, ...values, checksum, 106].flatMap((value) =>
    [...(CODE128_PATTERNS[value] ?? '')].map(Number),
  );
}

/**
 * A small ZPL II interpreter for the commands our labels and Swiss Post's use: `^PW`, `^LL`,
 * `^LH` (0,0 only), `^FO`/`^FT` field origins, `^GB` boxes, `^BY` module width and `^BC`
 * Code 128 with the `>;` Start C invocation in orientations N, R, I and B. It burns every bar
 * into a raster of the printer's own dots, as the printhead would.
 */
export function rasteriseZpl(zpl: string): ZplRaster {
  const commands = [...zpl.matchAll(/[\^~]([A-Z@][A-Z@0-9]?)([^^~]*)/g)].map((match) => ({
    name: match[1] ?? '',
    args: match[2] ?? '',
  }));
  const size = (name: string) => {
    const value = commands.find((command) => command.name === name)?.args;
    if (value === undefined) throw new Error(`no ^${name}`);
    return Number.parseInt(value, 10);
  };
  const width = size('PW');
  const length = size('LL');
  const dots = new Uint8Array(width * length);
  const fill = (x: number, y: number, w: number, h: number) => {
    for (let row = Math.max(0, y); row < Math.min(length, y + h); row += 1) {
      dots.fill(1, row * width + Math.max(0, x), row * width + Math.min(width, x + w));
    }
  };
  const texts: ZplRaster['texts'] = [];
  const state: ZplState = { x: 0, y: 0, moduleWidth: 2, barHeight: 10, pending: undefined };
  const numbers = (args: string) => args.split(',').map((value) => Number.parseInt(value, 10));
  for (let index = 0; index < commands.length; index += 1) {
    const { name, args } = commands[index] as { name: string; args: string };
    switch (name) {
      case 'LH':
        if (numbers(args).some((value) => value !== 0)) throw new Error('^LH other than 0,0');
        break;
      case 'FO':
      case 'FT':
        [state.x = 0, state.y = 0] = numbers(args);
        break;
      case 'BY': {
        const [module, , height] = numbers(args);
        if (module !== undefined && !Number.isNaN(module)) state.moduleWidth = module;
        if (height !== undefined && !Number.isNaN(height)) state.barHeight = height;
        break;
      }
      case 'BC': {
        const [orientation = 'N', height] = args.split(',');
        state.pending = {
          kind: 'barcode',
          orientation: orientation || 'N',
          height: height ? Number.parseInt(height, 10) : state.barHeight,
        };
        break;
      }
      case 'GB': {
        const [w = 1, h = 1, t = 1] = numbers(args);
        const thickness = Math.max(1, t);
        const [bw, bh] = [Math.max(w, thickness), Math.max(h, thickness)];
        // A box is its four borders; a border as thick as half the box fills it.
        fill(state.x, state.y, bw, thickness);
        fill(state.x, state.y + bh - thickness, bw, thickness);
        fill(state.x, state.y, thickness, bh);
        fill(state.x + bw - thickness, state.y, thickness, bh);
        break;
      }
      case 'A':
      case 'A@':
        state.pending = { kind: 'font', font: `${name}${args}` };
        break;
      case 'FD': {
        const pending = state.pending;
        if (pending?.kind === 'barcode') {
          if (!args.startsWith('>;')) throw new Error(`^BC data without Start C: ${args}`);
          const elements = code128Elements(args.slice(2));
          const total = elements.reduce((sum, value) => sum + value, 0) * state.moduleWidth;
          let position = 0;
          elements.forEach((element, i) => {
            const w = element * state.moduleWidth;
            if (i % 2 === 0) {
              const { x, y } = state;
              const h = pending.height;
              if (pending.orientation === 'N') fill(x + position, y, w, h);
              else if (pending.orientation === 'I') fill(x + total - position - w, y, w, h);
              else if (pending.orientation === 'R') fill(x, y + position, h, w);
              else fill(x, y + total - position - w, h, w);
            }
            position += w;
          });
        } else {
          texts.push({ x: state.x, y: state.y, font: pending?.font ?? '', text: args });
        }
        break;
      }
      case 'FS':
        state.pending = undefined;
        break;
      default:
        break;
    }
  }
  return { width, length, dots, texts };
}

/**
 * The burnt dots as rectangles in millimetres: runs along each dot row, merged down the rows
 * while they keep the same span. Bars never touch, so every bar becomes one rectangle.
 */
export function rasterRects(raster: ZplRaster, dotsPerMm: number): Rect[] {
  const done: Rect[] = [];
  let open = new Map<string, { x: number; y: number; width: number }>();
  for (let row = 0; row <= raster.length; row += 1) {
    const next = new Map<string, { x: number; y: number; width: number }>();
    if (row < raster.length) {
      const offset = row * raster.width;
      for (let x = 0; x < raster.width; x += 1) {
        if (raster.dots[offset + x] !== 1) continue;
        let end = x;
        while (end < raster.width && raster.dots[offset + end] === 1) end += 1;
        const key = `${x},${end}`;
        next.set(key, open.get(key) ?? { x, y: row, width: end - x });
        x = end;
      }
    }
    for (const [key, run] of open) {
      if (!next.has(key)) {
        done.push({
          x: run.x / dotsPerMm,
          y: run.y / dotsPerMm,
          width: run.width / dotsPerMm,
          height: (row - run.y) / dotsPerMm,
        });
      }
    }
    open = next;
  }
  return done;
}

/** How many dots are burnt inside a rectangle given in millimetres. */
export function burntDots(raster: ZplRaster, dotsPerMm: number, area: Rect): number {
  let count = 0;
  const [x0, x1] = [Math.ceil(area.x * dotsPerMm), Math.floor((area.x + area.width) * dotsPerMm)];
  const [y0, y1] = [Math.ceil(area.y * dotsPerMm), Math.floor((area.y + area.height) * dotsPerMm)];
  for (let y = Math.max(0, y0); y < Math.min(raster.length, y1); y += 1) {
    for (let x = Math.max(0, x0); x < Math.min(raster.width, x1); x += 1) {
      count += raster.dots[y * raster.width + x] ?? 0;
    }
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Rasters: PNG files and PDF pages rendered by poppler

/** Every barcode that decodes among `rects`; text and other marks are skipped. */
export function readableBarcodes(rects: readonly Rect[]): DecodedBarcode[] {
  const found: DecodedBarcode[] = [];
  for (const group of groupBars(rects)) {
    if (group.length < 10) continue;
    try {
      found.push(decodeCode128(group));
    } catch {
      // Not a symbol: glyph runs of text lines also group.
    }
  }
  return found;
}

/** Grey pixels (one byte each, 0 black) to ink dots at a threshold of 50 %. */
function inkOf(grey: Uint8Array): Uint8Array {
  const dots = new Uint8Array(grey.length);
  for (let index = 0; index < grey.length; index += 1)
    dots[index] = (grey[index] ?? 255) < 128 ? 1 : 0;
  return dots;
}

/**
 * A PNG read with a decoder of its own (chunks, zlib, the five row filters; 8-bit grey or
 * RGB/RGBA), so that the SDK's encoder is checked against the format, not against itself.
 * Returns the ink and the resolution its pHYs chunk gives (undefined without one).
 */
export function readPng(data: Uint8Array): { raster: ZplRaster; dpi: number | undefined } {
  const bytes = Buffer.from(data);
  if (!bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))) {
    throw new Error('not a PNG');
  }
  let offset = 8;
  let [width, height, depth, colour] = [0, 0, 0, 0];
  let dpi: number | undefined;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc)
      throw new Error(`${type}: bad CRC`);
    if (type === 'IHDR')
      [width, height, depth, colour] = [
        body.readUInt32BE(0),
        body.readUInt32BE(4),
        body[8] ?? 0,
        body[9] ?? 0,
      ];
    if (type === 'pHYs' && body[8] === 1) dpi = body.readUInt32BE(0) * 0.0254;
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 6: 4 } as Record<number, number>)[colour];
  if (depth !== 8 || channels === undefined)
    throw new Error(`unsupported PNG: depth ${depth}, colour ${colour}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let row = 0; row < height; row += 1) {
    const filter = raw[row * (stride + 1)];
    for (let i = 0; i < stride; i += 1) {
      const x = raw[row * (stride + 1) + 1 + i] ?? 0;
      const a = i >= channels ? (pixels[row * stride + i - channels] ?? 0) : 0;
      const b = row > 0 ? (pixels[(row - 1) * stride + i] ?? 0) : 0;
      const c = row > 0 && i >= channels ? (pixels[(row - 1) * stride + i - channels] ?? 0) : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predicted = [0, a, b, (a + b) >> 1, paeth()][filter ?? 0] ?? 0;
      pixels[row * stride + i] = (x + predicted) & 0xff;
    }
  }
  const grey = new Uint8Array(width * height);
  for (let index = 0; index < grey.length; index += 1)
    grey[index] = pixels[index * channels] ?? 255;
  return { raster: { width, length: height, dots: inkOf(grey), texts: [] }, dpi };
}

/**
 * A PDF's first page rendered by poppler's `pdftoppm` (a real PDF renderer, nothing of the
 * SDK's) at `dpi`, as ink dots.
 */
export function rasterisePdf(pdf: Uint8Array, dpi: number): ZplRaster {
  let pgm: Buffer;
  try {
    pgm = execFileSync(
      'pdftoppm',
      ['-r', String(dpi), '-gray', '-singlefile', '-f', '1', '-l', '1', '-'],
      {
        input: pdf,
        maxBuffer: 512 * 1024 * 1024,
      },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'pdftoppm is missing: install it with `apt-get install -y poppler-utils` (pnpm test does this on Debian)',
      );
    }
    throw error;
  }
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (header === null) throw new Error('pdftoppm wrote no PGM');
  const [width, length] = [Number(header[1]), Number(header[2])];
  return { width, length, dots: inkOf(pgm.subarray(header[0].length)), texts: [] };
}

/**
 * Barcodes on a raster read as a scanner reads them: along every row (and column) of dots,
 * a quarter millimetre apart, dark runs taken for bars. Each symbol's bar height is then
 * measured across, through the middle of its widest bar. Robust to the grey edge pixels of
 * an anti-aliased renderer, which split the bars into pieces for {@link rasterRects}.
 */
export function scanBarcodes(raster: ZplRaster, dotsPerMm: number): DecodedBarcode[] {
  const found = new Map<string, DecodedBarcode>();
  const ink = (x: number, y: number) => raster.dots[y * raster.width + x] === 1;
  const step = Math.max(1, Math.round(dotsPerMm / 4));
  for (const vertical of [false, true]) {
    const lines = vertical ? raster.width : raster.length;
    const length = vertical ? raster.length : raster.width;
    for (let line = 0; line < lines; line += step) {
      const bars: Rect[] = [];
      let start = -1;
      for (let position = 0; position <= length; position += 1) {
        const dark = position < length && (vertical ? ink(line, position) : ink(position, line));
        if (dark && start === -1) start = position;
        if (!dark && start !== -1) {
          const [along, size] = [start / dotsPerMm, (position - start) / dotsPerMm];
          bars.push(
            vertical
              ? { x: line / dotsPerMm, y: along, width: 50, height: size }
              : { x: along, y: line / dotsPerMm, width: size, height: 50 },
          );
          start = -1;
        }
      }
      for (const code of readableBarcodes(bars)) {
        if (found.has(`${vertical}${code.digits}`)) continue;
        found.set(`${vertical}${code.digits}`, { ...code, ...acrossBars(code, line) });
      }
    }
  }
  return [...found.values()];

  /** The dark run across the reading direction through the symbol's first bar, in mm. */
  function acrossBars(code: DecodedBarcode, line: number): { height: number; across: number } {
    const middle = Math.round((code.start + code.module / 2) * dotsPerMm);
    const dark = (across: number) => (code.vertical ? ink(across, middle) : ink(middle, across));
    let [from, to] = [line, line];
    while (from > 0 && dark(from - 1)) from -= 1;
    while (dark(to + 1)) to += 1;
    return { height: (to - from + 1) / dotsPerMm, across: from / dotsPerMm };
  }
}
