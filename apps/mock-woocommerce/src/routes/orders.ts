// `/wc/v3/orders` (woocommerce/woocommerce: plugins/woocommerce/includes/rest-api/Controllers/
// Version3/class-wc-rest-crud-controller.php get_item, create_item, update_item, delete_item,
// get_items; Version3/class-wc-rest-orders-controller.php; Version2/class-wc-rest-orders-v2-controller.php).
import { filterWallTime, parseRestDate, toSeconds } from '../dates';
import { WpError } from '../errors';
import type { Answer } from '../http';
import type { DateFilter, OrderQuery } from '../orders/order-query';
import { queryOrders } from '../orders/order-query';
import type { OrderRecord } from '../orders/order-record';
import type { DateField } from '../orders/order-store';
import { validateArgs } from '../rest-schema';
import type { Shop } from '../shop';
import { runBatch } from './batch';
import { FORCE_ARG, ORDER_GET_ARGS, ORDER_LIST_ARGS, orderWriteArgs } from './order-args';
import type { Route, RouteContext } from './route';
import { editable, paginationHeaders, route } from './route';

const invalidId = (status: number) =>
  new WpError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', status);

/** `_fields`: only the named top-level fields (`_links` only when named too). */
export function pickFields(
  json: Record<string, unknown>,
  fields: unknown,
): Record<string, unknown> {
  if (!Array.isArray(fields) || fields.length === 0) return json;
  const wanted = new Set([...fields.map((field) => String(field).trim().split('.')[0]), 'id']);
  return Object.fromEntries(Object.entries(json).filter(([key]) => wanted.has(key)));
}

function orderJson(context: RouteContext, order: OrderRecord): Record<string, unknown> {
  const { params } = context;
  const json = context.shop.format(order, {
    origin: context.origin,
    dp: typeof params.dp === 'number' ? Math.abs(params.dp) : 2,
    includeMeta: (params.include_meta as string[] | undefined) ?? [],
    excludeMeta: (params.exclude_meta as string[] | undefined) ?? [],
  });
  return pickFields(json as unknown as Record<string, unknown>, params._fields);
}

const DATE_PARAMS: readonly [string, DateField, DateFilter['op']][] = [
  ['after', 'createdGmt', 'after'],
  ['before', 'createdGmt', 'before'],
  ['modified_after', 'modifiedGmt', 'after'],
  ['modified_before', 'modifiedGmt', 'before'],
];

function listQuery(context: RouteContext): OrderQuery {
  const { params, shop } = context;
  const statuses = (params.status as string[]).map(String);
  const include = params.include as number[];
  const orderby = params.orderby as OrderQuery['orderby'];
  const dates: DateFilter[] = [];
  for (const [name, field, op] of DATE_PARAMS) {
    if (typeof params[name] !== 'string') continue;
    const date = parseRestDate(params[name] as string);
    if (date !== undefined)
      dates.push({ field, op, wallMs: toSeconds(filterWallTime(date, shop.settings.zone)) });
  }
  return {
    statuses: statuses.includes('any') ? undefined : new Set(statuses),
    include,
    exclude: new Set(params.exclude as number[]),
    parent: params.parent as number[],
    parentExclude: new Set(params.parent_exclude as number[]),
    customer: params.customer === undefined ? undefined : Math.abs(params.customer as number),
    product: params.product === undefined ? undefined : Math.abs(params.product as number),
    createdVia: Array.isArray(params.created_via)
      ? new Set(params.created_via.map(String))
      : undefined,
    search: typeof params.search === 'string' ? params.search : undefined,
    dates,
    datesAreGmt: params.dates_are_gmt === true,
    orderby: orderby === 'include' && include.length === 0 ? 'date' : orderby,
    order: params.order as OrderQuery['order'],
    perPage: Math.abs(params.per_page as number),
    page: params.page as number,
    offset: params.offset === undefined ? undefined : Math.abs(params.offset as number),
  };
}

