import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateStore } from '@pickpost/core';
import { createMemoryStateStore, HostKeyMismatchError, isPickPostError } from '@pickpost/core';
import { createDataTransferOutbox, sftpTransport } from '@pickpost/core/datatransfer';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer, generateSshKeyPair } from '@pickpost/mock-post-server';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import { HANS_MUSTER, ORDER_1042, VELO_SHOP } from '@pickpost/test-utils/fixtures';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SFTP_ACCOUNT as ACCOUNT } from './setup';

let post: MockPostServer;
let dir: string;

beforeEach(async () => {
  post = await createMockPostServer({ sftp: { accounts: [ACCOUNT] } });
  dir = await mkdtemp(join(tmpdir(), 'pickpost-dt-sftp-'));
});
afterEach(async () => {
  await post.close();
  await rm(dir, { recursive: true, force: true });
});

const sftp = () => post.sftp as NonNullable<MockPostServer['sftp']>;
const transport = (hostKeySha256 = sftp().hostKeySha256) =>
  sftpTransport({
    host: sftp().host,
    port: sftp().port,
    username: ACCOUNT.username,
    password: ACCOUNT.password,
    hostKeySha256,
    timeoutMs: 10_000,
  });

/** Order 1042 to the Aarau counter, numbered: its identcode and weight from the index. */
function shipmentNumber(index: number, recipient: Record<string, string> = {}) {
  return {
    ...ORDER_1042,
    orderRef: `order-${index}`,
    identcode: `9960013217${String(index).padStart(8, '0')}`,
    recipient: { ...HANS_MUSTER, ...recipient },
    parcel: { weightGrams: 1000 + (index % 500), przl: ['PRI'] },
  };
}

function outboxOn(store: StateStore) {
  return createDataTransferOutbox({
    store,
    frankingLicense: '60013217',
    sender: VELO_SHOP,
    workDir: dir,
    leaseMs: 60_000,
  });
}

function receivedIdentcodes(): string[] {
  return post.state.shipments
    .filter((shipment) => shipment.source === 'datatransfer')
    .map((shipment) => shipment.identcode);
}

describe('DataTransfer over SFTP', () => {
  it('delivers 1,000 shipments: the Post holds exactly those, each once', async () => {
    const store = createMemoryStateStore();
    const outbox = outboxOn(store);
    for (let index = 1; index <= 1_000; index += 1) await outbox.enqueue(shipmentNumber(index));
    const report = await outbox.flush({ transport: transport(), maxPerFile: 400 });
    await sftp().settled();
    expect(report.files.map((file) => file.itemCount)).toEqual([400, 400, 200]);
    const received = receivedIdentcodes();
    expect(received).toHaveLength(1_000);
    expect(new Set(received)).toEqual(
      new Set(Array.from({ length: 1_000 }, (_, i) => shipmentNumber(i + 1).identcode)),
    );
    expect(post.state.dataTransferDuplicates).toEqual([]);
    expect(await store.outbox.counts()).toEqual({ pending: 0, claimed: 0, delivered: 1_000 });
  });

  it('after a disconnect mid-upload marks nothing, and a later flush delivers each exactly once', async () => {
    const store = createMemoryStateStore();
    const outbox = outboxOn(store);
    for (let index = 1; index <= 300; index += 1) await outbox.enqueue(shipmentNumber(index));
    sftp().setFaults({ disconnectAfterBytes: 20_000, times: 1 });
    // ssh2-sftp-client's default listeners printed "Global close listener: …" for a dropped
    // connection; the failure is reported by the rejected flush, so nothing may be printed.
    const printed = vi.spyOn(console, 'log');
    const error = await outbox
      .flush({ transport: transport(), maxPerFile: 300 })
      .catch((thrown: unknown) => thrown);
    expect(printed.mock.calls.flat().join('\n')).not.toMatch(/Global (close|end) listener/);
    printed.mockRestore();
    expect(isPickPostError(error) && error.code).toBe('DATATRANSFER_FAILED');
    expect(await store.outbox.counts()).toEqual({ pending: 300, claimed: 0, delivered: 0 });
    await sftp().settled();
    expect(receivedIdentcodes()).toEqual([]);
    const report = await outbox.flush({ transport: transport(), maxPerFile: 300 });
    await sftp().settled();
    expect(report.delivered).toBe(300);
    expect(receivedIdentcodes().sort()).toEqual(
      Array.from({ length: 300 }, (_, i) => shipmentNumber(i + 1).identcode),
    );
    expect(post.state.dataTransferDuplicates).toEqual([]);
  });

  it('refuses a server with another host key, sending and marking nothing', async () => {
    const store = createMemoryStateStore();
    const outbox = outboxOn(store);
    await outbox.enqueue(shipmentNumber(1));
    const error = await outbox
      .flush({ transport: transport('ab'.repeat(32)) })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(HostKeyMismatchError);
    expect((error as HostKeyMismatchError).message).toContain(sftp().hostKeyFingerprint);
    expect(await store.outbox.counts()).toEqual({ pending: 1, claimed: 0, delivered: 0 });
    expect(post.state.dataTransferFiles).toEqual([]);
  });

  it('keeps umlauts, apostrophes, ampersands and quotes intact', async () => {
    const outbox = outboxOn(createMemoryStateStore());
    const tricky = {
      firstName: 'Zoë "Zo"',
      name1: "D'Âlessandro & Söhne",
      street: 'Rue de l’Église',
      city: 'Genève',
      zip: '1204',
    };
    await outbox.enqueue(shipmentNumber(7, tricky));
    await outbox.flush({ transport: transport() });
    await sftp().settled();
    expect(post.state.shipments[0]?.recipient).toMatchObject({
      firstName: 'Zoë "Zo"',
      name1: "D'Âlessandro & Söhne",
    });
  });

  it('gets a malformed item back in the processing report while the others are accepted', async () => {
    const outbox = outboxOn(createMemoryStateStore());
    await outbox.enqueue(shipmentNumber(1));
    // A record that passed the SDK but breaks a Post rule (as a hand-written record could).
    await outbox.enqueueItem({
      itemId: 'order-2-0',
      itemNumber: 2,
      identcode: '996001321700000002',
      recipient: {
        name1: 'N'.repeat(36),
        street: 'Bahnhofstrasse',
        houseNo: '67',
        zip: '5000',
        city: 'Aarau',
      },
      przl: ['PRI'],
      weightGrams: 1000,
    });
    const report = await outbox.flush({ transport: transport() });
    await sftp().settled();
    const [file] = post.state.dataTransferFiles;
    expect(file).toMatchObject({ fileName: report.files[0]?.fileName, accepted: 1 });
    expect(file?.rejected).toEqual([expect.objectContaining({ identcode: '996001321700000002' })]);
    const reportXml = await readFile(
      join(sftp().accountDir(ACCOUNT.username), file?.reportName ?? ''),
      'utf8',
    );
    expect(reportXml).toContain('996001321700000002');
    expect(receivedIdentcodes()).toEqual(['996001321700000001']);
  });
});

