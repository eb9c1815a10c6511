/**
 * The checkout handler's routes as rows: method, path, who may call it and how large its body
 * may be. Admin checks, 404, 405 with `Allow`, CORS and body limits are derived from the rows,
 * so a new route cannot forget one of them.
 */

import type { CheckoutAnswer, CheckoutRequest } from './exchange';

export type RouteAccess = 'public' | 'admin';

/** What a route's handler receives. */
export interface RouteCall {
  request: CheckoutRequest;
  url: URL;
  /** The path's `:name` parts, percent-decoded. */
  params: Readonly<Record<string, string>>;
  /** The request body as a JSON object (routes with a `bodyLimit` only). */
  body: Record<string, unknown>;
  /** The client's address as the platform gave it (`'unknown'` without one). */
  clientIp: string;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Below the base path; `:name` matches one path segment, `:name(regex)` one that fits. */
  path: string;
  access: RouteAccess;
  /** Largest JSON body in bytes; a route without one takes no body. */
  bodyLimit?: number;
  handle(call: RouteCall): Promise<CheckoutAnswer>;
}

interface CompiledRoute extends Route {
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** A path pattern as a regular expression with one group per parameter. */
function compilePath(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^:(\w+)(?:\((.+)\))?$/.exec(segment);
      if (parameter === null) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(parameter[1] as string);
      return `(${parameter[2] ?? '[^/]+'})`;
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

/** The outcome of looking a request up: a route, a path with other methods, or nothing. */
export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: readonly string[]; access: RouteAccess }
  | { kind: 'not-found' };

/**
 * A lookup over `routes`. `HEAD` is answered by the `GET` route (the caller drops the body).
 * A path whose parameters are not valid percent-encoding is `undefined`: the caller's 400.
 *
 * @example
 * const match = createRouteTable(routes).match('GET', '/points/8001-T1-0');
 */
export function createRouteTable(routes: readonly Route[]) {
  const compiled: CompiledRoute[] = routes.map((route) => ({
    ...route,
    ...compilePath(route.path),
  }));
  return {
    routes: compiled as readonly Route[],
    match(method: string, path: string): RouteMatch | undefined {
      const wanted = method === 'HEAD' ? 'GET' : method;
      const allow = new Set<string>();
      let access: RouteAccess | undefined;
      for (const route of compiled) {
        const found = route.pattern.exec(path);
        if (found === null) continue;
        access ??= route.access;
        if (route.method !== wanted) {
          allow.add(route.method);
          if (route.method === 'GET') allow.add('HEAD');
          continue;
        }
        const params: Record<string, string> = {};
        for (const [index, name] of route.names.entries()) {
          try {
            params[name] = decodeURIComponent(found[index + 1] ?? '');
          } catch {
            return undefined;
          }
        }
        return { kind: 'route', route, params };
      }
      if (access === undefined) return { kind: 'not-found' };
      return { kind: 'method-not-allowed', allow: [...allow].sort(), access };
    },
  };
}
