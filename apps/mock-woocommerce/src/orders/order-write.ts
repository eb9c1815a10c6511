// Creating and updating an order from a REST body, in the order WooCommerce does it
// (woocommerce/woocommerce: plugins/woocommerce/includes/rest-api/Controllers/Version3/
// class-wc-rest-orders-controller.php prepare_object_for_database, save_object, remove_item,
// calculate_coupons; Version2/class-wc-rest-orders-v2-controller.php set_item,
// prepare_line_items, prepare_shipping_lines, prepare_fee_lines, item_is_null, update_address).
import { WpError } from '../errors';
import { parseDecimal } from '../format';
import type { MetaRow } from '../meta';
import { editMeta } from '../meta';
import { phpEmpty } from '../php';
import type { ProductRecord } from '../products';
import type {
  Address,
  Draft,
  FeeLineRecord,
  LineItemRecord,
  OrderRecord,
  OrderStatus,
  ShippingLineRecord,
} from './order-record';
import { emptyAddress, needsPayment, needsProcessing, STATUS_NAMES } from './order-record';

export interface OrderWriteContext {
  now: number;
  currency: string;
  pricesIncludeTax: boolean;
  wcVersion: string;
  nextOrderId(): number;
  nextItemId(): number;
  nextOrderMetaId(): number;
  nextItemMetaId(): number;
  product(id: number): ProductRecord | undefined;
  productBySku(sku: string): ProductRecord | undefined;
  userExists(id: number): boolean;
  /** 13 random letters and digits for the order key. */
  randomKey(): string;
}

/** A note WooCommerce adds by itself while saving (status changes). */
export interface SystemNote {
  note: string;
}

export interface OrderWriteResult {
  order: OrderRecord;
  created: boolean;
  notes: SystemNote[];
}

/**
 * A create that failed after WooCommerce had already saved the order: the order stays, as a
 * `checkout-draft`, and the error names it in `data.new_draft_order_id`.
 */
export class DraftLeftBehindError extends WpError {
  constructor(
    error: WpError,
    readonly draft: OrderRecord,
  ) {
    super(error.code, error.message, error.status, {
      ...error.extra,
      new_draft_order_id: draft.id,
    });
  }
}

type Body = Readonly<Record<string, unknown>>;

const ADDRESS_FIELDS: readonly (keyof Address)[] = [
  'first_name',
  'last_name',
  'company',
  'address_1',
  'address_2',
  'city',
  'state',
  'postcode',
  'country',
  'email',
  'phone',
];

const invalidItem = () =>
  new WpError(
    'woocommerce_rest_invalid_item_id',
    'Order item ID provided is not associated with order.',
    400,
  );

const isSet = (value: unknown) => value !== undefined && value !== null;
const asObject = (value: unknown): Body =>
  value !== null && typeof value === 'object' ? (value as Body) : {};
const asList = (value: unknown): unknown[] =>
  Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object'
      ? Object.values(value)
      : [];

function setAddress(address: Readonly<Address>, posted: Body, withEmail: boolean): Address {
  const next = { ...address };
  for (const [field, value] of Object.entries(posted)) {
    const known =
      ADDRESS_FIELDS.includes(field as keyof Address) && (withEmail || field !== 'email');
    if (known) next[field as keyof Address] = value === null ? '' : String(value);
  }
  return next;
}

/** Order meta keys that are properties: `update_meta_data` calls their setter instead. */
const INTERNAL_META: Readonly<Record<string, (draft: Draft<OrderRecord>, value: unknown) => void>> =
  {
    ...Object.fromEntries(
      ADDRESS_FIELDS.flatMap((field) => [
        [
          `_billing_${field}`,
          (draft: Draft<OrderRecord>, value: unknown) => {
            draft.billing = { ...draft.billing, [field]: String(value ?? '') };
          },
        ],
        ...(field === 'email'
          ? []
          : [
              [
                `_shipping_${field}`,
                (draft: Draft<OrderRecord>, value: unknown) => {
                  draft.shipping = { ...draft.shipping, [field]: String(value ?? '') };
                },
              ],
            ]),
      ]),
    ),
    _payment_method: (draft, value) => {
      draft.paymentMethod = String(value ?? '');
    },
    _payment_method_title: (draft, value) => {
      draft.paymentMethodTitle = String(value ?? '');
    },
    _transaction_id: (draft, value) => {
      draft.transactionId = String(value ?? '');
    },
    _customer_ip_address: (draft, value) => {
      draft.customerIpAddress = String(value ?? '');
    },
    _customer_user_agent: (draft, value) => {
      draft.customerUserAgent = String(value ?? '');
    },
    _created_via: (draft, value) => {
      draft.createdVia = String(value ?? '');
    },
    _order_key: (draft, value) => {
      draft.orderKey = String(value ?? '');
    },
  };

