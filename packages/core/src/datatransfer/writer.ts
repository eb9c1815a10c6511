import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { PickPostError } from '../errors/index';
import type { ShipmentDataFileInfo, ShipmentDataFormat } from './format';
import type { DataTransferItem } from './item';

/** How many bytes of text are gathered before one write: big enough to keep syscalls rare. */
const CHUNK_BYTES = 256 * 1024;

/**
 * ISO-8859-1 bytes of XML text. Characters that encoding lacks, and the C1 controls (which
 * readers often take as Windows-1252), become character references, which mean the same
 * character in any encoding: nothing is lost. Runs once per chunk, not per shipment.
 */
function latin1Bytes(text: string): Buffer {
  return Buffer.from(
    text.replace(/[^\t\n\r -~\u00a0-\u00ff]/gu, (char) => `&#${char.codePointAt(0)};`),
    'latin1',
  );
}

const utf8Bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

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
  const toBytes = format.encoding === 'ISO-8859-1' ? latin1Bytes : utf8Bytes;
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
  const flush = async () => {
    if (pending === '') return;
    const bytes = toBytes(pending);
    pending = '';
    hash.update(bytes);
    size += bytes.length;
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset);
      offset += bytesWritten;
    }
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
    await handle.sync();
    await handle.close();
  } catch (error) {
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
