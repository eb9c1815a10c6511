import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { PickPostError } from '../errors/index';
import type { ShipmentDataFileInfo, ShipmentDataFormat } from './format';
import type { DataTransferItem } from './item';

/** How many bytes of text are gathered before one write: big enough to keep syscalls rare. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Turns text into the file's bytes. A chunk's bytes stay valid until the next-but-one call, so
 * one chunk can be written while the next is being encoded.
 */
type ChunkEncoder = (text: string) => Uint8Array;

/**
 * ISO-8859-1 bytes of XML text. Characters that encoding lacks, and the C1 controls (which
 * readers often take as Windows-1252), become character references, which mean the same
 * character in any encoding: nothing is lost. Runs once per chunk, not per shipment.
 */
const latin1Encoder = (): ChunkEncoder => (text) =>
  Buffer.from(
    text.replace(/[^\t\n\r -~\u00a0-\u00ff]/gu, (char) => `&#${char.codePointAt(0)};`),
    'latin1',
  );

/**
 * UTF-8 bytes of a chunk, encoded into two buffers in turn: no 256 KiB allocation per chunk.
 * (`Buffer#write` rather than `TextEncoder#encodeInto`: measured faster on the chunk, which
 * is a long concatenation of shipments' text.)
 */
function utf8Encoder(): ChunkEncoder {
  const buffers: [Buffer, Buffer] = [Buffer.alloc(0), Buffer.alloc(0)];
  let turn: 0 | 1 = 0;
  return (text) => {
    turn = turn === 0 ? 1 : 0;
    // At most three bytes per UTF-16 unit: a buffer this size always takes the whole chunk.
    if (buffers[turn].length < text.length * 3) buffers[turn] = Buffer.allocUnsafe(text.length * 3);
    const buffer = buffers[turn];
    return buffer.subarray(0, buffer.write(text, 0, 'utf8'));
  };
}

/**
 * A shipment data file written to disk: where, its size and SHA-256 (checked again after upload),
 * and how many shipments it holds.
 */
export interface WrittenFile {
  path: string;
  size: number;
  sha256: string;
  itemCount: number;
}

/**
 * Writes one shipment data file as a stream: memory stays flat however many items the iterable
 * yields (it is read one item at a time, text is written in 256 KiB chunks), in the format's
 * encoding (UTF-8 by default), every value
 * escaped by the format. The SHA-256 is computed on the way, and the file is fsynced before the
 * promise resolves. On failure the partial file is removed, so no half-written file is left.
 *
 * @example
 * const file = await writeShipmentDataFile({ path: '/tmp/out.xml', format: xmlShipmentDataFormat, info, items });
 */
export async function writeShipmentDataFile(options: {
  path: string;
  format: ShipmentDataFormat;
  info: ShipmentDataFileInfo;
  items: Iterable<DataTransferItem> | AsyncIterable<DataTransferItem>;
}): Promise<WrittenFile> {
  const { path, format } = options;
  const toBytes = format.encoding === 'ISO-8859-1' ? latin1Encoder() : utf8Encoder();
  // 'wx': never overwrite a file that is there (it may be one waiting for delivery), nor follow
  // a symlink planted at its name; 0600: shipment data is personal data.
  const handle = await open(path, 'wx', 0o600).catch((error: unknown) => {
    throw new PickPostError(
      'DATATRANSFER_FAILED',
      `Could not create the shipment data file ${path}`,
      { cause: error },
    );
  });
  const hash = createHash('sha256');
  let size = 0;
  let pending = '';
  let itemCount = 0;
  // One write in flight while the next chunk is formatted and encoded: the disk and the CPU
  // work at the same time, and at most two chunks are held.
  let writing: Promise<void> = Promise.resolve();
  const writeAll = async (bytes: Uint8Array) => {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset);
      offset += bytesWritten;
    }
  };
  const flush = async () => {
    if (pending === '') return;
    const bytes = toBytes(pending);
    pending = '';
    hash.update(bytes);
    size += bytes.length;
    await writing;
    writing = writeAll(bytes);
    // Handled here so a failure waiting for the next await is no unhandled rejection; that
    // await still throws it.
    writing.catch(() => undefined);
  };
  try {
    pending += format.header(options.info);
    const { items } = options;
    // A plain iterable is read without a microtask per item; an async one as it comes.
    if (Symbol.iterator in items) {
      for (const item of items as Iterable<DataTransferItem>) {
        pending += format.item(item);
        itemCount += 1;
        if (pending.length >= CHUNK_BYTES) await flush();
      }
    } else {
      for await (const item of items) {
        pending += format.item(item);
        itemCount += 1;
        if (pending.length >= CHUNK_BYTES) await flush();
      }
    }
    pending += format.footer(itemCount);
    await flush();
    await writing;
    await handle.sync();
    await handle.close();
  } catch (error) {
    // A write still in flight must end before the file is closed and removed.
    await writing.catch(() => undefined);
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
    throw new PickPostError(
      'DATATRANSFER_FAILED',
      `Could not write the shipment data file ${path}`,
      { cause: error },
    );
  }
  return { path, size, sha256: hash.digest('hex'), itemCount };
}
