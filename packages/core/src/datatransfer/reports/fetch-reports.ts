import { ConfigError, isPickPostError } from '../../errors/index';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { StateStore } from '../../ports/state-store';
import {
  dropPending,
  finishReportFile,
  isStored,
  listReportFiles,
  pendingReportFiles,
  readReportFile,
  storeReportFile,
} from './report-files';
import type {
  ReportNumber,
  ReportReaderOptions,
  ReportRecord,
  SkippedEntry,
} from './report-reader';
import { readDataTransferReport } from './report-reader';
import type { ReportSession, ReportSource } from './report-source';
import type { ApplyContext, ParcelStatusRecord, StatusChange } from './status-records';
import { applyRecord, readStatus, STATUS_KEY_PREFIX } from './status-records';
import type { EventMapper, EventStatusRow, ParcelStatus } from './vocabulary';
import { createEventMapper, DEFAULT_LISTING_STATUS } from './vocabulary';

export type StatusHandler = (change: StatusChange) => void | Promise<void>;

export interface ReportFetcherOptions {
  store: StateStore;
  /** Where reports come from; a fetch may name another one. */
  source?: ReportSource | undefined;
  /** Event numbers to statuses: rows over the default table, or a function. */
  eventStatus?: Readonly<Record<string, ParcelStatus | EventStatusRow>> | EventMapper;
  /** What being listed in report 3 or 7 means (default: announced, problem). */
  listingStatus?: Partial<Record<'3' | '7', ParcelStatus>>;
  reader?: ReportReaderOptions;
  /** Which names at the source are reports (default: every `.xml`). */
  fileNamePattern?: RegExp;
  /** After a file is stored here: leave it at the source (default) or delete it there. */
  afterStore?: 'leave' | 'delete';
  /** Files over this size are left at the source and reported (default 64 MiB). */
  maxFileBytes?: number;
  /** The shop's order of a parcel this SDK made. */
  lookup?: ApplyContext['lookup'];
  clock: Clock;
  logger: Logger;
}

/** One report file a fetch looked at. */
export interface FetchedReportFile {
  fileName: string;
  state: 'applied' | 'unreadable' | 'too-large';
  report?: ReportNumber | undefined;
  parcels: number;
  skipped: SkippedEntry[];
  error?: string | undefined;
}

export interface FetchReportsResult {
  source: string;
  /** Files stored by this fetch (new at the source). */
  stored: string[];
  /** Files processed by this fetch: new ones and any a crash left stored but unprocessed. */
  files: FetchedReportFile[];
  /** Status changes, in the order the handlers received them. */
  changes: StatusChange[];
  /** Events whose number the table does not know: kept in the stored file, status unchanged. */
  unmapped: { identcode: string; eventNumber: string; fileName: string }[];
  /** Files deleted at the source (only with `afterStore: 'delete'`, only stored ones). */
  removed: string[];
  /** Handler calls that threw; their file is processed again (handlers see it again) next time. */
  handlerErrors: number;
}

/** What `createPickPost` exposes as `pickpost.datatransfer`. */
export interface DataTransferReports {
  /**
   * Fetches new report files, stores each durably before anything else (and only then, when
   * configured, deletes it at the source), reads them, stores each parcel's status and hands
   * every change to the `onStatus` handlers. Files a crash left stored but unprocessed are
   * finished first. A handler that throws leaves its file to be processed again next time, so
   * handlers see each change at least once and should be idempotent.
   *
   * @example
   * const { changes } = await pickpost.datatransfer.fetchReports();
   */
  fetchReports(options?: { source?: ReportSource }): Promise<FetchReportsResult>;
  /**
   * Registers a handler for status changes; returns the function that removes it.
   *
   * @example
   * const stop = pickpost.datatransfer.onStatus(async (change) => notes.add(change.orderRef, change.status));
   */
  onStatus(handler: StatusHandler): () => void;
  /**
   * The stored status of a parcel (dots and spaces in the identcode ignored).
   *
   * @example
   * const status = await pickpost.datatransfer.getStatus('99.60.013217.00005959');
   */
  getStatus(identcode: string): Promise<ParcelStatusRecord | undefined>;
  /**
   * Stored statuses ordered by identcode, `limit` at a time after `after`.
   *
   * @example
   * for (const record of await pickpost.datatransfer.listStatuses({ limit: 100 })) console.log(record.identcode, record.status);
   */
  listStatuses(options?: { after?: string; limit?: number }): Promise<ParcelStatusRecord[]>;
  /**
   * The report files stored so far, without their content.
   *
   * @example
   * const files = await pickpost.datatransfer.listReportFiles();
   */
  listReportFiles: (options?: {
    after?: string;
    limit?: number;
  }) => ReturnType<typeof listReportFiles>;
}

/**
 * The report side of DataTransfer: fetch, store, read, map, notify.
 *
 * @example
 * const reports = createDataTransferReports({ store, source: directoryReportSource({ dir }), clock: systemClock, logger: silentLogger });
 */
