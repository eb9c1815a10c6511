import type { SymbolCharacter } from './code128';
import { forEachSymbolCharacter } from './code128';
import type { BarcodeItem, DrawItem, TextItem } from './drawing';
import type { FontWeight } from './fonts';
import { glyphRun, hasPositionedGlyphs, labelFont } from './fonts';
import { axesOf, symbolFrame } from './geometry';
import { PT_TO_MM } from './layouts';
import { num } from './pdf-file';
import type { PdfSubsetFont } from './pdf-font';

/** The fonts a label's text is written in, by weight. */
export type PdfFonts = Readonly<Record<FontWeight, PdfSubsetFont>>;

/**
 * Page content of drawn items, as PDF operators in label millimetres (y pointing down; the
 * page's matrix turns them onto the page). Bars and text are written directly: a general PDF
 * library formats and shapes every call, and bulk labels spend most of their time there
 * otherwise.
 */
export function itemOps(items: readonly DrawItem[], fonts: PdfFonts, ops: string[]): void {
  for (const item of items) {
    if (item.kind === 'barcode') barcodeOps(item, ops);
    else textOps(item, fonts[item.weight], ops);
  }
}

function textOps(item: TextItem, font: PdfSubsetFont, ops: string[]): void {
  const size = item.size * PT_TO_MM;
  // Text space: x along the orientation (narrowed by scaleX), y towards the glyphs' tops.
  const { ux, uy, vx, vy } = axesOf(item.orientation);
  const axes = `${num(ux * item.scaleX)} ${num(uy * item.scaleX)} ${num(vx)} ${num(vy)}`;
  ops.push(`BT /${font.resourceName} ${num(size)} Tf`);
  if (!hasPositionedGlyphs(item.text)) {
    // One string: the viewer advances by the embedded widths, which are the ones we placed by.
    ops.push(`${axes} ${num(item.x)} ${num(item.baseline)} Tm <${font.encodeText(item.text)}> Tj`);
  } else {
    // Marks positioned by the font's anchors: each glyph at its own place.
    const scale = size / labelFont(item.weight).unitsPerEm;
    for (const glyph of glyphRun(item.text, item.weight)) {
      const along = glyph.x * scale * item.scaleX;
      const up = glyph.y * scale;
      const x = item.x + along * ux + up * vx;
      const y = item.baseline + along * uy + up * vy;
      ops.push(`${axes} ${num(x)} ${num(y)} Tm <${font.encode([glyph])}> Tj`);
    }
  }
  ops.push('ET');
}

/**
 * Rectangles of each symbol character drawn so far, by its key: they are in modules from the
 * barcode's start, so the same character at the same place is the same text in any barcode.
 * A few thousand keys exist (106 characters at a dozen places); the cache is emptied should
 * it ever hold more.
 */
const characterPaths = new Map<number, string>();
const MAX_CHARACTERS = 4096;

function characterPath(item: BarcodeItem, character: SymbolCharacter): string {
  let path = characterPaths.get(character.key);
  if (path === undefined) {
    path = '';
    const { elements } = item.pattern;
    let position = character.position;
    for (let index = character.from; index < character.to; index += 1) {
      const width = elements[index] as number;
      if (index % 2 === 0) path += `\n${position} 0 ${width} 1 re`;
      position += width;
    }
    if (characterPaths.size >= MAX_CHARACTERS) characterPaths.clear();
    characterPaths.set(character.key, path);
  }
  return path;
}

/**
 * The bars of one symbol as one filled path of rectangles (vectors, never a raster), drawn in a
 * coordinate system of modules along the reading direction and the bar length across it, so
 * every number is small and one matrix turns the symbol into its orientation.
 */
function barcodeOps(item: BarcodeItem, ops: string[]): void {
  const { origin, along, across } = symbolFrame(item);
  let path = `q ${num(along[0])} ${num(along[1])} ${num(across[0])} ${num(across[1])} ${num(origin[0])} ${num(origin[1])} cm`;
  forEachSymbolCharacter(item.pattern, (character) => {
    path += characterPath(item, character);
  });
  ops.push(`${path}\nf Q`);
}
