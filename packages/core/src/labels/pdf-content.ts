import type { ByteWriter } from './byte-writer';
import type { SymbolCharacter } from './code128';
import { forEachSymbolCharacter } from './code128';
import type { BarcodeItem, DrawItem, TextItem } from './drawing';
import type { FontWeight } from './fonts';
import { glyphRun, hasPositionedGlyphs, labelFont } from './fonts';
import { axesOf, symbolFrame } from './geometry';
import { PT_TO_MM } from './layouts';
import type { PdfSubsetFont } from './pdf-font';

/** The fonts a label's text is written in, by weight. */
export type PdfFonts = Readonly<Record<FontWeight, PdfSubsetFont>>;

/**
 * Page content of drawn items, as PDF operators in label millimetres (y pointing down; the
 * page's matrix turns them onto the page), each on its own line. Bars and text are written
 * directly: a general PDF library formats and shapes every call, and bulk labels spend most of
 * their time there otherwise.
 */
export function itemOps(items: readonly DrawItem[], fonts: PdfFonts, out: ByteWriter): void {
  for (const item of items) {
    if (item.kind === 'barcode') barcodeOps(item, out);
    else textOps(item, fonts[item.weight], out);
  }
}

/**
 * The text matrix: x along the orientation (narrowed by scaleX), y towards the glyphs' tops,
 * the origin at `(x, y)`; it opens the glyph string that follows.
 */
function textMatrix(out: ByteWriter, item: TextItem, x: number, y: number): void {
  const { ux, uy, vx, vy } = axesOf(item.orientation);
  out.matrix(ux * item.scaleX, uy * item.scaleX, vx, vy, x, y).ascii(' Tm <');
}

function textOps(item: TextItem, font: PdfSubsetFont, out: ByteWriter): void {
  const size = item.size * PT_TO_MM;
  out.ascii('\nBT /').ascii(font.resourceName).ascii(' ').number(size).ascii(' Tf\n');
  if (!hasPositionedGlyphs(item.text)) {
    // One string: the viewer advances by the embedded widths, which are the ones we placed by.
    textMatrix(out, item, item.x, item.baseline);
    font.writeText(item.text, out);
    out.ascii('> Tj');
  } else {
    // Marks positioned by the font's anchors: each glyph at its own place.
    const { ux, uy, vx, vy } = axesOf(item.orientation);
    const scale = size / labelFont(item.weight).unitsPerEm;
    glyphRun(item.text, item.weight).forEach((glyph, index) => {
      const along = glyph.x * scale * item.scaleX;
      const up = glyph.y * scale;
      if (index > 0) out.ascii('\n');
      textMatrix(out, item, item.x + along * ux + up * vx, item.baseline + along * uy + up * vy);
      out.ascii(font.encode([glyph])).ascii('> Tj');
    });
  }
  out.ascii('\nET');
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
function barcodeOps(item: BarcodeItem, out: ByteWriter): void {
  const { origin, along, across } = symbolFrame(item);
  out.ascii('\nq ');
  out.matrix(along[0], along[1], across[0], across[1], origin[0], origin[1]).ascii(' cm');
  forEachSymbolCharacter(item.pattern, (character) => {
    out.ascii(characterPath(item, character));
  });
  out.ascii('\nf Q');
}
