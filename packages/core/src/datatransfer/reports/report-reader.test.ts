import { describe, expect, it } from 'vitest';
import { isPickPostError } from '../../errors/index';
import { readDataTransferReport } from './report-reader';
import { eventInstant } from './report-time';
import { createEventMapper } from './vocabulary';

const IDENT = '996001321700005959';

describe('readDataTransferReport', () => {
  it('reads nested events under a namespace, the report number from the header', () => {
    const xml = `<?xml version="1.0"?>
<r:Report xmlns:r="urn:example">
  <r:Header><r:ReportNumber>11</r:ReportNumber></r:Header>
  <r:Item><r:IdentCode>99.60.013217.00005959</r:IdentCode>
    <r:Event><r:EventNumber>0030</r:EventNumber><r:EventDate>03.12.2026</r:EventDate><r:EventTime>08:15</r:EventTime><r:EventZip>8010</r:EventZip></r:Event>
    <r:Event><r:EventNumber>40</r:EventNumber><r:EventDateTime>2026-12-03T14:00:00+01:00</r:EventDateTime><r:EventText>am Schalter</r:EventText></r:Event>
  </r:Item>
</r:Report>`;
    const report = readDataTransferReport('anything.xml', xml);
    expect(report.report).toBe(11);
    expect(report.records).toEqual([
      {
        identcode: IDENT,
        events: [
          { eventNumber: '0030', at: '2026-12-03T07:15:00.000Z', location: '8010' },
          { eventNumber: '40', at: '2026-12-03T13:00:00.000Z', description: 'am Schalter' },
        ],
      },
    ]);
    expect(report.skipped).toEqual([]);
  });

  it('reads flat rows and attributes, the report number from the file name', () => {
    const xml = `<List><Row IdentCode="${IDENT}" EventNumber="50" EventDate="2026-07-01" EventTime="101500"/></List>`;
    const report = readDataTransferReport('R11_60013217_20260701.xml', xml);
    expect(report.report).toBe(11);
    // Summer time: Zurich is UTC+2.
    expect(report.records[0]?.events[0]?.at).toBe('2026-07-01T08:15:00.000Z');
  });

  it('reads report 3 and 7 listings as parcels without events', () => {
    const xml = `<Report><ReportNumber>7</ReportNumber><Parcel><IdentCode>${IDENT}</IdentCode></Parcel></Report>`;
    expect(readDataTransferReport('x.xml', xml)).toMatchObject({
      report: 7,
      records: [{ identcode: IDENT, events: [] }],
    });
    expect(
      readDataTransferReport('Bericht_3_x.xml', `<a><b><IdentCode>${IDENT}</IdentCode></b></a>`)
        .report,
    ).toBe(3);
  });

  it('skips a bad identcode and an unreadable time with their paths, keeping the rest', () => {
    const xml = `<Report><ReportNumber>11</ReportNumber>
      <Item><IdentCode>12345</IdentCode><EventNumber>30</EventNumber></Item>
      <Item><IdentCode>${IDENT}</IdentCode><EventNumber>30</EventNumber><EventDate>tomorrow</EventDate></Item>
    </Report>`;
    const report = readDataTransferReport('x.xml', xml);
    expect(report.records).toEqual([{ identcode: IDENT, events: [{ eventNumber: '30' }] }]);
    expect(report.skipped).toEqual([
      { path: 'Report/Item[0]', field: 'identcode', reason: 'not an 18-digit identcode: "12345"' },
      { path: 'Report/Item[1]', field: 'time', reason: 'unreadable time "tomorrow"' },
    ]);
  });

  it('takes configured element names instead of the assumed ones', () => {
    const xml = `<Report><Sendung><Nummer>${IDENT}</Nummer><Ereignis>4000</Ereignis></Sendung></Report>`;
    const report = readDataTransferReport('x.xml', xml, {
      fields: { identcode: ['Nummer'], eventNumber: ['Ereignis'] },
      defaultReport: 11,
    });
    expect(report.records).toEqual([{ identcode: IDENT, events: [{ eventNumber: '4000' }] }]);
  });

  it('refuses malformed XML and a file that says not which report it is, naming the file', () => {
    const bad = () => readDataTransferReport('broken.xml', '<Report><Item></Report>');
    expect(bad).toThrow(/broken\.xml is not well-formed/);
    try {
      readDataTransferReport('plain.xml', `<Report><IdentCode>${IDENT}</IdentCode></Report>`);
      expect.unreachable();
    } catch (error) {
      expect(isPickPostError(error) && error.code).toBe('DATATRANSFER_REPORT_INVALID');
      expect((error as Error).message).toMatch(/plain\.xml.*defaultReport/);
    }
  });
});

describe('eventInstant', () => {
  it('handles the daylight-saving change and refuses nonsense', () => {
    expect(eventInstant({ date: '2026-03-29', time: '03:30' })).toBe('2026-03-29T01:30:00.000Z');
    expect(eventInstant({ date: '2026-10-25', time: '01:00' })).toBe('2026-10-24T23:00:00.000Z');
    expect(eventInstant({ dateTime: '2026-12-03 08:00:00' })).toBe('2026-12-03T07:00:00.000Z');
    expect(eventInstant({ date: '2026-12-03', time: '25h' })).toBeUndefined();
    expect(eventInstant({ date: '03/12/2026' })).toBeUndefined();
  });
});

describe('createEventMapper', () => {
  it('maps the default table, ignores leading zeros, and lets the shop override or replace it', () => {
    const map = createEventMapper();
    expect(map('0040')?.status).toBe('at_pickup_point');
    expect(map('4711')).toBeUndefined();
    const custom = createEventMapper({
      '4711': 'picked_up',
      '40': { status: 'problem', description: 'x' },
    });
    expect(custom('4711')).toEqual({ status: 'picked_up', description: 'event 4711 (configured)' });
    expect(custom('40')?.status).toBe('problem');
    expect(createEventMapper({ '1': 'returned' }, { defaults: false })('40')).toBeUndefined();
  });
});
