import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PickPostError } from '../../errors/index';
import { eventInstant } from './report-time';

/**
 * A reader for DataTransfer reports 3, 7 and 11 written from what is documented, and tolerant
 * where nothing is.
 *
 * Documented [V post.ch "Technical DataTransfer support"; handbuch.post.ch DataTransfer
 * Appendix 3, table of contents]: reports 3 ("parcels with no processing events"), 7 ("parcels
 * without electronic advance notification") and 11 ("processing status") are XML; report 11
 * carries sorting and delivery events with an event number ("EventNumber"); report names follow
 * a convention in Appendix 3 §2.2. NOT documented here (the field tables, the XSD and §2.2 were
 * not readable), so these are ASSUMPTIONS, each configurable:
 *
 * - [G] a parcel is any element that has an identcode child (names in `fields.identcode`); its
 *   events are the element itself and any element below it with an event number, so both a flat
 *   row (`<Item><IdentCode/><EventNumber/>…`) and nested events (`<Item><IdentCode/><Event>…`)
 *   read; attributes count like child elements; namespaces and prefixes are ignored;
 * - [G] element names: see {@link DEFAULT_REPORT_FIELDS} (the documented `EventNumber` first);
 * - [G] which report a file is: a `ReportNumber`-like element anywhere at the top, else the file
 *   name (`R11_…`, `Report11…`, `Bericht_11…`), else `defaultReport`;
 * - [G] times: see `report-time.ts` (no offset means Swiss local time);
 * - [G] an identcode is 18 digits (`99` + licence + item number) after dots and spaces are
 *   removed; other values are skipped with a reason, not guessed at.
 */

export type ReportNumber = 3 | 7 | 11;

/** Element (or attribute) names the reader looks for, in order of preference. */
export interface ReportFields {
  identcode: readonly string[];
  eventNumber: readonly string[];
  dateTime: readonly string[];
  date: readonly string[];
  time: readonly string[];
  description: readonly string[];
  location: readonly string[];
  reportNumber: readonly string[];
}

/**
 * The field names looked for in a report, several per field, since Swiss Post's reports are not all
 * spelled alike.
 */
export const DEFAULT_REPORT_FIELDS: ReportFields = {
  identcode: ['IdentCode', 'Identcode', 'IDENTCODE', 'ItemIdentCode', 'IdentCodeNumber'],
  eventNumber: ['EventNumber', 'EventNo', 'EventCode', 'EVENTNUMBER'],
  dateTime: ['EventDateTime', 'EventTimestamp', 'DateTime', 'Timestamp'],
  date: ['EventDate', 'Date'],
  time: ['EventTime', 'Time'],
  description: ['EventText', 'EventDescription', 'Description', 'Text'],
  location: ['EventZip', 'EventLocation', 'Location', 'ZIP', 'Zip'],
  reportNumber: ['ReportNumber', 'ReportNo', 'ReportType', 'ReportId'],
};

/**
 * One event a report gives for a parcel: its event number and, when the report has them, time,
 * description and place.
 */
export interface ReportEvent {
  eventNumber: string;
  /** ISO 8601 UTC, when the report gave a readable time. */
  at?: string | undefined;
  description?: string | undefined;
  location?: string | undefined;
}

/** One parcel in a report: its events (report 11), or none (reports 3 and 7 list parcels). */
export interface ReportRecord {
  identcode: string;
  events: ReportEvent[];
}

/** Something the reader found and could not use, with where it was: kept, never silent. */
export interface SkippedEntry {
  path: string;
  field: string;
  reason: string;
}

/** A report file read: which report it is, its records, and the entries skipped with the reason. */
export interface ParsedReport {
  fileName: string;
  report: ReportNumber;
  records: ReportRecord[];
  skipped: SkippedEntry[];
}

/**
 * How a report is read: the field names, the report assumed when a file does not say, and the zone
 * of times without an offset.
 */
export interface ReportReaderOptions {
  /** Names to look for, each list replacing the default one. */
  fields?: Partial<ReportFields>;
  /** The report a file is when neither its content nor its name says. */
  defaultReport?: ReportNumber;
  /** The zone of times written without an offset (default Europe/Zurich). */
  timeZone?: string;
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

const REPORT_IN_NAME = /(?:^|[^A-Za-z0-9])(?:R|Report|Bericht|Rapport)[_-]?0*(3|7|11)(?![0-9])/i;

const isNode = (value: unknown): value is XmlNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of the first field of `names` on `node`: an element's text or an attribute. */
function text(node: XmlNode, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = node[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first !== '') return first;
    if (isNode(first) && typeof first['#text'] === 'string') return first['#text'];
  }
  return undefined;
}

