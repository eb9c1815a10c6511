import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORDER_1042, VELO_SHOP } from '../../test/fixtures';
import { createManualClock } from '../ports/clock';
import { createMemoryStateStore } from '../ports/memory-state-store';
import type { StateStore } from '../ports/state-store';
import { directoryTransport } from './directory-transport';
import { createDataTransferOutbox } from './outbox';
import type { DataTransferTransport, TransportSession } from './transport';

let dir: string;
let store: StateStore;
const clock = createManualClock(Date.parse('2026-11-30T08:00:00Z'));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-outbox-'));
  store = createMemoryStateStore({ clock });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const outboxFor = (options: { leaseMs?: number } = {}) =>
  createDataTransferOutbox({
    store,
    frankingLicense: '60013217',
    sender: VELO_SHOP,
    clock,
    workDir: dir,
    ...options,
  });

const shipment = (index: number) => ({
  ...ORDER_1042,
  orderRef: `order-${index}`,
  identcode: `9960013217${String(index).padStart(8, '0')}`,
});

async function enqueue(count: number, outbox = outboxFor()) {
  for (let index = 1; index <= count; index += 1) await outbox.enqueue(shipment(index));
}

/** Identcodes in every delivered file of `target`, one entry per occurrence. */
async function deliveredIdentcodes(target: string): Promise<string[]> {
  const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Item' });
  const names = (await readdir(target)).filter((name) => name.endsWith('.xml'));
  const codes: string[] = [];
  for (const name of names) {
    const document = parser.parse(await readFile(join(target, name), 'utf8'));
    for (const item of document.Envelope.Data.Provider.Sending.Item ?? [])
      codes.push(item.IdentCode);
  }
  return codes;
}

/** A transport that fails at one step, once, the way a network or a crash would. */
function failingAt(
  inner: DataTransferTransport,
  step: keyof TransportSession,
  when: 'before' | 'after',
): DataTransferTransport {
  let failed = false;
  return {
    description: `failing ${inner.description}`,
    async open() {
      const session = await inner.open();
      const wrapped = { ...session };
      const original = session[step] as (...args: unknown[]) => Promise<unknown>;
      (wrapped as Record<string, unknown>)[step] = async (...args: unknown[]) => {
        if (!failed && when === 'before') {
          failed = true;
          throw new Error(`connection lost before ${step}`);
        }
        const result = await original(...args);
        if (!failed && when === 'after') {
          failed = true;
          throw new Error(`connection lost after ${step}`);
        }
        return result;
      };
      return wrapped;
    },
  };
}

