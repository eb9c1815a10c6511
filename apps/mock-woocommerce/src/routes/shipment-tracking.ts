// The Shipment Tracking extension's REST API (documented at
// https://woocommerce.com/document/shipment-tracking/ — "Shipment Tracking REST API"), an option
// of the simulator: `/wc-shipment-tracking/v3/orders/<order_id>/shipment-trackings`. Trackings
// live in the order meta `_wc_shipment_tracking_items`, so they also show in `meta_data` and
// adding one is an order update (webhooks fire).
import { createHash } from 'node:crypto';
import { formatWall, parseRestDate } from '../dates';
import { WpError } from '../errors';
import { link } from '../format';
import { editMeta } from '../meta';
import type { OrderRecord } from '../orders/order-record';
import type { WcShipmentTracking } from '../types';
import type { Route, RouteContext } from './route';
import { route } from './route';

/** The order meta key the extension keeps its items under. */
export const TRACKING_META_KEY = '_wc_shipment_tracking_items';

interface TrackingItem {
  tracking_provider: string;
  custom_tracking_provider: string;
  custom_tracking_link: string;
  tracking_number: string;
  /** Unix seconds. */
  date_shipped: number;
  tracking_id: string;
}

/**
 * The predefined providers the simulator knows, with their link templates (`%1$s` the number,
 * `%2$s` the postcode). A stand-in for the extension's long list: the names are real carriers,
 * the templates are the simulator's own.
 */
export const TRACKING_PROVIDERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Switzerland: {
    'Swiss Post': 'https://service.post.ch/ekp-web/ui/entry/search/%1$s',
  },
  Germany: {
    'DHL Intraship (DE)':
      'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=%1$s',
  },
  Global: {
    'DHL Express': 'https://www.dhl.com/en/express/tracking.html?AWB=%1$s',
    UPS: 'https://www.ups.com/track?tracknum=%1$s',
  },
};

function providerLink(provider: string): string | undefined {
  for (const providers of Object.values(TRACKING_PROVIDERS)) {
    const template = providers[provider];
    if (template !== undefined) return template;
  }
  return undefined;
}

function itemsOf(order: OrderRecord): TrackingItem[] {
  const row = order.meta.find((meta) => meta.key === TRACKING_META_KEY);
  return Array.isArray(row?.value) ? (row.value as TrackingItem[]) : [];
}

function orderOf(context: RouteContext): OrderRecord {
  const order = context.shop.orders.get(Number(context.url.order_id));
  if (order === undefined)
    throw new WpError('woocommerce_rest_order_invalid_id', 'Invalid order ID.', 404);
  return order;
}

function json(context: RouteContext, orderId: number, item: TrackingItem): WcShipmentTracking {
  const postcode = context.shop.orders.get(orderId)?.shipping.postcode ?? '';
  const template =
    item.custom_tracking_provider !== ''
      ? item.custom_tracking_link
      : (providerLink(item.tracking_provider) ?? '');
  const base = `${context.origin}/wp-json/wc-shipment-tracking/v3/orders/${orderId}`;
  return {
    tracking_id: item.tracking_id,
    tracking_provider:
      item.custom_tracking_provider !== '' ? item.custom_tracking_provider : item.tracking_provider,
    tracking_link: template
      .replace('%1$s', encodeURIComponent(item.tracking_number))
      .replace('%2$s', encodeURIComponent(postcode)),
    tracking_number: item.tracking_number,
    date_shipped: formatWall(context.shop.settings.zone.toLocal(item.date_shipped * 1000)).slice(
      0,
      10,
    ),
    _links: {
      self: link(`${base}/shipment-trackings/${item.tracking_id}`),
      collection: link(`${base}/shipment-trackings`),
      up: link(`${context.origin}/wp-json/wc/v3/orders/${orderId}`),
    },
  };
}