describe('DataTransfer over SFTP with a private key', () => {
  it('logs in with the shop’s key instead of a password', async () => {
    const keys = generateSshKeyPair();
    const keyed = await createMockPostServer({
      sftp: {
        accounts: [
          { username: 'keyed-shop', publicKey: keys.public, frankingLicenses: ['60013217'] },
        ],
      },
    });
    try {
      const server = keyed.sftp as NonNullable<MockPostServer['sftp']>;
      const outbox = outboxOn(createMemoryStateStore());
      await outbox.enqueue(shipmentNumber(1));
      const report = await outbox.flush({
        transport: sftpTransport({
          host: server.host,
          port: server.port,
          username: 'keyed-shop',
          privateKey: keys.private,
          hostKeySha256: server.hostKeyFingerprint,
        }),
      });
      await server.settled();
      expect(report.delivered).toBe(1);
      expect(keyed.state.shipments.map((shipment) => shipment.identcode)).toEqual([
        shipmentNumber(1).identcode,
      ]);
    } finally {
      await keyed.close();
    }
  });
});

describe('DataTransfer crash test', () => {
  it('a flush killed at random moments and restarted ten times delivers every shipment exactly once', async () => {
    const storeFile = join(dir, 'outbox.db');
    const store = createSqliteStateStore({ filename: storeFile });
    const outbox = outboxOn(store);
    const count = 1_500;
    for (let index = 1; index <= count; index += 1) await outbox.enqueue(shipmentNumber(index));
    await store.close();
    // Slow uploads widen every window between claim, upload, rename and marking.
    sftp().setFaults({ slowBytesPerSecond: 100_000 });
    const childArgs = {
      storeFile,
      workDir: dir,
      host: sftp().host,
      port: sftp().port,
      username: ACCOUNT.username,
      password: ACCOUNT.password,
      hostKeySha256: sftp().hostKeySha256,
      sender: VELO_SHOP,
      leaseMs: 700,
      maxPerFile: 60,
    };
    const runChild = (killAfterMs?: number) =>
      new Promise<{ code: number | null; killed: boolean }>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            '--conditions=@pickpost/source',
            join(import.meta.dirname, 'flush-child.ts'),
            JSON.stringify(childArgs),
          ],
          {
            stdio: ['ignore', 'ignore', 'inherit'],
          },
        );
        let killed = false;
        const timer =
          killAfterMs === undefined
            ? undefined
            : setTimeout(() => {
                killed = true;
                child.kill('SIGKILL');
              }, killAfterMs);
        child.on('exit', (code) => {
          if (timer !== undefined) clearTimeout(timer);
          resolve({ code, killed });
        });
      });
    // A fixed seed: the same "random" moments on every run.
    let seed = 20_261_130;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    let killedRuns = 0;
    const orphanSidecars: string[] = [];
    /** Sidecars standing without their data file: a crash must never leave one. */
    const checkSidecars = async () => {
      const names = new Set(await readdir(sftp().accountDir(ACCOUNT.username)));
      for (const name of names) {
        if (name.endsWith('.sha256') && !names.has(name.slice(0, -'.sha256'.length)))
          orphanSidecars.push(name);
      }
    };
    for (let run = 0; run < 10; run += 1) {
      const outcome = await runChild(500 + Math.floor(random() * 1_200));
      if (outcome.killed) killedRuns += 1;
      await checkSidecars();
    }
    // Then let flushes run to completion until everything is delivered.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, childArgs.leaseMs + 50));
      const outcome = await runChild();
      expect(outcome.code).toBe(0);
      const check = createSqliteStateStore({ filename: storeFile });
      const counts = await check.outbox.counts();
      await check.close();
      if (counts.delivered === count) break;
    }
    await sftp().settled();
    await checkSidecars();
    // Every run was killed before the work was done.
    expect(killedRuns).toBe(10);
    expect(orphanSidecars).toEqual([]);
    const received = receivedIdentcodes();
    expect(new Set(received).size).toBe(count);
    expect(received).toHaveLength(count);
    expect(post.state.dataTransferDuplicates).toEqual([]);
    const final = createSqliteStateStore({ filename: storeFile });
    expect(await final.outbox.counts()).toEqual({ pending: 0, claimed: 0, delivered: count });
    await final.close();
  }, 120_000);
});
