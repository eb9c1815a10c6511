import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateStore, StatusChange } from '@pickpost/core';
import { createManualClock, silentLogger } from '@pickpost/core';
import { createDataTransferReports, directoryReportSource } from '@pickpost/core/datatransfer';
import { afterEach, describe, expect, it } from 'vitest';

export interface DataTransferReportsContractOptions {
  /** A fresh, empty store. */
  create: () => Promise<StateStore>;
}

const IDENT = '996001321700000811';
const report11 = (event: string, at: string) =>
  `<Report><ReportNumber>11</ReportNumber><Item><IdentCode>${IDENT}</IdentCode><Event><EventNumber>${event}</EventNumber><EventDateTime>${at}</EventDateTime></Event></Item></Report>`;

/**
 * DataTransfer reports kept in a StateStore through its generic methods only: report files,
 * their pending markers and the statuses per identcode. Every store package runs it, so the
 * reports work on each without a store method of their own.
 *
 * @example
 * describeDataTransferReportsContract('sqlite', { create: async () => createSqliteStateStore({ filename }) });
 */
export function describeDataTransferReportsContract(
  name: string,
  options: DataTransferReportsContractOptions,
): void {
  describe(`DataTransfer reports on ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });
    const setup = async () => {
      const store = await options.create();
      const dir = await mkdtemp(join(tmpdir(), 'pickpost-reports-contract-'));
      cleanups.push(async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      });
      const reports = () =>
        createDataTransferReports({
          store,
          source: directoryReportSource({ dir }),
          afterStore: 'delete',
          clock: createManualClock(Date.parse('2026-12-03T08:00:00Z')),
          logger: silentLogger,
        });
      return { store, dir, reports };
    };

    it('stores the file, then the status, and deletes the file at the source only after', async () => {
      const { dir, reports } = await setup();
      const fetcher = reports();
      const seen: StatusChange[] = [];
      fetcher.onStatus((change) => {
        seen.push(change);
      });
      await writeFile(join(dir, 'R11_a.xml'), report11('30', '2026-12-02T08:00:00Z'));
      await fetcher.fetchReports();
      await writeFile(join(dir, 'R11_b.xml'), report11('50', '2026-12-03T07:00:00Z'));
      const second = await fetcher.fetchReports();
      expect(second.removed).toEqual(['R11_b.xml']);
      expect(await readdir(dir)).toEqual([]);
      expect(seen.map((change) => [change.status, change.previous])).toEqual([
        ['in_transit', undefined],
        ['picked_up', 'in_transit'],
      ]);
      // A second instance on the same store reads what the first stored.
      const other = reports();
      expect((await other.getStatus(IDENT))?.events.map((event) => event.eventNumber)).toEqual([
        '30',
        '50',
      ]);
      expect((await other.listStatuses()).map((record) => record.identcode)).toEqual([IDENT]);
      expect((await other.listReportFiles()).map((file) => [file.fileName, file.state])).toEqual([
        ['R11_a.xml', 'applied'],
        ['R11_b.xml', 'applied'],
      ]);
    });

    it('stores a file once when two instances fetch at the same time', async () => {
      const { dir, reports } = await setup();
      await writeFile(join(dir, 'R11_a.xml'), report11('40', '2026-12-03T07:00:00Z'));
      const [one, two] = [reports(), reports()];
      // The slower one may find the file stored, or already deleted, by the faster: no error.
      const results = await Promise.all([one.fetchReports(), two.fetchReports()]);
      expect(results.flatMap((result) => result.stored)).toEqual(['R11_a.xml']);
      expect(await one.listReportFiles()).toHaveLength(1);
      expect((await two.getStatus(IDENT))?.status).toBe('at_pickup_point');
      expect((await two.getStatus(IDENT))?.events).toHaveLength(1);
    });
  });
}
