import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../ports/clock';
import { silentLogger } from '../../ports/logger';
import { createMemoryStateStore } from '../../ports/memory-state-store';
import type { StateStore } from '../../ports/state-store';
import { createDataTransferReports } from './fetch-reports';
import { directoryReportSource } from './report-source';
import type { StatusChange } from './status-records';

const A = '996001321700000001';
const B = '996001321700000002';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-reports-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const report11 = (rows: [string, string, string][]) =>
  `<Report><ReportNumber>11</ReportNumber>${rows
    .map(
      ([identcode, event, at]) =>
        `<Item><IdentCode>${identcode}</IdentCode><Event><EventNumber>${event}</EventNumber><EventDateTime>${at}</EventDateTime></Event></Item>`,
    )
    .join('')}</Report>`;

function reportsWith(store: StateStore, options: { afterStore?: 'leave' | 'delete' } = {}) {
  return createDataTransferReports({
    store,
    source: directoryReportSource({ dir }),
    clock: createManualClock(Date.parse('2026-12-03T08:00:00Z')),
    logger: silentLogger,
    lookup: async (identcode) =>
      identcode === A ? { orderRef: '1042', parcelIndex: 0 } : undefined,
    ...options,
  });
}

describe('createDataTransferReports', () => {
  it('stores, maps and hands each status change to the handlers, once', async () => {
    const store = createMemoryStateStore();
    const reports = reportsWith(store);
    const seen: StatusChange[] = [];
    reports.onStatus((change) => {
      seen.push(change);
    });
    await writeFile(
      join(dir, 'R11_1.xml'),
      report11([
        [A, '30', '2026-12-02T10:00:00Z'],
        [A, '40', '2026-12-03T06:00:00Z'],
        [B, '4711', '2026-12-03T06:00:00Z'],
      ]),
    );
    const first = await reports.fetchReports();
    expect(first.stored).toEqual(['R11_1.xml']);
    expect(first.changes.map((c) => [c.identcode, c.status, c.orderRef])).toEqual([
      [A, 'at_pickup_point', '1042'],
    ]);
    expect(seen).toEqual(first.changes);
    expect(first.unmapped).toEqual([{ identcode: B, eventNumber: '4711', fileName: 'R11_1.xml' }]);
    const stored = await reports.getStatus('99.60.013217.00000001');
    expect(stored?.previous).toBeUndefined();
    expect(stored).toMatchObject({
      status: 'at_pickup_point',
      eventNumber: '40',
      events: [{ eventNumber: '30' }, { eventNumber: '40' }],
    });
    // The file is left at the source by default, and not read again.
    const again = await reports.fetchReports();
    expect(again).toMatchObject({ stored: [], files: [], changes: [] });
    expect(await readdir(dir)).toEqual(['R11_1.xml']);
    expect(seen).toHaveLength(1);
  });

  it('does not turn a collected parcel back into one in transit when an older report comes late', async () => {
    const reports = reportsWith(createMemoryStateStore());
    await writeFile(join(dir, 'R11_2.xml'), report11([[A, '50', '2026-12-03T07:00:00Z']]));
    await reports.fetchReports();
    await writeFile(join(dir, 'R11_1.xml'), report11([[A, '30', '2026-12-01T07:00:00Z']]));
    await writeFile(
      join(dir, 'R3_1.xml'),
      `<Report><ReportNumber>3</ReportNumber><Item><IdentCode>${A}</IdentCode></Item></Report>`,
    );
    const late = await reports.fetchReports();
    expect(late.changes).toEqual([]);
    expect((await reports.getStatus(A))?.status).toBe('picked_up');
    // Both late entries are kept in the history; neither set the status.
    expect((await reports.getStatus(A))?.events.map((e) => e.eventNumber)).toEqual([
      '50',
      '30',
      'report-3',
    ]);
  });

  it('maps report 3 to announced and report 7 to problem', async () => {
    const reports = reportsWith(createMemoryStateStore());
    await writeFile(
      join(dir, 'R3_1.xml'),
      `<Report><ReportNumber>3</ReportNumber><Item><IdentCode>${A}</IdentCode></Item></Report>`,
    );
    await writeFile(
      join(dir, 'R7_1.xml'),
      `<Report><ReportNumber>7</ReportNumber><Item><IdentCode>${B}</IdentCode></Item></Report>`,
    );
    const { changes } = await reports.fetchReports();
    expect(changes.map((c) => [c.identcode, c.status, c.report])).toEqual([
      [A, 'announced', 3],
      [B, 'problem', 7],
    ]);
  });

  it('never deletes a file it has not stored: a crash between fetch and store leaves it at the source', async () => {
    const store = createMemoryStateStore();
    const crashing: StateStore = Object.create(store, {
      writeGroups: {
        value: async () => {
          throw new Error('power cut');
        },
      },
    });
    await writeFile(join(dir, 'R11_1.xml'), report11([[A, '40', '2026-12-03T06:00:00Z']]));
    await expect(reportsWith(crashing, { afterStore: 'delete' }).fetchReports()).rejects.toThrow(
      'power cut',
    );
    expect(await readdir(dir)).toEqual(['R11_1.xml']);
    expect(await reportsWith(store).listReportFiles()).toEqual([]);

    const restarted = reportsWith(store, { afterStore: 'delete' });
    const result = await restarted.fetchReports();
    expect(result).toMatchObject({ stored: ['R11_1.xml'], removed: ['R11_1.xml'] });
    expect(await readdir(dir)).toEqual([]);
    expect((await restarted.listReportFiles())[0]).toMatchObject({ state: 'applied', report: 11 });
  });

  it('finishes a file a crash left stored but unprocessed, from its stored copy', async () => {
    const store = createMemoryStateStore();
    // The crash: the file is stored, then the process dies before reading it.
    const dying: StateStore = Object.create(store, {
      list: {
        value: async (prefix: string, options?: object) => {
          if (prefix === 'dt-report-pending:') throw new Error('killed');
          return store.list(prefix, options);
        },
      },
    });
    await writeFile(join(dir, 'R11_1.xml'), report11([[A, '40', '2026-12-03T06:00:00Z']]));
    await expect(reportsWith(dying, { afterStore: 'delete' }).fetchReports()).rejects.toThrow(
      'killed',
    );
    expect(await readdir(dir)).toEqual([]);
    const seen: string[] = [];
    const restarted = reportsWith(store);
    restarted.onStatus((change) => {
      seen.push(change.status);
    });
    const result = await restarted.fetchReports();
    expect(result.files).toMatchObject([{ fileName: 'R11_1.xml', state: 'applied' }]);
    expect(seen).toEqual(['at_pickup_point']);
  });

  it('hands a change out again after a handler failed, until it succeeds', async () => {
    const reports = reportsWith(createMemoryStateStore());
    let calls = 0;
    reports.onStatus(() => {
      calls += 1;
      if (calls === 1) throw new Error('shop down');
    });
    await writeFile(join(dir, 'R11_1.xml'), report11([[A, '40', '2026-12-03T06:00:00Z']]));
    expect((await reports.fetchReports()).handlerErrors).toBe(1);
    const retry = await reports.fetchReports();
    expect(retry.changes.map((c) => c.status)).toEqual(['at_pickup_point']);
    expect(retry.handlerErrors).toBe(0);
    expect((await reports.fetchReports()).changes).toEqual([]);
    expect(calls).toBe(2);
  });

  it('keeps an unreadable report in the store and says why', async () => {
    const reports = reportsWith(createMemoryStateStore());
    await writeFile(join(dir, 'R11_1.xml'), '<Report><oops></Report>');
    const { files } = await reports.fetchReports();
    expect(files).toMatchObject([{ fileName: 'R11_1.xml', state: 'unreadable' }]);
    expect((await reports.listReportFiles())[0]).toMatchObject({ state: 'unreadable', size: 23 });
  });

  it('stores a file the Post sends again under the same name with new content beside the first', async () => {
    const reports = reportsWith(createMemoryStateStore());
    await writeFile(join(dir, 'R11_1.xml'), report11([[A, '30', '2026-12-02T06:00:00Z']]));
    await reports.fetchReports();
    await writeFile(join(dir, 'R11_1.xml'), report11([[A, '40', '2026-12-03T06:00:00Z']]));
    const second = await reports.fetchReports();
    expect(second.stored).toEqual([]);
    expect((await reports.getStatus(A))?.status).toBe('in_transit');
  });
});
