import path from 'node:path';
import { afterAll, beforeEach } from '@jest/globals';
import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createUserAccountWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from '@medusajs/medusa/core-flows';
import { medusaIntegrationTestRunner } from '@medusajs/test-utils';
import { MEDUSA_ADDRESS } from '../test/medusa-address';

/** Medusa's JSON answers, read field by field by the suites. */
// biome-ignore lint/suspicious/noExplicitAny: the answers are Medusa's, checked by the assertions.
export type Json = any;

/** An axios instance on the Medusa under test (what the runner hands the suite as `api`). */
export interface Api {
  get(url: string, config?: object): Promise<{ status: number; data: Json; headers: Json }>;
  post(
    url: string,
    body?: unknown,
    config?: object,
  ): Promise<{ status: number; data: Json; headers: Json }>;
}

/** What a suite needs of the shop it set up. */
export interface TestShop {
  admin: { headers: Record<string, string> };
  store: { headers: Record<string, string> };
  regionId: string;
  salesChannelId: string;
  locationId: string;
  variantId: string;
  optionIds: { point: string; terminal: string; return: string };
}

const PROVIDER_ID = 'pickpost_pickpost';

/** An admin user and their bearer token, through Medusa's own auth routes. */
async function adminHeaders(api: Api, container: MedusaContainer): Promise<Record<string, string>> {
  const email = 'admin@velo-shop.ch';
  const password = 'velo-admin-password';
  const registered = await api.post('/auth/user/emailpass/register', { email, password });
  const payload = JSON.parse(
    Buffer.from(String(registered.data.token).split('.')[1] ?? '', 'base64url').toString(),
  );
  await createUserAccountWorkflow(container).run({
    input: { authIdentityId: payload.auth_identity_id, userData: { email } },
  });
  const login = await api.post('/auth/user/emailpass', { email, password });
  return { authorization: `Bearer ${login.data.token}` };
}

/**
 * A Swiss shop in Medusa, as a merchant sets it up in the admin: a CHF region with the system
 * payment provider, a sales channel and its publishable key, a stock location linked to the
 * PickPost provider with a Swiss service zone, the PickPost shipping options (calculated prices)
 * and a bicycle lock of 800 g.
 */
export async function setUpShop(api: Api, container: MedusaContainer): Promise<TestShop> {
  const link = container.resolve(ContainerRegistrationKeys.LINK) as {
    create(links: object): Promise<unknown>;
  };
  const fulfillment = container.resolve(Modules.FULFILLMENT) as Json;
  const admin = { headers: await adminHeaders(api, container) };
  const { result: channels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: 'Webshop' }] },
  });
  const salesChannelId = channels[0]!.id;
  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: 'Storefront', type: 'publishable', created_by: 'test' }] },
  });
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: keys[0]!.id, add: [salesChannelId] },
  });
  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: 'Schweiz',
          currency_code: 'chf',
          countries: ['ch'],
          payment_providers: ['pp_system_default'],
        },
      ],
    },
  });
  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: 'Lager Bern',
          address: {
            address_1: 'Wankdorfallee 4',
            city: 'Bern',
            postal_code: '3030',
            country_code: 'ch',
          },
        },
      ],
    },
  });
  const locationId = locations[0]!.id;
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: locationId },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: PROVIDER_ID },
  });
  const set = await fulfillment.createFulfillmentSets({
    name: 'Versand Schweiz',
    type: 'shipping',
    service_zones: [{ name: 'Schweiz', geo_zones: [{ type: 'country', country_code: 'ch' }] }],
  });
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: locationId },
    [Modules.FULFILLMENT]: { fulfillment_set_id: set.id },
  });
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: locationId, add: [salesChannelId] },
  });
  const { result: profiles } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: 'Standard', type: 'default' }] },
  });
  const profileId = profiles[0]!.id;
  const options = (await fulfillment.retrieveFulfillmentOptions(PROVIDER_ID)) as Array<
    Record<string, unknown>
  >;
  const optionFor = (id: string, name: string, isReturn: boolean) => ({
    name,
    price_type: 'calculated' as const,
    provider_id: PROVIDER_ID,
    service_zone_id: set.service_zones[0].id,
    shipping_profile_id: profileId,
    type: { label: name, description: name, code: id },
    data: options.find((option) => option.id === id)!,
    rules: [
      { attribute: 'enabled_in_store', value: 'true', operator: 'eq' as const },
      { attribute: 'is_return', value: isReturn ? 'true' : 'false', operator: 'eq' as const },
    ],
  });
  const { result: shippingOptions } = await createShippingOptionsWorkflow(container).run({
    input: [
      optionFor('pickpost-point', 'PickPost', false),
      optionFor('pickpost-mypost24', 'My Post 24', false),
      optionFor('pickpost-return', 'PickPost Retoure', true),
    ],
  });
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: 'Veloschloss',
          status: 'published',
          shipping_profile_id: profileId,
          options: [{ title: 'Ausführung', values: ['Standard'] }],
          variants: [
            {
              title: 'Standard',
              sku: 'LOCK-1',
              manage_inventory: false,
              weight: 800,
              options: { Ausführung: 'Standard' },
              prices: [{ amount: 39, currency_code: 'chf' }],
            },
          ],
          sales_channels: [{ id: salesChannelId }],
        },
      ],
    },
  });
  return {
    admin,
    store: { headers: { 'x-publishable-api-key': keys[0]!.token } },
    regionId: regions[0]!.id,
    salesChannelId,
    locationId,
    variantId: products[0]!.variants[0]!.id,
    optionIds: {
      point: shippingOptions[0]!.id,
      terminal: shippingOptions[1]!.id,
      return: shippingOptions[2]!.id,
    },
  };
}

