import type { ByteWriter } from './byte-writer';
import type { FontWeight, PlacedGlyph } from './fonts';
import { capHeightEm, glyphFor, labelFont } from './fonts';
import type { PdfFile } from './pdf-file';
import { dict, num, objectBytes, streamObject } from './pdf-file';
import { subsetTrueType, TrueTypeSource } from './truetype-subset';

/** Four hex digits of a 16-bit value; those of small values (subset glyph ids) made once. */
const hex4Cache: string[] = [];
function hex4(value: number): string {
  if (value >= 1024) return value.toString(16).padStart(4, '0');
  let hex = hex4Cache[value];
  if (hex === undefined) {
    hex = value.toString(16).padStart(4, '0');
    hex4Cache[value] = hex;
  }
  return hex;
}

/** What a weight's font objects share in every document, computed once per process. */
interface FontConstants {
  readonly source: TrueTypeSource;
  readonly postscriptName: string;
  /** The descriptor's entries besides its name and font file. */
  readonly descriptor: readonly string[];
  readonly scale: number;
}

const constants = new Map<FontWeight, FontConstants>();

function constantsOf(weight: FontWeight): FontConstants {
  let known = constants.get(weight);
  if (known !== undefined) return known;
  const { font, data, unitsPerEm } = labelFont(weight);
  const scale = 1000 / unitsPerEm;
  const { bbox } = font;
  known = {
    source: new TrueTypeSource(data),
    postscriptName: font.postscriptName,
    scale,
    descriptor: [
      '/Type /FontDescriptor',
      // Symbolic (bit 3): the subset has its own glyph numbering, not the standard Latin set.
      '/Flags 4',
      `/FontBBox [${[bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)).join(' ')}]`,
      `/ItalicAngle ${num(font.italicAngle)}`,
      `/Ascent ${Math.round(font.ascent * scale)}`,
      `/Descent ${Math.round(font.descent * scale)}`,
      `/CapHeight ${Math.round(capHeightEm(weight) * 1000)}`,
      `/XHeight ${Math.round((font.xHeight || 0) * scale)}`,
      '/StemV 0',
    ],
  };
  constants.set(weight, known);
  return known;
}

/**
 * Six capital letters naming a subset, from its glyphs: two different subsets of the font (in
 * one file, or in files a print shop merges) get different names, as ISO 32000-1 §9.6.4 asks.
 */
function subsetTag(glyphIds: readonly number[]): string {
  let hash = 0x811c9dc5;
  for (const id of glyphIds) hash = Math.imul(hash ^ id, 0x01000193) >>> 0;
  let tag = '';
  for (let index = 0; index < 6; index += 1) {
    tag += String.fromCharCode(65 + (hash % 26));
    hash = Math.floor(hash / 26);
  }
  return tag;
}

/**
 * A label font embedded as a subset (Type 0, Identity-H, TrueType outlines), fed with glyphs we
 * map ourselves: text is written straight into page content as glyph numbers of the subset,
 * handed out as glyphs are first used, so pages can be written (and streamed) before the font
 * is. {@link fork} copies the numbering, so a label can start from the glyphs of the fixed
 * part it shares with others.
 */
export class PdfSubsetFont {
  /** Subset glyph id by original glyph id, of the glyphs this font added to its base's. */
  private readonly ids = new Map<number, number>();
  /** Original glyph id and characters of each glyph added, by subset glyph id - `first`. */
  private readonly added: number[] = [];
  private readonly addedUnicode: Array<readonly number[]> = [];
  /** The subset id of this font's first own glyph: the number of glyphs of its base. */
  private readonly first: number;
  /** Set once forked: a base that gained glyphs would number them as its forks do theirs. */
  private forked = false;
  /**
   * The font this one was forked from, whose numbering it goes on from without copying it (a
   * label forks one per weight). While the fork has added no glyph, its font objects are the
   * base's, written once per process ({@link embed}).
   */
  private readonly base: PdfSubsetFont | undefined;
  /** The base's font objects as bytes, by the object numbers they were written under. */
  private readonly written = new Map<string, Array<readonly [number, Uint8Array]>>();

  constructor(
    readonly weight: FontWeight,
    /** The resource name pages use for it, e.g. `PPR`. */
    readonly resourceName: string,
    from?: PdfSubsetFont,
  ) {
    this.base = from;
    this.first = from === undefined ? 0 : from.count;
    if (from === undefined) this.include(0, []);
    else from.forked = true;
  }

  /** How many glyphs the subset has (with .notdef). */
  get count(): number {
    return this.first + this.added.length;
  }

  /** A font that goes on numbering where this one is; this one gains no glyph after. */
  fork(): PdfSubsetFont {
    return new PdfSubsetFont(this.weight, this.resourceName, this);
  }

  /** Numbers the glyphs of `text` now, so that forks find them numbered. */
  includeText(text: string): void {
    const font = labelFont(this.weight);
    for (const character of text) {
      const glyph = glyphFor(font, character.codePointAt(0) as number);
      this.include(glyph.id, glyph.codePoints);
    }
  }

  private find(glyphId: number): number | undefined {
    return this.ids.get(glyphId) ?? this.base?.find(glyphId);
  }

  private include(glyphId: number, codePoints: readonly number[]): number {
    let id = this.find(glyphId);
    if (id === undefined) {
      if (this.forked) throw new Error('A PDF font that was forked gains no glyph');
      id = this.count;
      this.ids.set(glyphId, id);
      this.added.push(glyphId);
      this.addedUnicode.push(codePoints);
    }
    return id;
  }

