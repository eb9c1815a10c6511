// `pnpm bench medusa` (bench/src/medusa.ts) runs this file with the package's Jest set-up: the
// suites' real Medusa application on embedded Postgres with the mock Post server over loopback.
// It only measures and writes the raw samples to PICKPOST_BENCH_OUT; bench/src/medusa.ts
// computes and prints the figures and targets. Not a test: jest.config.cjs matches *.spec.ts.
import { writeFileSync } from 'node:fs';
import { expect, it, jest } from '@jest/globals';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { createShippingOptionsWorkflow } from '@medusajs/medusa/core-flows';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import { MEDUSA_ADDRESS } from '../../test/medusa-address';
import { choosePoint, fulfilOrder, storedMethod } from '../checkout';
import type { Api, Json, TestShop } from '../shop';
import { completeCart, createCart, describeShop } from '../shop';

jest.setTimeout(1_800_000);

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
/** Pairs of shipping-method additions, pairs of orders fulfilled, fulfillments in the bulk PDF. */
const METHOD_PAIRS = env('PICKPOST_BENCH_METHOD_PAIRS', 40);
const ORDER_PAIRS = env('PICKPOST_BENCH_ORDER_PAIRS', 20);
const BULK = env('PICKPOST_BENCH_BULK', 1000);
const WARM_UP = 3;

const now = () => performance.now();
const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;

/** Medusa's manual provider on the same location, zone and profile, at the same flat price. */
async function manualOption(container: Json, shop: TestShop): Promise<string> {
  const fulfillment = container.resolve(Modules.FULFILLMENT);
  const pickpost = await fulfillment.retrieveShippingOption(shop.optionIds.point);
  await container.resolve(ContainerRegistrationKeys.LINK).create({
    [Modules.STOCK_LOCATION]: { stock_location_id: shop.locationId },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: 'manual_manual' },
  });
  const { result } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: 'Standard (manual)',
        price_type: 'flat',
        provider_id: 'manual_manual',
        service_zone_id: pickpost.service_zone_id,
        shipping_profile_id: pickpost.shipping_profile_id,
        type: { label: 'Standard', description: 'Standard', code: 'manual-standard' },
        data: {},
        prices: [{ currency_code: 'chf', amount: 7 }],
        rules: [
          { attribute: 'enabled_in_store', value: 'true', operator: 'eq' },
          { attribute: 'is_return', value: 'false', operator: 'eq' },
        ],
      },
    ],
  });
  return result[0]!.id;
}

/**
 * The shop as Hans Muster signed in sees it: his PickPost ID is registered once and remembered
 * for all his carts (the store routes allow 10 registrations an hour per client, fewer than the
 * bench's carts). Manual and PickPost carts alike are his.
 */
async function signedIn(api: Api, shop: TestShop): Promise<TestShop> {
  const email = 'hans.muster@example.ch';
  const password = 'hans-muster-password';
  const registered = await api.post('/auth/customer/emailpass/register', { email, password });
  await api.post(
    '/store/customers',
    { email, first_name: 'Hans', last_name: 'Muster' },
    { headers: { ...shop.store.headers, authorization: `Bearer ${registered.data.token}` } },
  );
  const login = await api.post('/auth/customer/emailpass', { email, password });
  const headers = { ...shop.store.headers, authorization: `Bearer ${login.data.token}` };
  await api.post('/store/pickpost/customers', { customer: HANS_MUSTER_CUSTOMER }, { headers });
  return { ...shop, store: { headers } };
}

/** The shipping method of one option added to the cart: the storefront's request, timed. */
async function timeAdd(api: Api, shop: TestShop, cartId: string, body: object): Promise<number> {
  const started = now();
  await api.post(`/store/carts/${cartId}/shipping-methods`, body, shop.store);
  return now() - started;
}

/** Adding the method to one cart, PickPost and manual in turn (interleaved, same cart). */
async function measureMethods(api: Api, shop: TestShop, manualId: string) {
  const cart = await createCart(api, shop, 2);
  const { selection } = await choosePoint(api, shop, cart.id, 'pickpost', false);
  const pickpost = { option_id: shop.optionIds.point, data: { selection } };
  const manual = { option_id: manualId };
  const samples = { pickpost: [] as number[], manual: [] as number[] };
  for (let round = 0; round < WARM_UP + METHOD_PAIRS; round += 1) {
    // Alternate which goes first, so that neither always follows the other's work.
    const order =
      round % 2 === 0 ? (['pickpost', 'manual'] as const) : (['manual', 'pickpost'] as const);
    for (const side of order) {
      const took = await timeAdd(api, shop, cart.id, side === 'pickpost' ? pickpost : manual);
      if (round >= WARM_UP) samples[side].push(took);
    }
  }
  return samples;
}

