import type { Subset } from 'fontkit';
import type PDFDocument from 'pdfkit';
import type { LabelFont, PlacedGlyph } from './fonts';
import { capHeightEm } from './fonts';

type Doc = InstanceType<typeof PDFDocument>;
type Ref = ReturnType<Doc['ref']>;

const hex4 = (value: number) => value.toString(16).padStart(4, '0');

/**
 * A label font embedded once per PDF as a subset (Type 0, Identity-H, TrueType outlines), as
 * pdfkit's own embedding does, but fed with glyphs we map ourselves: text is written straight
 * into the page content, without pdfkit's per-word shaping and its layout cache, which grows with
 * every distinct word of a long document. Subset glyph ids are handed out as glyphs are first
 * used, so pages can be written (and streamed) before the font is.
 */
export class PdfSubsetFont {
  private readonly subset: Subset;
  /** Subset glyph id by original glyph id. */
  private readonly ids = new Map<number, number>();
  /** Advance (1/1000 em) and characters by subset glyph id. */
  private readonly widths: number[] = [];
  private readonly unicode: Array<readonly number[]> = [];
  private readonly dictionary: Ref;
  private readonly scale: number;

  constructor(
    private readonly doc: Doc,
    private readonly font: LabelFont,
    /** The resource name pages use for it, e.g. `PPR`. */
    readonly resourceName: string,
  ) {
    this.subset = font.font.createSubset();
    this.scale = 1000 / font.unitsPerEm;
    // Glyph 0 (.notdef) is always glyph 0 of a subset.
    this.include(0, []);
    this.dictionary = doc.ref({ Type: 'Font', Subtype: 'Type0' });
  }

  private include(glyphId: number, codePoints: readonly number[]): number {
    let id = this.ids.get(glyphId);
    if (id === undefined) {
      const glyph = this.font.font.getGlyph(glyphId);
      this.subset.includeGlyph(glyph);
      id = this.ids.size;
      this.ids.set(glyphId, id);
      this.widths[id] = Math.round(glyph.advanceWidth * this.scale);
      this.unicode[id] = codePoints;
    }
    return id;
  }

  /** The glyphs as a hex string for `Tj`, in subset ids. */
  encode(glyphs: readonly PlacedGlyph[]): string {
    let hex = '';
    for (const glyph of glyphs) hex += hex4(this.include(glyph.id, glyph.codePoints));
    return hex;
  }

  /** Makes the font available to the current page under {@link resourceName}. */
  useOnPage(): void {
    this.doc.page.fonts[this.resourceName] = this.dictionary;
  }

  /** The font dictionary, for the resources of a form XObject. */
  get reference(): Ref {
    return this.dictionary;
  }

  get used(): boolean {
    return this.ids.size > 1;
  }

  /** Writes the subset, its descriptor, widths and ToUnicode map; call once, before `end()`. */
  embed(): void {
    const { font } = this.font;
    const fontFile = this.doc.ref({});
    fontFile.end(Buffer.from(this.subset.encode()));
    const name = `${this.resourceName.padEnd(6, 'A').slice(0, 6).toUpperCase()}+${font.postscriptName}`;
    const { bbox } = font;
    const descriptor = this.doc.ref({
      Type: 'FontDescriptor',
      FontName: name,
      // Symbolic (bit 3): the subset has its own glyph numbering, not the standard Latin set.
      Flags: 4,
      FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * this.scale)),
      ItalicAngle: font.italicAngle,
      Ascent: Math.round(font.ascent * this.scale),
      Descent: Math.round(font.descent * this.scale),
      CapHeight: Math.round(capHeightEm(this.font.weight) * 1000),
      XHeight: Math.round((font.xHeight || 0) * this.scale),
      StemV: 0,
      FontFile2: fontFile,
    });
    descriptor.end(undefined);
    const descendant = this.doc.ref({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: {
        Registry: new String('Adobe'),
        Ordering: new String('Identity'),
        Supplement: 0,
      },
      FontDescriptor: descriptor,
      W: [0, this.widths],
      CIDToGIDMap: 'Identity',
    });
    descendant.end(undefined);
    Object.assign(this.dictionary.data, {
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [descendant],
      ToUnicode: this.toUnicode(),
    });
    this.dictionary.end(undefined);
  }

  private toUnicode(): Ref {
    const entries = this.unicode.map((codePoints) => {
      const units: string[] = [];
      for (const codePoint of codePoints.length === 0 ? [0] : codePoints) {
        if (codePoint > 0xffff) {
          const value = codePoint - 0x10000;
          units.push(hex4(0xd800 | ((value >>> 10) & 0x3ff)), hex4(0xdc00 | (value & 0x3ff)));
        } else {
          units.push(hex4(codePoint));
        }
      }
      return `<${units.join('')}>`;
    });
    const ranges: string[] = [];
    for (let start = 0; start < entries.length; start += 256) {
      const end = Math.min(start + 256, entries.length);
      ranges.push(`<${hex4(start)}> <${hex4(end - 1)}> [${entries.slice(start, end).join(' ')}]`);
    }
    const cmap = this.doc.ref({});
    cmap.end(
      [
        '/CIDInit /ProcSet findresource begin',
        '12 dict begin',
        'begincmap',
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
        '/CMapName /Adobe-Identity-UCS def',
        '/CMapType 2 def',
        '1 begincodespacerange',
        '<0000><ffff>',
        'endcodespacerange',
        `${ranges.length} beginbfrange`,
        ...ranges,
        'endbfrange',
        'endcmap',
        'CMapName currentdict /CMap defineresource pop',
        'end',
        'end',
      ].join('\n'),
    );
    return cmap;
  }
}
