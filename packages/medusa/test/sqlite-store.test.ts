import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer } from '@pickpost/mock-post-server';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PickPostFulfillmentProvider } from '../src/index';
import { linesOf, MEDUSA_ADDRESS, variant2Options } from './provider-setup';

let post: MockPostServer;
beforeAll(async () => {
  post = await createMockPostServer();
});
afterAll(() => post.close());

/** A single-instance shop's provider on its SQLite file (`store` is a StateStore object). */
function providerOn(filename: string) {
  const options = variant2Options(post, { store: createSqliteStateStore({ filename }) });
  PickPostFulfillmentProvider.validateOptions(options);
  return new PickPostFulfillmentProvider({}, options);
}

/** Checkout for a cart and the order's fulfillment, as Medusa calls the provider. */
async function fulfilOrder(provider: PickPostFulfillmentProvider, cartId: string, orderId: string) {
  const { pickpost } = provider;
  const [point] = await pickpost.checkout.findPoints({ zip: '3011', kinds: ['pickpost'] });
  const customerRef = `cart:${cartId}`;
  await pickpost.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, { customerRef });
  const { selection } = await pickpost.checkout.selectPoint({ pointId: point!.id, customerRef });
  const data = await provider.validateFulfillmentData(
    { id: 'pickpost-point', kind: 'pickpost' },
    { selection },
    { id: cartId, items: linesOf(900) } as never,
  );
  const made = await provider.createFulfillment(
    data as never,
    [{ line_item_id: 'line_1', quantity: 1, title: 'Veloschloss' }] as never,
    { id: orderId, email: 'hans.muster@example.ch', shipping_address: MEDUSA_ADDRESS } as never,
    { id: `ful_${orderId}` } as never,
  );
  return made.labels[0]!.tracking_number;
}

describe('SQLite as the store of a single-instance shop', () => {
  it('keeps item numbers and idempotency across a restart of Medusa', async () => {
    const filename = join(mkdtempSync(join(tmpdir(), 'pickpost-medusa-sqlite-')), 'pickpost.db');
    const before = providerOn(filename);
    const first = await fulfilOrder(before, 'cart_s1', 'order_s1');
    const second = await fulfilOrder(before, 'cart_s2', 'order_s2');
    expect(first).toMatch(/^9960013217\d{8}$/);
    // A new provider on the same file, as after a restart: it knows the parcels made before,
    // a retried order keeps its parcel, and the next order takes a new item number.
    const restarted = providerOn(filename);
    expect((await restarted.pickpost.findByIdentcode(first))?.orderRef).toBe('order_s1');
    expect(await fulfilOrder(restarted, 'cart_s2', 'order_s2')).toBe(second);
    const third = await fulfilOrder(restarted, 'cart_s3', 'order_s3');
    expect([first, second]).not.toContain(third);
  });
});
