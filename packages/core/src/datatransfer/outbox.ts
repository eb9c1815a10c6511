import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPickPostError, PickPostError } from '../errors/index';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { createRedactingLogger, silentLogger } from '../ports/logger';
import type { AtomicWrite, StateStore } from '../ports/state-store';
import type { DataTransferFileInput } from '../schemas/datatransfer-file';
import { FrankingLicenseSchema } from '../schemas/identifiers';
import type { SenderInput } from '../schemas/sender';
import { SenderSchema } from '../schemas/sender';
import type { Shipment, ShipmentInput } from '../schemas/shipment';
import { ShipmentSchema } from '../schemas/shipment';
import { validate } from '../schemas/validate';
import { dataTransferFileRules } from './file-options';
import type { ShipmentDataFormat } from './format';
import type { DataTransferItem } from './item';
import { DataTransferItemSchema, toDataTransferItem } from './item';
import type { OutboxContext } from './outbox-files';
import { cleanStaleWorkDirs, deliver, recover, writeNextFile } from './outbox-files';
import type { DataTransferTransport, TransportSession } from './transport';

/**
 * What the DataTransfer outbox needs: the store that holds pending shipments, the licence and
 * sender every file names, the file format and where files are prepared.
 */
export interface DataTransferOutboxOptions {
  store: StateStore;
  frankingLicense: string;
  /** The shop, written into every file's `FileInfos`. */
  sender: SenderInput;
  /**
   * File name pattern, namespace, root element, sidecar, encoding and PpFranking (see
   * `DataTransferFileSchema`); the defaults are the SDK's assumptions.
   */
  file?: DataTransferFileInput;
  /** A format of your own; `file` then sets only the name and the sidecar. */
  format?: ShipmentDataFormat;
  /** Where files are written before delivery; the system's temporary directory by default. */
  workDir?: string;
  /** How long a flush holds the shipments it took; others take them over afterwards. */
  leaseMs?: number;
  /** Shipments read from the store at a time while a file is written. */
  pageSize?: number;
  clock?: Clock;
  logger?: Logger;
}

/** One flush: where its files go, and how many shipments a file may hold. */
export interface FlushOptions {
  transport: DataTransferTransport;
  /** The most shipments one file holds (default 10,000). */
  maxPerFile?: number;
}

/**
 * A file a flush delivered: its name, how many shipments it holds, and its SHA-256 and size as
 * verified at the destination.
 */
export interface DeliveredFile {
  fileName: string;
  itemCount: number;
  sha256: string;
  size: number;
}

/**
 * What a flush did: files delivered, files recovered from an interrupted flush, shipments marked
 * delivered.
 */
export interface FlushReport {
  /** Files written and delivered by this flush. */
  files: DeliveredFile[];
  /** Files an earlier, interrupted flush had uploaded, finished and recorded by this one. */
  recovered: Array<{ fileName: string; itemCount: number }>;
  /** Shipments this flush recorded as delivered (in new and in recovered files). */
  delivered: number;
}

/**
 * The DataTransfer outbox: shipments wait in the `StateStore` until a flush writes them into a
 * file and delivers it. Each shipment reaches the Post exactly once:
 *
 * - `enqueue` is idempotent on the identcode;
 * - a flush takes shipments under a lease, writes the file, and journals it before uploading;
 * - a failure before the file is complete on the server marks nothing, removes the partial
 *   upload and gives the shipments back at once;
 * - once the upload is verified the journal says so; from then on the file is only ever
 *   finished, never sent again: after a crash between upload and marking, the next flush
 *   renames the file into place if that had not happened yet, then marks its shipments
 *   delivered.
 *
 * One outbox per store and franking licence.
 *
 * @example
 * const outbox = createDataTransferOutbox({ store, frankingLicense: '60013217', sender });
 * await outbox.enqueue({ ...shipment, identcode });
 * await outbox.flush({ transport: sftpTransport({ … }) });
 */