/**
 * Internal keys WooCommerce hides from `meta_data` and has no setter for: written, they vanish.
 * (plugins/woocommerce/includes/data-stores/class-wc-order-data-store-cpt.php, internal_meta_keys.)
 */
const HIDDEN_META = new Set([
  '_customer_user',
  '_order_currency',
  '_order_total',
  '_order_tax',
  '_order_shipping',
  '_order_shipping_tax',
  '_cart_discount',
  '_cart_discount_tax',
  '_order_version',
  '_prices_include_tax',
  '_date_paid',
  '_date_completed',
  '_paid_date',
  '_completed_date',
  '_billing_address_index',
  '_shipping_address_index',
  '_download_permissions_granted',
  '_order_stock_reduced',
  '_recorded_sales',
  '_recorded_coupon_usage_counts',
  '_new_order_email_sent',
]);

function updateItemMeta(
  rows: readonly MetaRow[],
  posted: Body,
  nextId: () => number,
): readonly MetaRow[] {
  const list = asList(posted.meta_data);
  // maybe_set_item_meta_data: only a non-empty list, only entries with a key.
  if (list.length === 0) return rows;
  const meta = editMeta(rows);
  for (const entry of list) {
    const row = asObject(entry);
    if (isSet(row.key)) meta.update(String(row.key), row.value, row.id);
  }
  return meta.save(nextId);
}

type ItemKind = 'line_items' | 'shipping_lines' | 'fee_lines';

function productIdOf(
  posted: Body,
  action: 'create' | 'update',
  context: OrderWriteContext,
): number {
  if (!phpEmpty(posted.sku)) return context.productBySku(String(posted.sku))?.id ?? 0;
  if (!phpEmpty(posted.product_id) && phpEmpty(posted.variation_id))
    return Math.trunc(Number(posted.product_id)) || 0;
  if (!phpEmpty(posted.variation_id)) return Math.trunc(Number(posted.variation_id)) || 0;
  if (action === 'update') return 0;
  throw new WpError(
    'woocommerce_rest_required_product_reference',
    'Product ID or SKU is required.',
    400,
  );
}

function prepareLineItem(
  posted: Body,
  existing: LineItemRecord | undefined,
  context: OrderWriteContext,
): LineItemRecord {
  const action = existing === undefined ? 'create' : 'update';
  const item: Draft<LineItemRecord> = existing
    ? { ...existing }
    : {
        id: 0,
        name: '',
        productId: 0,
        variationId: 0,
        quantity: 1,
        taxClass: '',
        subtotal: 0,
        total: 0,
        meta: [],
      };
  const product = context.product(productIdOf(posted, action, context));
  if (product !== undefined && product.id !== (item.variationId || item.productId)) {
    item.productId = product.id;
    item.variationId = 0;
    item.name = product.name;
    if (action === 'create') {
      const quantity = isSet(posted.quantity) ? Math.trunc(Number(posted.quantity)) : 1;
      item.total = parseDecimal(product.price) * quantity;
      item.subtotal = item.total;
    }
  }
  if (isSet(posted.name)) item.name = String(posted.name);
  if (isSet(posted.quantity)) item.quantity = Math.trunc(Number(posted.quantity));
  if (isSet(posted.total)) item.total = parseDecimal(posted.total);
  if (isSet(posted.subtotal)) item.subtotal = parseDecimal(posted.subtotal);
  if (isSet(posted.tax_class)) item.taxClass = String(posted.tax_class);
  item.meta = updateItemMeta(item.meta, posted, context.nextItemMetaId);
  if (item.id === 0) item.id = context.nextItemId();
  return item;
}

function prepareShippingLine(
  posted: Body,
  existing: ShippingLineRecord | undefined,
  context: OrderWriteContext,
): ShippingLineRecord {
  if (existing === undefined && phpEmpty(posted.method_id)) {
    throw new WpError(
      'woocommerce_rest_invalid_shipping_item',
      'Shipping method ID is required.',
      400,
    );
  }
  const line: Draft<ShippingLineRecord> = existing
    ? { ...existing }
    : { id: 0, methodTitle: '', methodId: '', instanceId: '', total: 0, meta: [] };
  if (isSet(posted.method_id)) line.methodId = String(posted.method_id);
  if (isSet(posted.method_title)) line.methodTitle = String(posted.method_title);
  if (isSet(posted.total)) line.total = parseDecimal(posted.total);
  if (isSet(posted.instance_id)) line.instanceId = String(posted.instance_id);
  line.meta = updateItemMeta(line.meta, posted, context.nextItemMetaId);
  if (line.id === 0) line.id = context.nextItemId();
  return line;
}

