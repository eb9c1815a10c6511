import { deflateSync } from 'node:zlib';
import { ByteWriter } from './byte-writer';

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
 * streams only, written as ASCII text.
 */
export class PdfFile {
  /** Bytes taken before what `out` holds. */
  private taken = 0;
  /** Byte offset of each object by number (0 is the free-list head). */
  private readonly offsets = new NumberList();

  /** `out`: an empty writer to write into (one kept for many files saves allocating one). */
  constructor(private readonly out = new ByteWriter(64 * 1024)) {
    this.offsets.push(0);
    // The comment of four bytes above 127 tells transfer programs the file is binary.
    this.out
      .ascii('%PDF-1.7\n%')
      .bytes(Uint8Array.of(0xe2, 0xe3, 0xcf, 0xd3))
      .ascii('\n');
  }

  /** A number for an object written later. */
  reserve(): number {
    this.offsets.push(-1);
    return this.offsets.length - 1;
  }

  private start(number: number): ByteWriter {
    this.offsets.set(number, this.taken + this.out.size);
    return this.out.number(number).ascii(' 0 obj\n');
  }

  /** Writes object `number` with `body` (a dictionary, array or other PDF value, ASCII). */
  object(number: number, body: string): void {
    this.start(number).ascii(body).ascii('\nendobj\n');
  }

  /**
   * Writes object `number` whose body `write` appends: pages and other objects of every label,
   * whose numbers are better written as digits than made into strings first.
   */
  objectFrom(number: number, write: (out: ByteWriter) => void): void {
    write(this.start(number));
    this.out.ascii('\nendobj\n');
  }

  /**
   * Writes object `number` as a stream with the dictionary `entries` (besides `/Length` and
   * `/Filter`), deflated when `compress` is set.
   */
  stream(number: number, entries: readonly string[], data: Uint8Array, compress: boolean): void {
    this.offsets.set(number, this.taken + this.out.size);
    writeStream(this.out, number, entries, data, compress);
  }

  /** Writes an object serialised earlier by {@link streamObject}, e.g. one cached per process. */
  serialised(number: number, bytes: Uint8Array): void {
    this.offsets.set(number, this.taken + this.out.size);
    this.out.bytes(bytes);
  }

  /** The bytes written since the last call. */
  take(): Uint8Array {
    this.taken += this.out.size;
    return this.out.take();
  }

  /**
   * Writes the cross-reference table and the trailer, in pieces (a streamed file of 100,000
   * labels has half a million objects), and yields every byte not taken yet.
   */
  *end(root: number, info: number): Generator<Uint8Array> {
    const start = this.taken + this.out.size;
    const count = this.offsets.length;
    const missing = this.offsets.indexOf(-1);
    if (missing !== -1) throw new Error(`PDF object ${missing} was reserved but never written`);
    this.out.ascii('xref\n0 ').number(count).ascii('\n0000000000 65535 f \n');
    // Each entry is 20 bytes, `oooooooooo 00000 n \n`, its offset padded to ten digits.
    for (let number = 1; number < count; number += 1) {
      this.out.padded(this.offsets.at(number), 10).ascii(' 00000 n \n');
      if (this.out.size >= 64 * 1024) yield this.take();
    }
    const trailer = dict([`/Size ${count}`, `/Root ${root} 0 R`, `/Info ${info} 0 R`]);
    this.out.ascii(`trailer\n${trailer}\nstartxref\n`).number(start).ascii('\n%%EOF\n');
    yield this.take();
  }
}

function writeStream(
  out: ByteWriter,
  number: number,
  entries: readonly string[],
  data: Uint8Array,
  compress: boolean,
): void {
  const body = compress ? deflateSync(data, DEFLATE) : data;
  out.number(number).ascii(' 0 obj\n<<\n');
  for (const entry of entries) out.ascii(entry).ascii('\n');
  out.ascii('/Length ').number(body.byteLength);
  if (compress) out.ascii('\n/Filter /FlateDecode');
  out.ascii('\n>>\nstream\n').bytes(body).ascii('\nendstream\nendobj\n');
}

/** One object as bytes; see {@link PdfFile.object}. */
export function objectBytes(number: number, body: string): Uint8Array {
  return new ByteWriter(body.length + 32)
    .number(number)
    .ascii(' 0 obj\n')
    .ascii(body)
    .ascii('\nendobj\n')
    .take();
}

/** One stream object as bytes; see {@link PdfFile.stream}. */
export function streamObject(
  number: number,
  entries: readonly string[],
  data: Uint8Array,
  compress: boolean,
): Uint8Array {
  const out = new ByteWriter(data.byteLength + 256);
  writeStream(out, number, entries, data, compress);
  return out.take();
}
