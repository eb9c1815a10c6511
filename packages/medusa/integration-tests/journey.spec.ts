import path from 'node:path';
import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { medusaIntegrationTestRunner } from '@medusajs/test-utils';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import type { Api, Json, TestShop } from './shop';
import { completeCart, createCart, setUpShop } from './shop';

jest.setTimeout(180_000);

/** The storefront's part: points near the customer, PickPost registration, the signed choice. */
async function choosePoint(api: Api, shop: TestShop, cartId: string, kind = 'pickpost') {
  const { data: found } = await api.get(
    `/store/pickpost/points?zip=8001&kinds=${kind}&limit=3`,
    shop.store,
  );
  expect(found.points.length).toBeGreaterThan(0);
  await api.post(
    `/store/pickpost/customers?cart_id=${cartId}`,
    { customer: HANS_MUSTER_CUSTOMER },
    shop.store,
  );
  const { data } = await api.post(
    `/store/pickpost/selection?cart_id=${cartId}`,
    { pointId: found.points[0].id },
    shop.store,
  );
  return { selection: data.selection as string, pointId: found.points[0].id as string };
}

/** The cart's shipping method as Medusa stored it (the store API leaves `data` out). */
async function storedMethod(container: MedusaContainer, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({
    entity: 'cart',
    fields: ['shipping_methods.*'],
    filters: { id: cartId },
  });
  return data[0]!.shipping_methods![0] as unknown as { data: Record<string, Json> };
}

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, 'app'),
  testSuite: ({ api, getContainer }) => {
    let shop: TestShop;
    beforeEach(async () => {
      shop = await setUpShop(api, getContainer());
    });

    it('variant 2: point selection, shipping method, order, fulfillment, label', async () => {
      const cart = await createCart(api, shop, 2);
      const { selection, pointId } = await choosePoint(api, shop, cart.id);
      const { data: listed } = await api.get(
        `/store/shipping-options?cart_id=${cart.id}`,
        shop.store,
      );
      expect(listed.shipping_options.map((o: Json) => o.id)).toContain(shop.optionIds.point);
      const { data: withMethod } = await api.post(
        `/store/carts/${cart.id}/shipping-methods`,
        { option_id: shop.optionIds.point, data: { selection } },
        shop.store,
      );
      // Two locks of 800 g: the 2 kg row of the price table.
      expect(withMethod.cart.shipping_methods[0].amount).toBe(7);
      const method = await storedMethod(getContainer(), cart.id);
      expect(method.data.point.id).toBe(pointId);
      expect(method.data.customer_ref).toBe(`cart:${cart.id}`);

      const order = await completeCart(api, shop, cart.id);
      const { data: created } = await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        {
          location_id: shop.locationId,
          items: order.items.map((item: Json) => ({ id: item.id, quantity: item.quantity })),
        },
        shop.admin,
      );
      expect(created.order.id).toBe(order.id);
      const { data: fetched } = await api.get(
        `/admin/orders/${order.id}?fields=*fulfillments,*fulfillments.labels`,
        shop.admin,
      );
      const [fulfillment] = fetched.order.fulfillments;
      const [label] = fulfillment.labels;
      expect(fulfillment.data.identcode).toMatch(/^9960013217\d{8}$/);
      expect(label.tracking_number).toBe(fulfillment.data.identcode);
      expect(label.tracking_url).toContain(fulfillment.data.identcode);
      expect(fulfillment.data.transmission).toBe('datatransfer');
      const pdf = await api.get(label.label_url, { ...shop.admin, responseType: 'arraybuffer' });
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(Buffer.from(pdf.data).subarray(0, 5).toString()).toBe('%PDF-');
    });
  },
});
