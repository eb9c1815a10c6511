import { equalBytes, sha256 } from '../digests';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { createRedactingLogger, silentLogger } from '../ports/logger';
import { sessionKeyOf } from '../variants/instance-keys';
import type { PickPost } from '../variants/pickpost';
import { adminRoutes } from './admin-routes';
import { BodyTooLargeError, MalformedBodyError, readJsonBody } from './body';
import { errorResponse, toErrorResponse } from './errors';
import { publicRoutes } from './public-routes';
import { createRateLimiter } from './rate-limit';
import type { RouteMatch } from './route-table';
import { createRouteTable } from './route-table';
import { createSessionCookies } from './session';

export interface CheckoutHandlerOptions {
  /** Where the API lives, e.g. `/pickpost` (the default). */
  basePath?: string;
  /**
   * Bearer token of the admin routes (shipments, labels, DataTransfer). Without one the admin
   * routes do not exist (404), so a forgotten token never leaves them open.
   */
  adminToken?: string;
  /** Origins allowed to call the public routes from a browser (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** Requests per client on the public routes: `max` per `windowMs` (default 120 per minute). */
  rateLimit?: { max: number; windowMs: number };
  /** Largest public request body (default 16 KiB); admin bodies may be 1 MiB. */
  bodyLimitBytes?: number;
  /**
   * The shop customer of a request (a logged-in customer id). Without it, an anonymous
   * session cookie signed by the handler identifies the checkout.
   */
  customerRef?: (request: Request) => string | undefined | Promise<string | undefined>;
  /** The checkout widget's browser bundle, served at `GET /widget.js`. */
  widgetScript?: string | Uint8Array;
  clock?: Clock;
  logger?: Logger;
}

/** What the platform knows about a request that a `Request` does not carry. */
export interface RequestContext {
  /** The client's address, for the rate limit (Express: `req.ip`, mind `trust proxy`). */
  clientIp?: string;
}

export type CheckoutHandler = (request: Request, context?: RequestContext) => Promise<Response>;

/**
 * The path the PickPost routes sit under, as the handler compares it: one leading slash, no
 * trailing one, and `''` for the root. Adapters that rebuild request URLs use it too.
 *
 * @example
 * normaliseBasePath('pickpost/'); // '/pickpost'
 * normaliseBasePath('/'); // ''
 */