/** A cart with `quantity` locks for Hans Muster. */
export async function createCart(
  api: Api,
  shop: TestShop,
  quantity = 1,
): Promise<{ id: string; items: Json[] }> {
  const { data } = await api.post(
    '/store/carts',
    {
      region_id: shop.regionId,
      sales_channel_id: shop.salesChannelId,
      email: 'hans.muster@example.ch',
      shipping_address: MEDUSA_ADDRESS,
      items: [{ variant_id: shop.variantId, quantity }],
    },
    shop.store,
  );
  return data.cart;
}

/** Pays with the system provider and completes the cart; the order. */
export async function completeCart(api: Api, shop: TestShop, cartId: string): Promise<Json> {
  const { data: collection } = await api.post(
    '/store/payment-collections',
    { cart_id: cartId },
    shop.store,
  );
  await api.post(
    `/store/payment-collections/${collection.payment_collection.id}/payment-sessions`,
    { provider_id: 'pp_system_default' },
    shop.store,
  );
  const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, shop.store);
  if (data.type !== 'order') throw new Error(`the cart did not complete: ${JSON.stringify(data)}`);
  return data.order;
}

/** What a shop suite's tests get: Medusa's test API, its container, and the shop set up anew. */
export interface ShopSuite {
  api: Api;
  getContainer: () => MedusaContainer;
  shop: () => TestShop;
}

/**
 * Boots the test application (integration-tests/app) with Medusa's runner and sets the shop up
 * before each test (the runner resets the database between tests). `options` are merged into
 * the PickPost provider options of medusa-config.ts for this file's boot (another variant, say).
 */
export function describeShop(
  suite: (context: ShopSuite) => void,
  options?: Record<string, unknown>,
) {
  const saved = process.env.PICKPOST_TEST_OPTIONS;
  // Read by medusa-config.ts when the runner loads it, before this file's tests; put back after.
  if (options !== undefined) process.env.PICKPOST_TEST_OPTIONS = JSON.stringify(options);
  afterAll(() => {
    if (saved === undefined) delete process.env.PICKPOST_TEST_OPTIONS;
    else process.env.PICKPOST_TEST_OPTIONS = saved;
  });
  medusaIntegrationTestRunner({
    cwd: path.join(__dirname, 'app'),
    testSuite: ({ api, getContainer }) => {
      let shop: TestShop | undefined;
      beforeEach(async () => {
        shop = await setUpShop(api, getContainer());
      });
      suite({
        api,
        getContainer,
        shop: () => {
          if (shop === undefined) throw new Error('the shop is set up before each test');
          return shop;
        },
      });
    },
  });
}
