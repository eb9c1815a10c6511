import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@jest/globals';
import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import type { Api, Json, TestShop } from './shop';
import { completeCart, createCart } from './shop';

/** The storefront's part: points near the customer, PickPost registration, the signed choice. */
export async function choosePoint(
  api: Api,
  shop: TestShop,
  cartId: string,
  kind = 'pickpost',
  register = true,
) {
  const { data: found } = await api.get(
    `/store/pickpost/points?zip=8001&kinds=${kind}&limit=3`,
    shop.store,
  );
  expect(found.points.length).toBeGreaterThan(0);
  // Variants 1–3 address the parcel with the customer's PickPost ID; 4 has none.
  if (register) {
    await api.post(
      `/store/pickpost/customers?cart_id=${cartId}`,
      { customer: HANS_MUSTER_CUSTOMER },
      shop.store,
    );
  }
  // The cart as the checkout widget names it: a request header.
  const { data } = await api.post(
    '/store/pickpost/selection',
    { pointId: found.points[0].id },
    { headers: { ...shop.store.headers, 'x-pickpost-cart-id': cartId } },
  );
  return { selection: data.selection as string, pointId: found.points[0].id as string };
}

/** The cart's shipping method as Medusa stored it (the store API leaves `data` out). */
export async function storedMethod(container: MedusaContainer, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({
    entity: 'cart',
    fields: ['shipping_methods.*'],
    filters: { id: cartId },
  });
  return data[0]!.shipping_methods![0] as unknown as { data: Record<string, Json> };
}

/** What a refused request answered: Medusa's status and `{ type, message }`. */
export async function refusal(request: Promise<unknown>): Promise<{ status: number; data: Json }> {
  try {
    await request;
  } catch (error) {
    const { response } = error as { response?: { status: number; data: Json } };
    if (response !== undefined) return response;
    throw error;
  }
  throw new Error('the request was not refused');
}

/** A cart of `quantity` locks with the PickPost method added and the order placed. */
export async function orderWithPickPost(api: Api, shop: TestShop, quantity = 1, register = true) {
  const cart = await createCart(api, shop, quantity);
  const { selection, pointId } = await choosePoint(api, shop, cart.id, 'pickpost', register);
  await api.post(
    `/store/carts/${cart.id}/shipping-methods`,
    { option_id: shop.optionIds.point, data: { selection } },
    shop.store,
  );
  return { cart, pointId, order: await completeCart(api, shop, cart.id) };
}

/**
 * Creates the order's fulfillment through the admin API (with `additional_data` for the
 * provider, when given); the fulfillment with its labels.
 */
export async function fulfilOrder(
  api: Api,
  shop: TestShop,
  order: Json,
  additionalData?: Record<string, unknown>,
): Promise<Json> {
  await api.post(
    `/admin/orders/${order.id}/fulfillments`,
    {
      location_id: shop.locationId,
      items: order.items.map((item: Json) => ({ id: item.id, quantity: item.quantity })),
      ...(additionalData === undefined ? {} : { additional_data: additionalData }),
    },
    shop.admin,
  );
  const { data } = await api.get(
    `/admin/orders/${order.id}?fields=*fulfillments,*fulfillments.labels`,
    shop.admin,
  );
  return data.order.fulfillments.at(-1);
}

/** Where the mock Post server's SFTP endpoint puts delivered DataTransfer files. */
const dataTransferDir: string = JSON.parse(process.env.PICKPOST_MOCK_POST ?? '{}').sftp?.dir;

/** The text of every DataTransfer file the mock Post server has received. */
export function receivedFiles(dir = dataTransferDir): string[] {
  const texts: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) texts.push(...receivedFiles(file));
    else texts.push(readFileSync(file, 'utf8'));
  }
  return texts;
}
