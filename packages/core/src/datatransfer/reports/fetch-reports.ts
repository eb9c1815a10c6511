import { ConfigError } from '../../errors/index';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { StateStore } from '../../ports/state-store';
import { listReportFiles, pendingReportFiles } from './report-files';
import type { ReportNumber, ReportReaderOptions, SkippedEntry } from './report-reader';
import type { ReportSource } from './report-source';
import type { StepDeps } from './report-steps';
import { collectReports, processReportFile } from './report-steps';
import type { ApplyContext, ParcelStatusRecord, StatusChange } from './status-records';
import { readStatus, STATUS_KEY_PREFIX } from './status-records';
import type { EventMapper, EventStatusRow, ParcelStatus } from './vocabulary';
import { createEventMapper, DEFAULT_LISTING_STATUS } from './vocabulary';

/**
 * Called once per parcel status change a report brings, and awaited: a handler that throws
 * leaves its file to be processed again next time, so handlers should be idempotent.
 */
export type StatusHandler = (change: StatusChange) => void | Promise<void>;

/**
 * What the report fetcher needs: the store that keeps fetched files and statuses, the source, and
 * how event numbers map to statuses.
 */
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

/**
 * What one fetch did at a source: files stored and processed, and the status changes they brought.
 */
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
  const { store, clock, logger } = options;

  const deps: StepDeps = {
    store,
    clock,
    logger,
    pattern: options.fileNamePattern ?? /\.xml$/i,
    maxBytes: options.maxFileBytes ?? 64 * 1024 * 1024,
    afterStore: options.afterStore ?? 'leave',
    reader: options.reader,
    context: {
      store,
      map,
      listingStatus,
      now: clock.now,
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    },
    handlers,
  };

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
        await collectReports(session, result, deps);
      } finally {
        await session.close();
      }
      for (const name of await pendingReportFiles(store))
        await processReportFile(name, result, deps);
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
