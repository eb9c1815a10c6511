import { PickPostError } from '../../errors/index';
import type { StateStore } from '../../ports/state-store';
import type { ReportEvent, ReportNumber, ReportRecord } from './report-reader';
import type { EventMapper, EventStatusRow, ParcelStatus } from './vocabulary';

/**
 * Statuses per identcode in the shop's StateStore, under `dt-status:<identcode>`, through the
 * store's generic versioned key-value methods only (get, putIfAbsent, compareAndSet), so the
 * memory, SQLite and Postgres stores all hold them without a new store method.
 */

export const STATUS_KEY_PREFIX = 'dt-status:';
/** Events kept per parcel: the latest ones, enough for a note history. */
const HISTORY_LIMIT = 30;
const TERMINAL: ReadonlySet<ParcelStatus> = new Set(['picked_up', 'returned']);

/** One event as stored: the report's event and what it meant. */
export interface StoredEvent extends ReportEvent {
  report: ReportNumber;
  fileName: string;
  /** `undefined` when the event number is not in the table (unmapped). */
  status?: ParcelStatus | undefined;
}

/** What the shop knows of one parcel from the reports. */
export interface ParcelStatusRecord {
  identcode: string;
  status: ParcelStatus;
  /** The status before the latest change, if there was one. */
  previous?: ParcelStatus | undefined;
  /** What set the status: report, event and file. */
  report: ReportNumber;
  eventNumber?: string | undefined;
  at?: string | undefined;
  description: string;
  location?: string | undefined;
  fileName: string;
  /** The shop's order, when this SDK made the parcel. */
  orderRef?: string | undefined;
  parcelIndex?: number | undefined;
  updatedAt: string;
  events: StoredEvent[];
}

/** A parcel whose status changed: what `onStatus` handlers receive. */
export type StatusChange = Omit<ParcelStatusRecord, 'events'>;

/** What applying one parcel of a report did. */
export interface AppliedRecord {
  change?: StatusChange | undefined;
  unmapped: string[];
}

export interface ApplyContext {
  store: StateStore;
  map: EventMapper;
  listingStatus: Readonly<Record<'3' | '7', EventStatusRow>>;
  now: () => number;
  lookup?: (identcode: string) => Promise<{ orderRef: string; parcelIndex: number } | undefined>;
  /** Re-emit a change this file made before a crash stopped the handlers (see fetch-reports). */
  recovering: boolean;
}

const sameEvent = (a: StoredEvent, b: StoredEvent) =>
  a.eventNumber === b.eventNumber && a.at === b.at && a.report === b.report;

/** Whether `event` is at least as recent as what set the current status. */
function isCurrent(event: StoredEvent, record: ParcelStatusRecord | undefined): boolean {
  if (record?.at === undefined || event.at === undefined) return true;
  return event.at >= record.at;
}

function eventsOf(
  parcel: ReportRecord,
  report: ReportNumber,
  fileName: string,
  context: ApplyContext,
): StoredEvent[] {
  if (report !== 11) {
    const row = context.listingStatus[String(report) as '3' | '7'];
    return [{ eventNumber: `report-${report}`, report, fileName, status: row.status }];
  }
  return parcel.events.map((event) => ({
    ...event,
    report,
    fileName,
    status: context.map(event.eventNumber)?.status,
  }));
}

/** Whether a listing (report 3 or 7) may overrule what is known: never a later, real event. */
function listingApplies(event: StoredEvent, record: ParcelStatusRecord | undefined): boolean {
  if (record === undefined) return true;
  if (event.status === 'announced') return record.status === 'announced';
  return !TERMINAL.has(record.status);
}

function describe(event: StoredEvent, context: ApplyContext): string {
  if (event.report !== 11)
    return context.listingStatus[String(event.report) as '3' | '7'].description;
  return context.map(event.eventNumber)?.description ?? `event ${event.eventNumber}`;
}

