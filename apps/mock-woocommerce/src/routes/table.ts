import type { RouteName } from '../faults';
import { orderNoteRoutes } from './order-notes';
import { orderRoutes } from './orders';
import { productRoutes } from './products';
import type { Method, Route, RouteContext } from './route';
import { route } from './route';
import { shipmentTrackingRoutes } from './shipment-tracking';
import { webhookRoutes } from './webhooks';

const methodsOf = (entry: Route) => Object.keys(entry.handlers) as Method[];

function describe(routes: readonly Route[], prefix: string) {
  return Object.fromEntries(
    routes
      .filter((entry) => entry.path.startsWith(prefix))
      .map((entry) => [
        entry.path,
        { namespace: entry.path.split('/').slice(1, 3).join('/'), methods: methodsOf(entry) },
      ]),
  );
}

/**
 * Every route the simulator serves, in WordPress's matching order, with the discovery routes
 * (`/` and `/wc/v3`) that list them.
 */
export function createRouteTable(options: {
  currency: string;
  shipmentTracking: boolean;
  siteName: string;
}): Route[] {
  const routes: Route[] = [
    ...orderRoutes(options.currency),
    ...orderNoteRoutes(),
    ...webhookRoutes(),
    ...productRoutes(),
    ...(options.shipmentTracking ? shipmentTrackingRoutes() : []),
  ];
  const namespaces = ['wc/v3', ...(options.shipmentTracking ? ['wc-shipment-tracking/v3'] : [])];
  const publicRoute = (name: RouteName, path: string, body: (context: RouteContext) => unknown) =>
    route(name, path, {
      GET: { permission: 'public', run: (context) => ({ status: 200, body: body(context) }) },
    });
  return [
    publicRoute('index', '/', ({ origin, shop }) => ({
      name: options.siteName,
      description: 'A simulated WooCommerce shop',
      url: origin,
      home: origin,
      gmt_offset: shop.settings.zone.offsetAt(shop.settings.now()) / 3_600_000,
      timezone_string: shop.settings.zone.name,
      namespaces,
      authentication: {},
      routes: describe(routes, '/'),
    })),
    publicRoute('index', '/wc/v3', () => ({
      namespace: 'wc/v3',
      routes: describe(routes, '/wc/v3'),
    })),
    ...routes,
  ];
}