describe('DataTransfer outbox', () => {
  it('enqueues idempotently on the identcode', async () => {
    const outbox = outboxFor();
    expect(await outbox.enqueue(shipment(1))).toEqual({ enqueued: true });
    expect(await outbox.enqueue(shipment(1))).toEqual({ enqueued: false });
    expect(await outbox.counts()).toEqual({ pending: 1, claimed: 0, delivered: 0 });
  });

  it('refuses a shipment of another licence', async () => {
    await expect(
      outboxFor().enqueue({ ...shipment(1), identcode: '993590003400000002' }),
    ).rejects.toThrow(/does not belong to franking licence/);
  });

  it('delivers every shipment once, in files of at most maxPerFile, each with its sidecar', async () => {
    await enqueue(25);
    const target = join(dir, 'out');
    const report = await outboxFor().flush({
      transport: directoryTransport({ dir: target }),
      maxPerFile: 10,
    });
    expect(report.files.map((file) => file.itemCount)).toEqual([10, 10, 5]);
    expect(report.delivered).toBe(25);
    const names = (await readdir(target)).sort();
    expect(names.filter((name) => name.endsWith('.xml'))).toHaveLength(3);
    expect(names.filter((name) => name.endsWith('.sha256'))).toHaveLength(3);
    expect(names.some((name) => name.endsWith('.part'))).toBe(false);
    expect(names[0]).toMatch(/^60013217_20261130090000_\d{6}\.xml$/);
    expect((await deliveredIdentcodes(target)).sort()).toEqual(
      Array.from({ length: 25 }, (_, i) => shipment(i + 1).identcode),
    );
    expect(await store.outbox.get(shipment(7).identcode)).toMatchObject({
      state: 'delivered',
      receipt: expect.stringMatching(/\.xml$/),
    });
    expect(
      (await outboxFor().flush({ transport: directoryTransport({ dir: target }) })).files,
    ).toEqual([]);
  });

  it('marks nothing when the upload fails, leaves no partial file, and a later flush delivers once', async () => {
    await enqueue(5);
    const target = join(dir, 'out');
    await expect(
      outboxFor().flush({
        transport: failingAt(directoryTransport({ dir: target }), 'putPart', 'before'),
      }),
    ).rejects.toThrow(/DataTransfer flush to failing directory .* failed/);
    expect(await store.outbox.counts()).toEqual({ pending: 5, claimed: 0, delivered: 0 });
    expect(await readdir(target)).toEqual([]);
    await outboxFor().flush({ transport: directoryTransport({ dir: target }) });
    expect((await deliveredIdentcodes(target)).sort()).toEqual(
      [1, 2, 3, 4, 5].map((i) => shipment(i).identcode),
    );
  });

  it('finishes a file whose upload was verified when the rename failed, without sending it again', async () => {
    await enqueue(4);
    const target = join(dir, 'out');
    await expect(
      outboxFor().flush({
        transport: failingAt(directoryTransport({ dir: target }), 'commit', 'before'),
      }),
    ).rejects.toThrow(/DataTransfer flush/);
    expect(await store.outbox.counts()).toEqual({ pending: 0, claimed: 4, delivered: 0 });
    const report = await outboxFor().flush({ transport: directoryTransport({ dir: target }) });
    expect(report.recovered).toEqual([{ fileName: expect.stringMatching(/\.xml$/), itemCount: 4 }]);
    expect(report.files).toEqual([]);
    expect(report.delivered).toBe(4);
    expect((await deliveredIdentcodes(target)).sort()).toEqual(
      [1, 2, 3, 4].map((i) => shipment(i).identcode),
    );
  });

  it('after a crash between rename and marking, marks the shipments without sending them again', async () => {
    await enqueue(3);
    const target = join(dir, 'out');
    // The file is renamed into place, then the process dies before the store records delivery.
    const crashing: StateStore = {
      ...store,
      outbox: {
        ...store.outbox,
        markDelivered: async () => {
          throw new Error('process killed');
        },
      },
    };
    const crashed = createDataTransferOutbox({
      store: crashing,
      frankingLicense: '60013217',
      sender: VELO_SHOP,
      clock,
      workDir: dir,
    });
    await expect(crashed.flush({ transport: directoryTransport({ dir: target }) })).rejects.toThrow(
      /DataTransfer flush/,
    );
    expect(await deliveredIdentcodes(target)).toHaveLength(3);
    const report = await outboxFor().flush({ transport: directoryTransport({ dir: target }) });
    expect(report).toMatchObject({ delivered: 3, files: [], recovered: [{ itemCount: 3 }] });
    expect(await deliveredIdentcodes(target)).toHaveLength(3);
    expect(await store.outbox.counts()).toEqual({ pending: 0, claimed: 0, delivered: 3 });
  });

  it('treats a lost answer to a rename that happened as success', async () => {
    await enqueue(2);
    const target = join(dir, 'out');
    const report = await outboxFor().flush({
      transport: failingAt(directoryTransport({ dir: target }), 'commit', 'after'),
    });
    expect(report.delivered).toBe(2);
    expect(await deliveredIdentcodes(target)).toHaveLength(2);
  });

  it('lets another flush take over shipments whose claim lapsed, still exactly once', async () => {
    await enqueue(6);
    const target = join(dir, 'out');
    // A flush uploads and verifies a file, then its process dies before the rename.
    await expect(
      outboxFor({ leaseMs: 1_000 }).flush({
        transport: failingAt(directoryTransport({ dir: target }), 'commit', 'before'),
        maxPerFile: 6,
      }),
    ).rejects.toThrow();
    clock.advance(1_001);
    await enqueue(8);
    const report = await outboxFor({ leaseMs: 1_000 }).flush({
      transport: directoryTransport({ dir: target }),
    });
    expect(report.delivered).toBe(8);
    const codes = await deliveredIdentcodes(target);
    expect(codes).toHaveLength(8);
    expect(new Set(codes).size).toBe(8);
  });
});
