/**
 * A label's bytes put together in one growing buffer: cached pieces are copied in, text is
 * encoded in place, numbers are written digit by digit, and the result is copied out once.
 * Joining strings first and encoding them after costs more: in flattening the joined string,
 * and in the number-to-string conversions, whose strings the engine keeps in a cache long
 * enough to move them into the old generation of the heap, which then grows with the length
 * of a streamed document.
 */
export class ByteWriter {
  private buffer: Buffer;
  private length = 0;

  /** Bytes appended since the last `take`. */
  get size(): number {
    return this.length;
  }

  constructor(size = 16 * 1024) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.byteLength) return;
    const larger = Buffer.allocUnsafe(Math.max(2 * this.buffer.byteLength, this.length + bytes));
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }

  bytes(chunk: Uint8Array): this {
    this.room(chunk.byteLength);
    this.buffer.set(chunk, this.length);
    this.length += chunk.byteLength;
    return this;
  }

  /** Appends text of ASCII characters only (operators, names, hex strings), byte by byte. */
  ascii(text: string): this {
    this.room(text.length);
    const { buffer } = this;
    let at = this.length;
    for (let index = 0; index < text.length; index += 1) buffer[at++] = text.charCodeAt(index);
    this.length = at;
    return this;
  }

  /** Appends any text as UTF-8 (at most three bytes per UTF-16 unit). */
  utf8(text: string): this {
    this.room(3 * text.length);
    this.length += this.buffer.write(text, this.length);
    return this;
  }

  /**
   * Appends a number with at most four decimals and no exponent, as PDF and ZPL write numbers
   * (integers as integers).
   */
  number(value: number): this {
    let units = Math.round(value * 10_000);
    this.room(24);
    const { buffer } = this;
    if (units < 0) {
      buffer[this.length++] = 45; // '-'
      units = -units;
    }
    const whole = Math.floor(units / 10_000);
    let fraction = units - whole * 10_000;
    this.digits(whole);
    if (fraction > 0) {
      buffer[this.length++] = 46; // '.'
      let places = 4;
      while (fraction % 10 === 0) {
        fraction /= 10;
        places -= 1;
      }
      for (let place = places - 1; place >= 0; place -= 1) {
        buffer[this.length + place] = 48 + (fraction % 10);
        fraction = Math.floor(fraction / 10);
      }
      this.length += places;
    }
    return this;
  }

  /** Appends six numbers separated by spaces: a PDF matrix, before its operator. */
  matrix(a: number, b: number, c: number, d: number, e: number, f: number): this {
    this.number(a).ascii(' ').number(b).ascii(' ').number(c).ascii(' ');
    return this.number(d).ascii(' ').number(e).ascii(' ').number(f);
  }

  /** Appends a whole number of at least `width` digits, zeros in front. */
  padded(value: number, width: number): this {
    this.room(24);
    this.digits(value, width);
    return this;
  }

  private digits(value: number, width = 1): void {
    const { buffer } = this;
    let count = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) count += 1;
    count = Math.max(count, width);
    let rest = value;
    for (let place = count - 1; place >= 0; place -= 1) {
      buffer[this.length + place] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.length += count;
  }

  /** Starts over, whatever an interrupted label left. */
  reset(): this {
    this.length = 0;
    return this;
  }

  /** The bytes appended so far, copied out; the writer starts over. */
  take(): Buffer {
    const taken = Buffer.allocUnsafe(this.length);
    this.buffer.copy(taken, 0, 0, this.length);
    this.length = 0;
    return taken;
  }
}
