import { describe, expect, it } from 'vitest';
import { customerRefOf } from '../src/index';

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