function list(context: RouteContext): Answer {
  const query = listQuery(context);
  const page = queryOrders(context.shop.orders, context.shop.settings.zone, query);
  return {
    status: 200,
    headers: paginationHeaders(
      `${context.origin}/wp-json/wc/v3/orders`,
      context.query,
      query.page,
      page.total,
      page.pages,
    ),
    body: page.orders.map((order) => orderJson(context, order)),
  };
}

/** `do_action( 'woocommerce_rest_insert_shop_order_object', … )`: each plugin's hook in turn. */
const afterRestInsert = (shop: Shop, order: OrderRecord) =>
  shop.restInsertHooks.reduce((current, hook) => hook(current), order);

/** A create as WooCommerce runs it, for the route and for batch items alike. */
function create(shop: Shop, context: RouteContext, body: Record<string, unknown>): Answer {
  if (
    body.id !== undefined &&
    body.id !== null &&
    body.id !== 0 &&
    body.id !== '' &&
    body.id !== '0'
  ) {
    throw new WpError(
      'woocommerce_rest_shop_order_exists',
      'Cannot create existing shop_order.',
      400,
    );
  }
  const order = afterRestInsert(shop, shop.createOrder(body));
  return {
    status: 201,
    headers: { Location: `${context.origin}/wp-json/wc/v3/orders/${order.id}` },
    body: orderJson(context, order),
  };
}

function update(
  shop: Shop,
  context: RouteContext,
  id: number,
  body: Record<string, unknown>,
): Answer {
  if (shop.orders.get(id) === undefined) throw invalidId(400);
  return {
    status: 200,
    body: orderJson(context, afterRestInsert(shop, shop.updateOrder(id, body))),
  };
}

function remove(shop: Shop, context: RouteContext, id: number, force: boolean): Answer {
  const order = shop.orders.get(id);
  if (order === undefined) throw invalidId(404);
  // The answer is the order as it was before the delete.
  const body = orderJson(context, order);
  if (force) {
    shop.deleteOrder(id);
  } else {
    if (order.status === 'trash') {
      throw new WpError(
        'woocommerce_rest_already_trashed',
        'The shop_order has already been deleted.',
        410,
      );
    }
    shop.trashOrder(id);
  }
  return { status: 200, body };
}

const idOf = (context: RouteContext) => Number(context.url.id);

/** The routes of `/wc/v3/orders`. */
export function orderRoutes(currency: string): Route[] {
  const createArgs = orderWriteArgs(currency, true);
  const updateArgs = orderWriteArgs(currency, false);
  return [
    route('orders', '/wc/v3/orders', {
      GET: { permission: 'list', args: ORDER_LIST_ARGS, run: list },
      POST: {
        permission: 'create',
        args: createArgs,
        run: (context) => create(context.shop, context, context.params),
      },
    }),
    route(
      'orders',
      '/wc/v3/orders/batch',
      editable({
        permission: 'batch',
        args: updateArgs,
        run: (context) =>
          runBatch(context.params, {
            // Batch items skip the route's argument validation but get its defaults.
            create: async (item) =>
              create(context.shop, context, { ...validateArgs(createArgs, {}), ...item }).body,
            update: async (item) =>
              update(context.shop, context, Math.trunc(Number(item.id)) || 0, item).body,
            delete: async (id) => remove(context.shop, context, id, true).body,
          }),
      }),
    ),
    route('orders', '/wc/v3/orders/(?P<id>[\\d]+)', {
      GET: {
        permission: 'view',
        args: ORDER_GET_ARGS,
        run(context) {
          const order = context.shop.orders.get(idOf(context));
          if (order === undefined) throw invalidId(404);
          return { status: 200, body: orderJson(context, order) };
        },
      },
      ...editable({
        permission: 'edit',
        args: updateArgs,
        run: (context) => update(context.shop, context, idOf(context), context.params),
      }),
      DELETE: {
        permission: 'delete',
        args: FORCE_ARG,
        run: (context) =>
          remove(context.shop, context, idOf(context), context.params.force === true),
      },
    }),
  ];
}
