import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { PickPostError } from '../errors/index';
import { ChunkBuffers } from './chunk-buffers';
import type { ShipmentDataFileInfo, ShipmentDataFormat } from './format';
import type { DataTransferItem } from './item';

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
  const chunks = new ChunkBuffers(format.encoding ?? 'UTF-8');
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
    const bytes = chunks.take();
    if (bytes.length === 0) return;
    hash.update(bytes);
    size += bytes.length;
    await writing;
    writing = writeAll(bytes);
    // Handled here so a failure waiting for the next await is no unhandled rejection; that
    // await still throws it.
    writing.catch(() => undefined);
  };
  try {
    chunks.put(format.header(options.info));
    const { items } = options;
    // A plain iterable is read without a microtask per item; an async one as it comes.
    if (Symbol.iterator in items) {
      for (const item of items as Iterable<DataTransferItem>) {
        itemCount += 1;
        if (chunks.put(format.item(item))) await flush();
      }
    } else {
      for await (const item of items) {
        itemCount += 1;
        if (chunks.put(format.item(item))) await flush();
      }
    }
    chunks.put(format.footer(itemCount));
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
