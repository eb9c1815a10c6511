import type { PickPost } from '@pickpost/core';
import { createManualClock, createMemoryStateStore, createPickPost } from '@pickpost/core';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer } from '@pickpost/mock-post-server';
import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickPostMethodData } from '../src/index';
import { PickPostFulfillmentProvider, pickPostOf } from '../src/index';
import { linesOf, variant2Options } from './provider-setup';

let post: MockPostServer;
let provider: PickPostFulfillmentProvider;
let pointId: string;
let terminalId: string;

beforeAll(async () => {
  post = await createMockPostServer();
  provider = new PickPostFulfillmentProvider({}, variant2Options(post));
  const [counter] = await provider.pickpost.checkout.findPoints({
    zip: '8001',
    kinds: ['pickpost'],
  });
  const [terminal] = await provider.pickpost.checkout.findPoints({
    zip: '8001',
    kinds: ['mypost24'],
  });
  pointId = counter?.id ?? '';
  terminalId = terminal?.id ?? '';
});
afterAll(() => post.close());

/** What the store route does: register the shopper for PickPost, then sign the chosen point. */
async function selectionFor(
  customerRef: string,
  id = pointId,
  pickpost: PickPost = provider.pickpost,
) {
  await pickpost.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, { customerRef });
  return (await pickpost.checkout.selectPoint({ pointId: id, customerRef })).selection;
}

const option = (kind: 'pickpost' | 'mypost24') => ({
  id: `pickpost-${kind === 'pickpost' ? 'point' : kind}`,
  kind,
});
const invalid = (message: RegExp) => ({
  type: 'invalid_data',
  message: expect.stringMatching(message),
});

describe('options at boot', () => {
  it('names every bad field and never prints a configured secret', () => {
    const secret = 'very-secret-client-value-0123456789';
    const options = {
      ...variant2Options(post),
      frankingLicense: '12',
      post: { clientId: 'x', clientSecret: secret, baseUrls: post.baseUrls },
      prices: [{ upToGrams: 0, amount: 7 }],
      selectionSecret: secret.slice(0, 5),
    };
    let message = '';
    try {
      PickPostFulfillmentProvider.validateOptions(options);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^@pickpost\/medusa provider options: /);
    expect(message).toContain('frankingLicense');
    expect(message).toContain('selectionSecret');
    expect(message).toContain('prices[0].upToGrams');
    expect(message).not.toContain(secret);
    expect(message).not.toContain(secret.slice(0, 5));
  });

  it('accepts a complete variant 2 configuration', () => {
    expect(() => PickPostFulfillmentProvider.validateOptions(variant2Options(post))).not.toThrow();
    expect(pickPostOf().pickpost.variant).toBe(2);
  });
});

describe('fulfillment options and prices', () => {
  it('offers a counter, a terminal and a return option', async () => {
    const options = await provider.getFulfillmentOptions();
    expect(options.map((o) => o.id)).toEqual([
      'pickpost-point',
      'pickpost-mypost24',
      'pickpost-return',
    ]);
    expect(options.filter((o) => o.is_return).map((o) => o.id)).toEqual(['pickpost-return']);
    expect(await provider.validateOption({ id: 'pickpost-point' })).toBe(true);
    expect(await provider.validateOption({ id: 'manual' })).toBe(false);
  });

  it('prices by weight in CHF major units, whatever data the storefront sent', async () => {
    expect(await provider.canCalculate({ data: { id: 'pickpost-point' } } as never)).toBe(true);
    expect(await provider.canCalculate({ data: { id: 'other' } } as never)).toBe(false);
    const price = (items: unknown, data: unknown = {}) =>
      provider.calculatePrice({}, data as never, { items } as never);
    expect((await price(linesOf(600, 700))).calculated_amount).toBe(7);
    expect((await price(linesOf(2500), { selection: 'raw junk' })).calculated_amount).toBe(9.5);
    expect((await price([{ quantity: 3, variant: { weight: 5000 } }])).calculated_amount).toBe(16);
    // No weights at all (or no items): the lightest row, not an error on cart refresh.
    expect((await price(undefined, undefined)).calculated_amount).toBe(7);
    expect(await price([{ quantity: 2, variant: { weight: null } }])).toEqual({
      calculated_amount: 7,
      is_calculated_price_tax_inclusive: true,
    });
    await expect(price(linesOf(31_000), { selection: 'raw' })).rejects.toMatchObject(
      invalid(/weighs 31000 g.*up to 30000 g/),
    );
    // Listing the options (no data) or refreshing a stored method: no amount, no throw.
    expect((await price(linesOf(31_000))).calculated_amount).toBeUndefined();
    const stored = { selection: 'signed', customer_ref: 'cart:c' };
    expect((await price(linesOf(31_000), stored)).calculated_amount).toBeUndefined();
  });

  it('reads kilograms when the shop keeps weights in kg, and prices nothing without a table', async () => {
    const kg = new PickPostFulfillmentProvider({}, variant2Options(post, { weightUnit: 'kg' }));
    expect(
      (await kg.calculatePrice({}, {}, { items: linesOf(2.5) } as never)).calculated_amount,
    ).toBe(9.5);
    const flat = new PickPostFulfillmentProvider(
      {},
      { ...variant2Options(post), prices: undefined },
    );
    expect(await flat.canCalculate({ data: { id: 'pickpost-point' } } as never)).toBe(false);
    await expect(flat.calculatePrice({}, {}, {} as never)).rejects.toMatchObject(
      invalid(/no price table/),
    );
  });
});

