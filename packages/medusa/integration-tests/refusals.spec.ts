import { beforeEach, expect, it, jest } from '@jest/globals';
import { createManualClock, createMemoryStateStore, createPickPost } from '@pickpost/core';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import { pickPostOf } from '../src';
import { choosePoint, refusal, storedMethod } from './checkout';
import type { Api, Json, TestShop } from './shop';
import { createCart, describeShop } from './shop';

jest.setTimeout(180_000);

/** Adds a shipping method; Medusa's answer when it refuses. */
const addMethod = (api: Api, shop: TestShop, cartId: string, optionId: string, data: object) =>
  refusal(
    api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: optionId, data }, shop.store),
  );

/** A selection for the cart signed 40 days ago: the configured lifetime is 30 days. */
async function expiredSelection(cartId: string, pointId: string): Promise<string> {
  const { config } = pickPostOf().options;
  const past = createPickPost(config, {
    store: createMemoryStateStore(),
    clock: createManualClock(Date.now() - 40 * 24 * 3600 * 1000),
  });
  const customerRef = `cart:${cartId}`;
  await past.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, { customerRef });
  return (await past.checkout.selectPoint({ pointId, customerRef })).selection;
}

describeShop(({ api, getContainer, shop: currentShop }) => {
  let shop: TestShop;
  beforeEach(() => {
    shop = currentShop();
  });

  it('refuses a shipping method without a selection, or with a tampered, expired or foreign one', async () => {
    const cart = await createCart(api, shop);
    const other = await createCart(api, shop);
    const { selection, pointId } = await choosePoint(api, shop, cart.id);
    const { selection: foreign } = await choosePoint(api, shop, other.id);
    const [body, mac] = selection.split('.');
    const cases: Array<[object, RegExp]> = [
      [{}, /no pick-up point was chosen/],
      [{ selection: `${body?.slice(0, -3)}AAA.${mac}` }, /selection is not valid/],
      [{ selection: await expiredSelection(cart.id, pointId) }, /expired/],
      [{ selection: foreign }, /another cart or by another customer/],
    ];
    for (const [data, message] of cases) {
      const refused = await addMethod(api, shop, cart.id, shop.optionIds.point, data);
      expect(refused.status).toBe(400);
      expect(refused.data).toMatchObject({
        type: 'invalid_data',
        message: expect.stringMatching(message),
      });
    }
    expect(await storedMethod(getContainer(), cart.id)).toBeUndefined();
  });

  it('refuses home-delivery data, a counter for the terminal option and a cart too heavy', async () => {
    const cart = await createCart(api, shop);
    const { selection } = await choosePoint(api, shop, cart.id);
    const home = await addMethod(api, shop, cart.id, shop.optionIds.point, {
      selection,
      address_1: 'Bellerivestrasse 5',
    });
    expect(home.data.message).toMatch(/only \{ selection \}.*not address_1/);
    const kind = await addMethod(api, shop, cart.id, shop.optionIds.terminal, { selection });
    expect(kind.data.message).toMatch(/choose a terminal, not a PickPost counter/);
    // 40 locks of 800 g: 32 kg, above what pick-up points take (and the price table).
    const heavy = await createCart(api, shop, 40);
    const { selection: heavySelection } = await choosePoint(api, shop, heavy.id);
    const tooHeavy = await addMethod(api, shop, heavy.id, shop.optionIds.point, {
      selection: heavySelection,
    });
    expect(tooHeavy.status).toBe(400);
    expect(tooHeavy.data.message).toMatch(/32000 g/);
    // Listing the options of the heavy cart still works: PickPost is there without a price.
    const { data: listed } = await api.get(
      `/store/shipping-options?cart_id=${heavy.id}`,
      shop.store,
    );
    const pickpost = listed.shipping_options.find((o: Json) => o.id === shop.optionIds.point);
    expect(pickpost?.amount ?? null).toBeNull();
  });

  it('a cart that grows too heavy loses its PickPost method on refresh, the cart update succeeds', async () => {
    const cart = await createCart(api, shop);
    const { selection } = await choosePoint(api, shop, cart.id);
    await api.post(
      `/store/carts/${cart.id}/shipping-methods`,
      { option_id: shop.optionIds.point, data: { selection } },
      shop.store,
    );
    expect(await storedMethod(getContainer(), cart.id)).toBeDefined();
    const line = cart.items[0];
    await api.post(`/store/carts/${cart.id}/line-items/${line.id}`, { quantity: 40 }, shop.store);
    expect(await storedMethod(getContainer(), cart.id)).toBeUndefined();
  });

  it('store routes: the publishable key Medusa requires, and answers in Medusa’s error shape', async () => {
    const withoutKey = await refusal(api.get('/store/pickpost/points?zip=8001'));
    expect(withoutKey.status).toBe(400);
    expect(withoutKey.data.message).toMatch(/publishable/i);
    const cart = await createCart(api, shop);
    // Variant 2 needs the customer's PickPost ID: a selection before registering is refused.
    const unregistered = await refusal(
      api.post(
        `/store/pickpost/selection?cart_id=${cart.id}`,
        { pointId: '8001-T1-0' },
        shop.store,
      ),
    );
    expect(unregistered.status).toBe(400);
    expect(unregistered.data).toMatchObject({
      type: 'invalid_data',
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/PickPost ID/),
    });
    await choosePoint(api, shop, cart.id);
    const unknown = await refusal(
      api.post(
        `/store/pickpost/selection?cart_id=${cart.id}`,
        { pointId: '9999-T1-99' },
        shop.store,
      ),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.data).toMatchObject({ type: 'not_found', code: 'NOT_FOUND' });
  });
});
