// The JSON the simulator answers with, typed, as documented in
// woocommerce/woocommerce-rest-api-docs:source/includes/wp-api-v3/_orders.md, _order-notes.md and
// _webhooks.md and as plugins/woocommerce/includes/rest-api/Controllers/Version2/
// class-wc-rest-orders-v2-controller.php builds it.

export interface WcLink {
  href: string;
}
export type WcLinks = Record<string, WcLink[]>;

export interface WcMeta {
  id: number;
  key: string;
  value: unknown;
}

/** Order item meta also carries display fields. */
export interface WcItemMeta extends WcMeta {
  display_key: string;
  display_value: unknown;
}

export interface WcAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

export interface WcTax {
  id: number;
  total: string;
  subtotal: string;
}

export interface WcLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  taxes: WcTax[];
  meta_data: WcItemMeta[];
  sku: string | null;
  price: number;
  image: { id: number; src: string };
  parent_name: string | null;
}

export interface WcShippingLine {
  id: number;
  method_title: string;
  method_id: string;
  instance_id: string;
  total: string;
  total_tax: string;
  taxes: WcTax[];
  meta_data: WcItemMeta[];
}

export interface WcFeeLine {
  id: number;
  name: string;
  tax_class: string;
  tax_status: string;
  total: string;
  total_tax: string;
  taxes: WcTax[];
  meta_data: WcItemMeta[];
}

/** A v3 order, every field of the documented schema. */
export interface WcOrder {
  id: number;
  parent_id: number;
  number: string;
  order_key: string;
  created_via: string;
  version: string;
  status: string;
  currency: string;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  prices_include_tax: boolean;
  customer_id: number;
  customer_ip_address: string;
  customer_user_agent: string;
  customer_note: string;
  billing: WcAddress;
  shipping: WcAddress;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  date_paid: string | null;
  date_paid_gmt: string | null;
  date_completed: string | null;
  date_completed_gmt: string | null;
  cart_hash: string;
  meta_data: WcMeta[];
  line_items: WcLineItem[];
  tax_lines: unknown[];
  shipping_lines: WcShippingLine[];
  fee_lines: WcFeeLine[];
  coupon_lines: unknown[];
  refunds: unknown[];
  payment_url: string;
  is_editable: boolean;
  needs_payment: boolean;
  needs_processing: boolean;
  _links: WcLinks;
}

export interface WcOrderNote {
  id: number;
  author: string;
  date_created: string;
  date_created_gmt: string;
  note: string;
  customer_note: boolean;
  _links: WcLinks;
}

export interface WcWebhook {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled';
  topic: string;
  resource: string;
  event: string;
  hooks: string[];
  delivery_url: string;
  /** Only in `context=edit` answers (create and update). */
  secret?: string;
  date_created: string | null;
  date_created_gmt: string | null;
  date_modified: string | null;
  date_modified_gmt: string | null;
  _links: WcLinks;
}

export interface WcShipmentTracking {
  tracking_id: string;
  tracking_provider: string;
  tracking_link: string;
  tracking_number: string;
  date_shipped: string;
  _links: WcLinks;
}
