import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import * as fontkit from 'fontkit';
import type { TextItem } from './drawing';
import { axesOf } from './geometry';
import { PT_TO_MM } from './layouts';

/** The two weights a label uses. */
export type FontWeight = 'regular' | 'bold';

/**
 * DejaVu Sans Condensed from the `dejavu-fonts-ttf` package (Bitstream Vera licence: free to
 * embed and redistribute). It covers every letter the schemas accept (Latin-1, Latin
 * Extended-A/B and Additional, e.g. `Đoković`, `ł`), which PDF's built-in Helvetica (WinAnsi)
 * cannot draw, and the condensed cut fits 35-character Swiss Post fields on an A6 label.
 */
const FONT_FILES: Record<FontWeight, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf',
};

/** A character's glyph: its id, advance (font units) and the characters it stands for. */
export interface GlyphInfo {
  readonly id: number;
  readonly advance: number;
  readonly codePoints: readonly number[];
}

/** Code points below this (Latin up to Extended-B, what labels are made of) are looked up. */
const LATIN_END = 0x250;

/**
 * A loaded label font: the file (for PDF embedding), its parsed form (metrics, outlines), and
 * the glyphs of the Latin code points, read out once so that measuring text is array lookups.
 */
export interface LabelFont {
  readonly weight: FontWeight;
  readonly data: Buffer;
  readonly font: Font;
  readonly unitsPerEm: number;
  readonly latin: readonly GlyphInfo[];
  readonly latinAdvances: Float64Array;
  /** Glyphs of other code points, as they are met. */
  readonly others: Map<number, GlyphInfo>;
}

const loaded = new Map<FontWeight, LabelFont>();

/** The font of a weight, read and parsed once per process. */
export function labelFont(weight: FontWeight): LabelFont {
  const cached = loaded.get(weight);
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const data = readFileSync(require.resolve(FONT_FILES[weight]));
  const parsed = fontkit.create(data);
  if (!('glyphForCodePoint' in parsed)) throw new Error('DejaVu font file is a collection');
  const latin = Array.from({ length: LATIN_END }, (_, codePoint) => {
    const glyph = parsed.glyphForCodePoint(codePoint);
    return { id: glyph.id, advance: glyph.advanceWidth, codePoints: glyph.codePoints };
  });
  const font: LabelFont = {
    weight,
    data,
    font: parsed,
    unitsPerEm: parsed.unitsPerEm,
    latin,
    latinAdvances: Float64Array.from(latin, (glyph) => glyph.advance),
    others: new Map(),
  };
  loaded.set(weight, font);
  return font;
}

/**
 * Kerning and ligatures only ever narrow DejaVu text, so the sum of plain advances is an upper
 * bound of the drawn width; 1 % more covers rounding in the output formats.
 */
export const WIDTH_SAFETY = 1.01;

/** The width in mm that `text` takes at `sizePt` points (an upper bound; see WIDTH_SAFETY). */
export function textWidthMm(text: string, sizePt: number, weight: FontWeight): number {
  return advanceWidthMm(text, sizePt, weight) * WIDTH_SAFETY;
}

/** The sum of the glyph advances of `text` at `sizePt`, in mm: the width it is drawn with. */
export function advanceWidthMm(text: string, sizePt: number, weight: FontWeight): number {
  const font = labelFont(weight);
  const { latinAdvances } = font;
  let units = 0;
  // By code point (a pair of surrogates is one), without a string per character.
  for (let index = 0, code = 0; index < text.length; index += code > 0xffff ? 2 : 1) {
    code = text.codePointAt(index) as number;
    units += code < LATIN_END ? (latinAdvances[code] as number) : glyphFor(font, code).advance;
  }
  return (units / font.unitsPerEm) * sizePt * PT_TO_MM;
}

const capHeights = new Map<FontWeight, number>();

/**
 * The height of a capital letter as a fraction of the em: the top of `H`, since DejaVu's
 * OS/2 table carries no cap height.
 */
