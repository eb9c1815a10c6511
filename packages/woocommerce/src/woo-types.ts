/**
 * The parts of WooCommerce's REST v3 JSON the sync service reads, typed loosely on purpose: a
 * shop's plugins add fields, and only these are relied on (shops.md §1.2, §6).
 */

export interface WooMeta {
  id?: number;
  key: string;
  value: unknown;
}

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

export interface WooShippingLine {
  id: number;
  method_id: string;
  method_title?: string;
  instance_id?: string;
}

export interface WooLineItem {
  id: number;
  product_id: number;
  variation_id?: number;
  quantity: number;
}

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

export interface WooNote {
  id: number;
  note: string;
  customer_note: boolean;
}

export interface WooWebhook {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled';
  topic: string;
  delivery_url: string;
}

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
