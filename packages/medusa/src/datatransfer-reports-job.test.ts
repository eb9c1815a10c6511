import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PickPost } from '@pickpost/core';
import { createManualClock, createMemoryStateStore, silentLogger } from '@pickpost/core';
import { createDataTransferReports, directoryReportSource } from '@pickpost/core/datatransfer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderMetadataService } from './datatransfer-reports-job';
import { fetchDataTransferReportsJob } from './datatransfer-reports-job';
import type { ParsedOptions } from './options';
import { registerPickPost } from './registry';

const IDENT = '996001321700000007';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-medusa-reports-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function fakeOrders(initial: Record<string, unknown>) {
  const orders = new Map([['order_01', { id: 'order_01', metadata: initial }]]);
  let failNext = false;
  const service: OrderMetadataService & { failNext(): void } = {
    failNext: () => {
      failNext = true;
    },
    async retrieveOrder(id) {
      const order = orders.get(id);
      if (order === undefined) throw new Error(`no order ${id}`);
      return structuredClone(order);
    },
    async updateOrders(id, data) {
      if (failNext) {
        failNext = false;
        throw new Error('database unavailable');
      }
      orders.set(id, { id, metadata: data.metadata });
    },
  };
  return { service, orders };
}

function container(orders: OrderMetadataService, log: string[]) {
  return {
    resolve: ((name: string) =>
      name === 'order'
        ? orders
        : {
            info: (m: string) => log.push(`info ${m}`),
            error: (m: string) => log.push(`error ${m}`),
          }) as never,
  };
}

describe('fetchDataTransferReportsJob', () => {
  it("records a parcel's status on its order's metadata, keeping the rest, and retries a failed write", async () => {
    const reports = createDataTransferReports({
      store: createMemoryStateStore(),
      source: directoryReportSource({ dir }),
      clock: createManualClock(Date.parse('2026-12-03T08:00:00Z')),
      logger: silentLogger,
      lookup: async (identcode) =>
        identcode === IDENT ? { orderRef: 'order_01', parcelIndex: 0 } : undefined,
    });
    registerPickPost('pickpost', {
      pickpost: { datatransfer: reports } as unknown as PickPost,
      options: {} as ParsedOptions,
    });
    const { service, orders } = fakeOrders({ gift: true });
    await writeFile(
      join(dir, 'R11_1.xml'),
      `<Report><ReportNumber>11</ReportNumber><Item><IdentCode>${IDENT}</IdentCode><EventNumber>40</EventNumber><EventDateTime>2026-12-03T07:00:00Z</EventDateTime></Item></Report>`,
    );
    const log: string[] = [];
    service.failNext();
    await fetchDataTransferReportsJob(container(service, log));
    expect(orders.get('order_01')?.metadata).toEqual({ gift: true });
    expect(log).toEqual([
      expect.stringMatching(/1 parcel statuses .* \(1 not recorded, retried next run\)/),
    ]);

    await fetchDataTransferReportsJob(container(service, log));
    expect(orders.get('order_01')?.metadata).toEqual({
      gift: true,
      pickpost_status: {
        [IDENT]: {
          status: 'at_pickup_point',
          description: 'arrived at the pick-up point',
          at: '2026-12-03T07:00:00.000Z',
          report: 11,
        },
      },
    });
    // The handler was removed after each run: a third run with nothing new writes nothing.
    await fetchDataTransferReportsJob(container(service, log));
    expect(log).toHaveLength(2);
  });
});
