import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParcelStage } from '../rules/report-events';
import { PARCEL_EVENTS, REPORT_NUMBERS } from '../rules/report-events';
import { virtualPath } from '../sftp/sftp-paths';
import type { MockPostState } from '../state';

/**
 * The simulated Post's reports back to the shop: report 11 (processing status: the events of
 * parcels it has data for), report 3 (parcels it has data for and never saw) and report 7
 * (parcels it saw without data). Swiss Post's report format and naming are not public here
 * (Appendix 3 not read); this is the simulator's own [G], in its own namespace:
 *
 * - name `R<report>_<licence>_<yyyyMMddHHmmss>_<sequence>.xml`, written as `.part` and renamed;
 * - `<Report><ReportNumber/><FrankingLicense/><CreatedAt/><Item><IdentCode/><Event>
 *   <EventNumber/><EventDate>dd.MM.yyyy</EventDate><EventTime>HH:mm:ss</EventTime>
 *   <EventText/><EventZip/></Event>…</Item>…</Report>`, times in Swiss local time, no offset.
 */
export const STATUS_REPORT_NAMESPACE = 'urn:pickpost-sdk:mock-post:datatransfer-status:1';

export interface ParcelEventRecord {
  identcode: string;
  stage: ParcelStage;
  at: number;
  zip?: string | undefined;
  reported: boolean;
}

export interface StatusReportAccount {
  username: string;
  root: string;
  frankingLicenses: readonly string[];
}

const escapeText = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const zurich = new Intl.DateTimeFormat('de-CH', {
  timeZone: 'Europe/Zurich',
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/** `dd.MM.yyyy` and `HH:mm:ss` in Swiss local time. */
function swissDateTime(at: number): { date: string; time: string } {
  const [date = '', time = ''] = zurich.format(new Date(at)).split(', ');
  return { date, time };
}

function compactStamp(at: number): string {
  const { date, time } = swissDateTime(at);
  const [d, m, y] = date.split('.');
  return `${y}${m}${d}${time.replace(/:/g, '')}`;
}

function itemXml(identcode: string, events: readonly ParcelEventRecord[]): string {
  const body = events
    .map((event) => {
      const { date, time } = swissDateTime(event.at);
      const info = PARCEL_EVENTS[event.stage];
      const zip = event.zip === undefined ? '' : `<EventZip>${escapeText(event.zip)}</EventZip>`;
      return `<Event><EventNumber>${info.eventNumber}</EventNumber><EventDate>${date}</EventDate><EventTime>${time}</EventTime><EventText>${escapeText(info.text)}</EventText>${zip}</Event>`;
    })
    .join('');
  return `  <Item><IdentCode>${identcode}</IdentCode>${body}</Item>\n`;
}

/**
 * Parcel events and the report files made from them, per account.
 *
 * @example
 * const reports = createStatusReports({ state, accounts, now: Date.now, dir: '/out' });
 * reports.record('996001321700000001', 'atPoint');
 * await reports.write(); // R11_60013217_….xml in each account's /out
 */
export function createStatusReports(context: {
  state: MockPostState;
  accounts: ReadonlyMap<string, StatusReportAccount>;
  now: () => number;
  dir: string;
}) {
  const events: ParcelEventRecord[] = [];
  const listedNoEvents = new Set<string>();
  let sequence = 0;

  const accountOf = (identcode: string) => {
    const licence = identcode.slice(2, 10);
    return [...context.accounts.values()].find((account) =>
      account.frankingLicenses.includes(licence),
    );
  };

  async function writeReport(
    account: StatusReportAccount,
    report: number,
    licence: string,
    items: string[],
  ) {
    sequence += 1;
    const at = context.now();
    const name = `R${report}_${licence}_${compactStamp(at)}_${String(sequence).padStart(6, '0')}.xml`;
    // The directory is the server's setting, not a client's path: it only needs rooting.
    const dir = join(account.root, virtualPath(context.dir));
    await mkdir(dir, { recursive: true });
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Report xmlns="${STATUS_REPORT_NAMESPACE}">\n  <ReportNumber>${report}</ReportNumber>\n  <FrankingLicense>${licence}</FrankingLicense>\n  <CreatedAt>${new Date(at).toISOString()}</CreatedAt>\n${items.join('')}</Report>\n`;
    await writeFile(join(dir, `${name}.part`), xml);
    await rename(join(dir, `${name}.part`), join(dir, name));
    return `${virtualPath(context.dir).replace(/\/+$/, '')}/${name}`;
  }

  /** Report files for everything not reported yet; returns their SFTP paths. */
  async function write(): Promise<string[]> {
    const known = new Set(context.state.shipments.map((shipment) => shipment.identcode));
    const written: string[] = [];
    const groups = new Map<
      string,
      {
        account: StatusReportAccount;
        licence: string;
        r11: Map<string, ParcelEventRecord[]>;
        r7: Set<string>;
        r3: string[];
      }
    >();
    const group = (identcode: string) => {
      const account = accountOf(identcode);
      if (account === undefined) return undefined;
      const key = `${account.username}:${identcode.slice(2, 10)}`;
      let entry = groups.get(key);
      if (entry === undefined) {
        entry = { account, licence: identcode.slice(2, 10), r11: new Map(), r7: new Set(), r3: [] };
        groups.set(key, entry);
      }
      return entry;
    };
    for (const event of events.filter((e) => !e.reported)) {
      const entry = group(event.identcode);
      if (entry === undefined) continue;
      event.reported = true;
      if (!known.has(event.identcode)) entry.r7.add(event.identcode);
      else entry.r11.set(event.identcode, [...(entry.r11.get(event.identcode) ?? []), event]);
    }
    const seen = new Set(events.map((event) => event.identcode));
    for (const shipment of context.state.shipments) {
      if (
        shipment.source !== 'datatransfer' ||
        seen.has(shipment.identcode) ||
        listedNoEvents.has(shipment.identcode)
      )
        continue;
      listedNoEvents.add(shipment.identcode);
      group(shipment.identcode)?.r3.push(shipment.identcode);
    }
    for (const { account, licence, r11, r7, r3 } of groups.values()) {
      if (r11.size > 0)
        written.push(
          await writeReport(
            account,
            REPORT_NUMBERS.processingStatus,
            licence,
            [...r11].map(([id, list]) => itemXml(id, list)),
          ),
        );
      if (r3.length > 0)
        written.push(
          await writeReport(
            account,
            REPORT_NUMBERS.noEvents,
            licence,
            r3.map((id) => itemXml(id, [])),
          ),
        );
      if (r7.size > 0)
        written.push(
          await writeReport(
            account,
            REPORT_NUMBERS.noAdvanceData,
            licence,
            [...r7].map((id) => itemXml(id, [])),
          ),
        );
    }
    return written;
  }

  return {
    events: events as readonly ParcelEventRecord[],
    /** A parcel event (a scan at the Post); an identcode without shipment data lands in report 7. */
    record(identcode: string, stage: ParcelStage, options: { at?: number; zip?: string } = {}) {
      events.push({
        identcode,
        stage,
        at: options.at ?? context.now(),
        zip: options.zip,
        reported: false,
      });
    },
    write,
  };
}

export type StatusReports = ReturnType<typeof createStatusReports>;
