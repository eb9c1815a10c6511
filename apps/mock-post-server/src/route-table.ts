import type { IncomingMessage } from 'node:http';
import type { MockClient } from './clients';
import type { RouteName } from './faults';
import type { RouteAnswer } from './http';

export type HttpMethod = 'GET' | 'POST';

/** What every handler receives: the request, its path parameters, its body and the mock's time. */
export interface RouteInput {
  request: IncomingMessage;
  url: URL;
  /** The `:name` segments of the row's path. */
  params: Readonly<Record<string, string>>;
  body: Buffer;
  /** The simulator's time (ms), read once per request. */
  at: number;
}

/** A handler's answer and the client it was for, for the request log. */
export interface Handled {
  answer: RouteAnswer;
  clientId?: string | undefined;
}

interface RouteRowBase {
  method: HttpMethod;
  /** A path, exact or with `:name` segments that match one non-empty segment each. */
  path: string;
  /** The service the row belongs to: its faults and its counter in `state.count`. */
  route: RouteName;
}

/** A row anyone may call (the token endpoint, the keyless location search). */
export interface PublicRoute extends RouteRowBase {
  auth: 'none';
  handle(input: RouteInput): Handled | Promise<Handled>;
}

/**
 * A row of the Digital Commerce API: it needs a bearer token carrying `scope` and takes a JSON
 * body, so the server checks both before the handler sees the parsed `payload`.
 */
export interface ApiRoute extends RouteRowBase {
  auth: 'bearer';
  /** The OAuth scope the token must carry. */
  scope: string;
  handle(
    input: RouteInput & { payload: unknown; client: MockClient },
  ): RouteAnswer | Promise<RouteAnswer>;
}

export type MockRoute = PublicRoute | ApiRoute;

/** Where a request lands in the table. */
export type RouteMatch =
  | { kind: 'route'; route: MockRoute; params: Readonly<Record<string, string>> }
  /** The path is known but not with this method: 405 with `allow`, counted on `route`. */
  | { kind: 'wrong-method'; route: RouteName; allow: readonly HttpMethod[] }
  | { kind: 'none' };

interface CompiledPath {
  pattern: RegExp;
  names: readonly string[];
}

function compilePath(path: string): CompiledPath {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

function paramsOf(compiled: CompiledPath, path: string): Record<string, string> | undefined {
  const found = compiled.pattern.exec(path);
  if (found === null) return undefined;
  const params: Record<string, string> = {};
  compiled.names.forEach((name, index) => {
    params[name] = found[index + 1] ?? '';
  });
  return params;
}

/**
 * Builds the matcher of a route table. A path with no row is `none` (404); a path whose rows
 * take other methods is `wrong-method` with the methods they take (405 `Allow`). Rows are
 * checked when the table is built: one row per method and path, and one service per path, so a
 * 405 is counted on the service that owns the path.
 *
 * @example
 * const match = createRouteMatcher(rows);
 * match('GET', '/OAuth/token'); // { kind: 'wrong-method', route: 'token', allow: ['POST'] }
 */
export function createRouteMatcher(
  routes: readonly MockRoute[],
): (method: string, path: string) => RouteMatch {
  const byPath = new Map<string, { compiled: CompiledPath; rows: MockRoute[] }>();
  for (const row of routes) {
    const entry = byPath.get(row.path) ?? { compiled: compilePath(row.path), rows: [] };
    if (entry.rows.some((other) => other.method === row.method)) {
      throw new Error(`Two routes for ${row.method} ${row.path}`);
    }
    if (entry.rows.some((other) => other.route !== row.route)) {
      throw new Error(`${row.path} belongs to two services`);
    }
    entry.rows.push(row);
    byPath.set(row.path, entry);
  }
  const entries = [...byPath.values()];
  return (method, path) => {
    for (const { compiled, rows } of entries) {
      const params = paramsOf(compiled, path);
      if (params === undefined) continue;
      const route = rows.find((row) => row.method === method);
      if (route !== undefined) return { kind: 'route', route, params };
      const [first] = rows;
      if (first !== undefined) {
        return { kind: 'wrong-method', route: first.route, allow: rows.map((row) => row.method) };
      }
    }
    return { kind: 'none' };
  };
}