function prepareFeeLine(
  posted: Body,
  existing: FeeLineRecord | undefined,
  context: OrderWriteContext,
): FeeLineRecord {
  if (existing === undefined && phpEmpty(posted.name)) {
    throw new WpError('woocommerce_rest_invalid_fee_item', 'Fee name is required.', 400);
  }
  const line: Draft<FeeLineRecord> = existing
    ? { ...existing }
    : { id: 0, name: '', taxClass: '', taxStatus: 'taxable', total: 0, meta: [] };
  if (isSet(posted.name)) line.name = String(posted.name);
  if (isSet(posted.tax_class)) line.taxClass = String(posted.tax_class);
  if (posted.tax_status === 'taxable' || posted.tax_status === 'none')
    line.taxStatus = posted.tax_status;
  if (isSet(posted.total)) line.total = parseDecimal(posted.total);
  line.meta = updateItemMeta(line.meta, posted, context.nextItemMetaId);
  if (line.id === 0) line.id = context.nextItemId();
  return line;
}

const ITEM_FIELDS = {
  line_items: 'lineItems',
  shipping_lines: 'shippingLines',
  fee_lines: 'feeLines',
} as const;

/** `item_is_null`: one of the naming fields sent as `null` means "remove this item". */
const itemIsNull = (item: Body) =>
  ['product_id', 'method_id', 'method_title', 'name', 'code'].some(
    (key) => key in item && item[key] === null,
  );

/** The item list of one kind with `next` put in place of item `id`, or appended, or `id` removed. */
function replaced<T extends { id: number }>(
  list: readonly T[],
  id: number | undefined,
  next: T | undefined,
): T[] {
  if (next === undefined) return list.filter((item) => item.id !== id);
  if (id === undefined) return [...list, next];
  return list.map((item) => (item.id === id ? next : item));
}

function applyItems(
  draft: Draft<OrderRecord>,
  kind: ItemKind,
  value: unknown,
  context: OrderWriteContext,
): void {
  for (const entry of asList(value)) {
    if (entry === null || typeof entry !== 'object') continue;
    const posted = entry as Body;
    const current: readonly { id: number }[] = draft[ITEM_FIELDS[kind]];
    const remove = itemIsNull(posted) || posted.quantity === 0 || posted.quantity === '0';
    // Without an id the item is new: editing a shipping line without its id adds a second one.
    const id = phpEmpty(posted.id) ? undefined : Math.abs(Math.trunc(Number(posted.id)));
    const exists = id !== undefined && current.some((item) => item.id === id);
    if ((remove || id !== undefined) && !exists) throw invalidItem();
    if (kind === 'line_items') {
      const existing = draft.lineItems.find((item) => item.id === id);
      const next = remove ? undefined : prepareLineItem(posted, existing, context);
      draft.lineItems = replaced(draft.lineItems, id, next);
    } else if (kind === 'shipping_lines') {
      const existing = draft.shippingLines.find((line) => line.id === id);
      const next = remove ? undefined : prepareShippingLine(posted, existing, context);
      draft.shippingLines = replaced(draft.shippingLines, id, next);
    } else {
      const existing = draft.feeLines.find((line) => line.id === id);
      const next = remove ? undefined : prepareFeeLine(posted, existing, context);
      draft.feeLines = replaced(draft.feeLines, id, next);
    }
  }
}

function applyMeta(draft: Draft<OrderRecord>, value: unknown, context: OrderWriteContext): void {
  const meta = editMeta(draft.meta);
  for (const entry of asList(value)) {
    const row = asObject(entry);
    if (!isSet(row.key)) continue;
    const key = String(row.key);
    const setter = INTERNAL_META[key];
    if (setter !== undefined) setter(draft, row.value);
    else if (!HIDDEN_META.has(key)) meta.update(key, row.value, row.id);
  }
  draft.meta = meta.save(context.nextOrderMetaId);
}

function newOrder(context: OrderWriteContext): Draft<OrderRecord> {
  return {
    id: 0,
    parentId: 0,
    orderKey: `wc_order_${context.randomKey()}`,
    createdVia: 'rest-api',
    version: context.wcVersion,
    status: 'pending',
    currency: context.currency,
    createdGmt: context.now,
    modifiedGmt: context.now,
    paidGmt: null,
    completedGmt: null,
    pricesIncludeTax: context.pricesIncludeTax,
    customerId: 0,
    customerIpAddress: '',
    customerUserAgent: '',
    customerNote: '',
    billing: emptyAddress(true),
    shipping: emptyAddress(false),
    paymentMethod: '',
    paymentMethodTitle: '',
    transactionId: '',
    cartHash: '',
    meta: [],
    lineItems: [],
    shippingLines: [],
    feeLines: [],
  };
}