export function createDataTransferReports(options: ReportFetcherOptions): DataTransferReports {
  const handlers = new Set<StatusHandler>();
  const map = createEventMapper(options.eventStatus ?? {});
  const listingStatus: Record<'3' | '7', EventStatusRow> = {
    '3': withStatus(DEFAULT_LISTING_STATUS['3'], options.listingStatus?.['3']),
    '7': withStatus(DEFAULT_LISTING_STATUS['7'], options.listingStatus?.['7']),
  };
  const pattern = options.fileNamePattern ?? /\.xml$/i;
  const maxBytes = options.maxFileBytes ?? 64 * 1024 * 1024;
  const { store, clock, logger } = options;

  async function collect(session: ReportSession, result: FetchReportsResult): Promise<void> {
    const available = (await session.list())
      .filter((file) => pattern.test(file.name))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const file of available) {
      if (await isStored(store, file.name)) {
        await removeStored(session, file.name, result);
        continue;
      }
      if (file.size > maxBytes) {
        result.files.push({ fileName: file.name, state: 'too-large', parcels: 0, skipped: [] });
        logger.warn('DataTransfer report left at the source: too large', {
          fileName: file.name,
          size: file.size,
        });
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await session.read(file.name);
      } catch (error) {
        // Another instance stored and removed it between the listing and this read.
        if (await isStored(store, file.name)) continue;
        throw error;
      }
      const name = await storeReportFile(store, file.name, bytes, clock.now());
      if (name !== undefined) result.stored.push(name);
      await removeStored(session, file.name, result);
    }
  }

  async function removeStored(session: ReportSession, name: string, result: FetchReportsResult) {
    // Only here, after the store said the file is there: a file not stored is never deleted.
    if (options.afterStore !== 'delete' || !(await isStored(store, name))) return;
    await session.remove(name);
    result.removed.push(name);
  }

  async function processFile(name: string, result: FetchReportsResult): Promise<void> {
    const stored = await readReportFile(store, name);
    // Processed before a crash stopped the clean-up: only the marker is left to drop.
    if (stored === undefined || stored.file.state !== 'stored') return dropPending(store, name);
    const recovering = !result.stored.includes(name);
    let parsed: ReturnType<typeof readDataTransferReport>;
    try {
      parsed = readDataTransferReport(
        name,
        Buffer.from(stored.file.contentBase64, 'base64'),
        options.reader,
      );
    } catch (error) {
      if (!isPickPostError(error)) throw error;
      await finishReportFile(store, name, { state: 'unreadable', error: error.message });
      result.files.push({
        fileName: name,
        state: 'unreadable',
        parcels: 0,
        skipped: [],
        error: error.message,
      });
      logger.warn('DataTransfer report unreadable; kept in the store', {
        fileName: name,
        error: error.message,
      });
      return;
    }
    const context: ApplyContext = {
      store,
      map,
      listingStatus,
      now: clock.now,
      recovering,
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    };
    let failures = 0;
    for (const parcel of byIdentcode(parsed.records)) {
      const applied = await applyRecord(parcel, parsed.report, name, context);
      for (const eventNumber of applied.unmapped)
        result.unmapped.push({ identcode: parcel.identcode, eventNumber, fileName: name });
      if (applied.change === undefined) continue;
      result.changes.push(applied.change);
      failures += await notify(applied.change);
    }
    result.handlerErrors += failures;
    const entry: FetchedReportFile = {
      fileName: name,
      state: 'applied',
      report: parsed.report,
      parcels: parsed.records.length,
      skipped: parsed.skipped,
    };
    result.files.push(entry);
    // A handler failed: the file stays pending, and the next fetch hands its changes out again.
    if (failures === 0)
      await finishReportFile(store, name, {
        state: 'applied',
        report: parsed.report,
        parcels: parsed.records.length,
      });
  }

  async function notify(change: StatusChange): Promise<number> {
    let failures = 0;
    for (const handler of handlers) {
      try {
        await handler(change);
      } catch (error) {
        failures += 1;
        logger.error('DataTransfer status handler failed', {
          identcode: change.identcode,
          status: change.status,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return failures;
  }

  return {
    async fetchReports(fetchOptions = {}) {
      const source = fetchOptions.source ?? options.source;
      if (source === undefined) throw missingSource();
      const result: FetchReportsResult = {
        source: source.description,
        stored: [],
        files: [],
        changes: [],
        unmapped: [],
        removed: [],
        handlerErrors: 0,
      };
      const session = await source.open();
      try {
        await collect(session, result);
      } finally {
        await session.close();
      }
      for (const name of await pendingReportFiles(store)) await processFile(name, result);
      return result;
    },
    onStatus(handler) {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },
    getStatus: (identcode) => readStatus(store, identcode),
    async listStatuses(listOptions = {}) {
      const entries = await store.list(STATUS_KEY_PREFIX, {
        ...(listOptions.after === undefined
          ? {}
          : { after: `${STATUS_KEY_PREFIX}${listOptions.after}` }),
        ...(listOptions.limit === undefined ? {} : { limit: listOptions.limit }),
      });
      return entries.map((entry) => JSON.parse(entry.value) as ParcelStatusRecord);
    },
    listReportFiles: (listOptions) => listReportFiles(store, listOptions),
  };
}

/** One record per parcel, its events in file order: one status write and one change per parcel. */
function byIdentcode(records: readonly ReportRecord[]): ReportRecord[] {
  const parcels = new Map<string, ReportRecord>();
  for (const record of records) {
    const parcel = parcels.get(record.identcode);
    if (parcel === undefined)
      parcels.set(record.identcode, { ...record, events: [...record.events] });
    else parcel.events.push(...record.events);
  }
  return [...parcels.values()];
}

function withStatus(row: EventStatusRow, status: ParcelStatus | undefined): EventStatusRow {
  return status === undefined ? row : { ...row, status };
}

function missingSource(): ConfigError {
  return new ConfigError([
    {
      path: 'dataTransfer.reports',
      message: 'is required to fetch DataTransfer reports (or pass a source)',
      code: 'required',
    },
  ]);
}
