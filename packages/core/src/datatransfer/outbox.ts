import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPickPostError, PickPostError } from '../errors/index';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { createRedactingLogger, silentLogger } from '../ports/logger';
import type { StateStore } from '../ports/state-store';
import { FrankingLicenseSchema } from '../schemas/identifiers';
import type { SenderInput } from '../schemas/sender';
import { SenderSchema } from '../schemas/sender';
import type { Shipment, ShipmentInput } from '../schemas/shipment';
import { ShipmentSchema } from '../schemas/shipment';
import { validate } from '../schemas/validate';
import { dataTransferFileName, sidecarContent } from './file-name';
import type { ShipmentDataFormat } from './format';
import { xmlShipmentDataFormat } from './format';
import type { DataTransferItem } from './item';
import { DataTransferItemSchema, toDataTransferItem } from './item';
import type { DataTransferTransport, TransportSession } from './transport';
import { writeShipmentDataFile } from './writer';

export interface DataTransferOutboxOptions {
  store: StateStore;
  frankingLicense: string;
  /** The shop, written into every file's `FileInfos`. */
  sender: SenderInput;
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

export interface FlushOptions {
  transport: DataTransferTransport;
  /** The most shipments one file holds (default 10,000). */
  maxPerFile?: number;
}

export interface DeliveredFile {
  fileName: string;
  itemCount: number;
  sha256: string;
  size: number;
}

export interface FlushReport {
  /** Files written and delivered by this flush. */
  files: DeliveredFile[];
  /** Files an earlier, interrupted flush had uploaded, finished and recorded by this one. */
  recovered: Array<{ fileName: string; itemCount: number }>;
  /** Shipments this flush recorded as delivered (in new and in recovered files). */
  delivered: number;
}

/** What a flush writes down about a file before sending it, so a crash can be finished. */
interface FileJournal {
  state: 'uploading' | 'uploaded';
  fileName: string;
  itemCount: number;
  sha256: string;
  size: number;
  claims: Array<{ token: string; ids: string[] }>;
}

const STALE_WORK_DIR_MS = 24 * 3600 * 1000;

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
  const format = options.format ?? xmlShipmentDataFormat;
  const leaseMs = options.leaseMs ?? 10 * 60 * 1000;
  const pageSize = options.pageSize ?? 1_000;
  const clock = options.clock ?? systemClock;
  const logger = createRedactingLogger(options.logger ?? silentLogger);
  const workRoot = options.workDir ?? tmpdir();
  const journalPrefix = `datatransfer:${frankingLicense}:file:`;
  const journalKey = (fileName: string) => `${journalPrefix}${fileName}`;

  /** Queues a record already in shape: checked where it enters, so a flush need not again. */
  async function queue(item: DataTransferItem): Promise<{ enqueued: boolean }> {
    if (!item.identcode.startsWith(`99${frankingLicense}`)) {
      throw new PickPostError(
        'DATATRANSFER_FAILED',
        `Identcode ${item.identcode} does not belong to franking licence ${frankingLicense}`,
      );
    }
    return store.outbox.enqueue(item.identcode, JSON.stringify({ frankingLicense, item }));
  }

  function readItem(id: string, payload: string): DataTransferItem {
    let parsed: { frankingLicense?: unknown; item?: unknown };
    try {
      parsed = JSON.parse(payload) as typeof parsed;
    } catch (error) {
      throw new PickPostError('STORE_FAILED', `Outbox entry ${id} is not readable`, {
        cause: error,
      });
    }
    if (parsed.frankingLicense !== frankingLicense) {
      throw new PickPostError(
        'DATATRANSFER_FAILED',
        `Outbox entry ${id} belongs to licence ${String(parsed.frankingLicense)}, not ${frankingLicense}: use one store per licence`,
      );
    }
    // Every record was checked against DataTransferItemSchema when it was queued.
    return parsed.item as DataTransferItem;
  }

  async function releaseAll(claims: FileJournal['claims']): Promise<void> {
    for (const claim of claims) await store.outbox.release(claim.token, claim.ids).catch(() => 0);
  }

  async function markAll(claims: FileJournal['claims'], fileName: string): Promise<number> {
    let marked = 0;
    for (const claim of claims)
      marked += await store.outbox.markDelivered(claim.token, claim.ids, fileName);
    return marked;
  }

  /** Renames the file into place unless that happened already (by us before a crash, or by another flush). */
  async function commitOnce(session: TransportSession, journal: FileJournal): Promise<void> {
    if (!(await session.hasPart(journal.fileName))) return;
    await session.putSidecar(journal.fileName, sidecarContent(journal.fileName, journal.sha256));
    try {
      await session.commit(journal.fileName);
    } catch (error) {
      if (await session.hasPart(journal.fileName)) throw error;
    }
  }

  async function journals(): Promise<
    Array<{ key: string; version: number; journal: FileJournal }>
  > {
    const entries = await store.list(journalPrefix);
    return entries.map((entry) => ({
      key: entry.key,
      version: entry.version,
      journal: JSON.parse(entry.value) as FileJournal,
    }));
  }

