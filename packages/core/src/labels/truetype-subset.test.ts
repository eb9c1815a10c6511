import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { checkTrueTypeChecksums } from '../../test/label-pdf-structure';
import { labelFont } from './fonts';
import { subsetTrueType, TrueTypeSource } from './truetype-subset';

const font = labelFont('regular');
const source = new TrueTypeSource(font.data);
const glyphOf = (character: string) => font.font.glyphForCodePoint(character.codePointAt(0) ?? 0);

function parse(data: Uint8Array) {
  const parsed = fontkit.create(Buffer.from(data));
  if (!('numGlyphs' in parsed)) throw new Error('a collection');
  return parsed;
}

describe('TrueType subsets', () => {
  // `ǻ` is a composite of `å` (itself a composite of `a` and the ring) and an acute accent.
  const characters = ['ǻ', 'A', 'é', 'ł', '9'];
  const chosen = [0, ...characters.map((character) => glyphOf(character).id)];

  it('keep the chosen glyphs first, in order, and add the components they are made of', () => {
    const { data, glyphIds } = subsetTrueType(source, chosen);
    expect(glyphIds.slice(0, chosen.length)).toEqual(chosen);
    const subset = parse(data);
    expect(subset.numGlyphs).toBe(glyphIds.length);
    // Every component of every glyph is in the subset, however deep.
    const components = (id: number): number[] => {
      const decoded = font.font.getGlyph(id) as unknown as {
        _decode(): { components?: Array<{ glyphID: number }> } | null;
      };
      return (decoded._decode()?.components ?? []).flatMap((component) => [
        component.glyphID,
        ...components(component.glyphID),
      ]);
    };
    const needed = new Set(chosen.flatMap(components));
    expect(needed.size).toBeGreaterThanOrEqual(4);
    for (const id of needed) expect(glyphIds).toContain(id);
  });

  it('draw every glyph as the font does, composites through their renumbered components', () => {
    const { data, glyphIds } = subsetTrueType(source, chosen);
    const subset = parse(data);
    glyphIds.forEach((id, position) => {
      const original = font.font.getGlyph(id);
      const copy = subset.getGlyph(position);
      expect(copy.path.toSVG()).toBe(original.path.toSVG());
      expect(copy.advanceWidth).toBe(original.advanceWidth);
    });
    expect(subset.getGlyph(1).path.toSVG().length).toBeGreaterThan(100);
  });

  it('have the tables a PDF font program needs, with correct checksums', () => {
    const { data } = subsetTrueType(source, chosen);
    expect(checkTrueTypeChecksums(data).sort()).toEqual(
      ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'].sort(),
    );
    const subset = parse(data);
    expect(subset.unitsPerEm).toBe(font.unitsPerEm);
    expect(subset.ascent).toBe(font.font.ascent);
  });

  it('of .notdef alone are still a valid font', () => {
    const { data, glyphIds } = subsetTrueType(source, [0]);
    expect(glyphIds).toEqual([0]);
    checkTrueTypeChecksums(data);
    expect(parse(data).numGlyphs).toBe(1);
  });
});