export function capHeightEm(weight: FontWeight): number {
  let ratio = capHeights.get(weight);
  if (ratio === undefined) {
    const font = labelFont(weight);
    ratio = font.font.glyphForCodePoint(0x48).bbox.maxY / font.unitsPerEm;
    capHeights.set(weight, ratio);
  }
  return ratio;
}

/** The characters of `text` the label font has no glyph for (never drawn as a wrong glyph). */
export function missingGlyphs(text: string): string[] {
  const font = labelFont('regular').font;
  const missing: string[] = [];
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (!font.hasGlyphForCodePoint(codePoint) && !missing.includes(character)) {
      missing.push(character);
    }
  }
  return missing;
}

/** One glyph of a line, in font units from the start of the line (y up, as in the font). */
export interface PlacedGlyph {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  /** The characters the glyph stands for (for PDF text extraction). */
  readonly codePoints: readonly number[];
}

/** The glyph of a code point (without combining: one character, one glyph). */
export function glyphFor(font: LabelFont, codePoint: number): GlyphInfo {
  if (codePoint < LATIN_END) return font.latin[codePoint] as GlyphInfo;
  let info = font.others.get(codePoint);
  if (info === undefined) {
    const glyph = font.font.glyphForCodePoint(codePoint);
    info = { id: glyph.id, advance: glyph.advanceWidth, codePoints: glyph.codePoints };
    font.others.set(codePoint, info);
  }
  return info;
}

/** The glyph of each character of a line without combining marks, one after the other. */
function glyphsOf(text: string, weight: FontWeight): GlyphInfo[] {
  const font = labelFont(weight);
  const glyphs: GlyphInfo[] = [];
  for (let index = 0, code = 0; index < text.length; index += code > 0xffff ? 2 : 1) {
    code = text.codePointAt(index) as number;
    glyphs.push(glyphFor(font, code));
  }
  return glyphs;
}

const COMBINING_MARK = /\p{M}/u;

/** Whether a line's glyphs sit anywhere but one after the other (it holds combining marks). */
export function hasPositionedGlyphs(text: string): boolean {
  return COMBINING_MARK.test(text);
}

/**
 * The glyphs of one line. Text after NFC has a precomposed glyph for every letter, so each
 * character maps to one glyph through the font's cmap, placed at the sum of the advances before
 * it: no shaping per label, which is what keeps bulk rendering fast. Kerning is left out on
 * purpose: widths then equal what {@link textWidthMm} measured. A line that still holds a
 * combining mark is shaped by fontkit, so the mark sits where the font's anchors put it.
 */
export function glyphRun(text: string, weight: FontWeight): PlacedGlyph[] {
  const font = labelFont(weight);
  const placed: PlacedGlyph[] = [];
  if (hasPositionedGlyphs(text)) {
    const run = font.font.layout(text);
    let x = 0;
    run.glyphs.forEach((glyph, index) => {
      const position = run.positions[index];
      const offsetX = position?.xOffset ?? 0;
      const offsetY = position?.yOffset ?? 0;
      placed.push({ id: glyph.id, x: x + offsetX, y: offsetY, codePoints: glyph.codePoints });
      x += position?.xAdvance ?? glyph.advanceWidth;
    });
    return placed;
  }
  let x = 0;
  for (const info of glyphsOf(text, weight)) {
    placed.push({ id: info.id, x, y: 0, codePoints: info.codePoints });
    x += info.advance;
  }
  return placed;
}

/**
 * The matrix (a b c d e f, as in SVG and PDF) that puts a text item's glyphs, in font units
 * with y up, onto the label in millimetres: x along the orientation, y towards the glyphs' tops.
 */
export function textMatrix(item: TextItem): [number, number, number, number, number, number] {
  const scale = (item.size * PT_TO_MM) / labelFont(item.weight).unitsPerEm;
  const { ux, uy, vx, vy } = axesOf(item.orientation);
  const along = scale * item.scaleX;
  return [ux * along, uy * along, vx * scale, vy * scale, item.x, item.baseline];
}