  /** Finishes what interrupted flushes left: partial uploads removed, verified uploads completed. */
  async function recover(session: TransportSession, report: FlushReport): Promise<void> {
    for (const { key, version, journal } of await journals()) {
      if (journal.state === 'uploading') {
        await session.removePart(journal.fileName);
        await releaseAll(journal.claims);
        await store.delete(key, version);
        logger.warn('removed a partial DataTransfer upload of an interrupted flush', {
          fileName: journal.fileName,
        });
        continue;
      }
      await commitOnce(session, journal);
      report.delivered += await markAll(journal.claims, journal.fileName);
      await store.delete(key, version);
      report.recovered.push({ fileName: journal.fileName, itemCount: journal.itemCount });
      logger.info('finished a DataTransfer file an interrupted flush had uploaded', {
        fileName: journal.fileName,
      });
    }
  }

  async function cleanStaleWorkDirs(): Promise<void> {
    const names = await readdir(workRoot).catch(() => [] as string[]);
    for (const name of names.filter((candidate) => candidate.startsWith('pickpost-dt-'))) {
      const path = join(workRoot, name);
      const info = await stat(path).catch(() => undefined);
      if (info !== undefined && clock.now() - info.mtimeMs > STALE_WORK_DIR_MS)
        await rm(path, { recursive: true, force: true });
    }
  }

  /**
   * Claims up to `maxPerFile` shipments page by page and streams them into a new file. Shipments
   * that belong to a file another (crashed) flush already uploaded are not written again: they
   * are marked delivered with that file once it is finished.
   */
  async function writeNextFile(
    session: TransportSession,
    workDir: string,
    maxPerFile: number,
    report: FlushReport,
  ) {
    const uploaded = new Map<string, FileJournal>();
    for (const { journal } of await journals()) {
      if (journal.state === 'uploaded')
        for (const claim of journal.claims) for (const id of claim.ids) uploaded.set(id, journal);
    }
    const sequence = await store.increment(`datatransfer:${frankingLicense}:file-sequence`);
    const createdAt = new Date(clock.now());
    const fileName = dataTransferFileName(frankingLicense, createdAt, sequence, format.extension);
    const claims: FileJournal['claims'] = [];
    const late: Array<{ token: string; id: string; journal: FileJournal }> = [];

    async function* items(): AsyncGenerator<DataTransferItem> {
      let remaining = maxPerFile;
      while (remaining > 0) {
        const requested = Math.min(pageSize, remaining);
        const claim = await store.outbox.claim({ limit: requested, leaseMs });
        if (claim.items.length === 0) return;
        const ids: string[] = [];
        claims.push({ token: claim.token, ids });
        for (const entry of claim.items) {
          const earlier = uploaded.get(entry.id);
          if (earlier !== undefined) {
            late.push({ token: claim.token, id: entry.id, journal: earlier });
            continue;
          }
          const item = readItem(entry.id, entry.payload);
          ids.push(entry.id);
          remaining -= 1;
          yield item;
        }
        if (claim.items.length < requested) return;
      }
    }

    const localPath = join(workDir, fileName);
    let written: Awaited<ReturnType<typeof writeShipmentDataFile>>;
    try {
      written = await writeShipmentDataFile({
        path: localPath,
        format,
        info: { frankingLicense, fileName, createdAt, sender },
        items: items(),
      });
    } catch (error) {
      await releaseAll(claims);
      throw error;
    }
    for (const { token, id, journal } of late) {
      await commitOnce(session, journal);
      report.delivered += await store.outbox.markDelivered(token, [id], journal.fileName);
    }
    if (written.itemCount === 0) {
      await rm(localPath, { force: true });
      return undefined;
    }
    return { fileName, localPath, written, claims };
  }

  async function deliver(
    session: TransportSession,
    file: NonNullable<Awaited<ReturnType<typeof writeNextFile>>>,
    report: FlushReport,
  ): Promise<void> {
    const { fileName, written, claims } = file;
    const key = journalKey(fileName);
    const journal: FileJournal = {
      state: 'uploading',
      fileName,
      itemCount: written.itemCount,
      sha256: written.sha256,
      size: written.size,
      claims,
    };
    const created = await store.putIfAbsent(key, JSON.stringify(journal));
    try {
      await session.putPart(file.localPath, fileName, {
        size: written.size,
        sha256: written.sha256,
      });
    } catch (error) {
      // Nothing is visible to the Post yet: undo and give the shipments back at once.
      await session.removePart(fileName).catch(() => undefined);
      await store.delete(key, created.version).catch(() => false);
      await releaseAll(claims);
      throw error;
    }
    const uploadedVersion = await store.compareAndSet(
      key,
      created.version,
      JSON.stringify({ ...journal, state: 'uploaded' }),
    );
    if (uploadedVersion === undefined) {
      throw new PickPostError(
        'STORE_FAILED',
        `The journal of ${fileName} changed under this flush`,
      );
    }
    // From here on the file is only ever finished: a failure leaves the journal for recovery.
    await commitOnce(session, journal);
    report.delivered += await markAll(claims, fileName);
    await store.delete(key, uploadedVersion);
    report.files.push({
      fileName,
      itemCount: written.itemCount,
      sha256: written.sha256,
      size: written.size,
    });
    logger.info('delivered a DataTransfer file', { fileName, itemCount: written.itemCount });
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
      await cleanStaleWorkDirs();
      const workDir = await mkdtemp(join(workRoot, 'pickpost-dt-'));
      let session: TransportSession | undefined;
      try {
        session = await flushOptions.transport.open();
        await recover(session, report);
        for (;;) {
          const file = await writeNextFile(session, workDir, maxPerFile, report);
          if (file === undefined) break;
          try {
            await deliver(session, file, report);
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

export type DataTransferOutbox = ReturnType<typeof createDataTransferOutbox>;
