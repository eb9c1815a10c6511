// The argument schemas of the order routes (woocommerce/woocommerce: plugins/woocommerce/includes/
// rest-api/Controllers/Version2/class-wc-rest-orders-v2-controller.php get_item_schema,
// get_collection_params; Version3/class-wc-rest-crud-controller.php get_collection_params;
// Version3/class-wc-rest-controller.php adjust_wp_5_5_datatype_compatibility, which makes
// `mixed` accept anything and `date-time` a nullable string on write routes).
import { LISTABLE_STATUSES, WRITABLE_STATUSES } from '../orders/order-record';
import type { ArgSchema, ArgSchemas } from '../rest-schema';

/** The currencies `get_woocommerce_currencies()` knows (woocommerce-rest-api-docs, _orders.md). */
export const CURRENCIES = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTC BTN BWP ' +
  'BYR BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
  'GEL GGP GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS IMP INR IQD IRR IRT ISK JEP JMD JOD ' +
  'JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRO ' +
  'MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PRB PYG QAR RON RSD ' +
  'RUB RWF SAR SBD SCR SDG SEK SGD SHP SLL SOS SRD SSP STD SYP SZL THB TJS TMT TND TOP TRY TTD TWD ' +
  'TZS UAH UGX USD UYU UZS VEF VND VUV WST XAF XCD XOF XPF YER ZAR ZMW'
).split(' ');

const string: ArgSchema = { type: 'string' };
const integer: ArgSchema = { type: 'integer' };

const address = (withEmail: boolean): ArgSchema => ({
  type: 'object',
  properties: {
    first_name: string,
    last_name: string,
    company: string,
    address_1: string,
    address_2: string,
    city: string,
    state: string,
    postcode: string,
    country: string,
    ...(withEmail ? { email: { type: ['string', 'null'], format: 'email' } } : {}),
    phone: string,
  },
});

const metaList: ArgSchema = {
  type: 'array',
  items: { type: 'object', properties: { id: integer, key: string } },
};

const taxes: ArgSchema = { type: 'array' };

/** The writable order fields and their types; `mixed` fields have no type. */
export function orderWriteArgs(currency: string, creating: boolean): ArgSchemas {
  const withDefault = (schema: ArgSchema, value: unknown): ArgSchema =>
    creating ? { ...schema, default: value } : schema;
  return {
    parent_id: integer,
    status: withDefault({ type: 'string', enum: WRITABLE_STATUSES }, 'pending'),
    currency: withDefault({ type: 'string', enum: CURRENCIES }, currency),
    customer_id: withDefault(integer, 0),
    customer_note: string,
    billing: address(true),
    shipping: address(false),
    payment_method: string,
    payment_method_title: string,
    transaction_id: string,
    meta_data: metaList,
    line_items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: integer,
          variation_id: integer,
          quantity: integer,
          tax_class: string,
          subtotal: string,
          subtotal_tax: string,
          total: string,
          total_tax: string,
          taxes,
          meta_data: metaList,
          sku: string,
          price: { type: 'number' },
        },
      },
    },
    shipping_lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: integer,
          instance_id: string,
          total: string,
          total_tax: string,
          taxes,
          meta_data: metaList,
        },
      },
    },
    fee_lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: integer,
          tax_class: string,
          tax_status: { type: 'string', enum: ['taxable', 'none'] },
          total: string,
          total_tax: string,
          taxes,
          meta_data: metaList,
        },
      },
    },
    coupon_lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: integer, discount: string, discount_tax: string, meta_data: metaList },
      },
    },
    set_paid: withDefault({ type: 'boolean' }, false),
    created_via: string,
    manual_update: withDefault({ type: 'boolean' }, false),
  };
}

const dateArg: ArgSchema = { type: 'string', format: 'date-time' };
const idList: ArgSchema = { type: 'array', items: integer, default: [], parse: 'id-list' };

/** `context`, as every route takes it. */
export const CONTEXT_ARG: ArgSchema = { type: 'string', enum: ['view', 'edit'], default: 'view' };

/** The paging arguments every WooCommerce collection shares. */
export const PAGING_ARGS: ArgSchemas = {
  context: CONTEXT_ARG,
  page: { type: 'integer', default: 1, minimum: 1 },
  per_page: { type: 'integer', default: 10, minimum: 1, maximum: 100 },
  search: string,
  after: dateArg,
  before: dateArg,
  exclude: idList,
  include: idList,
  offset: integer,
  order: { type: 'string', default: 'desc', enum: ['asc', 'desc'] },
};

/** `GET /orders` arguments. */
export const ORDER_LIST_ARGS: ArgSchemas = {
  ...PAGING_ARGS,
  modified_after: dateArg,
  modified_before: dateArg,
  dates_are_gmt: { type: 'boolean', default: false },
  orderby: {
    type: 'string',
    default: 'date',
    enum: ['date', 'id', 'include', 'title', 'slug', 'modified'],
  },
  parent: idList,
  parent_exclude: idList,
  status: { type: 'array', items: { type: 'string', enum: LISTABLE_STATUSES }, default: 'any' },
  customer: integer,
  product: integer,
  dp: { type: 'integer', default: 2 },
  order_item_display_meta: { type: 'boolean', default: false },
  include_meta: { type: 'array', items: string, default: [], parse: 'list' },
  exclude_meta: { type: 'array', items: string, default: [], parse: 'list' },
  created_via: { type: 'array', items: string },
  _fields: { parse: 'list' },
};

/** `GET /orders/<id>` arguments. */
export const ORDER_GET_ARGS: ArgSchemas = {
  context: CONTEXT_ARG,
  dp: { type: 'integer', default: 2 },
  include_meta: ORDER_LIST_ARGS.include_meta as ArgSchema,
  exclude_meta: ORDER_LIST_ARGS.exclude_meta as ArgSchema,
  _fields: { parse: 'list' },
};

export const FORCE_ARG: ArgSchemas = { force: { type: 'boolean', default: false } };
