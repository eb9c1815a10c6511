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

/** A glyph program and the glyphs it is composed of. */
interface SourceGlyph {
  readonly bytes: Uint8Array;
  /** Component glyph numbers of a composite glyph (none for a simple glyph)… */
  readonly components: readonly number[];
  /** …and where in `bytes` each is written. */
  readonly fields: readonly number[];
}

/** A table copied as it is, with its checksum. */
interface CopiedTable {
  readonly tag: string;
  readonly bytes: Uint8Array;
  readonly checksum: number;
}

const pad4 = (length: number) => (length + 3) & ~3;

/** The checksum of a table: its big-endian 32-bit words summed (the table is zero-padded). */
function checksum(bytes: Uint8Array, offset = 0, length = bytes.byteLength): number {
  let sum = 0;
  let at = offset;
  for (const end = offset + (length & ~3); at < end; at += 4) {
    sum =
      (sum +
        ((bytes[at] as number) * 0x1000000 +
          (((bytes[at + 1] as number) << 16) |
            ((bytes[at + 2] as number) << 8) |
            (bytes[at + 3] as number)))) >>>
      0;
  }
  let last = 0;
  for (let shift = 24; at < offset + length; at += 1, shift -= 8) {
    last += (bytes[at] as number) * 2 ** shift;
  }
  return (sum + last) >>> 0;
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
  private readonly glyphs = new Map<number, SourceGlyph>();
  /** The hinting tables, copied into every subset. */
  readonly hinting: readonly CopiedTable[];

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
    this.longLoca = this.view.getInt16(head + 50) === 1;
    this.hMetrics = this.view.getUint16(this.table('hhea').offset + 34);
    this.glyfOffset = this.table('glyf').offset;
    this.locaOffset = this.table('loca').offset;
    this.hmtxOffset = this.table('hmtx').offset;
    this.hinting = HINTING_TABLES.map((tag) => {
      const bytes = this.tableBytes(tag);
      return { tag, bytes, checksum: checksum(bytes) };
    });
  }

  private table(tag: string): TableRecord {
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

  advance(glyphId: number): number {
    return this.view.getUint16(this.hmtxOffset + 4 * Math.min(glyphId, this.hMetrics - 1));
  }

  leftSideBearing(glyphId: number): number {
    if (glyphId < this.hMetrics) return this.view.getInt16(this.hmtxOffset + 4 * glyphId + 2);
    return this.view.getInt16(this.hmtxOffset + 4 * this.hMetrics + 2 * (glyphId - this.hMetrics));
  }

  /** A glyph's program (empty for a glyph without outline) and its components, read once. */
  glyph(glyphId: number): SourceGlyph {
    let glyph = this.glyphs.get(glyphId);
    if (glyph !== undefined) return glyph;
    const start = this.glyfOffset + this.locaAt(glyphId);
    const bytes = this.data.subarray(start, this.glyfOffset + this.locaAt(glyphId + 1));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const components: number[] = [];
    const fields: number[] = [];
    if (bytes.byteLength > 0 && view.getInt16(0) < 0) {
      let at = 10;
      for (;;) {
        const flags = view.getUint16(at);
        components.push(view.getUint16(at + 2));
        fields.push(at + 2);
        at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) at += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
        if (!(flags & MORE_COMPONENTS)) break;
      }
    }
    glyph = { bytes, components, fields };
    this.glyphs.set(glyphId, glyph);
    return glyph;
  }
}

/** The glyphs of a subset in their new order, components of composite glyphs at the end. */
interface SubsetGlyphs {
  readonly ids: readonly number[];
  readonly glyphs: readonly SourceGlyph[];
  /** New glyph number by original number. */
  readonly index: ReadonlyMap<number, number>;
}

function subsetGlyphs(source: TrueTypeSource, glyphIds: readonly number[]): SubsetGlyphs {
  const ids = [...glyphIds];
  const index = new Map<number, number>();
  for (const [position, id] of ids.entries()) index.set(id, position);
  // Components join the end of the list as they are met, their own components after them.
  const glyphs: SourceGlyph[] = [];
  for (let position = 0; position < ids.length; position += 1) {
    const glyph = source.glyph(ids[position] as number);
    glyphs.push(glyph);
    for (const component of glyph.components) {
      if (!index.has(component)) {
        index.set(component, ids.length);
        ids.push(component);
      }
    }
  }
  return { ids, glyphs, index };
}

