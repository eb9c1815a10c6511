import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PickPost, StateStore } from '@pickpost/core';
import { createMemoryStateStore, createPickPost } from '@pickpost/core';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer, demoPostOptions } from '@pickpost/mock-post-server';
import type { MockWooCommerce, MockWooCommerceOptions } from '@pickpost/mock-woocommerce';
import { HANS_MUSTER_CUSTOMER, VELO_SHOP } from '@pickpost/test-utils/fixtures';
import { afterEach } from 'vitest';
import { META } from '../src/order-mapping';
import type { WooSyncOptions } from '../src/sync';
import { createWooSync } from '../src/sync';
import type { WooClient } from '../src/woo-client';
import { orderBody, startShop } from './shop-fixtures';

export type JourneyVariant = 1 | 2 | '4b';

export const SELECTION_SECRET = 'woo-journey-selection-secret-0123456789';

/** The Post, the shop and a PickPost instance of one variant, all on loopback ports. */
export async function startJourney(
  variant: JourneyVariant,
  options: { shop?: MockWooCommerceOptions; store?: StateStore; post?: MockPostServer } = {},
) {
  const post = options.post ?? (await createMockPostServer());
  const { shop, woo, waits } = await startShop(options.shop);
  const dir = mkdtempSync(join(tmpdir(), 'pickpost-woo-'));
  const store = options.store ?? createMemoryStateStore();
  const pickpost: PickPost = createPickPost(
    {
      variant,
      frankingLicense: '60013217',
      sender: VELO_SHOP,
      post: demoPostOptions(post),
      selectionSecret: SELECTION_SECRET,
      ...(variant === 1 ? {} : { dataTransfer: { transport: { type: 'directory', dir } } }),
    },
    { store },
  );
  const sync = (extra: Partial<WooSyncOptions> = {}) =>
    createWooSync({
      woo,
      pickpost,
      store,
      debounceMs: 0,
      labelUrl: (identcode) => `https://sync.example.ch/pickpost/labels/${identcode}`,
      ...extra,
    });
  return {
    post,
    shop,
    woo,
    waits,
    store,
    pickpost,
    dir,
    sync,
    /** Places an order as the companion plugin does at checkout (selection made by core). */
    checkout: (customer: number, extra: Record<string, unknown> = {}) =>
      placeOrder(pickpost, shop, variant, customer, extra),
    async close() {
      woo.close();
      await shop.close();
      if (options.post === undefined) await post.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let points: string[] | undefined;

/** An order with the meta the plugin writes: selection, point id and snapshot, customer number. */
export async function placeOrder(
  pickpost: PickPost,
  shop: MockWooCommerce,
  variant: JourneyVariant,
  customer: number,
  extra: Record<string, unknown> = {},
) {
  points ??= (await pickpost.checkout.findPoints({ zip: '8001', limit: 5 })).map((hit) => hit.id);
  const customerRef = `wc-customer:${customer}`;
  const pickpostId =
    variant === '4b'
      ? undefined
      : (
          await pickpost.checkout.registerCustomer(
            { ...HANS_MUSTER_CUSTOMER, email: `kunde${customer}@example.ch` },
            { customerRef },
          )
        ).pickpostId;
  const pointId = points[customer % points.length] as string;
  const chosen = await pickpost.checkout.selectPoint({
    pointId,
    customerRef,
    ...(pickpostId === undefined ? {} : { pickpostId }),
  });
  const { point } = chosen;
  const snapshot = {
    id: point.id,
    kind: point.kind,
    name: point.name,
    street: point.street,
    ...(point.houseNo === undefined ? {} : { houseNo: point.houseNo }),
    zip: point.zip,
    city: point.city,
  };
  return shop.shop.createOrder(
    orderBody({
      meta_data: [
        { key: META.selection, value: chosen.selection },
        { key: META.pointId, value: point.id },
        { key: META.point, value: JSON.stringify(snapshot) },
        ...(pickpostId === undefined ? [] : [{ key: META.customerNumber, value: pickpostId }]),
        { key: META.customerRef, value: customerRef },
      ],
      ...extra,
    }),
  );
}

/** An order's meta value as the shop's REST answer shows it. */
export function metaOf(shop: MockWooCommerce, id: number, key: string): unknown {
  return shop.state.order(id)?.meta_data.find((meta) => meta.key === key)?.value;
}

/** The notes this service added (WooCommerce's own status notes left out). */
export function ownNotes(shop: MockWooCommerce, id: number) {
  return shop.state.notes(id).filter((note) => note.note.startsWith('PickPost'));
}

/** How many requests of a method and REST route the shop received. */
export function requestsTo(shop: MockWooCommerce, method: string, route: RegExp): number {
  return shop.state.requests.filter((r) => r.method === method && route.test(r.restRoute)).length;
}

export type { WooClient };

/** Starts journeys that are closed after each test of the file. */
export function useJourneys(): typeof startJourney {
  const running: Awaited<ReturnType<typeof startJourney>>[] = [];
  afterEach(async () => {
    for (const journey of running.splice(0)) await journey.close();
  });
  return async (...args) => {
    const started = await startJourney(...args);
    running.push(started);
    return started;
  };
}
