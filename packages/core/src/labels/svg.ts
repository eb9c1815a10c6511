import { escapeXml } from '../escape-xml';
import { humanIdentcode } from '../identcode/index';
import { barRuns } from './code128';
import type { BarcodeItem, LabelDrawing, TextItem } from './compose';
import type { FontWeight } from './fonts';
import { glyphRun, labelFont } from './fonts';
import { PT_TO_MM } from './layouts';

const n = (value: number) => String(Math.round(value * 1000) / 1000);

function barcodeSvg(item: BarcodeItem): string {
  const rects = barRuns(item.pattern).map(
    ([start, width]) =>
      `<rect x="${n(item.x + start * item.module)}" y="${n(item.y)}" width="${n(width * item.module)}" height="${n(item.height)}"/>`,
  );
  return `<g class="barcode" data-purpose="${item.purpose}" data-value="${item.pattern.digits}">${rects.join('')}</g>`;
}

/**
 * Outline path data of each glyph drawn so far, by its SVG id (weight and glyph id), computed
 * once per process. Bounded: the characters the schemas allow need under a thousand glyphs per
 * weight.
 */
const outlines = new Map<string, string>();

function glyphOutline(weight: FontWeight, glyphId: number): { id: string; path: string } {
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
  const font = labelFont(item.weight);
  const scale = (item.size * PT_TO_MM) / font.unitsPerEm;
  const uses: string[] = [];
  for (const placed of glyphRun(item.text, item.weight)) {
    const { id, path } = glyphOutline(item.weight, placed.id);
    glyphs.set(id, path);
    const y = placed.y === 0 ? '' : ` y="${n(placed.y)}"`;
    uses.push(`<use href="#${id}" x="${n(placed.x)}"${y}/>`);
  }
  return `<g aria-label="${escapeXml(item.text)}" transform="translate(${n(item.x)} ${n(item.baseline)}) scale(${scale.toPrecision(6)} ${(-scale).toPrecision(6)})">${uses.join('')}</g>`;
}

/**
 * One label as a standalone SVG document in millimetres, at the layout's page size. Bars are
 * `<rect>` elements; A7 content is turned 90° onto its portrait page like in the PDF.
 *
 * @example
 * const svg = drawingToSvg(composeLabel(input, options));
 */
export function drawingToSvg(drawing: LabelDrawing): string {
  const { page } = drawing.spec;
  const glyphs = new Map<string, string>();
  const body: string[] = [];
  for (const item of [...drawing.fixed, ...drawing.items]) {
    body.push(item.kind === 'barcode' ? barcodeSvg(item) : textSvg(item, glyphs));
  }
  const transform = drawing.spec.rotated ? ` transform="matrix(0 1 -1 0 ${n(page.width)} 0)"` : '';
  const defs = [...glyphs].map(([id, path]) => `<path id="${id}" d="${path}"/>`).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(page.width)}mm" height="${n(page.height)}mm" viewBox="0 0 ${n(page.width)} ${n(page.height)}">`,
    `<title>Swiss Post parcel ${humanIdentcode(drawing.identcode)}</title>`,
    `<defs>${defs}</defs>`,
    `<rect width="${n(page.width)}" height="${n(page.height)}" fill="#fff"/>`,
    `<g fill="#000"${transform}>${body.join('')}</g>`,
    '</svg>',
    '',
  ].join('\n');
}
