import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockWooCommerce } from '../src/server';
import { createMockWooCommerce } from '../src/server';
import { api } from './helpers';

// Figures are printed, never asserted: the machine is shared and no test may depend on timing.
let woo: MockWooCommerce;
let loadMs = 0;
const NOW = Date.parse('2026-11-30T12:00:00Z');

beforeAll(async () => {
  const started = performance.now();
  woo = await createMockWooCommerce({
    orders: { count: 100_000, seed: 9 },
    now: () => NOW,
    https: true,
  });
  loadMs = performance.now() - started;
}, 60_000);
afterAll(() => woo.close());

describe('a shop with 100,000 orders', () => {
  it('holds them all and pages a filtered, GMT-cursored listing correctly', async () => {
    expect(woo.state.orderCount).toBe(100_000);
    const cursor = '2026-10-01T00:00:00';
    const query = `orders?modified_after=${cursor}&dates_are_gmt=true&orderby=modified&order=asc&status=processing,on-hold&per_page=100`;
    // One kept-alive connection, so the figure is the shop's time, not TLS handshakes.
    const agent = new Agent({ keepAlive: true, ca: woo.certificate });
    await api(woo, 'GET', query, undefined, undefined, agent);
    const timings: number[] = [];
    let answer = await api(woo, 'GET', query, undefined, undefined, agent);
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      answer = await api(woo, 'GET', `${query}&page=${i + 1}`, undefined, undefined, agent);
      timings.push(performance.now() - started);
    }
    agent.destroy();
    // The same filter computed by brute force over every stored order.
    const after = Date.parse(`${cursor}Z`);
    const expected = [...woo.shop.orders.byId]
      .filter(
        (order) => order.modifiedGmt > after && ['processing', 'on-hold'].includes(order.status),
      )
      .sort((a, b) => a.modifiedGmt - b.modifiedGmt || a.id - b.id);
    expect(answer.headers['x-wp-total']).toBe(String(expected.length));
    expect(expected.length).toBeGreaterThan(500);
    expect(answer.json.map((order: any) => order.id)).toEqual(
      expected.slice(400, 500).map((order) => order.id),
    );
    const median = [...timings].sort((a, b) => a - b)[2] ?? 0;
    const shopTimes = woo.state.requests.slice(-5).map((request) => request.durationMs);
    const shopMedian = [...shopTimes].sort((a, b) => a - b)[2] ?? 0;
    const memory = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
    console.log(
      `mock-woocommerce scale: 100,000 orders loaded in ${loadMs.toFixed(0)} ms, heap ${memory} MB; ` +
        `filtered page of 100 (of ${expected.length}): median ${shopMedian.toFixed(1)} ms in the shop, ` +
        `${median.toFixed(1)} ms round trip over HTTPS`,
    );
  });

  it('finds one order by id among 100,000', async () => {
    const id = woo.state.orderIds()[54_321] as number;
    const answer = await api(woo, 'GET', `orders?include=${id}`);
    expect(answer.json.map((order: any) => order.id)).toEqual([id]);
  });
});
