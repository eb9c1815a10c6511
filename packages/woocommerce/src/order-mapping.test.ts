import { describe, expect, it } from 'vitest';
import type { OrderRules } from './order-mapping';
import {
  classifyOrder,
  isPickPostOrder,
  META,
  productWeightGrams,
  recipientOf,
  splitStreet,
  toFulfilOrder,
} from './order-mapping';
import type { WooOrder } from './woo-types';

const RULES: OrderRules = {
  methodId: 'pickpost',
  statuses: ['processing'],
  cancelStatuses: ['cancelled', 'refunded'],
  weightUnit: 'kg',
};

function order(extra: Partial<WooOrder> = {}): WooOrder {
  return {
    id: 1042,
    status: 'processing',
    date_modified_gmt: '2026-12-02T10:00:00',
    customer_id: 3,
    billing: { first_name: 'Hans', last_name: 'Muster', email: 'hans@example.ch', phone: '044' },
    shipping: {
      first_name: 'Hans',
      last_name: 'Muster',
      address_1: 'Bellerivestrasse 5a',
      address_2: 'c/o Meier',
      city: 'Zürich',
      postcode: '8008',
      country: 'CH',
    },
    line_items: [{ id: 1, product_id: 10, quantity: 2 }],
    shipping_lines: [{ id: 5, method_id: 'pickpost' }],
    meta_data: [
      { id: 1, key: META.selection, value: 'token.mac' },
      { id: 2, key: META.customerRef, value: 'wc-customer:3' },
    ],
    ...extra,
  };
}

describe('what a PickPost order is', () => {
  it('is one with a shipping line of the method, an instance suffix included', () => {
    expect(isPickPostOrder(order(), 'pickpost')).toBe(true);
    expect(
      isPickPostOrder(order({ shipping_lines: [{ id: 1, method_id: 'pickpost:3' }] }), 'pickpost'),
    ).toBe(true);
    expect(
      isPickPostOrder(order({ shipping_lines: [{ id: 1, method_id: 'flat_rate' }] }), 'pickpost'),
    ).toBe(false);
    expect(
      isPickPostOrder(order({ shipping_lines: [{ id: 1, method_id: 'pickpostx' }] }), 'pickpost'),
    ).toBe(false);
  });

  it('is fulfilled in the configured statuses, cancelled in the cancel ones, else ignored', () => {
    expect(classifyOrder(order(), RULES)).toEqual({ action: 'fulfil' });
    expect(classifyOrder(order({ status: 'refunded' }), RULES)).toEqual({ action: 'cancel' });
    expect(classifyOrder(order({ status: 'pending' }), RULES)).toMatchObject({ action: 'ignore' });
    expect(
      classifyOrder(order({ status: 'on-hold' }), { ...RULES, statuses: ['on-hold'] }),
    ).toEqual({ action: 'fulfil' });
  });

  it('names what is missing when the selection or the name is absent', () => {
    const without = order({ meta_data: [{ key: META.selection, value: '' }] });
    expect(classifyOrder(without, RULES)).toEqual({ action: 'invalid', missing: [META.selection] });
    const nameless = order({
      meta_data: [],
      billing: {},
      shipping: { ...order().shipping, last_name: '' },
    });
    expect(classifyOrder(nameless, RULES)).toEqual({
      action: 'invalid',
      missing: [META.selection, 'shipping.last_name'],
    });
  });
});

describe('mapping to fulfil()', () => {
  it('splits street and house number as Swiss Post keeps them', () => {
    expect(splitStreet('Bellerivestrasse 5a')).toEqual({
      street: 'Bellerivestrasse',
      houseNo: '5a',
    });
    expect(splitStreet('Rue du Lac 12 b')).toEqual({ street: 'Rue du Lac', houseNo: '12b' });
    expect(splitStreet('Postfach')).toEqual({ street: 'Postfach' });
    expect(splitStreet('  ')).toEqual({});
  });

  it('takes the shipping address, or billing when shipping is empty', () => {
    expect(recipientOf(order())).toMatchObject({
      firstName: 'Hans',
      name1: 'Muster',
      street: 'Bellerivestrasse',
      houseNo: '5a',
      addressSuffix: 'c/o Meier',
      zip: '8008',
      city: 'Zürich',
      email: 'hans@example.ch',
    });
    const billingOnly = order({
      shipping: {},
      billing: { last_name: 'Meier', city: 'Bern', postcode: '3011', address_1: 'Marktgasse 1' },
    });
    expect(recipientOf(billingOnly)).toMatchObject({ name1: 'Meier', city: 'Bern', houseNo: '1' });
  });

  it('carries the order id, selection and customer reference', () => {
    expect(toFulfilOrder(order(), 900)).toMatchObject({
      orderRef: '1042',
      parcelIndex: 0,
      selection: 'token.mac',
      customerRef: 'wc-customer:3',
      parcel: { weightGrams: 900 },
    });
  });

  it('weighs the items in the shop unit, or gives up when one product has no weight', () => {
    const weights = new Map([[10, '0.35']]);
    expect(productWeightGrams(order(), weights, 'kg')).toBe(700);
    expect(productWeightGrams(order(), new Map([[10, '']]), 'kg')).toBeUndefined();
    expect(productWeightGrams(order(), new Map([[10, '1']]), 'lbs')).toBe(907);
  });
});
