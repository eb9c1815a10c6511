import { HANS_MUSTER_CUSTOMER } from '@pickpost/test-utils/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PickPostFulfillmentProvider, RouteRequest, RouteResponse } from '../src/index';
import { createStoreRoute, customerRefOf } from '../src/index';
import { useMockProvider } from './provider-setup';

describe('customerRefOf', () => {
  it('prefers the signed-in customer, then the cart of the query, body or header', () => {
    const base = { method: 'POST', originalUrl: '/store/pickpost/selection', headers: {} };
    expect(
      customerRefOf({
        ...base,
        auth_context: { actor_type: 'customer', actor_id: 'cus_1' },
        query: { cart_id: 'cart_1' },
      }),
    ).toBe('customer:cus_1');
    expect(customerRefOf({ ...base, query: { cart_id: 'cart_1' } })).toBe('cart:cart_1');
    expect(customerRefOf({ ...base, body: { cart_id: 'cart_2' } })).toBe('cart:cart_2');
    expect(customerRefOf({ ...base, headers: { 'x-pickpost-cart-id': 'cart_3' } })).toBe(
      'cart:cart_3',
    );
    // An admin user is not a shop customer; a cart id with odd characters is no cart id.
    expect(
      customerRefOf({ ...base, auth_context: { actor_type: 'user', actor_id: 'user_1' } }),
    ).toBeUndefined();
    expect(customerRefOf({ ...base, query: { cart_id: 'cart 1; drop' } })).toBeUndefined();
  });
});

/** A response that records what the route wrote, as Express's would be written. */
function recordingResponse() {
  const chunks: Uint8Array[] = [];
  const headers: Record<string, unknown> = {};
  const res: RouteResponse & { json(): Record<string, unknown>; headers: typeof headers } = {
    statusCode: 200,
    headers,
    setHeader: (name, value) => {
      headers[name.toLowerCase()] = value;
    },
    write: (chunk) => chunks.push(chunk) > 0,
    end: (body) => {
      if (body !== undefined) chunks.push(typeof body === 'string' ? Buffer.from(body) : body);
    },
    once: () => undefined,
    json: () => JSON.parse(Buffer.concat(chunks).toString('utf8')),
  };
  return res;
}

describe('createStoreRoute', () => {
  const mock = useMockProvider();
  let provider: PickPostFulfillmentProvider;
  beforeAll(() => {
    provider = mock().provider;
  });

  const route = createStoreRoute();
  const request = (overrides: Partial<RouteRequest>): RouteRequest => ({
    method: 'POST',
    originalUrl: '/store/pickpost/selection',
    headers: { 'content-type': 'application/json' },
    ...overrides,
  });

  it('binds the selection to the cart Medusa names, whatever customer header the client sends', async () => {
    await provider.pickpost.checkout.registerCustomer(HANS_MUSTER_CUSTOMER, {
      customerRef: 'cart:cart_a',
    });
    const [point] = await provider.pickpost.checkout.findPoints({ zip: '8001' });
    const res = recordingResponse();
    await route(
      request({
        headers: {
          'content-type': 'application/json',
          'x-pickpost-medusa-customer': 'customer:someone-else',
        },
        query: { cart_id: 'cart_a' },
        body: { pointId: point?.id },
      }),
      res,
    );
    expect(res.statusCode).toBe(200);
    const { selection } = res.json() as { selection: string };
    expect(provider.pickpost.checkout.verifySelection(selection).customerRef).toBe('cart:cart_a');
  });

  it("answers in Medusa's error shape, invalid data as 400", async () => {
    const res = recordingResponse();
    await route(request({ query: { cart_id: 'cart_b' }, body: { pointId: '8001-T1-0' } }), res);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      type: 'invalid_data',
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/PickPost ID/),
    });
  });
});