export function normaliseBasePath(basePath = '/pickpost'): string {
  const trimmed = basePath.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

/**
 * The checkout and admin HTTP API of a PickPost shop as one fetch-standard handler
 * (`Request` in, `Response` out); the Express middleware and other adapters only translate to
 * and from it.
 *
 * Public routes (rate-limited per client, CORS from `corsOrigins`):
 * `GET /points?zip=|town=|lat=&lng=[&kinds=&limit=&lang=]`, `GET /points/:id`,
 * `POST /customers` (variants 1–3), `POST /selection`, `GET /widget.js`.
 *
 * Admin routes (Bearer `adminToken`): `POST /shipments`, `GET /labels/:identcode`,
 * `POST /labels/bulk`, `POST /datatransfer/flush`.
 *
 * Errors are `{ error: { code, message, fields? } }` with 400, 401, 404, 409, 413, 422, 429,
 * 502 or 504.
 *
 * @example
 * const handler = createCheckoutHandler(pickpost, { basePath: '/pickpost', adminToken: process.env.PICKPOST_ADMIN_TOKEN });
 * const response = await handler(new Request('http://shop.example/pickpost/points?zip=8001'));
 */
export function createCheckoutHandler(
  pickpost: PickPost,
  options: CheckoutHandlerOptions = {},
): CheckoutHandler {
  const basePath = normaliseBasePath(options.basePath);
  const clock = options.clock ?? systemClock;
  const logger = createRedactingLogger(
    options.logger ?? silentLogger,
    options.adminToken === undefined ? [] : [options.adminToken],
  );
  const limiter = createRateLimiter({
    ...(options.rateLimit ?? { max: 120, windowMs: 60_000 }),
    clock,
  });
  const sessions = createSessionCookies({ key: sessionKeyOf(pickpost), path: basePath || '/' });
  const corsOrigins = new Set(options.corsOrigins ?? []);
  const adminDigest = options.adminToken === undefined ? undefined : sha256(options.adminToken);

  /** The shop customer: the platform's, or the signed anonymous session (created when missing). */
  async function customerOf(
    request: Request,
  ): Promise<{ customerRef: string; setCookie?: string }> {
    const fromPlatform = await options.customerRef?.(request);
    if (fromPlatform !== undefined && fromPlatform !== '') return { customerRef: fromPlatform };
    const existing = sessions.read(request);
    if (existing !== undefined) return { customerRef: `session:${existing}` };
    const created = sessions.create(request);
    return { customerRef: `session:${created.id}`, setCookie: created.header };
  }

  const table = createRouteTable([
    ...publicRoutes({
      pickpost,
      customerOf,
      bodyLimit: options.bodyLimitBytes ?? 16 * 1024,
      widgetScript: options.widgetScript,
    }),
    ...adminRoutes({ pickpost, basePath }),
  ]);

  /** The answer to a request for a known path: auth, preflight, rate limit, body, route. */
  async function dispatch(
    request: Request,
    url: URL,
    match:
      | Extract<RouteMatch, { kind: 'route' }>
      | Extract<RouteMatch, { kind: 'method-not-allowed' }>,
    context: RequestContext,
  ): Promise<Response> {
    const access = match.kind === 'route' ? match.route.access : match.access;
    if (access === 'admin') {
      if (!hasAdminToken(request, adminDigest)) {
        return errorResponse(401, 'UNAUTHORIZED', 'A valid admin bearer token is required', {
          headers: { 'www-authenticate': 'Bearer realm="pickpost"' },
        });
      }
    } else if (request.method === 'OPTIONS') {
      return preflightResponse(request, corsOrigins);
    } else {
      const limited = limiter.take(context.clientIp ?? 'unknown');
      if (!limited.allowed) {
        return errorResponse(429, 'RATE_LIMITED', 'Too many requests: try again shortly', {
          headers: { 'retry-after': String(limited.retryAfterSeconds) },
        });
      }
    }
    if (match.kind === 'method-not-allowed') {
      return errorResponse(405, 'METHOD_NOT_ALLOWED', `Use ${match.allow.join(', ')}`, {
        headers: { allow: match.allow.join(', ') },
      });
    }
    const { route, params } = match;
    const body = route.bodyLimit === undefined ? {} : await readJsonBody(request, route.bodyLimit);
    const response = await route.handle({ request, url, params, body });
    return request.method === 'HEAD'
      ? new Response(null, { status: response.status, headers: response.headers })
      : response;
  }

  /** Admin routes do not exist without an admin token: a forgotten token never leaves them open. */
  const exists = (
    match: RouteMatch | undefined,
  ): match is Exclude<RouteMatch, { kind: 'not-found' }> =>
    match !== undefined &&
    match.kind !== 'not-found' &&
    (adminDigest !== undefined ||
      (match.kind === 'route' ? match.route.access : match.access) !== 'admin');

  return async function handle(request, context = {}) {
    const url = new URL(request.url);
    if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      return errorResponse(404, 'NOT_FOUND', 'Not a PickPost route');
    }
    const path = url.pathname.slice(basePath.length) || '/';
    const method = request.method === 'OPTIONS' ? 'GET' : request.method;
    const match = table.match(method, path);
    if (match === undefined) return errorResponse(400, 'BAD_REQUEST', 'The path is not valid');
    if (!exists(match))
      return errorResponse(404, 'NOT_FOUND', `No route ${request.method} ${path}`);
    const access = match.kind === 'route' ? match.route.access : match.access;
    const cors = access === 'admin' ? {} : corsHeadersFor(request, corsOrigins);
    try {
      return withHeaders(await dispatch(request, url, match, context), cors);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return errorResponse(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
      if (error instanceof MalformedBodyError)
        return errorResponse(400, 'BAD_REQUEST', error.message);
      const response = toErrorResponse(error);
      if (response.status >= 500)
        logger.error('PickPost request failed', { method: request.method, path, error });
      return withHeaders(response, cors);
    }
  };
}

/** CORS headers for an allowed origin; none for any other. */
function corsHeadersFor(request: Request, origins: ReadonlySet<string>): Record<string, string> {
  const origin = request.headers.get('origin');
  if (origin === null || !origins.has(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  };
}

function preflightResponse(request: Request, origins: ReadonlySet<string>): Response {
  const cors = corsHeadersFor(request, origins);
  if (Object.keys(cors).length === 0) return new Response(null, { status: 204 });
  return new Response(null, {
    status: 204,
    headers: {
      ...cors,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    },
  });
}

/** Whether a request carries the admin token (compared as digests: constant time). */
function hasAdminToken(request: Request, adminDigest: Uint8Array | undefined): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '');
  return (
    adminDigest !== undefined &&
    match?.[1] !== undefined &&
    equalBytes(sha256(match[1].trim()), adminDigest)
  );
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