function reportNumberOf(
  root: XmlNode,
  fileName: string,
  fields: ReportFields,
  fallback: ReportNumber | undefined,
): ReportNumber | undefined {
  // The number is a header field: look at the root and one level below, not into the items.
  const candidates = [root, ...Object.values(root).filter(isNode)];
  for (const node of candidates) {
    const value = text(node, fields.reportNumber)?.replace(/\D/g, '');
    if (value === '3' || value === '7' || value === '11') return Number(value) as ReportNumber;
  }
  const fromName = REPORT_IN_NAME.exec(fileName)?.[1];
  if (fromName !== undefined) return Number(fromName) as ReportNumber;
  return fallback;
}

function eventOf(node: XmlNode, fields: ReportFields, timeZone: string | undefined) {
  const eventNumber = text(node, fields.eventNumber);
  if (eventNumber === undefined) return undefined;
  const dateTime = text(node, fields.dateTime);
  const date = text(node, fields.date);
  const time = text(node, fields.time);
  const at = eventInstant({ dateTime, date, time }, timeZone);
  const event: ReportEvent = { eventNumber: eventNumber.trim() };
  if (at !== undefined) event.at = at;
  const description = text(node, fields.description);
  if (description !== undefined) event.description = description;
  const location = text(node, fields.location);
  if (location !== undefined) event.location = location;
  const unreadable = at === undefined && (dateTime ?? date) !== undefined;
  return { event, unreadable: unreadable ? (dateTime ?? `${date} ${time ?? ''}`.trim()) : null };
}

/**
 * Reads one report file (3, 7 or 11) into parcels and their events. A file that is not
 * well-formed XML, or whose report number cannot be told, throws `PickPostError`
 * (`DATATRANSFER_REPORT_INVALID`) naming the file; a parcel or event the reader cannot use is
 * listed in `skipped` with its path and field.
 *
 * @example
 * const report = readDataTransferReport('R11_60013217_20261203080000.xml', xml);
 * for (const { identcode, events } of report.records) console.log(identcode, events.at(-1)?.eventNumber);
 */
export function readDataTransferReport(
  fileName: string,
  content: string | Uint8Array,
  options: ReportReaderOptions = {},
): ParsedReport {
  const xml = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new PickPostError(
      'DATATRANSFER_REPORT_INVALID',
      `Report ${fileName} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`,
    );
  }
  const fields: ReportFields = { ...DEFAULT_REPORT_FIELDS, ...options.fields };
  const document = parser.parse(xml) as XmlNode;
  const rootName = Object.keys(document).find((key) => key !== '?xml');
  const root = rootName === undefined ? undefined : document[rootName];
  if (!isNode(root)) {
    throw new PickPostError('DATATRANSFER_REPORT_INVALID', `Report ${fileName} has no content`);
  }
  const report = reportNumberOf(root, fileName, fields, options.defaultReport);
  if (report === undefined) {
    throw new PickPostError(
      'DATATRANSFER_REPORT_INVALID',
      `Report ${fileName}: neither its content (${fields.reportNumber.join(', ')}) nor its name says whether it is report 3, 7 or 11; set dataTransfer.reports.defaultReport`,
    );
  }
  const records: ReportRecord[] = [];
  const skipped: SkippedEntry[] = [];

  const collectEvents = (node: XmlNode, path: string, into: ReportEvent[]) => {
    const found = eventOf(node, fields, options.timeZone);
    if (found !== undefined) {
      into.push(found.event);
      if (found.unreadable !== null)
        skipped.push({ path, field: 'time', reason: `unreadable time "${found.unreadable}"` });
    }
    forEachChild(node, path, (child, childPath) => collectEvents(child, childPath, into));
  };

  const visit = (node: XmlNode, path: string) => {
    const raw = text(node, fields.identcode);
    if (raw === undefined) {
      forEachChild(node, path, visit);
      return;
    }
    const identcode = raw.replace(/[.\s]/g, '');
    if (!/^\d{18}$/.test(identcode)) {
      skipped.push({ path, field: 'identcode', reason: `not an 18-digit identcode: "${raw}"` });
      return;
    }
    const events: ReportEvent[] = [];
    collectEvents(node, path, events);
    records.push({ identcode, events });
  };
  forEachChild(root, rootName as string, visit);
  return { fileName, report, records, skipped };
}

function forEachChild(
  node: XmlNode,
  path: string,
  use: (child: XmlNode, path: string) => void,
): void {
  for (const [name, value] of Object.entries(node)) {
    const list = Array.isArray(value) ? value : [value];
    list.forEach((child, index) => {
      if (isNode(child))
        use(child, list.length > 1 ? `${path}/${name}[${index}]` : `${path}/${name}`);
    });
  }
}