/** Where each table goes: tags in ascending order, as the table directory requires. */
function tableLayout(lengths: ReadonlyMap<string, number>) {
  const tags = [...lengths.keys()].sort();
  const directoryLength = 12 + 16 * tags.length;
  const offsets = new Map<string, number>();
  let total = directoryLength;
  for (const tag of tags) {
    offsets.set(tag, total);
    total += pad4(lengths.get(tag) as number);
  }
  return { tags, directoryLength, offsets, total };
}

/** `glyf`, `loca` and `hmtx` of the subset, glyph by glyph, components renumbered. */
function writeGlyphs(
  view: DataView,
  data: Uint8Array,
  source: TrueTypeSource,
  subset: SubsetGlyphs,
  at: (tag: string) => number,
): void {
  let glyf = at('glyf');
  const [loca, hmtx] = [at('loca'), at('hmtx')];
  subset.glyphs.forEach((glyph, position) => {
    const id = subset.ids[position] as number;
    view.setUint32(loca + 4 * position, glyf - at('glyf'));
    view.setUint16(hmtx + 4 * position, source.advance(id));
    view.setInt16(hmtx + 4 * position + 2, source.leftSideBearing(id));
    data.set(glyph.bytes, glyf);
    glyph.fields.forEach((field, component) => {
      const renumbered = subset.index.get(glyph.components[component] as number) as number;
      view.setUint16(glyf + field, renumbered);
    });
    glyf += pad4(glyph.bytes.byteLength);
  });
  view.setUint32(loca + 4 * subset.ids.length, glyf - at('glyf'));
}

/** The offset table and table directory, with each table's checksum. */
function writeDirectory(
  view: DataView,
  data: Uint8Array,
  layout: ReturnType<typeof tableLayout>,
  lengths: ReadonlyMap<string, number>,
  sums: ReadonlyMap<string, number>,
): void {
  const count = layout.tags.length;
  // TrueType outlines, the table count and its binary-search fields.
  view.setUint32(0, 0x00010000);
  view.setUint16(4, count);
  const power = 2 ** Math.floor(Math.log2(count));
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, count * 16 - power * 16);
  layout.tags.forEach((tag, position) => {
    const record = 12 + 16 * position;
    for (let char = 0; char < 4; char += 1) data[record + char] = tag.charCodeAt(char);
    view.setUint32(record + 4, sums.get(tag) as number);
    view.setUint32(record + 8, layout.offsets.get(tag) as number);
    view.setUint32(record + 12, lengths.get(tag) as number);
  });
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
  const subset = subsetGlyphs(source, glyphIds);
  const count = subset.ids.length;
  const copied = new Map(source.hinting.map((table) => [table.tag, table]));
  const rebuilt = new Map([
    ['glyf', subset.glyphs.reduce((sum, glyph) => sum + pad4(glyph.bytes.byteLength), 0)],
    ['head', source.tableBytes('head').byteLength],
    ['hhea', source.tableBytes('hhea').byteLength],
    ['hmtx', 4 * count],
    ['loca', 4 * (count + 1)],
    ['maxp', source.tableBytes('maxp').byteLength],
  ]);
  const lengths = new Map([
    ...[...copied.values()].map(({ tag, bytes }) => [tag, bytes.byteLength] as const),
    ...rebuilt,
  ]);
  const layout = tableLayout(lengths);
  const data = new Uint8Array(layout.total);
  const view = new DataView(data.buffer);
  const at = (tag: string) => layout.offsets.get(tag) as number;

  for (const { tag, bytes } of copied.values()) data.set(bytes, at(tag));
  data.set(source.tableBytes('head'), at('head'));
  view.setUint32(at('head') + 8, 0); // checkSumAdjustment, set last
  view.setInt16(at('head') + 50, 1); // long loca offsets
  data.set(source.tableBytes('hhea'), at('hhea'));
  view.setUint16(at('hhea') + 34, count);
  data.set(source.tableBytes('maxp'), at('maxp'));
  view.setUint16(at('maxp') + 4, count);
  writeGlyphs(view, data, source, subset, at);

  const sums = new Map([...copied.values()].map(({ tag, checksum: sum }) => [tag, sum]));
  for (const [tag, length] of rebuilt) sums.set(tag, checksum(data, at(tag), length));
  writeDirectory(view, data, layout, lengths, sums);
  // Tables start on 4-byte boundaries, zero-padded: the file's sum is the directory's plus theirs.
  let sum = checksum(data, 0, layout.directoryLength);
  for (const table of sums.values()) sum = (sum + table) >>> 0;
  view.setUint32(at('head') + 8, (0xb1b0afba - sum) >>> 0);
  return { data, glyphIds: subset.ids };
}
