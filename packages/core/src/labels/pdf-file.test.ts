import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { HANS_MUSTER } from '../../test/fixtures';
import { LABEL_SENDER, parcelLabel as parcel } from '../../test/label-fixtures';
import {
  checkPdfStructure,
  checkTrueTypeChecksums,
  embeddedFonts,
} from '../../test/label-pdf-structure';
import { readPdf } from '../../test/label-readers';
import { renderLabel, renderLabels } from './render';
import type { LabelInput, RenderLabelsOptions } from './types';

async function merged(inputs: LabelInput[], options: RenderLabelsOptions): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of renderLabels(inputs, options)) chunks.push(chunk as Uint8Array);
  return Buffer.concat(chunks);
}

/** Shipments with two service mixes, and returns, whose fixed parts never repeat. */
function batch(count: number): LabelInput[] {
  return Array.from({ length: count }, (_, index): LabelInput => {
    const identcode = `99600132170000${String(6000 + index)}`;
    if (index % 5 === 4) {
      return {
        type: 'return',
        identcode,
        returnAddress: LABEL_SENDER,
        customer: { ...HANS_MUSTER, name1: `Muster ${index}` },
        parcel: { przl: ['ECO'] },
      };
    }
    const przl = index % 2 === 0 ? ['PRI'] : ['PRI', 'SI'];
    return parcel({ parcel: { weightGrams: 500, przl } }, identcode);
  });
}

describe('label PDFs are well-formed files', () => {
  it.each([
    ['an A6 label, deflated', { layout: 'A6' }],
    ['an A7 label, not deflated', { layout: 'A7', compress: false }],
    ['an A6 label on an A4 sheet at position 4', { sheet: 'a4', startPosition: 4 }],
  ] as const)('%s: every xref offset, stream length and reference holds', async (_, options) => {
    const label = await renderLabel(parcel(), options);
    const structure = checkPdfStructure(label.data);
    const pages = [...structure.objects.values()].filter((object) =>
      /\/Type \/Page\n/.test(object.dict),
    );
    expect(pages).toHaveLength(1);
  });

  it.each([
    ['label sheets', { compress: true }],
    ['A4 sheets from position 3', { sheet: 'a4', startPosition: 3, compress: false }],
  ] as Array<[string, RenderLabelsOptions]>)(
    'a merged PDF of 23 labels on %s: well-formed, one page tree',
    async (_, options) => {
      const data = await merged(batch(23), options);
      const structure = checkPdfStructure(data);
      const tree = [...structure.objects.values()].find((object) =>
        /\/Type \/Pages/.test(object.dict),
      );
      const pages = options.sheet === 'a4' ? Math.ceil((23 + 2) / 4) : 23;
      expect(tree?.dict).toMatch(new RegExp(`/Count ${pages}\\b`));
      expect([...(tree?.dict ?? '').matchAll(/\d+ 0 R/g)]).toHaveLength(pages);
    },
  );

  it('embeds font programs that a font parser reads, with their checksums right', async () => {
    const input = parcel({
      recipient: { ...HANS_MUSTER, firstName: 'Ǆemal', name1: 'Ćwikła-Şahin' },
    });
    for (const data of [(await renderLabel(input)).data, await merged([input, input], {})]) {
      const fonts = embeddedFonts(checkPdfStructure(data));
      expect(fonts).toHaveLength(2);
      for (const { data: font, length1 } of fonts) {
        expect(length1).toBe(font.byteLength);
        expect(checkTrueTypeChecksums(font).sort()).toEqual(
          ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'].sort(),
        );
        const parsed = fontkit.create(font);
        if (!('numGlyphs' in parsed)) throw new Error('a collection');
        // Every glyph of the subset has an outline or is empty, and none is cut off.
        for (let id = 0; id < parsed.numGlyphs; id += 1) {
          expect(() => parsed.getGlyph(id).path.toSVG()).not.toThrow();
        }
      }
    }
  });

  it('shares the font objects of single labels within Latin-1, and not of others', async () => {
    const fontBytes = async (firstName: string, name1: string) => {
      const input = parcel({ recipient: { ...HANS_MUSTER, firstName, name1 } });
      const data = (await renderLabel(input)).data;
      const [regular, bold] = embeddedFonts(checkPdfStructure(data));
      const page = readPdf((await renderLabel(input, { compress: false })).data).pages[0];
      return { regular, bold, texts: page?.texts.map((text) => text.text) ?? [] };
    };
    const zoe = await fontBytes('Zoé', 'Fässler');
    const juerg = await fontBytes('Jürg', 'Ñúñez');
    const lucja = await fontBytes('Łucja', 'Đoković');
    // Different names, the same shared subset, holding every Latin-1 letter.
    expect(juerg.regular?.data.equals(zoe.regular?.data ?? Buffer.alloc(0))).toBe(true);
    expect(juerg.bold?.data.equals(zoe.bold?.data ?? Buffer.alloc(0))).toBe(true);
    const shared = fontkit.create(zoe.regular?.data ?? Buffer.alloc(0));
    if (!('numGlyphs' in shared)) throw new Error('a collection');
    expect(shared.numGlyphs).toBeGreaterThan(150);
    // A name beyond Latin-1: a subset of its own, just the glyphs the label draws.
    const own = fontkit.create(lucja.regular?.data ?? Buffer.alloc(0));
    if (!('numGlyphs' in own)) throw new Error('a collection');
    expect(own.numGlyphs).toBeLessThan(shared.numGlyphs);
    expect(zoe.texts).toContain('Zoé Fässler');
    expect(juerg.texts).toContain('Jürg Ñúñez');
    expect(lucja.texts).toContain('Łucja Đoković');
  });

  it('draws the same page for a label alone as for the same label in a merged PDF', async () => {
    const inputs = batch(3);
    for (const [index, input] of inputs.entries()) {
      const alone = readPdf((await renderLabel(input, { compress: false })).data).pages;
      const inBatch = readPdf(await merged(inputs, { compress: false })).pages[index];
      expect(alone).toHaveLength(1);
      expect(alone[0]?.texts.map((text) => [text.text, text.x, text.y, text.angle])).toEqual(
        inBatch?.texts.map((text) => [text.text, text.x, text.y, text.angle]),
      );
      expect(alone[0]?.rects).toEqual(inBatch?.rects);
    }
  });
});
