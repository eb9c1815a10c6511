import type { MetaRow } from '../meta';
import type { WcAddress } from '../types';

/** Order statuses without their `wc-` prefix, as REST shows them. */
export const ORDER_STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
] as const;

/**
 * What `get_order_statuses()` accepts on create and update (`auto-draft` first), and what the
 * list filter accepts (`any` and `trash` in front of those).
 */
export const WRITABLE_STATUSES = ['auto-draft', ...ORDER_STATUSES] as const;
export const LISTABLE_STATUSES = ['any', 'trash', ...WRITABLE_STATUSES] as const;

export type OrderStatus = (typeof WRITABLE_STATUSES)[number] | 'trash';

/** `wc_get_order_status_name`, for the status-change notes. */
export const STATUS_NAMES: Readonly<Record<string, string>> = {
  pending: 'Pending payment',
  processing: 'Processing',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  failed: 'Failed',
  'checkout-draft': 'Draft',
  'auto-draft': 'auto-draft',
  trash: 'trash',
};

/** A billing or shipping address, as REST shows it. Shipping has no `email`. */
export type Address = WcAddress;

export interface LineItemRecord {
  id: number;
  name: string;
  productId: number;
  variationId: number;
  quantity: number;
  taxClass: string;
  subtotal: number;
  total: number;
  meta: readonly MetaRow[];
}

export interface ShippingLineRecord {
  id: number;
  methodTitle: string;
  methodId: string;
  instanceId: string;
  total: number;
  meta: readonly MetaRow[];
}

export interface FeeLineRecord {
  id: number;
  name: string;
  taxClass: string;
  taxStatus: 'taxable' | 'none';
  total: number;
  meta: readonly MetaRow[];
}

/**
 * An order as the simulator keeps it. Records are never changed in place: a write builds a new
 * record, so generated orders may share address objects and empty lists.
 * Dates are UTC milliseconds floored to the second; money is a number of the shop's currency.
 */
export interface OrderRecord {
  readonly id: number;
  readonly parentId: number;
  readonly orderKey: string;
  readonly createdVia: string;
  readonly version: string;
  readonly status: OrderStatus;
  /** The status before the order went to the trash. */
  readonly statusBeforeTrash?: OrderStatus | undefined;
  readonly currency: string;
  readonly createdGmt: number;
  readonly modifiedGmt: number;
  readonly paidGmt: number | null;
  readonly completedGmt: number | null;
  readonly pricesIncludeTax: boolean;
  readonly customerId: number;
  readonly customerIpAddress: string;
  readonly customerUserAgent: string;
  readonly customerNote: string;
  readonly billing: Readonly<Address>;
  readonly shipping: Readonly<Address>;
  readonly paymentMethod: string;
  readonly paymentMethodTitle: string;
  readonly transactionId: string;
  readonly cartHash: string;
  readonly meta: readonly MetaRow[];
  readonly lineItems: readonly LineItemRecord[];
  readonly shippingLines: readonly ShippingLineRecord[];
  readonly feeLines: readonly FeeLineRecord[];
}

/** Mutable while a write builds the next version of a record. */
export type Draft<T> = { -readonly [K in keyof T]: T[K] };

export const emptyAddress = (withEmail: boolean): Address => ({
  first_name: '',
  last_name: '',
  company: '',
  address_1: '',
  address_2: '',
  city: '',
  state: '',
  postcode: '',
  country: '',
  ...(withEmail ? { email: '' } : {}),
  phone: '',
});

const sum = (values: readonly { total: number }[]) =>
  values.reduce((total, line) => total + line.total, 0);

/** The totals WooCommerce's `calculate_totals` derives (no tax rates, no coupons here). */
export function orderTotals(order: OrderRecord) {
  const shipping = sum(order.shippingLines);
  return {
    shipping,
    total: sum(order.lineItems) + shipping + sum(order.feeLines),
  };
}

/** `needs_processing`: some item is a product that is not both virtual and downloadable. */
export const needsProcessing = (order: OrderRecord) =>
  order.lineItems.some((item) => item.productId !== 0);

/** `needs_payment`: pending or failed with something to pay. */
export const needsPayment = (order: OrderRecord) =>
  (order.status === 'pending' || order.status === 'failed') && orderTotals(order).total > 0;

/** `is_editable`. */
export const isEditable = (order: OrderRecord) =>
  ['pending', 'on-hold', 'auto-draft', 'checkout-draft'].includes(order.status);