/** The record after `incoming` events, and whether its status changed. */
function merge(
  current: ParcelStatusRecord | undefined,
  identcode: string,
  incoming: StoredEvent[],
  context: ApplyContext,
): { next: ParcelStatusRecord | undefined; changed: boolean; replayed: boolean; added: number } {
  let added = 0;
  let next = current === undefined ? undefined : { ...current, events: [...current.events] };
  let replayed = false;
  for (const event of incoming) {
    if (next?.events.some((seen) => sameEvent(seen, event))) {
      replayed ||= next.fileName === event.fileName;
      continue;
    }
    added += 1;
    if (next !== undefined) next.events = [...next.events, event].slice(-HISTORY_LIMIT);
    const status = event.status;
    if (status === undefined || !isCurrent(event, next)) continue;
    if (event.report !== 11 && !listingApplies(event, next)) continue;
    next = {
      identcode,
      status,
      previous: current?.previous,
      report: event.report,
      eventNumber: event.report === 11 ? event.eventNumber : undefined,
      at: event.at ?? next?.at,
      description: describe(event, context),
      location: event.location,
      fileName: event.fileName,
      orderRef: next?.orderRef,
      parcelIndex: next?.parcelIndex,
      updatedAt: new Date(context.now()).toISOString(),
      events: next?.events ?? [event],
    };
  }
  // What the shop knew before this report is the change's `previous`, not a step inside it.
  const changed = next !== undefined && next.status !== current?.status;
  if (next !== undefined && changed) next.previous = current?.status;
  return { next, changed, replayed, added };
}

const toChange = ({ events: _events, ...change }: ParcelStatusRecord): StatusChange => change;

/**
 * Applies one parcel of a report to its stored status: new events are added to its history,
 * the status follows the most recent mapped event (an older report read late does not turn a
 * collected parcel back into one in transit), and a change comes back for the handlers.
 * Concurrent fetchers are safe: the write is a compare-and-set, retried on conflict.
 */
export async function applyRecord(
  parcel: ReportRecord,
  report: ReportNumber,
  fileName: string,
  context: ApplyContext,
): Promise<AppliedRecord> {
  const key = `${STATUS_KEY_PREFIX}${parcel.identcode}`;
  const incoming = eventsOf(parcel, report, fileName, context);
  const unmapped = incoming
    .filter((event) => event.status === undefined)
    .map((event) => event.eventNumber);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const stored = await context.store.get(key);
    const current =
      stored === undefined ? undefined : (JSON.parse(stored.value) as ParcelStatusRecord);
    const { next, changed, replayed, added } = merge(current, parcel.identcode, incoming, context);
    if (next === undefined) return { unmapped };
    const replay = context.recovering && replayed && next.fileName === fileName;
    // Nothing new (a report read again): no write; after a crash, the change is handed out again.
    if (added === 0) return { change: replay ? toChange(next) : undefined, unmapped };
    if (next.orderRef === undefined && context.lookup !== undefined) {
      const parcelRef = await context.lookup(parcel.identcode);
      if (parcelRef !== undefined) Object.assign(next, parcelRef);
    }
    const value = JSON.stringify(next);
    const written =
      stored === undefined
        ? (await context.store.putIfAbsent(key, value)).created
        : (await context.store.compareAndSet(key, stored.version, value)) !== undefined;
    if (!written) continue;
    return { change: changed || replay ? toChange(next) : undefined, unmapped };
  }
  throw new PickPostError(
    'STORE_FAILED',
    `The status of ${parcel.identcode} kept changing under this fetch`,
  );
}

/** The stored status of one parcel. */
export async function readStatus(
  store: StateStore,
  identcode: string,
): Promise<ParcelStatusRecord | undefined> {
  const stored = await store.get(`${STATUS_KEY_PREFIX}${identcode.replace(/[.\s]/g, '')}`);
  return stored === undefined ? undefined : (JSON.parse(stored.value) as ParcelStatusRecord);
}
