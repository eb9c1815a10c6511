// An order as `GET /wc/v3/orders/<id>` answers it (woocommerce/woocommerce: plugins/woocommerce/
// includes/rest-api/Controllers/Version2/class-wc-rest-orders-v2-controller.php,
// get_formatted_item_data, get_order_item_data, prepare_links), field for field and in order.
import type { StoreZone } from '../dates';
import { datePair, formatDecimal, link } from '../format';
import type { MetaRow } from '../meta';
import type { ProductRecord } from '../products';
import type { WcItemMeta, WcLinks, WcOrder } from '../types';
import type { OrderRecord } from './order-record';
import { isEditable, needsPayment, needsProcessing, orderTotals } from './order-record';

export interface OrderFormatContext {
  zone: StoreZone;
  /** The shop's home URL, for `_links` and `payment_url`. */
  origin: string;
  product(id: number): ProductRecord | undefined;
  /** `dp`: decimals for money (default 2). */
  dp?: number;
  /** `include_meta` / `exclude_meta` (Version2 controller, get_meta_data_for_response). */
  includeMeta?: readonly string[];
  excludeMeta?: readonly string[];
}

const itemMeta = (rows: readonly MetaRow[]): WcItemMeta[] =>
  rows.map((row) => ({
    id: row.id,
    key: row.key,
    value: row.value,
    display_key: row.key,
    display_value: row.value,
  }));

function orderMeta(rows: readonly MetaRow[], context: OrderFormatContext) {
  const include = context.includeMeta ?? [];
  const exclude = context.excludeMeta ?? [];
  return rows
    .filter(
      (row) => (include.length === 0 || include.includes(row.key)) && !exclude.includes(row.key),
    )
    .map((row) => ({ id: row.id, key: row.key, value: row.value }));
}

/** The `_links` of an order: self, collection, and customer / up when it has them. */
export function orderLinks(order: OrderRecord, origin: string): WcLinks {
  const base = `${origin}/wp-json/wc/v3`;
  const links: WcLinks = {
    self: link(`${base}/orders/${order.id}`),
    collection: link(`${base}/orders`),
  };
  if (order.customerId !== 0) links.customer = link(`${base}/customers/${order.customerId}`);
  if (order.parentId !== 0) links.up = link(`${base}/orders/${order.parentId}`);
  return links;
}

/**
 * The v3 JSON of an order: money as strings with `dp` decimals, each date as store-local wall time
 * and as GMT (no zone in either), `meta_data` rows with ids, items with their own meta.
 *
 * @example
 * formatOrder(store.get(42)!, { zone, origin: shop.url, product: (id) => products.get(id) });
 */
export function formatOrder(order: OrderRecord, context: OrderFormatContext): WcOrder {
  const dp = context.dp ?? 2;
  const money = (value: number) => formatDecimal(value, dp);
  const zero = money(0);
  const totals = orderTotals(order);
  const [dateCreated, dateCreatedGmt] = datePair(context.zone, order.createdGmt);
  const [dateModified, dateModifiedGmt] = datePair(context.zone, order.modifiedGmt);
  const [datePaid, datePaidGmt] = datePair(context.zone, order.paidGmt);
  const [dateCompleted, dateCompletedGmt] = datePair(context.zone, order.completedGmt);
  return {
    id: order.id,
    parent_id: order.parentId,
    number: String(order.id),
    order_key: order.orderKey,
    created_via: order.createdVia,
    version: order.version,
    status: order.status,
    currency: order.currency,
    date_created: dateCreated as string,
    date_created_gmt: dateCreatedGmt as string,
    date_modified: dateModified as string,
    date_modified_gmt: dateModifiedGmt as string,
    discount_total: zero,
    discount_tax: zero,
    shipping_total: money(totals.shipping),
    shipping_tax: zero,
    cart_tax: zero,
    total: money(totals.total),
    total_tax: zero,
    prices_include_tax: order.pricesIncludeTax,
    customer_id: order.customerId,
    customer_ip_address: order.customerIpAddress,
    customer_user_agent: order.customerUserAgent,
    customer_note: order.customerNote,
    billing: { ...order.billing },
    shipping: { ...order.shipping },
    payment_method: order.paymentMethod,
    payment_method_title: order.paymentMethodTitle,
    transaction_id: order.transactionId,
    date_paid: datePaid,
    date_paid_gmt: datePaidGmt,
    date_completed: dateCompleted,
    date_completed_gmt: dateCompletedGmt,
    cart_hash: order.cartHash,
    meta_data: orderMeta(order.meta, context),
    line_items: order.lineItems.map((item) => {
      const product = context.product(item.variationId || item.productId);
      return {
        id: item.id,
        name: item.name,
        product_id: item.productId,
        variation_id: item.variationId,
        quantity: item.quantity,
        tax_class: item.taxClass,
        subtotal: money(item.subtotal),
        subtotal_tax: zero,
        total: money(item.total),
        total_tax: zero,
        taxes: [],
        meta_data: itemMeta(item.meta),
        sku: product === undefined ? null : product.sku,
        // A number, not a string: `get_total() / get_quantity()`.
        price: item.quantity === 0 ? 0 : item.total / item.quantity,
        image: { id: 0, src: '' },
        parent_name: null,
      };
    }),
    tax_lines: [],
    shipping_lines: order.shippingLines.map((line) => ({
      id: line.id,
      method_title: line.methodTitle,
      method_id: line.methodId,
      instance_id: line.instanceId,
      total: money(line.total),
      total_tax: zero,
      taxes: [],
      meta_data: itemMeta(line.meta),
    })),
    fee_lines: order.feeLines.map((line) => ({
      id: line.id,
      name: line.name,
      tax_class: line.taxClass,
      tax_status: line.taxStatus,
      total: money(line.total),
      total_tax: zero,
      taxes: [],
      meta_data: itemMeta(line.meta),
    })),
    coupon_lines: [],
    refunds: [],
    payment_url: `${context.origin}/checkout/order-pay/${order.id}/?pay_for_order=true&key=${order.orderKey}`,
    is_editable: isEditable(order),
    needs_payment: needsPayment(order),
    needs_processing: needsProcessing(order),
    _links: orderLinks(order, context.origin),
  };
}
