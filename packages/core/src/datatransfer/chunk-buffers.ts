/** How many bytes are gathered before one write: big enough to keep syscalls rare. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * ISO-8859-1 text of XML: characters that encoding lacks, and the C1 controls (which readers
 * often take as Windows-1252), become character references, which mean the same character in
 * any encoding: nothing is lost. What is left is one byte per character.
 */
const latin1Safe = (text: string): string =>
  text.replace(/[^\t\n\r -~\u00a0-\u00ff]/gu, (char) => `&#${char.codePointAt(0)};`);

/**
 * Text encoded straight into one of two buffers, piece by piece (a shipment at a time): no
 * long string is built and flattened per chunk, which cost a third of the writer's time, and no
 * buffer is allocated per chunk. `take()` hands the filled bytes over and goes on in the other
 * buffer, so one chunk can be written to disk while the next is filled; the bytes taken stay
 * valid until the next-but-one `take()`.
 */
export class ChunkBuffers {
  readonly #latin1: boolean;
  readonly #buffers: [Buffer, Buffer];
  #turn: 0 | 1 = 0;
  #used = 0;

  constructor(encoding: 'UTF-8' | 'ISO-8859-1') {
    this.#latin1 = encoding === 'ISO-8859-1';
    // Room beyond a chunk for the piece that fills it.
    this.#buffers = [Buffer.allocUnsafe(CHUNK_BYTES * 2), Buffer.allocUnsafe(CHUNK_BYTES * 2)];
  }

  /** Encodes `text` after what is there; says whether a chunk's worth is ready to take. */
  put(text: string): boolean {
    const piece = this.#latin1 ? latin1Safe(text) : text;
    // At most three UTF-8 bytes per UTF-16 unit; one ISO-8859-1 byte per character.
    const most = this.#latin1 ? piece.length : piece.length * 3;
    let buffer = this.#buffers[this.#turn];
    if (this.#used + most > buffer.length) {
      // A piece larger than the room left (a rare, very long text): a larger buffer, same bytes.
      const larger = Buffer.allocUnsafe(this.#used + most);
      buffer.copy(larger, 0, 0, this.#used);
      this.#buffers[this.#turn] = larger;
      buffer = larger;
    }
    this.#used += buffer.write(piece, this.#used, this.#latin1 ? 'latin1' : 'utf8');
    return this.#used >= CHUNK_BYTES;
  }

  /** The bytes put since the last `take()`; later pieces go into the other buffer. */
  take(): Uint8Array {
    const bytes = this.#buffers[this.#turn].subarray(0, this.#used);
    this.#turn = this.#turn === 0 ? 1 : 0;
    this.#used = 0;
    return bytes;
  }
}