/** `strtotime` for the shapes a client sends: unix seconds, `YYYY-MM-DD` (local midnight), ISO 8601. */
function shippedAt(context: RouteContext, value: unknown): number {
  const zone = context.shop.settings.zone;
  const now = Math.floor(context.shop.settings.now() / 1000);
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,11}$/.test(value)))
    return Number(value);
  if (typeof value !== 'string' || value === '') return now;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day !== null)
    return Math.floor(
      zone.fromLocal(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) / 1000,
    );
  const date = parseRestDate(value);
  if (date === undefined) return now;
  return Math.floor((date.kind === 'instant' ? date.utcMs : zone.fromLocal(date.wallMs)) / 1000);
}

function writeItems(context: RouteContext, order: OrderRecord, items: TrackingItem[]): void {
  context.shop.updateMeta(order.id, (rows) => {
    const meta = editMeta(rows);
    meta.update(TRACKING_META_KEY, items.length === 0 ? null : items);
    return meta.save(context.shop.nextOrderMetaId);
  });
}

/** The Shipment Tracking routes. */
export function shipmentTrackingRoutes(): Route[] {
  let trackingSerial = 0;
  const collection = '/wc-shipment-tracking/v3/orders/(?P<order_id>[\\d]+)/shipment-trackings';
  return [
    route('shipment-tracking', `${collection}/providers`, {
      GET: { permission: 'list', run: () => ({ status: 200, body: TRACKING_PROVIDERS }) },
    }),
    route('shipment-tracking', collection, {
      GET: {
        permission: 'list',
        run(context) {
          const order = orderOf(context);
          return { status: 200, body: itemsOf(order).map((item) => json(context, order.id, item)) };
        },
      },
      POST: {
        permission: 'create',
        args: {
          tracking_number: { type: 'string', required: true },
          tracking_provider: { type: 'string' },
          custom_tracking_provider: { type: 'string' },
          custom_tracking_link: { type: 'string' },
          date_shipped: { type: ['string', 'integer'] },
        },
        run(context) {
          const order = orderOf(context);
          const { params } = context;
          const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
          const fields = {
            tracking_provider: text(params.tracking_provider),
            custom_tracking_provider: text(params.custom_tracking_provider),
            custom_tracking_link: text(params.custom_tracking_link),
            tracking_number: text(params.tracking_number),
            date_shipped: shippedAt(context, params.date_shipped),
          };
          const tracking_id = createHash('md5')
            .update(
              `${fields.custom_tracking_provider}-${fields.tracking_provider}-${fields.tracking_number}${trackingSerial++}`,
            )
            .digest('hex');
          const item: TrackingItem = { ...fields, tracking_id };
          writeItems(context, order, [...itemsOf(order), item]);
          return { status: 201, body: json(context, order.id, item) };
        },
      },
    }),
    route('shipment-tracking', `${collection}/(?P<tracking_id>[\\w-]+)`, {
      GET: {
        permission: 'view',
        run(context) {
          const order = orderOf(context);
          const item = itemsOf(order).find(
            (candidate) => candidate.tracking_id === context.url.tracking_id,
          );
          if (item === undefined) {
            throw new WpError(
              'woocommerce_rest_order_shipment_tracking_invalid_id',
              'Invalid shipment tracking ID.',
              404,
            );
          }
          return { status: 200, body: json(context, order.id, item) };
        },
      },
      DELETE: {
        permission: 'delete',
        run(context) {
          const order = orderOf(context);
          const items = itemsOf(order);
          const item = items.find((candidate) => candidate.tracking_id === context.url.tracking_id);
          if (item === undefined) {
            throw new WpError(
              'woocommerce_rest_order_shipment_tracking_invalid_id',
              'Invalid shipment tracking ID.',
              404,
            );
          }
          const body = json(context, order.id, item);
          writeItems(
            context,
            order,
            items.filter((candidate) => candidate !== item),
          );
          return { status: 200, body };
        },
      },
    }),
  ];
}
