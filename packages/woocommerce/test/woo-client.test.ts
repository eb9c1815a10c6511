import { DEMO_KEYS } from '@pickpost/mock-woocommerce';
import { afterEach, describe, expect, it } from 'vitest';
import type { WooCommerceError } from '../src/errors';
import { isWooCommerceError } from '../src/errors';
import { createWooClient, WOO_BATCH_LIMIT } from '../src/woo-client';
import { orderBody, startShop } from './shop-fixtures';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await Promise.resolve(close()).catch(() => {});
});

async function shopWith(...args: Parameters<typeof startShop>) {
  const started = await startShop(...args);
  closers.push(
    () => started.shop.close(),
    () => started.woo.close(),
  );
  return started;
}

async function failure(promise: Promise<unknown>): Promise<WooCommerceError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(isWooCommerceError(error)).toBe(true);
  return error as WooCommerceError;
}

const SECRET = DEMO_KEYS.readWrite.consumerSecret;

/** Everything an error shows: message, JSON, stack and the cause. */
const everything = (error: WooCommerceError) =>
  [String(error), error.stack, JSON.stringify(error), JSON.stringify(error.cause)].join('\n');

describe('the WooCommerce client against the mock shop', () => {
  it('follows X-WP-TotalPages over 250 orders, 100 a page, nothing twice', async () => {
    const { shop, woo } = await shopWith();
    for (let index = 0; index < 250; index++) shop.shop.createOrder(orderBody());
    const pages: number[] = [];
    const ids: number[] = [];
    for await (const page of woo.listOrders({ orderby: 'id', order: 'asc' })) {
      pages.push(page.orders.length);
      expect(page.totalPages).toBe(3);
      ids.push(...page.orders.map((order) => order.id));
    }
    expect(pages).toEqual([100, 100, 50]);
    expect(new Set(ids).size).toBe(250);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const listings = shop.state.requests.filter((r) => r.restRoute === '/wc/v3/orders');
    expect(listings.map((r) => r.query.per_page)).toEqual(['100', '100', '100']);
  });

  it('lists on a GMT cursor: dates_are_gmt finds what the store-local reading misses', async () => {
    // A store at UTC-10: its local modification times lie ten hours behind GMT.
    const { shop, woo } = await shopWith({ timezone: 'Pacific/Honolulu' });
    const order = shop.shop.createOrder(orderBody());
    const cursor = new Date(Date.now() - 3_600_000).toISOString().slice(0, 19);
    const query = { modified_after: cursor, orderby: 'modified', order: 'asc' };
    const gmt = await woo.listOrdersPage({ ...query, dates_are_gmt: true });
    expect(gmt.orders.map((o) => o.id)).toEqual([order.id]);
    // The pitfall: the same cursor read as store-local time misses the order.
    expect((await woo.listOrdersPage(query)).orders).toEqual([]);
  });

  it('retries a 429 after the Retry-After the host sent', async () => {
    const { shop, woo, waits } = await shopWith();
    const { id } = shop.shop.createOrder(orderBody());
    shop.setFaults('orders', { rateLimitRate: 1, retryAfterSeconds: 7, times: 2 });
    const order = await woo.getOrder(id);
    expect(order.id).toBe(id);
    expect(waits).toEqual([7000, 7000]);
    const statuses = shop.state.requests.map((r) => r.status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('gives up on a Retry-After longer than the longest wait, naming the status', async () => {
    const { shop, woo, waits } = await shopWith({}, { retry: { maxDelayMs: 5_000 } });
    shop.setFaults('orders', { rateLimitRate: 1, retryAfterSeconds: 60 });
    const error = await failure(woo.getOrder(1));
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(60);
    expect(waits).toEqual([]);
  });

  it.each([
    ['a proxy HTML page (502)', { errorRate: 1, errorStatus: 502 as const, times: 2 }],
    ['an HTML 503 with Retry-After', { errorRate: 1, errorStatus: 503 as const, times: 2 }],
    ["WordPress's fatal-error JSON (500)", { errorRate: 1, errorStatus: 500 as const, times: 2 }],
    ['a WAF challenge page with status 200', { htmlRate: 1, times: 2 }],
  ])('survives %s', async (_name, fault) => {
    const { shop, woo, waits } = await shopWith();
    const { id } = shop.shop.createOrder(orderBody());
    shop.setFaults('orders', fault);
    expect((await woo.getOrder(id)).id).toBe(id);
    expect(waits).toHaveLength(2);
    expect(shop.state.requests).toHaveLength(3);
  });

  it('retries a GET whose answer did not come in time, and names the timeout when none does', async () => {
    const { shop, woo, waits } = await shopWith({}, { timeoutMs: 1_000, retry: { attempts: 2 } });
    const { id } = shop.shop.createOrder(orderBody());
    // The first answer would come long after the client gave up; the second comes at once.
    shop.setFaults('orders', { latencyMs: 5_000, times: 1 });
    expect((await woo.getOrder(id)).id).toBe(id);
    expect(waits).toHaveLength(1);
    shop.setFaults('orders', { latencyMs: 5_000 });
    const error = await failure(woo.getOrder(id));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, orderId: id });
    expect(error.message).toContain('no answer in time');
  });

  it('ends after the configured attempts with a typed, retryable error', async () => {
    const { shop, woo, waits } = await shopWith({}, { retry: { attempts: 3 } });
    shop.setFaults('orders', { errorRate: 1, errorStatus: 502 });
    const error = await failure(woo.getOrder(1));
    expect(error).toMatchObject({ kind: 'not-json', status: 502, retryable: true });
    expect(waits).toHaveLength(2);
    expect(shop.state.requests).toHaveLength(3);
  });

  it('never retries another 4xx and names the order and WooCommerce code', async () => {
    const { shop, woo, waits } = await shopWith();
    const error = await failure(woo.getOrder(4242));
    expect(error).toMatchObject({
      kind: 'api',
      status: 404,
      wooCode: 'woocommerce_rest_shop_order_invalid_id',
      orderId: 4242,
      retryable: false,
    });
    expect(error.message).toContain('order 4242');
    expect(error.message).toContain('woocommerce_rest_shop_order_invalid_id');
    expect(waits).toEqual([]);
    expect(shop.state.requests).toHaveLength(1);
  });

  it('chunks 250 updates into batches of at most 100 with one result per order', async () => {
    const { shop, woo } = await shopWith();
    const ids = Array.from({ length: 249 }, () => shop.shop.createOrder(orderBody()).id);
    const updates = [...ids, 999_999].map((id) => ({
      id,
      meta_data: [{ key: '_pickpost_identcode', value: `code-${id}` }],
    }));
    const results = await woo.updateOrders(updates);
    const batches = shop.state.requests.filter((r) => r.restRoute === '/wc/v3/orders/batch');
    expect(batches.map((r) => (r.body as { update: unknown[] }).update.length)).toEqual([
      WOO_BATCH_LIMIT,
      WOO_BATCH_LIMIT,
      50,
    ]);
    expect(results.map((r) => r.id)).toEqual(updates.map((u) => u.id));
    expect(results.slice(0, 249).every((r) => r.ok)).toBe(true);
    expect(results[249]).toMatchObject({
      id: 999_999,
      ok: false,
      code: 'woocommerce_rest_shop_order_invalid_id',
      status: 400,
    });
    const meta = shop.state.order(ids[0] as number)?.meta_data;
    expect(meta?.find((m) => m.key === '_pickpost_identcode')?.value).toBe(`code-${ids[0]}`);
  });

  it('adds a note once even when the answer to the first try was lost', async () => {
    const { shop, woo } = await shopWith();
    const { id } = shop.shop.createOrder(orderBody());
    shop.setFaults('order-notes', { dropRate: 1, dropWhen: 'after', times: 1 });
    await woo.addNote(id, 'PickPost: label made');
    const notes = shop.state.notes(id).filter((n) => n.note === 'PickPost: label made');
    expect(notes).toHaveLength(1);
  });

  it('keeps the consumer secret out of every error: a wrong secret, a refused connection', async () => {
    const { shop } = await shopWith();
    const wrong = createWooClient({
      url: shop.url,
      consumerKey: DEMO_KEYS.readWrite.consumerKey,
      consumerSecret: 'cs_wrong_secret_that_must_not_leak_0000000000',
    });
    closers.push(() => wrong.close());
    const refused = await failure(wrong.getOrder(1));
    expect(refused).toMatchObject({ status: 401, retryable: false });
    expect(everything(refused)).not.toContain('cs_wrong_secret_that_must_not_leak');

    const url = shop.url;
    await shop.close();
    const gone = createWooClient({
      url,
      consumerKey: DEMO_KEYS.readWrite.consumerKey,
      consumerSecret: SECRET,
      retry: { attempts: 2, baseDelayMs: 1 },
    });
    closers.push(() => gone.close());
    const network = await failure(gone.getOrder(7));
    expect(network).toMatchObject({ kind: 'network', orderId: 7, retryable: true });
    expect(everything(network)).not.toContain(SECRET);
    expect(everything(network)).not.toContain(DEMO_KEYS.readWrite.consumerKey);
  });

  it('checkWrite passes with a read/write key and fails with a read key', async () => {
    const { shop, woo } = await shopWith();
    await woo.checkWrite();
    const reader = createWooClient({
      url: shop.url,
      consumerKey: DEMO_KEYS.read.consumerKey,
      consumerSecret: DEMO_KEYS.read.consumerSecret,
    });
    closers.push(() => reader.close());
    const error = await failure(reader.checkWrite());
    expect(error.status).toBe(401);
  });
});
