import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPickPost } from '@pickpost/core';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer } from '@pickpost/mock-post-server';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import { HANS_MUSTER, VELO_SHOP } from '@pickpost/test-utils/fixtures';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pickpostFromSource } from './run-child';

const SFTP_PASSWORD = 'reports-sftp-pw-51c2';
const SELECTION_SECRET = 's'.repeat(40);
const env = {
  PICKPOST_TEST_SFTP_PASSWORD: SFTP_PASSWORD,
  PICKPOST_TEST_SELECTION: SELECTION_SECRET,
};

const pickpost = (args: string[]) => pickpostFromSource(args, env);

let dir: string;
let post: MockPostServer;

function config(secrets: { password: string; selectionSecret: string }) {
  const sftp = post.sftp!;
  return {
    variant: '4b',
    frankingLicense: '60013217',
    sender: VELO_SHOP,
    post: { baseUrls: post.baseUrls },
    selectionSecret: secrets.selectionSecret,
    dataTransfer: {
      // The mock's SFTP server: its address, its account and the key it was started with.
      transport: {
        type: 'sftp',
        ...{ host: sftp.host, port: sftp.port, hostKeySha256: sftp.hostKeyFingerprint },
        ...{ username: 'shop', password: secrets.password },
      },
      reports: { dir: '/out', afterStore: 'delete' },
    },
  } as const;
}

describe('pickpost datatransfer reports', () => {
  it("fetches the Post's report over SFTP, deletes it once stored, and prints the parcel's status", async () => {
    const started = await createMockPostServer({
      sftp: {
        accounts: [{ username: 'shop', password: SFTP_PASSWORD, frankingLicenses: ['60013217'] }],
      },
    });
    post = started;
    dir = await mkdtemp(join(tmpdir(), 'pickpost-cli-reports-'));
    onTestFinished(async () => {
      await started.close();
      await rm(dir, { recursive: true, force: true });
    });
    const filename = join(dir, 'shop.db');
    const store = createSqliteStateStore({ filename });
    const shop = createPickPost(
      config({ password: SFTP_PASSWORD, selectionSecret: SELECTION_SECRET }),
      { store },
    );
    const [point] = await shop.checkout.findPoints({ zip: '8001', kinds: ['pickpost'] });
    const { selection } = await shop.checkout.selectPoint({
      pointId: point?.id ?? '',
      customerRef: 'hans',
    });
    const parcel = await shop.fulfil({
      orderRef: '1042',
      selection,
      customerRef: 'hans',
      recipient: HANS_MUSTER,
      parcel: { weightGrams: 1200 },
      label: false,
    });
    await shop.flushDataTransfer();
    await store.close();
    await post.sftp!.settled();
    post.sftp!.reports.record(parcel.identcode, 'sorted', {
      at: Date.parse('2026-12-03T06:00:00Z'),
    });
    post.sftp!.reports.record(parcel.identcode, 'atPoint', {
      at: Date.parse('2026-12-03T09:00:00Z'),
    });
    const [written] = await post.sftp!.reports.write();

    const path = join(dir, 'pickpost.json');
    await writeFile(
      path,
      JSON.stringify({
        ...config({
          password: 'env:PICKPOST_TEST_SFTP_PASSWORD',
          selectionSecret: 'env:PICKPOST_TEST_SELECTION',
        }),
        store: { type: 'sqlite', filename },
      }),
    );
    const run = await pickpost(['datatransfer', 'reports', '--config', path]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const name = written?.slice('/out/'.length);
    expect(run.stdout).toContain(`: 1 new report files (${name})`);
    expect(run.stdout).toContain('deleted at the source after storing: 1');
    const row = run.stdout.split('\n').find((line) => line.includes('at_pickup_point'));
    expect(row).toMatch(
      /^99\.60\.013217\.\d{8}\s+at_pickup_point\s+arrived at the pick-up point\s+2026-12-03T09:00:00\.000Z\s+1042\/0\s+11\s+R11_/,
    );
    expect(run.stdout).not.toContain(SFTP_PASSWORD);
    expect(await readdir(join(post.sftp!.accountDir('shop'), 'out'))).toEqual([]);

    const json = await pickpost([
      'datatransfer',
      'reports',
      '--config',
      path,
      '--no-fetch',
      '--json',
    ]);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout) as {
      fetched?: unknown;
      statuses: { identcode: string; status: string; events: unknown[] }[];
    };
    expect(document.fetched).toBeUndefined();
    expect(document.statuses).toMatchObject([
      {
        identcode: parcel.identcode,
        status: 'at_pickup_point',
        events: [{ eventNumber: '30' }, { eventNumber: '40' }],
      },
    ]);
  });
});
