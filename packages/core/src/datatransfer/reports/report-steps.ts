import { isPickPostError } from '../../errors/index';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { StateStore } from '../../ports/state-store';
import type { FetchedReportFile, FetchReportsResult, StatusHandler } from './fetch-reports';
import {
  dropPending,
  finishReportFile,
  isStored,
  readReportFile,
  storeReportFile,
} from './report-files';
import type { ReportReaderOptions, ReportRecord } from './report-reader';
import { readDataTransferReport } from './report-reader';
import type { ReportSession } from './report-source';
import type { ApplyContext, StatusChange } from './status-records';
import { applyRecord } from './status-records';

/** The steps of one fetch: collect new files into the store, then process the stored ones. */

/** What the steps share, made once per `createDataTransferReports`. */
export interface StepDeps {
  store: StateStore;
  clock: Clock;
  logger: Logger;
  pattern: RegExp;
  maxBytes: number;
  afterStore: 'leave' | 'delete';
  reader?: ReportReaderOptions | undefined;
  context: Omit<ApplyContext, 'recovering'>;
  handlers: ReadonlySet<StatusHandler>;
}

/**
 * Takes the source's new files into the store, one by one, oldest name first; then (only then)
 * removes each at the source when configured.
 */
export async function collectReports(
  session: ReportSession,
  result: FetchReportsResult,
  deps: StepDeps,
): Promise<void> {
  const { store, clock, logger, pattern, maxBytes } = deps;
  const available = (await session.list())
    .filter((file) => pattern.test(file.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const file of available) {
    if (await isStored(store, file.name)) {
      await removeStored(session, file.name, result, deps);
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
    await removeStored(session, file.name, result, deps);
  }
}

async function removeStored(
  session: ReportSession,
  name: string,
  result: FetchReportsResult,
  deps: StepDeps,
): Promise<void> {
  // Only here, after the store said the file is there: a file not stored is never deleted.
  if (deps.afterStore !== 'delete' || !(await isStored(deps.store, name))) return;
  await session.remove(name);
  result.removed.push(name);
}

/**
 * Reads a stored file, applies each parcel to its status and hands the changes to the
 * handlers; the file is marked applied only when every handler succeeded.
 */
export async function processReportFile(
  name: string,
  result: FetchReportsResult,
  deps: StepDeps,
): Promise<void> {
  const { store, logger } = deps;
  const stored = await readReportFile(store, name);
  // Processed before a crash stopped the clean-up: only the marker is left to drop.
  if (stored === undefined || stored.file.state !== 'stored') return dropPending(store, name);
  const recovering = !result.stored.includes(name);
  let parsed: ReturnType<typeof readDataTransferReport>;
  try {
    parsed = readDataTransferReport(
      name,
      Buffer.from(stored.file.contentBase64, 'base64'),
      deps.reader,
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
  const context: ApplyContext = { ...deps.context, recovering };
  let failures = 0;
  for (const parcel of byIdentcode(parsed.records)) {
    const applied = await applyRecord(parcel, parsed.report, name, context);
    for (const eventNumber of applied.unmapped)
      result.unmapped.push({ identcode: parcel.identcode, eventNumber, fileName: name });
    if (applied.change === undefined) continue;
    result.changes.push(applied.change);
    failures += await notify(applied.change, deps);
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

async function notify(change: StatusChange, deps: StepDeps): Promise<number> {
  let failures = 0;
  for (const handler of deps.handlers) {
    try {
      await handler(change);
    } catch (error) {
      failures += 1;
      deps.logger.error('DataTransfer status handler failed', {
        identcode: change.identcode,
        status: change.status,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return failures;
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
