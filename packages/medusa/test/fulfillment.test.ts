import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PickPostFulfillmentData } from '../src/index';
import { PickPostFulfillmentProvider } from '../src/index';
import {
  checkedOutCart,
  linesOf,
  MEDUSA_ADDRESS,
  useMockProvider,
  variant2Options,
} from './provider-setup';

const mock = useMockProvider();
let provider: PickPostFulfillmentProvider;
beforeAll(() => {
  provider = mock().provider;
});

/** A cart through checkout: registration, selection, then the shipping method's stored data. */
const methodDataFor = (cartId: string) => checkedOutCart(provider, cartId);

/** Two lines of an order, as Medusa lists a fulfillment's items. */
const BOTH_LINES = [
  { line_item_id: 'line_1', quantity: 1, title: 'Veloschloss' },
  { line_item_id: 'line_2', quantity: 2, title: 'Klingel' },
];

/** Medusa's createFulfillment call for an order, under a fulfillment id of its own. */
const fulfil = (
  data: unknown,
  orderId: string,
  fulfillmentId: string,
  extra?: Record<string, unknown>,
  items: unknown[] = BOTH_LINES,
) =>
  provider.createFulfillment(
    data as never,
    items as never,
    orderOf(orderId) as never,
    { id: fulfillmentId } as never,
    extra,
  );

const orderOf = (id: string) => ({
  id,
  email: 'hans.muster@example.ch',
  shipping_address: MEDUSA_ADDRESS,
});

