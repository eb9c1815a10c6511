import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createManualClock, createMemoryStateStore, silentLogger } from '@pickpost/core';
import {
  createDataTransferReports,
  readDataTransferReport,
  sftpReportSource,
} from '@pickpost/core/datatransfer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockPostServer } from '../src/server';
import { createMockPostServer } from '../src/server';
import type { MockSftpServer } from '../src/sftp/sftp-server';
import { dataTransferFile, deliver, identcodeOf, LICENCE, testItem } from './datatransfer-files';
import { connectSftp } from './sftp-helpers';

const NOW = Date.parse('2026-12-03T07:30:00.000Z');
let post: MockPostServer;
let sftp: MockSftpServer;

beforeAll(async () => {
  post = await createMockPostServer({
    now: () => NOW,
    sftp: { accounts: [{ username: 'shop', password: 'shop-pass', frankingLicenses: [LICENCE] }] },
  });
  sftp = post.sftp!;
  const client = await connectSftp(sftp, 'shop', { password: 'shop-pass' });
  try {
    await deliver(client, dataTransferFile({ items: [testItem(501), testItem(502)], sequence: 1 }));
  } finally {
    await client.end();
  }
  await sftp.settled();
});
afterAll(() => post.close());

const outDir = () => join(sftp.accountDir('shop'), 'out');
const [ONE, TWO] = [identcodeOf(LICENCE, 501), identcodeOf(LICENCE, 502)];
const UNKNOWN = identcodeOf(LICENCE, 999);

describe('status reports of the simulated Post', () => {
  it('writes report 3 for received shipments without events, then 11 and 7 as parcels move', async () => {
    const first = await sftp.reports.write();
    expect(first).toEqual([
      expect.stringMatching(/^\/out\/R3_60013217_20261203083000_\d{6}\.xml$/),
    ]);
    const r3 = readDataTransferReport(
      first[0]!.slice(5),
      await readFile(join(outDir(), first[0]!.slice(5))),
    );
    expect(r3.records.map((r) => r.identcode)).toEqual([ONE, TWO]);

    sftp.reports.record(ONE, 'posted', { at: NOW - 3_600_000 });
    sftp.reports.record(ONE, 'atPoint', { zip: '8001' });
    sftp.reports.record(UNKNOWN, 'sorted');
    const names = (await sftp.reports.write()).map((path) => path.slice(5));
    expect(names.map((name) => name.slice(0, 3))).toEqual(['R11', 'R7_']);
    const r11 = readDataTransferReport(names[0]!, await readFile(join(outDir(), names[0]!)));
    expect(r11).toMatchObject({
      report: 11,
      skipped: [],
      records: [
        {
          identcode: ONE,
          events: [
            { eventNumber: '20', at: '2026-12-03T06:30:00.000Z' },
            { eventNumber: '40', at: '2026-12-03T07:30:00.000Z', location: '8001' },
          ],
        },
      ],
    });
    const r7 = readDataTransferReport(names[1]!, await readFile(join(outDir(), names[1]!)));
    expect(r7).toMatchObject({ report: 7, records: [{ identcode: UNKNOWN, events: [] }] });
    // Nothing new: no file.
    expect(await sftp.reports.write()).toEqual([]);
  });

  it("is fetched over SFTP, mapped by the SDK's default table, and deleted only once stored", async () => {
    const reports = createDataTransferReports({
      store: createMemoryStateStore(),
      source: sftpReportSource({
        host: sftp.host,
        port: sftp.port,
        username: 'shop',
        password: 'shop-pass',
        hostKeySha256: sftp.hostKeySha256,
        reportsDir: '/out',
      }),
      afterStore: 'delete',
      clock: createManualClock(NOW),
      logger: silentLogger,
    });
    const before = (await readdir(outDir())).sort();
    const result = await reports.fetchReports();
    expect(result.stored.sort()).toEqual(before);
    expect(result.removed.sort()).toEqual(before);
    expect(await readdir(outDir())).toEqual([]);
    expect(result.unmapped).toEqual([]);
    expect(Object.fromEntries(result.changes.map((c) => [c.identcode, c.status]))).toEqual({
      [ONE]: 'at_pickup_point',
      [TWO]: 'announced',
      [UNKNOWN]: 'problem',
    });
  });

  it('never deletes a report at the Post that a crash kept from being stored', async () => {
    const store = createMemoryStateStore();
    const crashing = Object.create(store, {
      writeGroups: {
        value: async () => {
          throw new Error('killed between fetch and store');
        },
      },
    }) as typeof store;
    const reportsOn = (on: typeof store) =>
      createDataTransferReports({
        store: on,
        source: sftpReportSource({
          host: sftp.host,
          port: sftp.port,
          username: 'shop',
          password: 'shop-pass',
          hostKeySha256: sftp.hostKeySha256,
        }),
        afterStore: 'delete',
        clock: createManualClock(NOW),
        logger: silentLogger,
      });
    sftp.reports.record(TWO, 'atPoint');
    const [written] = await sftp.reports.write();
    const name = written!.slice('/out/'.length);
    await expect(reportsOn(crashing).fetchReports()).rejects.toThrow(
      'killed between fetch and store',
    );
    expect(await readdir(outDir())).toEqual([name]);
    const after = await reportsOn(store).fetchReports();
    expect(after).toMatchObject({ stored: [name], removed: [name] });
    expect(after.changes.map((c) => [c.identcode, c.status])).toEqual([[TWO, 'at_pickup_point']]);
    expect(await readdir(outDir())).toEqual([]);
  });

  it('posts and sorts the parcels of a file by itself after the configured delay', async () => {
    await using delayed = await createMockPostServer({
      sftp: {
        accounts: [{ username: 'shop', password: 'pw', frankingLicenses: [LICENCE] }],
        reports: { dir: '/reports', delayMs: 20 },
      },
    });
    const client = await connectSftp(delayed.sftp!, 'shop', { password: 'pw' });
    try {
      await deliver(client, dataTransferFile({ items: [testItem(601)], sequence: 2 }));
    } finally {
      await client.end();
    }
    await delayed.sftp!.settled();
    const dir = join(delayed.sftp!.accountDir('shop'), 'reports');
    await expect.poll(async () => readdir(dir).catch(() => []), { timeout: 5_000 }).toHaveLength(1);
    const [name] = await readdir(dir);
    const report = readDataTransferReport(name!, await readFile(join(dir, name!)));
    expect(report.records).toMatchObject([
      {
        identcode: identcodeOf(LICENCE, 601),
        events: [{ eventNumber: '20' }, { eventNumber: '30' }],
      },
    ]);
  });
});