/** An order of the same cart (two locks, Hans Muster) placed with PickPost or the manual option. */
async function placeOrder(api: Api, shop: TestShop, optionId: string, pickpost: boolean) {
  const cart = await createCart(api, shop, 2);
  const data = pickpost
    ? { data: { selection: (await choosePoint(api, shop, cart.id, 'pickpost', false)).selection } }
    : {};
  await api.post(
    `/store/carts/${cart.id}/shipping-methods`,
    { option_id: optionId, ...data },
    shop.store,
  );
  return { cartId: cart.id, order: await completeCart(api, shop, cart.id) };
}

/** Creating the fulfillment through the admin API (variant 2: label and DataTransfer record). */
async function measureFulfillments(api: Api, shop: TestShop, manualId: string) {
  const samples = { pickpost: [] as number[], manual: [] as number[] };
  for (let round = 0; round < WARM_UP + ORDER_PAIRS; round += 1) {
    const orders = {
      pickpost: (await placeOrder(api, shop, shop.optionIds.point, true)).order,
      manual: (await placeOrder(api, shop, manualId, false)).order,
    };
    const sides =
      round % 2 === 0 ? (['pickpost', 'manual'] as const) : (['manual', 'pickpost'] as const);
    for (const side of sides) {
      const started = now();
      const made = await fulfilOrder(api, shop, orders[side]);
      const took = now() - started;
      if (side === 'pickpost') expect(made.labels[0].tracking_number).toBe(made.data.identcode);
      if (round >= WARM_UP) samples[side].push(took);
    }
  }
  return samples;
}

/**
 * BULK PickPost fulfillments through Medusa's fulfillment module (the provider makes each parcel
 * and label as in an admin fulfillment; orders through the store would take most of the run),
 * then one `POST /admin/pickpost/labels` with all their ids, read to the end of the PDF.
 */
async function measureBulk(api: Api, shop: TestShop, container: Json) {
  const { cartId, order } = await placeOrder(api, shop, shop.optionIds.point, true);
  const first = await fulfilOrder(api, shop, order);
  // What Medusa hands the provider for each: the order's PickPost method data.
  const method = await storedMethod(container, cartId);
  const fulfillment = container.resolve(Modules.FULFILLMENT);
  const ids: string[] = [first.id];
  const makeStarted = now();
  for (let index = 1; index < BULK; index += 1) {
    const made = await fulfillment.createFulfillment({
      location_id: shop.locationId,
      provider_id: 'pickpost_pickpost',
      delivery_address: MEDUSA_ADDRESS,
      items: [
        {
          title: 'Veloschloss',
          sku: 'LOCK-1',
          barcode: '',
          quantity: 2,
          line_item_id: `bench_item_${index}`,
        },
      ],
      labels: [],
      order: {
        id: `${order.id}_bench_${index}`,
        email: order.email,
        shipping_address: MEDUSA_ADDRESS,
      },
      data: method.data,
    });
    ids.push(made.id);
  }
  const makeMs = now() - makeStarted;
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = rssMb();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb());
  }, 20);
  const started = now();
  const answer = await api.post(
    '/admin/pickpost/labels',
    { fulfillment_ids: ids },
    { ...shop.admin, responseType: 'arraybuffer', maxContentLength: Number.POSITIVE_INFINITY },
  );
  const bulkMs = now() - started;
  clearInterval(sampler);
  const pdf = Buffer.from(answer.data as ArrayBuffer);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  return { count: ids.length, makeMs, bulkMs, pages, pdfBytes: pdf.length, rssBefore, rssPeak };
}

describeShop(({ api, getContainer, shop }) => {
  it('measures', async () => {
    const container = getContainer() as Json;
    const manualId = await manualOption(container, shop());
    const hans = await signedIn(api, shop());
    const methods = await measureMethods(api, hans, manualId);
    const fulfillments = await measureFulfillments(api, hans, manualId);
    const bulk = await measureBulk(api, hans, container);
    const processPeakRssMb = process.resourceUsage().maxRSS / 1024;
    writeFileSync(
      String(process.env.PICKPOST_BENCH_OUT),
      JSON.stringify({ methods, fulfillments, bulk, processPeakRssMb }),
    );
  });
});