  /** Original glyph ids by subset id. */
  private glyphs(): number[] {
    return this.base === undefined ? this.added : [...this.base.glyphs(), ...this.added];
  }

  /** The characters of each glyph, by subset id. */
  private unicode(): Array<readonly number[]> {
    return this.base === undefined
      ? this.addedUnicode
      : [...this.base.unicode(), ...this.addedUnicode];
  }

  /** The glyphs as a hex string for `Tj`, in subset ids. */
  encode(glyphs: readonly PlacedGlyph[]): string {
    let hex = '';
    for (const glyph of glyphs) hex += hex4(this.include(glyph.id, glyph.codePoints));
    return hex;
  }

  /** A line without positioned marks (one glyph per character) as hex digits for `Tj`. */
  writeText(text: string, out: ByteWriter): void {
    const font = labelFont(this.weight);
    for (let index = 0, code = 0; index < text.length; index += code > 0xffff ? 2 : 1) {
      code = text.codePointAt(index) as number;
      const glyph = glyphFor(font, code);
      out.ascii(hex4(this.include(glyph.id, glyph.codePoints)));
    }
  }

  /**
   * Writes the font as object `number` (the Type 0 font pages refer to) and its descendant,
   * descriptor, font file and ToUnicode map. A fork that added no glyph to its base writes the
   * base's objects, made and deflated once per process: single labels whose text stays within
   * the glyphs numbered in advance (see `pdf-single.ts`) share all their font bytes. Other single
   * labels store their own subset as it is: deflating it would cost more than drawing the label.
   */
  embed(file: PdfFile, number: number, compress: boolean, compressOwnSubset = compress): void {
    const numbers = [
      number,
      file.reserve(),
      file.reserve(),
      file.reserve(),
      file.reserve(),
    ] as const;
    const base = this.base;
    let objects: Array<readonly [number, Uint8Array]>;
    if (base !== undefined && this.added.length === 0) {
      const key = `${numbers.join(' ')} ${compress}`;
      let shared = base.written.get(key);
      if (shared === undefined) {
        shared = base.fontObjects(numbers, compress);
        base.written.set(key, shared);
      }
      objects = shared;
    } else {
      objects = this.fontObjects(numbers, compressOwnSubset);
    }
    for (const [objectNumber, bytes] of objects) file.serialised(objectNumber, bytes);
  }

  private fontObjects(
    [number, descendant, descriptorNumber, fontFile, toUnicode]: readonly [
      number,
      number,
      number,
      number,
      number,
    ],
    compress: boolean,
  ): Array<readonly [number, Uint8Array]> {
    const { source, postscriptName, descriptor, scale } = constantsOf(this.weight);
    const glyphs = this.glyphs();
    const name = `/${subsetTag(glyphs)}+${postscriptName}`;
    const subset = subsetTrueType(source, glyphs);
    const widths = glyphs.map((id) => Math.round(source.advance(id) * scale));
    const descendantBody = dict([
      '/Type /Font',
      '/Subtype /CIDFontType2',
      `/BaseFont ${name}`,
      '/CIDSystemInfo <<\n/Registry (Adobe)\n/Ordering (Identity)\n/Supplement 0\n>>',
      `/FontDescriptor ${descriptorNumber} 0 R`,
      `/W [0 [${widths.join(' ')}]]`,
      '/CIDToGIDMap /Identity',
    ]);
    const typeZeroBody = dict([
      '/Type /Font',
      '/Subtype /Type0',
      `/BaseFont ${name}`,
      '/Encoding /Identity-H',
      `/DescendantFonts [${descendant} 0 R]`,
      `/ToUnicode ${toUnicode} 0 R`,
    ]);
    const unicodeMap = Buffer.from(this.toUnicode(), 'latin1');
    return [
      [
        fontFile,
        streamObject(fontFile, [`/Length1 ${subset.data.byteLength}`], subset.data, compress),
      ],
      [
        descriptorNumber,
        objectBytes(
          descriptorNumber,
          dict([...descriptor, `/FontName ${name}`, `/FontFile2 ${fontFile} 0 R`]),
        ),
      ],
      [descendant, objectBytes(descendant, descendantBody)],
      [toUnicode, streamObject(toUnicode, [], unicodeMap, compress)],
      [number, objectBytes(number, typeZeroBody)],
    ];
  }

  /** The CMap that maps subset glyph ids back to text, for copying and searching [§9.10.3]. */
  private toUnicode(): string {
    const entries = this.unicode().map((codePoints) => {
      let units = '';
      for (const codePoint of codePoints.length === 0 ? [0] : codePoints) {
        if (codePoint > 0xffff) {
          const value = codePoint - 0x10000;
          units += hex4(0xd800 | ((value >>> 10) & 0x3ff)) + hex4(0xdc00 | (value & 0x3ff));
        } else {
          units += hex4(codePoint);
        }
      }
      return `<${units}>`;
    });
    const ranges: string[] = [];
    for (let start = 0; start < entries.length; start += 256) {
      const end = Math.min(start + 256, entries.length);
      ranges.push(`<${hex4(start)}> <${hex4(end - 1)}> [${entries.slice(start, end).join(' ')}]`);
    }
    return [
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
    ].join('\n');
  }
}
