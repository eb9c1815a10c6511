/**
 * TrueType subsets for PDF (`FontFile2`), written straight from the font file's bytes: the
 * glyph programs are copied as they are (composite glyphs with their component numbers
 * renumbered), and only the tables a PDF reader needs are kept — `glyf`, `head`, `hhea`,
 * `hmtx`, `loca`, `maxp`, and `cvt `, `fpgm`, `prep` for the hinting instructions some glyphs
 * carry [ISO 32000-1 §9.9, table 126 note]. A general-purpose encoder (fontkit's) decodes and
 * re-encodes every table through its structure definitions; copying bytes is what keeps the
 * cost of a subset per single-label PDF small.
 */

/** Tables copied from the source unchanged. */
const HINTING_TABLES = ['cvt ', 'fpgm', 'prep'] as const;

// Composite glyph flags [OpenType spec, glyf table].
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

interface TableRecord {
  readonly offset: number;
  readonly length: number;
}

/** A TrueType font file, read once: where its tables and glyphs are. */
export class TrueTypeSource {
  private readonly view: DataView;
  private readonly tables = new Map<string, TableRecord>();
  private readonly glyfOffset: number;
  private readonly longLoca: boolean;
  private readonly locaOffset: number;
  private readonly hmtxOffset: number;
  private readonly hMetrics: number;
  /** Byte positions (in the glyph) of each component's glyph number, by composite glyph. */
  private readonly componentFields = new Map<number, readonly number[]>();
  readonly numGlyphs: number;
  readonly unitsPerEm: number;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const count = this.view.getUint16(4);
    for (let index = 0; index < count; index += 1) {
      const at = 12 + 16 * index;
      const tag = String.fromCharCode(...data.subarray(at, at + 4));
      this.tables.set(tag, {
        offset: this.view.getUint32(at + 8),
        length: this.view.getUint32(at + 12),
      });
    }
    const head = this.table('head').offset;
    this.unitsPerEm = this.view.getUint16(head + 18);
    this.longLoca = this.view.getInt16(head + 50) === 1;
    this.numGlyphs = this.view.getUint16(this.table('maxp').offset + 4);
    this.hMetrics = this.view.getUint16(this.table('hhea').offset + 34);
    this.glyfOffset = this.table('glyf').offset;
    this.locaOffset = this.table('loca').offset;
    this.hmtxOffset = this.table('hmtx').offset;
  }

  table(tag: string): TableRecord {
    const record = this.tables.get(tag);
    if (record === undefined) throw new Error(`TrueType font has no ${tag} table`);
    return record;
  }

  /** The bytes of a table, without a copy. */
  tableBytes(tag: string): Uint8Array {
    const { offset, length } = this.table(tag);
    return this.data.subarray(offset, offset + length);
  }

  private locaAt(glyphId: number): number {
    return this.longLoca
      ? this.view.getUint32(this.locaOffset + 4 * glyphId)
      : 2 * this.view.getUint16(this.locaOffset + 2 * glyphId);
  }

  /** The glyph program of a glyph, without a copy (empty for a glyph without outline). */
  glyph(glyphId: number): Uint8Array {
    const start = this.glyfOffset + this.locaAt(glyphId);
    return this.data.subarray(start, this.glyfOffset + this.locaAt(glyphId + 1));
  }

  advance(glyphId: number): number {
    return this.view.getUint16(this.hmtxOffset + 4 * Math.min(glyphId, this.hMetrics - 1));
  }

  leftSideBearing(glyphId: number): number {
    if (glyphId < this.hMetrics) return this.view.getInt16(this.hmtxOffset + 4 * glyphId + 2);
    return this.view.getInt16(this.hmtxOffset + 4 * this.hMetrics + 2 * (glyphId - this.hMetrics));
  }

  /** Where the component glyph numbers of a composite glyph are (none for a simple glyph). */
  components(glyphId: number): readonly number[] {
    let fields = this.componentFields.get(glyphId);
    if (fields !== undefined) return fields;
    const glyph = this.glyph(glyphId);
    const view = new DataView(glyph.buffer, glyph.byteOffset, glyph.byteLength);
    const found: number[] = [];
    if (glyph.byteLength > 0 && view.getInt16(0) < 0) {
      let at = 10;
      for (;;) {
        const flags = view.getUint16(at);
        found.push(at + 2);
        at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) at += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
        if (!(flags & MORE_COMPONENTS)) break;
      }
    }
    fields = found;
    this.componentFields.set(glyphId, fields);
    return fields;
  }
}

