import { deflateSync } from 'node:zlib';

/**
 * Content streams of a label are a few kilobytes: a small window and hash table compress them
 * as well as the defaults do, and zlib sets them up in a fraction of the time, which is most of
 * what deflating a small stream costs.
 */
const DEFLATE = { windowBits: 12, memLevel: 5 } as const;

/** A number as a PDF writes it: at most four decimals, no exponent. */
export const num = (value: number): string => String(Math.round(value * 10_000) / 10_000);

/** A PDF text string for the document information: ASCII, with `\`, `(` and `)` escaped. */
export const pdfString = (text: string): string => `(${text.replace(/[\\()]/g, '\\$&')})`;

/** A PDF dictionary, one entry per line. */
export const dict = (entries: readonly string[]): string => `<<\n${entries.join('\n')}\n>>`;

const latin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1');

/**
 * A list of numbers in a typed array that doubles when full: a streamed file of 100,000 labels
 * records half a million offsets, and a JavaScript array of them would be copied into the old
 * generation of the heap piece by piece as it grows.
 */
export class NumberList {
  private values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const larger = new Float64Array(2 * this.values.length);
      larger.set(this.values);
      this.values = larger;
    }
    this.values[this.length] = value;
    this.length += 1;
  }

  at(index: number): number {
    return this.values[index] as number;
  }

  set(index: number, value: number): void {
    this.values[index] = value;
  }

  indexOf(value: number): number {
    return this.values.subarray(0, this.length).indexOf(value);
  }
}

/**
 * A PDF file written front to back (PDF 1.7, ISO 32000-1 §7.5): objects are numbered when
 * reserved and written whenever they are ready, each at the byte offset the cross-reference
 * table records; the bytes written so far can be taken at any time, so a file of any length
 * is streamed with the memory of the objects in flight. Labels need dictionaries, arrays and
 * streams only, written as text.
 */
export class PdfFile {
  private chunks: Uint8Array[] = [];
  private position = 0;
  /** Byte offset of each object by number (0 is the free-list head). */
  private readonly offsets = new NumberList();

  constructor() {
    this.offsets.push(0);
    // The comment of four bytes above 127 tells transfer programs the file is binary.
    this.push(latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'));
  }

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.position += bytes.byteLength;
  }

  /** A number for an object written later. */
  reserve(): number {
    this.offsets.push(-1);
    return this.offsets.length - 1;
  }

  /** Writes object `number` with `body` (a dictionary, array or other PDF value). */
  object(number: number, body: string): void {
    this.offsets.set(number, this.position);
    this.push(latin1(`${number} 0 obj\n${body}\nendobj\n`));
  }

  /**
   * Writes object `number` as a stream with the dictionary `entries` (besides `/Length` and
   * `/Filter`), deflated when `compress` is set.
   */
  stream(number: number, entries: readonly string[], data: Uint8Array, compress: boolean): void {
    this.offsets.set(number, this.position);
    this.push(streamObject(number, entries, data, compress));
  }

  /** Writes an object serialised earlier by {@link streamObject}, e.g. one cached per process. */
  serialised(number: number, bytes: Uint8Array): void {
    this.offsets.set(number, this.position);
    this.push(bytes);
  }

  /** The bytes written since the last call. */
  take(): Uint8Array[] {
    const taken = this.chunks;
    this.chunks = [];
    return taken;
  }

  /**
   * Writes the cross-reference table and the trailer, in pieces (a streamed file of 100,000
   * labels has half a million objects), and yields every byte not taken yet.
   */
  *end(root: number, info: number): Generator<Uint8Array> {
    yield* this.take();
    const start = this.position;
    const count = this.offsets.length;
    const missing = this.offsets.indexOf(-1);
    if (missing !== -1) throw new Error(`PDF object ${missing} was reserved but never written`);
    yield latin1(`xref\n0 ${count}\n0000000000 65535 f \n`);
    // Each entry is 20 bytes, `oooooooooo 00000 n \n`, written as bytes: strings for half a
    // million of them would be the largest allocation of a long document.
    const perChunk = 4096;
    for (let first = 1; first < count; first += perChunk) {
      const entries = Math.min(perChunk, count - first);
      const bytes = Buffer.alloc(20 * entries, '0000000000 00000 n \n', 'latin1');
      for (let entry = 0; entry < entries; entry += 1) {
        let offset = this.offsets.at(first + entry);
        for (let digit = 9; offset > 0; digit -= 1) {
          bytes[20 * entry + digit] = 48 + (offset % 10);
          offset = Math.floor(offset / 10);
        }
      }
      yield bytes;
    }
    const trailer = dict([`/Size ${count}`, `/Root ${root} 0 R`, `/Info ${info} 0 R`]);
    yield latin1(`trailer\n${trailer}\nstartxref\n${start}\n%%EOF\n`);
  }
}

/** One stream object as bytes; see {@link PdfFile.stream}. */
export function streamObject(
  number: number,
  entries: readonly string[],
  data: Uint8Array,
  compress: boolean,
): Uint8Array {
  const body = compress ? deflateSync(data, DEFLATE) : data;
  const head = dict([
    ...entries,
    `/Length ${body.byteLength}`,
    ...(compress ? ['/Filter /FlateDecode'] : []),
  ]);
  return Buffer.concat([
    latin1(`${number} 0 obj\n${head}\nstream\n`),
    body,
    latin1('\nendstream\nendobj\n'),
  ]);
}