describe('validateFulfillmentData', () => {
  const cart = (id: string, grams = 1200) => ({ id, items: linesOf(grams) });

  it('checks the selection again and stores a small snapshot', async () => {
    const selection = await selectionFor('cart:cart_ok');
    const data = (await provider.validateFulfillmentData(
      option('pickpost'),
      { selection },
      cart('cart_ok') as never,
    )) as PickPostMethodData;
    expect(Object.keys(data).sort()).toEqual(
      ['customer_ref', 'pickpost_id', 'point', 'selection', 'weight_grams'].sort(),
    );
    expect(data.customer_ref).toBe('cart:cart_ok');
    expect(data.point).toMatchObject({
      id: pointId,
      kind: 'pickpost',
      zip: expect.stringMatching(/^\d{4}$/),
    });
    expect(data.pickpost_id).toMatch(/\S/);
    expect(data.weight_grams).toBe(1200);
    expect(provider.pickpost.checkout.verifySelection(data.selection).point.id).toBe(pointId);
  });

  it('accepts the signed-in customer’s selection on their cart', async () => {
    const selection = await selectionFor('customer:cus_1');
    const data = await provider.validateFulfillmentData(option('pickpost'), { selection }, {
      ...cart('cart_c'),
      customer_id: 'cus_1',
    } as never);
    expect((data as PickPostMethodData).customer_ref).toBe('customer:cus_1');
  });

  it('refuses a missing, tampered, foreign or expired selection', async () => {
    const check = (data: Record<string, unknown>, id = 'cart_r') =>
      provider.validateFulfillmentData(option('pickpost'), data, cart(id) as never);
    await expect(check({})).rejects.toMatchObject(invalid(/no pick-up point was chosen/));
    const selection = await selectionFor('cart:cart_r');
    const [body, mac] = selection.split('.');
    const tampered = `${body?.slice(0, -2)}AA.${mac}`;
    await expect(check({ selection: tampered })).rejects.toMatchObject(invalid(/not valid/));
    await expect(check({ selection }, 'cart_other')).rejects.toMatchObject(invalid(/another cart/));
    const past = createManualClock(Date.now() - 40 * 24 * 3600 * 1000);
    const old = createPickPost(variantConfig(), {
      store: createMemoryStateStore(),
      clock: past,
    });
    const expired = await selectionFor('cart:cart_r', pointId, old);
    await expect(check({ selection: expired })).rejects.toMatchObject(invalid(/expired/));
  });

  it('refuses home-delivery data, the wrong kind of point and a cart too heavy for the point', async () => {
    const selection = await selectionFor('cart:cart_k');
    const check = (kind: 'pickpost' | 'mypost24', data: Record<string, unknown>, grams = 1200) =>
      provider.validateFulfillmentData(option(kind), data, cart('cart_k', grams) as never);
    await expect(check('pickpost', { selection, address: { city: 'Bern' } })).rejects.toMatchObject(
      invalid(/only \{ selection \}.*not address/),
    );
    await expect(check('mypost24', { selection })).rejects.toMatchObject(
      invalid(/choose a terminal/),
    );
    await expect(check('pickpost', { selection }, 31_000)).rejects.toMatchObject(
      invalid(/cannot take this parcel/),
    );
    const terminal = await selectionFor('cart:cart_k', terminalId);
    const data = await check('mypost24', { selection: terminal });
    expect((data as PickPostMethodData).point.kind).toBe('mypost24');
  });
});

/** The provider's configuration as core parses it, for a second instance with its own clock. */
function variantConfig() {
  const { store: _store, prices: _prices, ...config } = variant2Options(post);
  return config as never;
}
