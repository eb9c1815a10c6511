/**
 * The small status vocabulary a shop sees for a parcel, and the mapping of Swiss Post's
 * DataTransfer event numbers onto it.
 *
 * What is documented [V handbuch.post.ch DataTransfer Appendix 3, table of contents; post.ch
 * "Technical DataTransfer support"]: report 11 ("processing status", XML) carries sorting and
 * delivery events, refreshed up to four times a day, each with an event number ("EventNumber");
 * the list of event numbers is Appendix 3 §3.13. That list was NOT available to this project
 * (reference/swiss-post.md §Z), so the default table below is an ASSUMPTION: schematic numbers
 * chosen to be recognisable as placeholders, not Swiss Post's. A shop going live replaces it
 * with the list Swiss Post hands out at registration (`dataTransfer.reports.eventStatus`); an
 * event number missing from the table is kept with its raw number and reported as unmapped,
 * never dropped.
 */

/** What a parcel's latest known event means to the shop. */
export const PARCEL_STATUSES = [
  /** Swiss Post has the shipment data, the parcel itself was not seen yet. */
  'announced',
  /** Posted, sorted, on its way. */
  'in_transit',
  /** Waiting at the PickPost point or My Post 24 terminal for the customer. */
  'at_pickup_point',
  /** Collected by the customer. */
  'picked_up',
  /** Not collected (or refused) and going back, or back at the sender. */
  'returned',
  /** Something needs the shop: damage, an unreadable address, data missing at the Post. */
  'problem',
] as const;

/** A parcel's status as the SDK reports it, one of {@link PARCEL_STATUSES}. */
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

/** One row of an event table: the status, and why (shown in docs and `pickpost datatransfer reports`). */
export interface EventStatusRow {
  status: ParcelStatus;
  description: string;
}

/**
 * The default event table. ASSUMED numbers [G]: Appendix 3 §3.13 was not read; the rows are the
 * events the documented reports imply (data received, posting, sorting, arrival at the point,
 * collection, return, irregularity), numbered schematically. The mock Post server's own table
 * (apps/mock-post-server/src/rules/report-events.ts) uses the same assumed numbers, written
 * separately, so a change here that the simulator does not share shows up in the tests.
 */
// Every row below is [G]: numbers and descriptions are ours, not Appendix 3 §3.13's.
export const DEFAULT_EVENT_STATUS: Readonly<Record<string, EventStatusRow>> = {
  '10': { status: 'announced', description: 'shipment data received' },
  '20': { status: 'in_transit', description: 'posted, accepted by Swiss Post' },
  '30': { status: 'in_transit', description: 'sorted in a parcel centre' },
  '40': { status: 'at_pickup_point', description: 'arrived at the pick-up point' },
  '50': { status: 'picked_up', description: 'collected by the recipient' },
  '60': { status: 'returned', description: 'not collected in time, returned' },
  '70': { status: 'returned', description: 'back at the sender' },
  '90': { status: 'problem', description: 'irregularity (damage, address)' },
};

/**
 * Reports 3 and 7 list parcels, not events [V Appendix 3 table of contents: report 3 "parcels
 * with no processing events", report 7 "parcels without electronic advance notification"].
 * What that means for the shop is our reading [G]: report 3 — the Post has the data, never saw
 * the parcel (still `announced`; was it posted?); report 7 — the Post handled a parcel it had
 * no data for, so the DataTransfer file did not reach it (`problem`).
 */
export const DEFAULT_LISTING_STATUS: Readonly<Record<'3' | '7', EventStatusRow>> = {
  '3': { status: 'announced', description: 'report 3: no processing event yet' },
  '7': { status: 'problem', description: 'report 7: parcel seen without advance data' },
};

/** Turns an event number into a status, or `undefined` for a number it does not know. */
export type EventMapper = (eventNumber: string) => EventStatusRow | undefined;

/**
 * The event mapper a shop configures: the default table with the shop's rows over it (a row
 * given as a bare status keeps a generic description), or a function of its own.
 *
 * @example
 * const map = createEventMapper({ '4000': 'at_pickup_point', '4100': { status: 'picked_up', description: 'collected' } });
 * map('4000'); // { status: 'at_pickup_point', description: 'event 4000 (configured)' }
 */
export function createEventMapper(
  overrides: Readonly<Record<string, ParcelStatus | EventStatusRow>> | EventMapper = {},
  options: { defaults?: boolean } = {},
): EventMapper {
  if (typeof overrides === 'function') return overrides;
  const table = new Map<string, EventStatusRow>(
    options.defaults === false ? [] : Object.entries(DEFAULT_EVENT_STATUS),
  );
  for (const [number, row] of Object.entries(overrides)) {
    table.set(
      normalizeEventNumber(number),
      typeof row === 'string' ? { status: row, description: `event ${number} (configured)` } : row,
    );
  }
  return (eventNumber) => table.get(normalizeEventNumber(eventNumber));
}

/** `"0040"` and `"40"` are the same event: leading zeros and spaces do not count. */
export function normalizeEventNumber(value: string): string {
  const text = value.trim();
  return /^\d+$/.test(text) ? String(Number.parseInt(text, 10)) : text;
}