describe('createFulfillment', () => {
  it('makes the label, identcode and tracking link, and queues the DataTransfer record', async () => {
    const data = await methodDataFor('cart_f1');
    const result = await fulfil(data, 'order_f1', 'ful_1');
    const made = result.data as unknown as PickPostFulfillmentData;
    expect(made.identcode).toMatch(/^9960013217\d{8}$/);
    expect(made).toMatchObject({
      order_ref: 'order_f1',
      parcel_index: 0,
      transmission: 'datatransfer',
    });
    expect(made.point?.id).toBe(data.point.id);
    expect(result.labels).toEqual([
      {
        tracking_number: made.identcode,
        tracking_url: made.tracking_url,
        label_url: `/admin/pickpost/labels/${made.identcode}`,
      },
    ]);
    expect(made.tracking_url).toContain(made.identcode);
    const parcel = await provider.pickpost.findByIdentcode(made.identcode);
    expect(parcel?.label.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(parcel?.labelInput).toBeDefined();
    expect((await provider.pickpost.dataTransferCounts()).pending).toBeGreaterThanOrEqual(1);
  });

  it('gives a retry under a new fulfillment id the same parcel, never a second item number', async () => {
    const data = await methodDataFor('cart_f2');
    const first = await fulfil(data, 'order_f2', 'ful_a');
    // The same items listed in another order are the same parcel.
    const second = await fulfil(data, 'order_f2', 'ful_b', undefined, [...BOTH_LINES].reverse());
    expect(second.labels[0]?.tracking_number).toBe(first.labels[0]?.tracking_number);
    const explicit = await fulfil(data, 'order_f2', 'ful_c', { parcel_index: 0 });
    expect(explicit.labels[0]?.tracking_number).toBe(first.labels[0]?.tracking_number);
  });

  it('makes a parcel of its own for each part of a split order', async () => {
    const data = await methodDataFor('cart_f4');
    const [one, two] = BOTH_LINES.map((line) => [line]);
    const first = await fulfil(data, 'order_f4', 'ful_d', undefined, one);
    const second = await fulfil(data, 'order_f4', 'ful_e', undefined, two);
    const again = await fulfil(data, 'order_f4', 'ful_f', undefined, two);
    expect((first.data as { parcel_index?: number }).parcel_index).toBe(0);
    expect((second.data as { parcel_index?: number }).parcel_index).toBe(1);
    expect(second.labels[0]?.tracking_number).not.toBe(first.labels[0]?.tracking_number);
    expect(again.labels[0]?.tracking_number).toBe(second.labels[0]?.tracking_number);
  });

  it('refuses an order placed without a PickPost selection', async () => {
    await expect(fulfil({}, 'order_f3', 'ful_x')).rejects.toMatchObject({
      type: 'invalid_data',
      message: expect.stringMatching(/no PickPost selection/),
    });
  });
});

describe('cancel and return', () => {
  it('withdraws the shipment data still waiting; fulfilling again makes a new parcel', async () => {
    const data = await methodDataFor('cart_c1');
    const made = await fulfil(data, 'order_c1', 'ful_c1');
    const before = (await provider.pickpost.dataTransferCounts()).pending;
    const cancelled = await provider.cancelFulfillment(made.data);
    expect(cancelled.cancellation).toMatchObject({ outcome: 'withdrawn' });
    expect((await provider.pickpost.dataTransferCounts()).pending).toBe(before - 1);
    const again = await fulfil(data, 'order_c1', 'ful_c2');
    expect(again.labels[0]?.tracking_number).not.toBe(made.labels[0]?.tracking_number);
    expect((again.data as { parcel_index?: number }).parcel_index).toBe(1);
    // The admin naming the cancelled parcel itself gets a refusal, not a second label.
    await expect(fulfil(data, 'order_c1', 'ful_c3', { parcel_index: 0 })).rejects.toMatchObject({
      type: 'invalid_data',
      message: expect.stringMatching(/cancel/i),
    });
    // A fulfillment the provider never made (no identcode) cancels without asking Swiss Post.
    expect(await provider.cancelFulfillment({})).toEqual({});
  });

  it('cancelling one of two fulfillments holding one parcel keeps the parcel for the other', async () => {
    const data = await methodDataFor('cart_h1');
    // Two Medusa requests for the same order: one parcel, two fulfillment records.
    const [a, b] = await Promise.all([
      fulfil(data, 'order_h1', 'ful_h1'),
      fulfil(data, 'order_h1', 'ful_h2'),
    ]);
    expect(b.labels[0]?.tracking_number).toBe(a.labels[0]?.tracking_number);
    expect(a.data).toMatchObject({ fulfillment_id: 'ful_h1' });
    const pending = (await provider.pickpost.dataTransferCounts()).pending;
    // Medusa undoes the losing workflow by cancelling its fulfillment: the parcel stays.
    const kept = await provider.cancelFulfillment(b.data);
    expect(kept.cancellation).toMatchObject({ outcome: 'kept' });
    expect((await provider.pickpost.dataTransferCounts()).pending).toBe(pending);
    // The last holder cancelled: now the waiting shipment data is withdrawn.
    const withdrawn = await provider.cancelFulfillment(a.data);
    expect(withdrawn.cancellation).not.toMatchObject({ outcome: 'kept' });
    expect((await provider.pickpost.dataTransferCounts()).pending).toBe(pending - 1);
  });

  it('in variant 1 Swiss Post has the data at once: too late to withdraw, said in a warning', async () => {
    const warnings: string[] = [];
    const { store: _store, dataTransfer: _dataTransfer, ...options } = variant2Options(mock().post);
    const variant1 = new PickPostFulfillmentProvider(
      { logger: { warn: (message) => warnings.push(message), info: () => undefined } },
      { ...options, variant: 1, store: { type: 'memory' } },
    );
    const { pickpost } = variant1;
    const [point] = await pickpost.checkout.findPoints({ zip: '3011', kinds: ['pickpost'] });
    await pickpost.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, { customerRef: 'cart:cart_v1' });
    const { selection } = await pickpost.checkout.selectPoint({
      pointId: point?.id ?? '',
      customerRef: 'cart:cart_v1',
    });
    const data = await variant1.validateFulfillmentData(
      { id: 'pickpost-point', kind: 'pickpost' },
      { selection },
      { id: 'cart_v1', items: linesOf(900) } as never,
    );
    const made = await variant1.createFulfillment(
      data as never,
      BOTH_LINES as never,
      orderOf('order_v1') as never,
      { id: 'ful_v1' } as never,
    );
    expect((made.data as { transmission?: string }).transmission).toBe('barcode-webservice');
    const cancelled = await variant1.cancelFulfillment(made.data);
    expect(cancelled.cancellation).toMatchObject({ outcome: 'too-late' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^PickPost: /);
  });

  it('makes a return label of its own, idempotent on the order', async () => {
    const record = { id: 'ful_r1', order_id: 'order_r1', delivery_address: MEDUSA_ADDRESS };
    const first = await provider.createReturnFulfillment(record);
    const again = await provider.createReturnFulfillment({ ...record, id: 'ful_r2' });
    const data = first.data as unknown as PickPostFulfillmentData;
    expect(data).toMatchObject({ kind: 'return', order_ref: 'order_r1' });
    expect(first.labels[0]?.tracking_number).toBe(data.identcode);
    expect(again.labels[0]?.tracking_number).toBe(data.identcode);
    const parcel = await provider.pickpost.findByIdentcode(data.identcode);
    expect(parcel?.kind).toBe('return');
  });
});
