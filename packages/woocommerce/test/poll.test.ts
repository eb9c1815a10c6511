import { describe, expect, it } from 'vitest';
import type { WooClient } from '../src/woo-client';
import { useJourneys } from './journey-kit';

const journey = useJourneys();

const ORDERS = 250;

describe('the poll', () => {
  it('misses no order of a second with more than a page while other workers complete orders', async () => {
    // The shop's clock stands still: every order, and every change made to one, falls in the
    // same second, so the poll can only page that second by number.
    const second = Math.floor(Date.now() / 1000) * 1000 + 500;
    const j = await journey('4b', { shop: { now: () => second } });
    const ids: number[] = [];
    for (let customer = 1; customer <= ORDERS; customer++)
      ids.push((await j.checkout(customer)).id);

    // Between the poll's requests, the other workers complete 60 of the orders it listed so
    // far (as they would the orders it queued): those leave the listing of `processing` orders.
    const listed = new Set<number>();
    let completed = 0;
    const woo: WooClient = {
      ...j.woo,
      async listOrdersPage(params) {
        const page = await j.woo.listOrdersPage(params);
        for (const order of page.orders) listed.add(order.id);
        let now = 0;
        for (const id of listed) {
          if (now === 60) break;
          if (j.shop.state.order(id)?.status !== 'processing') continue;
          j.shop.shop.updateOrder(id, { status: 'completed' });
          now += 1;
        }
        completed += now;
        return page;
      },
    };
    const sync = j.sync({ woo });

    const result = await sync.poll();
    expect(completed).toBeGreaterThan(100);
    // Every order was listed at least once and queued once, none skipped.
    expect(result?.queued).toBe(ORDERS);
    expect([...listed].sort((a, b) => a - b)).toEqual(ids);
    expect(await sync.queue.pending()).toBe(ORDERS);
  });
});