export function createDataTransferOutbox(options: DataTransferOutboxOptions) {
  const { store } = options;
  const frankingLicense = validate(
    FrankingLicenseSchema,
    options.frankingLicense,
    'franking licence',
  );
  const sender = validate(SenderSchema, options.sender, 'sender');
  const files = dataTransferFileRules(options.file, options.format);
  const ctx: OutboxContext = {
    store,
    frankingLicense,
    sender,
    format: files.format,
    files,
    leaseMs: options.leaseMs ?? 10 * 60 * 1000,
    pageSize: options.pageSize ?? 1_000,
    clock: options.clock ?? systemClock,
    logger: createRedactingLogger(options.logger ?? silentLogger),
    workRoot: options.workDir ?? tmpdir(),
    journalPrefix: `datatransfer:${frankingLicense}:file:`,
  };
  const { logger } = ctx;

  /** The outbox entry of a record already in shape: checked where it enters, not at a flush. */
  function entryOf(item: DataTransferItem): { id: string; payload: string } {
    if (!item.identcode.startsWith(`99${frankingLicense}`)) {
      throw new PickPostError(
        'DATATRANSFER_FAILED',
        `Identcode ${item.identcode} does not belong to franking licence ${frankingLicense}`,
      );
    }
    return { id: item.identcode, payload: JSON.stringify({ frankingLicense, item }) };
  }

  async function queue(item: DataTransferItem): Promise<{ enqueued: boolean }> {
    const { id, payload } = entryOf(item);
    return store.outbox.enqueue(id, payload);
  }

  return {
    /**
     * Queues a shipment whose identcode is known (self-generated, variants 2 and 4b). Queuing
     * the same identcode again does nothing.
     */
    async enqueue(shipment: ShipmentInput & { identcode: string }): Promise<{ enqueued: boolean }> {
      const parsed = validate(ShipmentSchema, shipment, 'shipment') as Shipment & {
        identcode: string;
      };
      return queue(toDataTransferItem(parsed));
    },

    /**
     * Queues a DataTransfer record made elsewhere (a return parcel, an import); a record out of
     * shape is refused here with a validation error, not when a file is written.
     */
    async enqueueItem(item: DataTransferItem): Promise<{ enqueued: boolean }> {
      return queue(validate(DataTransferItemSchema, item, 'DataTransfer item'));
    },

    /**
     * The enqueue of a record as a write for `StateStore.writeGroups`, checked as `enqueueItem`
     * checks it: so a parcel's record enters the outbox in the same commit as the parcel.
     */
    enqueueWrite(item: DataTransferItem): AtomicWrite {
      const { id, payload } = entryOf(validate(DataTransferItemSchema, item, 'DataTransfer item'));
      return { op: 'enqueue', id, payload };
    },

    /**
     * Writes every queued shipment into files of at most `maxPerFile` and delivers them with
     * `transport`, then marks them delivered. Safe to run from several processes at once and to
     * repeat after any failure.
     */
    async flush(flushOptions: FlushOptions): Promise<FlushReport> {
      const maxPerFile = flushOptions.maxPerFile ?? 10_000;
      if (!Number.isInteger(maxPerFile) || maxPerFile < 1) {
        throw new PickPostError(
          'DATATRANSFER_FAILED',
          'maxPerFile must be a whole number of at least 1',
        );
      }
      const report: FlushReport = { files: [], recovered: [], delivered: 0 };
      await cleanStaleWorkDirs(ctx);
      const workDir = await mkdtemp(join(ctx.workRoot, 'pickpost-dt-'));
      let session: TransportSession | undefined;
      try {
        session = await flushOptions.transport.open();
        await recover(ctx, session, report);
        for (;;) {
          const file = await writeNextFile(ctx, session, workDir, maxPerFile, report);
          if (file === undefined) break;
          try {
            await deliver(ctx, session, file, report);
          } finally {
            await rm(file.localPath, { force: true });
          }
        }
        return report;
      } catch (error) {
        logger.error('DataTransfer flush failed', {
          transport: flushOptions.transport.description,
          error,
        });
        if (isPickPostError(error)) throw error;
        throw new PickPostError(
          'DATATRANSFER_FAILED',
          `DataTransfer flush to ${flushOptions.transport.description} failed`,
          { cause: error },
        );
      } finally {
        await session?.close();
        await rm(workDir, { recursive: true, force: true });
      }
    },

    /** How many shipments wait, are being delivered, or were delivered. */
    counts() {
      return store.outbox.counts();
    },
  };
}

/**
 * The DataTransfer outbox `createDataTransferOutbox` returns: enqueue shipments, flush them to a
 * transport as files.
 */
export type DataTransferOutbox = ReturnType<typeof createDataTransferOutbox>;