const pad4 = (length: number) => (length + 3) & ~3;

/** The checksum of a table: its big-endian 32-bit words summed (the table is zero-padded). */
function checksum(view: DataView, offset: number, length: number): number {
  let sum = 0;
  const end = offset + pad4(length);
  for (let at = offset; at < end; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
  return sum;
}

/**
 * A TrueType font with the glyphs `glyphIds` (original numbers, in their new order; the first
 * must be 0, `.notdef`), followed by the components of composite glyphs that were not among
 * them. Returns the font file and the original number of every glyph in it.
 *
 * @example
 * const { data } = subsetTrueType(source, [0, 36, 37]); // .notdef, A, B
 */
export function subsetTrueType(
  source: TrueTypeSource,
  glyphIds: readonly number[],
): { data: Uint8Array; glyphIds: readonly number[] } {
  const ids = [...glyphIds];
  const index = new Map<number, number>();
  ids.forEach((id, position) => index.set(id, position));
  // Components join the end of the list as they are met, their own components after them.
  for (let position = 0; position < ids.length; position += 1) {
    const glyph = source.glyph(ids[position] as number);
    for (const field of source.components(ids[position] as number)) {
      const component = (glyph[field] as number) * 256 + (glyph[field + 1] as number);
      if (!index.has(component)) {
        index.set(component, ids.length);
        ids.push(component);
      }
    }
  }
  const glyphs = ids.map((id) => source.glyph(id));
  const glyfLength = glyphs.reduce((sum, glyph) => sum + pad4(glyph.byteLength), 0);
  const count = ids.length;
  const sizes: Record<string, number> = {
    'cvt ': source.table('cvt ').length,
    fpgm: source.table('fpgm').length,
    glyf: glyfLength,
    head: source.table('head').length,
    hhea: source.table('hhea').length,
    hmtx: 4 * count,
    loca: 4 * (count + 1),
    maxp: source.table('maxp').length,
    prep: source.table('prep').length,
  };
  // Tags in ascending order, as the table directory requires.
  const tags = Object.keys(sizes).sort();
  const directoryLength = 12 + 16 * tags.length;
  const offsets = new Map<string, number>();
  let total = directoryLength;
  for (const tag of tags) {
    offsets.set(tag, total);
    total += pad4(sizes[tag] as number);
  }
  const data = new Uint8Array(total);
  const view = new DataView(data.buffer);
  const at = (tag: string) => offsets.get(tag) as number;

  for (const tag of HINTING_TABLES) data.set(source.tableBytes(tag), at(tag));
  data.set(source.tableBytes('head'), at('head'));
  view.setUint32(at('head') + 8, 0); // checkSumAdjustment, set last
  view.setInt16(at('head') + 50, 1); // long loca offsets
  data.set(source.tableBytes('hhea'), at('hhea'));
  view.setUint16(at('hhea') + 34, count);
  data.set(source.tableBytes('maxp'), at('maxp'));
  view.setUint16(at('maxp') + 4, count);

  let glyf = at('glyf');
  const loca = at('loca');
  const hmtx = at('hmtx');
  glyphs.forEach((glyph, position) => {
    const id = ids[position] as number;
    view.setUint32(loca + 4 * position, glyf - at('glyf'));
    view.setUint16(hmtx + 4 * position, source.advance(id));
    view.setInt16(hmtx + 4 * position + 2, source.leftSideBearing(id));
    data.set(glyph, glyf);
    for (const field of source.components(id)) {
      const component = (glyph[field] as number) * 256 + (glyph[field + 1] as number);
      view.setUint16(glyf + field, index.get(component) as number);
    }
    glyf += pad4(glyph.byteLength);
  });
  view.setUint32(loca + 4 * count, glyf - at('glyf'));

  // Offset table: TrueType outlines, the table count and its binary-search fields.
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tags.length);
  const power = 2 ** Math.floor(Math.log2(tags.length));
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, tags.length * 16 - power * 16);
  tags.forEach((tag, position) => {
    const record = 12 + 16 * position;
    for (let char = 0; char < 4; char += 1) data[record + char] = tag.charCodeAt(char);
    view.setUint32(record + 4, checksum(view, at(tag), sizes[tag] as number));
    view.setUint32(record + 8, at(tag));
    view.setUint32(record + 12, sizes[tag] as number);
  });
  view.setUint32(at('head') + 8, (0xb1b0afba - checksum(view, 0, total)) >>> 0);
  return { data, glyphIds: ids };
}
