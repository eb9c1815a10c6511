import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock, createMemoryStateStore, silentLogger } from '@pickpost/core';
import { createDataTransferReports, directoryReportSource } from '@pickpost/core/datatransfer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchStatusesQuietly, STATUS_META_KEY, syncDataTransferStatuses } from './status-notes';
import type { BatchItemResult, OrderUpdate, WooOrder } from './woo-types';

const IDENT = '996001321700000042';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-woo-reports-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function fakeWoo() {
  const updates: OrderUpdate[] = [];
  const notes: { id: number; note: string; customerNote: boolean }[] = [];
  let refuse = false;
  return {
    updates,
    notes,
    refuseNext: () => {
      refuse = true;
    },
    async updateOrders(batch: readonly OrderUpdate[]): Promise<BatchItemResult[]> {
      if (refuse) {
        refuse = false;
        return batch.map((u) => ({
          id: u.id,
          ok: false,
          code: 'woocommerce_rest_cannot_edit',
          message: 'locked',
          status: 409,
        }));
      }
      updates.push(...batch);
      return batch.map((u) => ({ id: u.id, ok: true, order: { id: u.id } as WooOrder }));
    },
    async addNote(id: number, note: string, options: { customerNote?: boolean } = {}) {
      if (!notes.some((n) => n.id === id && n.note === note))
        notes.push({ id, note, customerNote: options.customerNote ?? false });
    },
  };
}

describe('syncDataTransferStatuses', () => {
  it('turns a status change into _pickpost_status meta and an order note, again after a refused write', async () => {
    const pickpost = {
      datatransfer: createDataTransferReports({
        store: createMemoryStateStore(),
        source: directoryReportSource({ dir }),
        clock: createManualClock(Date.parse('2026-12-03T08:00:00Z')),
        logger: silentLogger,
        lookup: async (identcode) =>
          identcode === IDENT ? { orderRef: '1042', parcelIndex: 0 } : undefined,
      }),
    };
    const woo = fakeWoo();
    await writeFile(
      join(dir, 'R11_1.xml'),
      `<Report><ReportNumber>11</ReportNumber><Item><IdentCode>${IDENT}</IdentCode><EventNumber>40</EventNumber><EventDateTime>2026-12-03T07:00:00Z</EventDateTime></Item></Report>`,
    );
    woo.refuseNext();
    const refused = await syncDataTransferStatuses({ woo, pickpost });
    expect(refused.handlerErrors).toBe(1);
    expect(woo.notes).toEqual([]);

    const result = await syncDataTransferStatuses({
      woo,
      pickpost,
      options: { customerNotes: ['at_pickup_point'] },
    });
    expect(result.handlerErrors).toBe(0);
    expect(woo.updates).toEqual([
      { id: 1042, meta_data: [{ key: STATUS_META_KEY, value: 'at_pickup_point' }] },
    ]);
    expect(woo.notes).toEqual([
      {
        id: 1042,
        note: 'PickPost parcel 99.60.013217.00000042: ready for collection at the pick-up point (arrived at the pick-up point, 2026-12-03T07:00:00.000Z)',
        customerNote: true,
      },
    ]);
    // The handler is removed after each run: nothing new, nothing written.
    await syncDataTransferStatuses({ woo, pickpost });
    expect(woo.updates).toHaveLength(1);
  });
});

describe('fetchStatusesQuietly', () => {
  it('logs a failed fetch instead of stopping the serve loop', async () => {
    const lines: string[] = [];
    const logger = {
      info: (message: string) => lines.push(`info ${message}`),
      error: (message: string, fields?: Record<string, unknown>) =>
        lines.push(`error ${message}: ${String(fields?.error)}`),
    };
    await fetchStatusesQuietly(
      {
        fetchStatuses: async () => {
          throw new Error('SFTP connection failed');
        },
      },
      logger,
    );
    expect(lines).toEqual([
      'error DataTransfer reports could not be fetched: SFTP connection failed',
    ]);
  });
});
