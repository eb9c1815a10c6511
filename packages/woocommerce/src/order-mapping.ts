import type { FulfilOrder, RecipientInput } from '@pickpost/core';
import type { WooMeta, WooOrder } from './woo-types';

/**
 * The order meta of the contract between the companion plugin and the sync service
 * (`wordpress-plugin/README.md`, "What it stores"): written at checkout by the plugin, read here;
 * the write-back keys are written here and only shown by the plugin.
 */
export const META = {
  selection: '_pickpost_selection',
  pointId: '_pickpost_point_id',
  point: '_pickpost_point',
  customerNumber: '_pickpost_customer_number',
  customerRef: '_pickpost_customer_ref',
  /**
   * Optional: an identcode the shop's own shipping system already printed (variants 2, 3 and
   * 4b), used instead of one allocated here; core checks it (licence, range, reuse).
   */
  ownIdentcode: '_pickpost_own_identcode',
  /** Optional: the parcel weight the shop computed, in grams; otherwise the products' weights. */
  weightGrams: '_pickpost_weight_grams',
  identcode: '_pickpost_identcode',
  trackingUrl: '_pickpost_tracking_url',
  labelUrl: '_pickpost_label_url',
  /** The identcode barcode alone, for the shop's own delivery notes (the service's admin route). */
  barcodeUrl: '_pickpost_barcode_url',
  transmission: '_pickpost_transmission',
  /** The hash of what the service last wrote: an update it caused itself is recognised by it. */
  sync: '_pickpost_sync',
} as const;

export function metaValue(order: Pick<WooOrder, 'meta_data'>, key: string): string | undefined {
  const row = order.meta_data.find((meta: WooMeta) => meta.key === key);
  if (row === undefined || row.value === null || row.value === undefined) return undefined;
  const value = typeof row.value === 'string' ? row.value : JSON.stringify(row.value);
  return value === '' ? undefined : value;
}

/**
 * How WooCommerce orders become PickPost shipments: which shipping method and statuses count, and
 * the shop's weight unit.
 */
export interface OrderRules {
  /** The shipping method id of the PickPost method (default `pickpost`). */
  methodId: string;
  /** Statuses whose orders are fulfilled (default `processing`). */
  statuses: readonly string[];
  /** Statuses that cancel a parcel already made (default `cancelled`, `refunded`). */
  cancelStatuses: readonly string[];
  /** The shop's weight unit for product weights (WooCommerce's setting; default `kg`). */
  weightUnit: 'kg' | 'g' | 'lbs' | 'oz';
  /** Used when neither the meta nor the products give a weight (default: none, a note). */
  defaultWeightGrams?: number | undefined;
}

/** What the service should do with an order it sees. */
export type OrderAction =
  | { action: 'ignore'; reason: string }
  | { action: 'fulfil' }
  | { action: 'cancel' }
  | { action: 'invalid'; missing: string[] };

const GRAMS_PER_UNIT = { kg: 1000, g: 1, lbs: 453.59237, oz: 28.349523125 } as const;

/** Whether an order ships with PickPost: a shipping line of the method (`pickpost:3` included). */
export function isPickPostOrder(order: WooOrder, methodId: string): boolean {
  return order.shipping_lines.some(
    (line) => line.method_id === methodId || line.method_id.startsWith(`${methodId}:`),
  );
}

/** Decides what an order needs, from its status, shipping line and meta. */
export function classifyOrder(order: WooOrder, rules: OrderRules): OrderAction {
  if (!isPickPostOrder(order, rules.methodId)) {
    return { action: 'ignore', reason: 'not shipped with PickPost' };
  }
  if (rules.cancelStatuses.includes(order.status)) return { action: 'cancel' };
  if (!rules.statuses.includes(order.status)) {
    return { action: 'ignore', reason: `status ${order.status}` };
  }
  const missing: string[] = [];
  if (metaValue(order, META.selection) === undefined) missing.push(META.selection);
  const name = `${order.shipping.last_name ?? ''}${order.billing.last_name ?? ''}`.trim();
  if (name === '') missing.push('shipping.last_name');
  return missing.length === 0 ? { action: 'fulfil' } : { action: 'invalid', missing };
}

/** `Bellerivestrasse 5a` → street and house number, as Swiss Post keeps them apart. */
export function splitStreet(line: string): { street?: string; houseNo?: string } {
  const trimmed = line.trim();
  const match = /^(.*?\S)\s+(\d+\s?[a-zA-Z]?(?:[/-]\d+[a-zA-Z]?)?)$/.exec(trimmed);
  if (match === null) return trimmed === '' ? {} : { street: trimmed };
  return { street: match[1] as string, houseNo: (match[2] as string).replace(/\s/g, '') };
}

/** The customer with their own address: shipping, or billing where shipping is empty. */
export function recipientOf(order: WooOrder): RecipientInput {
  const useShipping = (order.shipping.last_name ?? '') !== '' && (order.shipping.city ?? '') !== '';
  const address = useShipping ? order.shipping : order.billing;
  const recipient: RecipientInput = {
    name1: (address.last_name ?? '').trim(),
    zip: (address.postcode ?? '').trim(),
    city: (address.city ?? '').trim(),
    ...splitStreet(address.address_1 ?? ''),
  };
  const set = (key: keyof RecipientInput, value: string | undefined) => {
    if (value !== undefined && value.trim() !== '')
      (recipient as Record<string, unknown>)[key] = value.trim();
  };
  set('firstName', address.first_name);
  set('addressSuffix', address.address_2);
  set('country', address.country);
  set('email', order.billing.email);
  set('phone', order.billing.phone);
  return recipient;
}

/** Grams from the order meta, or `undefined` when the shop did not store it. */
export function metaWeightGrams(order: WooOrder): number | undefined {
  const raw = metaValue(order, META.weightGrams);
  const grams = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(grams) && grams > 0 ? Math.round(grams) : undefined;
}

/** Grams from the products' weights (WooCommerce keeps them in the shop's unit, as strings). */
export function productWeightGrams(
  order: WooOrder,
  productWeights: ReadonlyMap<number, string>,
  unit: OrderRules['weightUnit'],
): number | undefined {
  let grams = 0;
  for (const item of order.line_items) {
    const weight = Number(productWeights.get(item.variation_id || item.product_id) ?? '');
    if (!Number.isFinite(weight) || weight <= 0) return undefined;
    grams += weight * GRAMS_PER_UNIT[unit] * item.quantity;
  }
  return grams > 0 ? Math.max(1, Math.round(grams)) : undefined;
}

/** The order as `fulfil` takes it; `weightGrams` resolved by the caller. */
export function toFulfilOrder(order: WooOrder, weightGrams: number): FulfilOrder {
  const customerRef = metaValue(order, META.customerRef);
  const identcode = metaValue(order, META.ownIdentcode);
  return {
    orderRef: String(order.id),
    parcelIndex: 0,
    selection: metaValue(order, META.selection) as string,
    ...(customerRef === undefined ? {} : { customerRef }),
    recipient: recipientOf(order),
    parcel: { weightGrams },
    // The shop gets a label link, drawn when it is opened: no label is drawn during the sync.
    label: false,
    ...(identcode === undefined ? {} : { identcode }),
  };
}