/** `set_status`: the transition note and the paid / completed dates it sets. */
function setStatus(
  draft: Draft<OrderRecord>,
  status: OrderStatus,
  now: number,
  notes: SystemNote[],
): void {
  if (draft.status === status) return;
  notes.push({
    note: `Order status changed from ${STATUS_NAMES[draft.status]} to ${STATUS_NAMES[status]}.`,
  });
  draft.status = status;
  if ((status === 'processing' || status === 'completed') && draft.paidGmt === null)
    draft.paidGmt = now;
  if (status === 'completed') draft.completedGmt = now;
}

function checkCoupons(value: unknown): void {
  for (const entry of asList(value)) {
    const coupon = asObject(entry);
    if (!phpEmpty(coupon.id)) {
      throw new WpError(
        'woocommerce_rest_coupon_item_id_readonly',
        'Coupon item ID is readonly.',
        400,
      );
    }
    const code = typeof coupon.code === 'string' ? coupon.code.trim() : '';
    if (code === '')
      throw new WpError('woocommerce_rest_invalid_coupon', 'Coupon code is required.', 400);
    // The simulated shop has no coupons, so every code is unknown.
    throw new WpError(
      'woocommerce_rest_invalid_coupon',
      `Coupon "${code.toLowerCase()}" does not exist!`,
      400,
    );
  }
}

const WRITABLE_SCALARS = {
  parent_id: (draft: Draft<OrderRecord>, value: unknown) => {
    draft.parentId = Math.trunc(Number(value)) || 0;
  },
  currency: (draft: Draft<OrderRecord>, value: unknown) => {
    draft.currency = String(value);
  },
  customer_id: (draft: Draft<OrderRecord>, value: unknown) => {
    draft.customerId = Math.trunc(Number(value)) || 0;
  },
  customer_note: (draft: Draft<OrderRecord>, value: unknown) => {
    draft.customerNote = String(value);
  },
  payment_method: (draft: Draft<OrderRecord>, value: unknown) => {
    draft.paymentMethod = String(value);
  },
  payment_method_title: (draft: Draft<OrderRecord>, value: unknown) => {
    draft.paymentMethodTitle = String(value).trim();
  },
  transaction_id: (draft: Draft<OrderRecord>, value: unknown) => {
    draft.transactionId = String(value);
  },
} as const;

/**
 * Applies a create or update body. Fields sent as `null` count as not sent; only the fields sent
 * change. Throws a {@link WpError} (nothing saved) or a {@link DraftLeftBehindError}.
 *
 * @example
 * const { order } = writeOrder(undefined, { line_items: [{ product_id: 101, quantity: 2 }] }, context);
 */
export function writeOrder(
  existing: OrderRecord | undefined,
  body: Body,
  context: OrderWriteContext,
): OrderWriteResult {
  const creating = existing === undefined;
  const draft: Draft<OrderRecord> = creating ? newOrder(context) : { ...existing };
  const notes: SystemNote[] = [];
  for (const [key, apply] of Object.entries(WRITABLE_SCALARS))
    if (isSet(body[key])) apply(draft, body[key]);
  if (isSet(body.billing)) draft.billing = setAddress(draft.billing, asObject(body.billing), true);
  if (isSet(body.shipping))
    draft.shipping = setAddress(draft.shipping, asObject(body.shipping), false);
  if (isSet(body.meta_data)) applyMeta(draft, body.meta_data, context);
  for (const kind of ['line_items', 'shipping_lines', 'fee_lines'] as const) {
    if (isSet(body[kind])) applyItems(draft, kind, body[kind], context);
  }
  if (creating && !phpEmpty(body.created_via)) draft.createdVia = String(body.created_via).trim();
  if (draft.customerId !== 0 && !context.userExists(draft.customerId)) {
    throw new WpError('woocommerce_rest_invalid_customer_id', 'Customer ID is invalid.', 400);
  }
  if (creating) draft.id = context.nextOrderId();
  draft.modifiedGmt = context.now;
  if (isSet(body.coupon_lines)) {
    try {
      checkCoupons(body.coupon_lines);
    } catch (error) {
      if (creating && error instanceof WpError) {
        throw new DraftLeftBehindError(error, { ...draft, status: 'checkout-draft' });
      }
      throw error;
    }
  }
  if (!phpEmpty(body.status)) setStatus(draft, body.status as OrderStatus, context.now, notes);
  // payment_complete(): only from a status that can still be paid.
  const payable = ['on-hold', 'pending', 'failed', 'cancelled'].includes(draft.status);
  if (body.set_paid === true && (creating || needsPayment(draft)) && payable) {
    if (isSet(body.transaction_id)) draft.transactionId = String(body.transaction_id);
    draft.paidGmt = context.now;
    setStatus(draft, needsProcessing(draft) ? 'processing' : 'completed', context.now, notes);
  }
  return { order: draft, created: creating, notes };
}
