import type { ConsumerKey } from '../auth';
import { WpError } from '../errors';
import type { RouteName } from '../faults';
import type { ShopUser } from '../fixtures';
import type { Answer } from '../http';
import type { PhpArray } from '../php';
import type { ArgSchemas } from '../rest-schema';
import type { Shop } from '../shop';

/** Everything a handler may use about the request it answers. */
export interface RouteContext {
  shop: Shop;
  method: string;
  /** The request's parameters, validated and sanitized against the handler's `args`. */
  params: Record<string, unknown>;
  /** `$_GET` as sent, for `Link` headers. */
  query: PhpArray;
  /**
   * The route's URL parameters (`id`, `order_id`, …) as WordPress resolves them: a parameter of
   * the same name in the JSON body, a form body or the query wins over the URL.
   */
  url: Record<string, string>;
  key: ConsumerKey | undefined;
  user: ShopUser | undefined;
  /** The origin this request came in on, for links in the answer. */
  origin: string;
  /** Whether the shop's own optional parts are on. */
  features: { shipmentTracking: boolean };
}

/** Which permission check a handler runs, and so which error an anonymous request gets. */
export type Permission = 'public' | 'list' | 'view' | 'create' | 'edit' | 'delete' | 'batch';

export interface Handler {
  permission: Permission;
  args?: ArgSchemas;
  run(context: RouteContext): Answer | Promise<Answer>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A REST route: a pattern under `/wp-json` and its handlers by method. */
export interface Route {
  name: RouteName;
  /** The route as WordPress registers it, e.g. `/wc/v3/orders/(?P<id>[\d]+)`. */
  path: string;
  pattern: RegExp;
  handlers: Partial<Record<Method, Handler>>;
}

/** WP_REST_Server::EDITABLE. */
export const EDITABLE = ['POST', 'PUT', 'PATCH'] as const;

/**
 * A route from WordPress's pattern syntax (`(?P<id>[\d]+)`); matched case-insensitively against
 * the whole route, as WordPress does.
 */
export function route(name: RouteName, path: string, handlers: Route['handlers']): Route {
  const source = path.replace(/\(\?P</g, '(?<');
  return { name, path, pattern: new RegExp(`^${source}$`, 'i'), handlers };
}

/** The same handler for POST, PUT and PATCH. */
export const editable = (handler: Handler) =>
  Object.fromEntries(EDITABLE.map((method) => [method, handler]));

const DENIED: Record<Exclude<Permission, 'public'>, [string, string]> = {
  list: ['woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'],
  view: ['woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.'],
  create: ['woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.'],
  edit: ['woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'],
  delete: ['woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.'],
  batch: [
    'woocommerce_rest_cannot_batch',
    'Sorry, you are not allowed to batch manipulate this resource.',
  ],
};

/**
 * The permission check's error: 401 when nobody is logged in, 403 when the user lacks the
 * capability (`rest_authorization_required_code`). Administrators and shop managers have them all.
 */
export function permissionError(
  permission: Permission,
  user: ShopUser | undefined,
): WpError | undefined {
  if (permission === 'public' || (user !== undefined && user.role === 'administrator'))
    return undefined;
  const [code, message] = DENIED[permission];
  return new WpError(code, message, user === undefined ? 401 : 403);
}

function buildQuery(params: PhpArray, prefix = ''): string[] {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    const name = prefix === '' ? key : `${prefix}%5B${key}%5D`;
    if (typeof value === 'object') parts.push(...buildQuery(value, name));
    else parts.push(`${name}=${value}`);
  }
  return parts;
}

/**
 * `X-WP-Total`, `X-WP-TotalPages` and the `Link` header of a collection: `prev` and `next` only
 * (no first/last), `prev` capped at the last page. Like WooCommerce's `add_query_arg` without
 * `urlencode_deep`, the links repeat every query parameter of the request unencoded, OAuth ones
 * included: follow them for their page number, do not replay them.
 */
export function paginationHeaders(
  base: string,
  query: PhpArray,
  page: number,
  total: number,
  pages: number,
): Record<string, string> {
  const headers: Record<string, string> = {
    'X-WP-Total': String(total),
    'X-WP-TotalPages': String(pages),
  };
  const linkTo = (target: number) => {
    const parts = buildQuery({ ...query, page: String(target) });
    return `${base}?${parts.join('&')}`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${linkTo(Math.min(page - 1, pages))}>; rel="prev"`);
  if (pages > page) links.push(`<${linkTo(page + 1)}>; rel="next"`);
  if (links.length > 0) headers.Link = links.join(', ');
  return headers;
}
