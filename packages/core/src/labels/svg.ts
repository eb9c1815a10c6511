import { escapeXml } from '../escape-xml';
import { humanIdentcode } from '../identcode/index';
import type { BarcodeItem, DrawItem, FixedPart, LabelDrawing, TextItem } from './drawing';
import type { FontWeight } from './fonts';
import { glyphRun, labelFont, textMatrix } from './fonts';
import { barRects } from './geometry';

const n = (value: number) => String(Math.round(value * 1000) / 1000);

function barcodeSvg(item: BarcodeItem): string {
  const rects = barRects(item).map(
    (bar) =>
      `<rect x="${n(bar.x)}" y="${n(bar.y)}" width="${n(bar.width)}" height="${n(bar.height)}"/>`,
  );
  return `<g class="barcode" data-purpose="${item.purpose}" data-value="${item.pattern.digits}">${rects.join('')}</g>`;
}

/**
 * Outline path data of each glyph drawn so far, by its SVG id (weight and glyph id), computed
 * once per process. Bounded: the characters the schemas allow need under a thousand glyphs per
 * weight.
 */
const outlines = new Map<string, string>();

export function glyphOutline(weight: FontWeight, glyphId: number): { id: string; path: string } {
  const id = `${weight === 'bold' ? 'b' : 'r'}${glyphId}`;
  let path = outlines.get(id);
  if (path === undefined) {
    path = labelFont(weight).font.getGlyph(glyphId).path.toSVG();
    outlines.set(id, path);
  }
  return { id, path };
}

/**
 * Text becomes glyph outlines from the label font, each glyph defined once and placed with
 * `<use>`: the SVG then looks the same everywhere, whatever fonts the viewer has, and never
 * shows a substitute glyph. The text itself stays in `aria-label` for screen readers and search.
 */
function textSvg(item: TextItem, glyphs: Map<string, string>): string {
  const uses: string[] = [];
  for (const placed of glyphRun(item.text, item.weight)) {
    const { id, path } = glyphOutline(item.weight, placed.id);
    glyphs.set(id, path);
    const y = placed.y === 0 ? '' : ` y="${n(placed.y)}"`;
    uses.push(`<use href="#${id}" x="${n(placed.x)}"${y}/>`);
  }
  const [a, b, c, d, e, f] = textMatrix(item);
  const matrix = [a, b, c, d].map((value) => value.toPrecision(6)).join(' ');
  return `<g aria-label="${escapeXml(item.text)}" transform="matrix(${matrix} ${n(e)} ${n(f)})">${uses.join('')}</g>`;
}

/** A fixed part drawn once: its elements and the glyph outlines they use, in order of use. */
interface FixedSvg {
  readonly body: string;
  readonly glyphs: ReadonlyMap<string, string>;
}

const fixedParts = new WeakMap<FixedPart, FixedSvg>();

function itemsSvg(items: readonly DrawItem[], glyphs: Map<string, string>): string {
  let body = '';
  for (const item of items)
    body += item.kind === 'barcode' ? barcodeSvg(item) : textSvg(item, glyphs);
  return body;
}

function fixedSvg(fixed: FixedPart): FixedSvg {
  let drawn = fixedParts.get(fixed);
  if (drawn === undefined) {
    const glyphs = new Map<string, string>();
    drawn = { body: itemsSvg(fixed.items, glyphs), glyphs };
    fixedParts.set(fixed, drawn);
  }
  return drawn;
}

/**
 * One label as a standalone SVG document in millimetres, at the layout's page size (landscape,
 * as the PDF). Bars are `<rect>` elements. The fixed part's elements are drawn once and reused.
 *
 * @example
 * const svg = drawingToSvg(composeLabel(input, options));
 */
export function drawingToSvg(drawing: LabelDrawing): string {
  const { page } = drawing.spec;
  const fixed = fixedSvg(drawing.fixed);
  const glyphs = new Map(fixed.glyphs);
  const body = fixed.body + itemsSvg(drawing.items, glyphs);
  let defs = '';
  for (const [id, path] of glyphs) defs += `<path id="${id}" d="${path}"/>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(page.width)}mm" height="${n(page.height)}mm" viewBox="0 0 ${n(page.width)} ${n(page.height)}">`,
    `<title>Swiss Post parcel ${humanIdentcode(drawing.identcode)}</title>`,
    `<defs>${defs}</defs>`,
    `<rect width="${n(page.width)}" height="${n(page.height)}" fill="#fff"/>`,
    `<g fill="#000">${body}</g>`,
    '</svg>',
    '',
  ].join('\n');
}
