/**
 * The parts of WooCommerce's REST v3 JSON the sync service reads, typed loosely on purpose: a
 * shop's plugins add fields, and only these are relied on (shops.md §1.2, §6).
 */

export interface WooMeta {
  id?: number;
  key: string;
  value: unknown;
}

/** A billing or shipping address of a WooCommerce order, as the REST API (v3) sends it. */
export interface WooAddress {
  first_name?: string;
  last_name?: string;
  company?: string;
  address_1?: string;
  address_2?: string;
  city?: string;
  postcode?: string;
  country?: string;
  email?: string;
  phone?: string;
}

/** A shipping line of an order: the method id tells whether the customer chose PickPost. */
export interface WooShippingLine {
  id: number;
  method_id: string;
  method_title?: string;
  instance_id?: string;
}

/** An order line: the product and quantity, which give the parcel's weight. */
export interface WooLineItem {
  id: number;
  product_id: number;
  variation_id?: number;
  quantity: number;
}

/** The fields of a WooCommerce order (REST API v3) the sync reads; the API sends more. */
export interface WooOrder {
  id: number;
  status: string;
  date_modified_gmt: string;
  customer_id: number;
  billing: WooAddress;
  shipping: WooAddress;
  line_items: WooLineItem[];
  shipping_lines: WooShippingLine[];
  meta_data: WooMeta[];
}

/**
 * An order note, as the REST API sends it; read after a lost answer, so a note is not written
 * twice.
 */
export interface WooNote {
  id: number;
  note: string;
  customer_note: boolean;
}

/** A WooCommerce webhook, as the REST API sends it; `ensureWebhooks` reads and sets these. */
export interface WooWebhook {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled';
  topic: string;
  delivery_url: string;
}

/** The fields of a product the sync reads: its weight, in the shop's weight unit. */
export interface WooProduct {
  id: number;
  weight: string;
}

/** One order's change in a batch: only the fields that change (shops.md §1.3). */
export interface OrderUpdate {
  id: number;
  status?: string;
  meta_data?: WooMeta[];
}

/** What a batch said about one item. */
export type BatchItemResult =
  | { id: number; ok: true; order: WooOrder }
  | { id: number; ok: false; code: string; message: string; status: number | undefined };
