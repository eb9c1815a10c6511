import type { PickPost, PickupPointKind } from '@pickpost/core';
import { asMedusaErrors, invalidData } from './medusa-errors';

/**
 * What the provider stores as the shipping method's `data` (and Medusa copies to the
 * fulfillment): the signed selection, whom it belongs to, and a small snapshot of the point for
 * the admin and the order confirmation. The order's `shipping_address` stays the customer's own.
 */
export interface PickPostMethodData {
  /** The signed selection, re-issued by the server when the method was added. */
  selection: string;
  /** The shop customer the selection is bound to: `customer:<id>` or, for guests, `cart:<id>`. */
  customer_ref: string;
  point: {
    id: string;
    kind: PickupPointKind;
    name: string;
    street: string;
    house_no?: string;
    zip: string;
    city: string;
  };
  /** The customer's PickPost user ID (variants 1–3). */
  pickpost_id?: string;
  /** The cart's weight when the method was added, in grams. */
  weight_grams: number;
}

/** The cart as Medusa hands it to `validateFulfillmentData`: only what is read here. */
export interface CartContext {
  id?: unknown;
  customer_id?: unknown;
  customer?: { id?: unknown } | null;
}

/**
 * The shop customer references a cart may carry a selection for: the signed-in customer's,
 * and the cart's own (guests, or a selection made before signing in).
 *
 * @example
 * customerRefsOf({ id: 'cart_1', customer_id: 'cus_1' }); // ['customer:cus_1', 'cart:cart_1']
 */
export function customerRefsOf(cart: CartContext | undefined): string[] {
  const refs: string[] = [];
  const customerId = cart?.customer_id ?? cart?.customer?.id;
  if (typeof customerId === 'string' && customerId !== '') refs.push(`customer:${customerId}`);
  if (typeof cart?.id === 'string' && cart.id !== '') refs.push(`cart:${cart.id}`);
  return refs;
}

/** The only key the storefront sends; anything else (a home address, a point id) is refused. */
const ACCEPTED_KEYS = new Set(['selection']);

/**
 * Checks what the storefront sent with a PickPost shipping method and returns what is stored:
 * the selection must be signed by this shop, unexpired, made for this cart's customer, for a
 * point of the option's kind that still exists and takes the cart's weight.
 *
 * @example
 * const data = await checkSelection(pickpost, { kind: 'pickpost' }, { selection }, cart, { weightGrams: 1200, przl: ['PRI'] });
 */
export async function checkSelection(
  pickpost: PickPost,
  option: { kind?: unknown },
  data: Record<string, unknown> | undefined,
  cart: CartContext | undefined,
  parcel: { weightGrams: number; przl: string[] },
): Promise<PickPostMethodData> {
  const sent = data ?? {};
  const unexpected = Object.keys(sent).filter((key) => !ACCEPTED_KEYS.has(key));
  if (unexpected.length > 0) {
    throw invalidData(
      `a PickPost shipping method takes only { selection } as data, not ${unexpected.join(', ')}: home delivery needs another shipping option`,
    );
  }
  if (typeof sent.selection !== 'string' || sent.selection === '') {
    throw invalidData(
      'no pick-up point was chosen: choose a PickPost point or My Post 24 terminal first (data.selection)',
    );
  }
  const selection = sent.selection;
  return asMedusaErrors(async () => {
    const payload = pickpost.checkout.verifySelection(selection);
    if (!customerRefsOf(cart).includes(payload.customerRef)) {
      throw invalidData(
        'the pick-up point was chosen in another cart or by another customer: choose it again',
      );
    }
    if (option.kind !== undefined && option.kind !== payload.point.kind) {
      throw invalidData(
        option.kind === 'mypost24'
          ? 'this shipping option delivers to a My Post 24 terminal: choose a terminal, not a PickPost counter'
          : 'this shipping option delivers to a PickPost counter: choose a counter, not a My Post 24 terminal',
      );
    }
    // Asks Swiss Post again: the point still exists and takes the cart as it is now.
    const fresh = await pickpost.checkout.selectPoint({
      pointId: payload.point.id,
      customerRef: payload.customerRef,
      ...(payload.pickpostId === undefined ? {} : { pickpostId: payload.pickpostId }),
      ...(parcel.weightGrams > 0 ? { parcel } : {}),
    });
    const { point } = fresh;
    return {
      selection: fresh.selection,
      customer_ref: payload.customerRef,
      point: {
        id: point.id,
        kind: point.kind,
        name: point.name,
        street: point.street,
        ...(point.houseNo === undefined ? {} : { house_no: point.houseNo }),
        zip: point.zip,
        city: point.city,
      },
      ...(fresh.pickpostId === undefined ? {} : { pickpost_id: fresh.pickpostId }),
      weight_grams: parcel.weightGrams,
    };
  });
}
