import { describe, expect, it } from 'vitest';
import { OptionsError } from '../src/errors';
import { createMockWooCommerce } from '../src/server';
import { api, rawRequest } from './helpers';

describe('faults', () => {
  it('answers 429 with Retry-After as a host does, before the shop runs', async () => {
    await using woo = await createMockWooCommerce({
      faults: { orders: { rateLimitRate: 1, retryAfterSeconds: 7, times: 1 } },
    });
    const limited = await api(woo, 'POST', 'orders', {});
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect(limited.headers['content-type']).toMatch(/^text\/html/);
    expect(woo.state.orderCount).toBe(0);
    expect(woo.state.requests.at(-1)).toMatchObject({ fault: 'rate-limit', status: 429 });
    expect((await api(woo, 'POST', 'orders', {})).status).toBe(201);
  });

  it('answers 500 with WordPress’s fatal-error JSON, 502 and 503 with a proxy’s HTML', async () => {
    await using woo = await createMockWooCommerce({});
    woo.setFaults('orders', { errorRate: 1, errorStatus: 500, times: 1 });
    const fatal = await api(woo, 'GET', 'orders');
    expect(fatal).toMatchObject({
      status: 500,
      json: { code: 'internal_server_error', data: { status: 500 } },
    });
    woo.setFaults('orders', { errorRate: 1, errorStatus: 502, times: 1 });
    const gateway = await api(woo, 'GET', 'orders');
    expect(gateway.status).toBe(502);
    expect(gateway.text).toContain('502 Bad Gateway');
    woo.setFaults('orders', { errorRate: 1, times: 1 });
    const unavailable = await api(woo, 'GET', 'orders');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('30');
    expect((await api(woo, 'GET', 'orders')).status).toBe(200);
  });

  it('can answer 200 with an HTML page instead of JSON (a WAF challenge)', async () => {
    await using woo = await createMockWooCommerce({ faults: { orders: { htmlRate: 1 } } });
    const page = await api(woo, 'GET', 'orders');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.json).toBeUndefined();
    expect(page.text).toContain('Just a moment...');
  });

  it('drops the connection before the shop runs, or after it processed the request', async () => {
    await using woo = await createMockWooCommerce({});
    woo.setFaults('orders', { dropRate: 1, dropWhen: 'before', times: 1 });
    await expect(api(woo, 'POST', 'orders', {})).rejects.toThrow();
    expect(woo.state.orderCount).toBe(0);
    woo.setFaults('orders', { dropRate: 1, times: 1 });
    await expect(api(woo, 'POST', 'orders', {})).rejects.toThrow();
    // The answer was lost, the order was made.
    expect(woo.state.orderCount).toBe(1);
    expect(woo.state.requests.map((request) => request.status)).toEqual(['dropped', 'dropped']);
  });

  it('answers slowly: the shop-wide latency on every request, a route’s delay on its own', async () => {
    await using woo = await createMockWooCommerce({
      latencyMs: 40,
      faults: { orders: { latencyMs: 120, jitterMs: 30 } },
    });
    const timed = async (path: string) => {
      const started = performance.now();
      expect((await api(woo, 'GET', path)).status).toBe(200);
      return performance.now() - started;
    };
    // Timers may fire late, never early: lower bounds only.
    expect(await timed('products')).toBeGreaterThanOrEqual(39);
    expect(await timed('orders')).toBeGreaterThanOrEqual(159);
    // The records tell the wait too (what a benchmark reads).
    const [products, orders] = woo.state.requests.map((request) => request.durationMs);
    expect(products).toBeGreaterThanOrEqual(39);
    expect(orders).toBeGreaterThanOrEqual(159);
  });

  it('draws faults from the seed: the same seed fails the same requests', async () => {
    const run = async (seed: number) => {
      await using woo = await createMockWooCommerce({
        seed,
        faults: { orders: { errorRate: 0.5 } },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await api(woo, 'GET', 'orders')).status);
      return statuses;
    };
    const first = await run(11);
    expect(await run(11)).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 503]));
    expect(await run(12)).not.toEqual(first);
  });

  it('answers what is not a REST route with the theme’s HTML 404, and oversized bodies with 413', async () => {
    await using woo = await createMockWooCommerce({ bodyLimitBytes: 1024 });
    const page = await rawRequest(`${woo.url}/shop/`);
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const large = await api(woo, 'POST', 'orders', { customer_note: 'x'.repeat(2000) });
    expect(large.status).toBe(413);
  });
});

describe('options', () => {
  it('refuses options that cannot work, naming the option', async () => {
    await expect(createMockWooCommerce({ timezone: 'Mars/Olympus' })).rejects.toThrow(OptionsError);
    await expect(createMockWooCommerce({ timezone: 'Mars/Olympus' })).rejects.toMatchObject({
      field: 'timezone',
    });
    await expect(createMockWooCommerce({ webhookRepeat: 0 })).rejects.toMatchObject({
      field: 'webhookRepeat',
    });
    await expect(
      createMockWooCommerce({
        keys: [{ consumerKey: 'ck_x', consumerSecret: '', permissions: 'read' }],
      }),
    ).rejects.toMatchObject({ field: 'keys[0].consumerSecret' });
    await expect(createMockWooCommerce({ faults: { refunds: {} } as never })).rejects.toMatchObject(
      { field: 'faults.refunds' },
    );
    await expect(createMockWooCommerce({ host: '0.0.0.0' as never })).rejects.toMatchObject({
      field: 'host',
    });
  });
});
