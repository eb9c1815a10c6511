import { randomFillSync } from 'node:crypto';
import { equalBytes, sha256 } from '../digests';
import { ConfigError } from '../errors/index';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { createRedactingLogger, silentLogger } from '../ports/logger';
import { sessionKeyOf } from '../variants/instance-keys';
import type { PickPost } from '../variants/pickpost';
import { adminRoutes } from './admin-routes';
import { BodyTooLargeError, MalformedBodyError } from './body';
import { errorAnswer, toErrorAnswer } from './errors';
import type { CheckoutAnswer, CheckoutRequest } from './exchange';
import { fromFetchRequest, toResponse } from './exchange';
import { publicRoutes } from './public-routes';
import { createRateLimiter } from './rate-limit';
import type { Route, RouteAccess, RouteMatch } from './route-table';
import { createRouteTable } from './route-table';
import { createSessionCookies } from './session';

/**
 * How the checkout handler serves and guards its routes: base path, admin token, CORS, rate limits
 * and body size.
 */
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
  /**
   * Request headers those origins may send besides `content-type` (lower case), e.g.
   * `x-publishable-api-key` for a Medusa storefront on another origin.
   */
  corsAllowHeaders?: readonly string[];
  /** Requests per client on the public routes: `max` per `windowMs` (default 120 per minute). */
  rateLimit?: { max: number; windowMs: number };
  /**
   * PickPost registrations (`POST /customers`), which Swiss Post makes with the shop's
   * credentials: per client address (default 10 an hour) and per shop customer or checkout
   * session (default 5 a day), on top of `rateLimit`.
   */
  registrationLimit?: {
    perClient?: { max: number; windowMs: number };
    perCustomer?: { max: number; windowMs: number };
  };
  /** Wrong admin tokens a client may send (default 10 a minute) before it is answered 429. */
  adminFailureLimit?: { max: number; windowMs: number };
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

/**
 * The fetch-standard handler, and `answer` beside it for platform adapters: the same routes for
 * a {@link CheckoutRequest}, giving a {@link CheckoutAnswer} the adapter writes to its platform
 * without a `Request` and a `Response` being built in between.
 */
export type CheckoutHandler = ((
  request: Request,
  context?: RequestContext,
) => Promise<Response>) & {
  /** The same routes for a platform adapter: a {@link CheckoutRequest} in, a {@link CheckoutAnswer} out. */
  answer(request: CheckoutRequest, context?: RequestContext): Promise<CheckoutAnswer>;
};

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
 * `GET /barcodes/:identcode?format=svg|png|pdf`,
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
  const corsAllowHeaders = corsHeaderList(options.corsAllowHeaders ?? []);
  const adminDigest = options.adminToken === undefined ? undefined : sha256(options.adminToken);
  const adminFailures = createRateLimiter({
    ...(options.adminFailureLimit ?? { max: 10, windowMs: 60_000 }),
    clock,
  });
  const gates: Gates = { adminDigest, adminFailures, limiter, corsOrigins, corsAllowHeaders };

  const customerOf = customerResolver(options, sessions);

  const table = createRouteTable(routesOf(pickpost, options, { clock, basePath, customerOf }));

  /** The answer to a request for a known path: auth, preflight, rate limit, body, route. */
  async function dispatch(
    request: CheckoutRequest,
    match:
      | Extract<RouteMatch, { kind: 'route' }>
      | Extract<RouteMatch, { kind: 'method-not-allowed' }>,
    context: RequestContext,
  ): Promise<CheckoutAnswer> {
    const access = match.kind === 'route' ? match.route.access : match.access;
    const client = context.clientIp ?? 'unknown';
    const refused = gateAnswer(request, access, client, gates);
    if (refused !== undefined) return refused;
    if (match.kind === 'method-not-allowed') {
      return errorAnswer(405, 'METHOD_NOT_ALLOWED', `Use ${match.allow.join(', ')}`, {
        headers: { allow: match.allow.join(', ') },
      });
    }
    const { route, params } = match;
    const body = route.bodyLimit === undefined ? {} : await request.jsonBody(route.bodyLimit);
    const answer = await route.handle({
      request,
      url: request.url,
      params,
      body,
      clientIp: client,
    });
    return request.method === 'HEAD' ? { ...answer, body: null } : answer;
  }

  /** Admin routes do not exist without an admin token: a forgotten token never leaves them open. */
  const exists = (
    match: RouteMatch | undefined,
  ): match is Exclude<RouteMatch, { kind: 'not-found' }> =>
    match !== undefined &&
    match.kind !== 'not-found' &&
    (adminDigest !== undefined ||
      (match.kind === 'route' ? match.route.access : match.access) !== 'admin');

  async function answer(
    request: CheckoutRequest,
    context: RequestContext = {},
  ): Promise<CheckoutAnswer> {
    const { pathname } = request.url;
    if (basePath !== '' && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) {
      return errorAnswer(404, 'NOT_FOUND', 'Not a PickPost route');
    }
    const path = pathname.slice(basePath.length) || '/';
    const match = table.match(request.method === 'OPTIONS' ? 'GET' : request.method, path);
    if (match === undefined) return errorAnswer(400, 'BAD_REQUEST', 'The path is not valid');
    if (!exists(match)) return errorAnswer(404, 'NOT_FOUND', `No route ${request.method} ${path}`);
    const access = match.kind === 'route' ? match.route.access : match.access;
    const requestId = nextRequestId();
    // Every answer to an allowed origin carries CORS headers, errors included, so the widget
    // can read why a request failed.
    const headers = access === 'admin' ? {} : corsHeadersFor(request, corsOrigins);
    headers['x-request-id'] = requestId;
    try {
      return withHeaders(await dispatch(request, match, context), headers);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return withHeaders(
          errorAnswer(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large'),
          headers,
        );
      if (error instanceof MalformedBodyError)
        return withHeaders(errorAnswer(400, 'BAD_REQUEST', error.message), headers);
      const failed = toErrorAnswer(error, { audience: access, requestId });
      // The details a public answer leaves out are in the log, under the request id.
      if (failed.status >= 500 || (access === 'public' && failed.status !== 422))
        logger.error('PickPost request failed', { requestId, method: request.method, path, error });
      return withHeaders(failed, headers);
    }
  }

  const handler = (request: Request, context?: RequestContext) =>
    answer(fromFetchRequest(request), context).then(toResponse);
  return Object.assign(handler, { answer });
}

const REQUEST_ID_BYTES = 8;
const requestIdPool = Buffer.alloc(REQUEST_ID_BYTES * 512);
let requestIdOffset = requestIdPool.length;

/**
 * A random request id (16 hex digits). The random bytes are drawn 512 ids at a time: one
 * `randomBytes` call per request was a twentieth of a cached point search's time.
 */
function nextRequestId(): string {
  if (requestIdOffset === requestIdPool.length) {
    randomFillSync(requestIdPool);
    requestIdOffset = 0;
  }
  requestIdOffset += REQUEST_ID_BYTES;
  return requestIdPool.toString('hex', requestIdOffset - REQUEST_ID_BYTES, requestIdOffset);
}

/** The shop customer: the platform's, or the signed anonymous session (created when missing). */
function customerResolver(
  options: CheckoutHandlerOptions,
  sessions: ReturnType<typeof createSessionCookies>,
) {
  return async function customerOf(
    request: CheckoutRequest,
  ): Promise<{ customerRef: string; setCookie?: string }> {
    const fromPlatform =
      options.customerRef === undefined
        ? undefined
        : await options.customerRef(request.toFetchRequest());
    if (fromPlatform !== undefined && fromPlatform !== '') return { customerRef: fromPlatform };
    const existing = sessions.read(request);
    if (existing !== undefined) return { customerRef: `session:${existing}` };
    const created = sessions.create(request);
    return { customerRef: `session:${created.id}`, setCookie: created.header };
  };
}

/** The public and admin routes with the handler's limits. */
function routesOf(
  pickpost: PickPost,
  options: CheckoutHandlerOptions,
  context: {
    clock: Clock;
    basePath: string;
    customerOf: ReturnType<typeof customerResolver>;
  },
): Route[] {
  const { clock, basePath, customerOf } = context;
  return [
    ...publicRoutes({
      pickpost,
      customerOf,
      bodyLimit: options.bodyLimitBytes ?? 16 * 1024,
      widgetScript: options.widgetScript,
      registrations: {
        perClient: createRateLimiter({
          ...(options.registrationLimit?.perClient ?? { max: 10, windowMs: 3_600_000 }),
          clock,
        }),
        perCustomer: createRateLimiter({
          ...(options.registrationLimit?.perCustomer ?? { max: 5, windowMs: 86_400_000 }),
          clock,
        }),
      },
    }),
    ...adminRoutes({ pickpost, basePath }),
  ];
}

/** What stands before a route: the admin token and its brake, CORS preflight, the rate limit. */
interface Gates {
  adminDigest: Uint8Array | undefined;
  adminFailures: ReturnType<typeof createRateLimiter>;
  limiter: ReturnType<typeof createRateLimiter>;
  corsOrigins: ReadonlySet<string>;
  corsAllowHeaders: string;
}

/** The answer that stops a request before its route, if any (401, 429, a preflight). */
function gateAnswer(
  request: CheckoutRequest,
  access: RouteAccess,
  client: string,
  gates: Gates,
): CheckoutAnswer | undefined {
  if (access === 'admin') {
    // A client that sent too many wrong tokens is not even checked: no more guesses.
    if (gates.adminFailures.exhausted(client)) {
      return errorAnswer(429, 'RATE_LIMITED', 'Too many failed admin requests: try again later', {
        headers: { 'retry-after': '60' },
      });
    }
    if (!hasAdminToken(request, gates.adminDigest)) {
      gates.adminFailures.take(client);
      return errorAnswer(401, 'UNAUTHORIZED', 'A valid admin bearer token is required', {
        headers: { 'www-authenticate': 'Bearer realm="pickpost"' },
      });
    }
    return undefined;
  }
  if (request.method === 'OPTIONS') {
    return preflightAnswer(request, gates.corsOrigins, gates.corsAllowHeaders);
  }
  const limited = gates.limiter.take(client);
  if (limited.allowed) return undefined;
  return errorAnswer(429, 'RATE_LIMITED', 'Too many requests: try again shortly', {
    headers: { 'retry-after': String(limited.retryAfterSeconds) },
  });
}

/** CORS headers for an allowed origin; none for any other. A fresh object: callers add to it. */
function corsHeadersFor(
  request: CheckoutRequest,
  origins: ReadonlySet<string>,
): Record<string, string> {
  const origin = request.header('origin');
  if (origin === null || !origins.has(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  };
}

/** `content-type` and the extra headers, checked to be header names (they go into a header). */
function corsHeaderList(extra: readonly string[]): string {
  const names = new Set(['content-type']);
  for (const name of extra) {
    if (!/^[a-z0-9-]+$/.test(name)) {
      throw new ConfigError([
        {
          path: 'corsAllowHeaders',
          message: `${JSON.stringify(name)} is not a lower-case header name`,
          code: 'invalid_header',
        },
      ]);
    }
    names.add(name);
  }
  return [...names].join(', ');
}

function preflightAnswer(
  request: CheckoutRequest,
  origins: ReadonlySet<string>,
  allowHeaders: string,
): CheckoutAnswer {
  const cors = corsHeadersFor(request, origins);
  if (Object.keys(cors).length === 0) return { status: 204, headers: {}, body: null };
  return {
    status: 204,
    headers: {
      ...cors,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': allowHeaders,
      'access-control-max-age': '600',
    },
    body: null,
  };
}

/** Whether a request carries the admin token (compared as digests: constant time). */
function hasAdminToken(request: CheckoutRequest, adminDigest: Uint8Array | undefined): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(request.header('authorization') ?? '');
  return (
    adminDigest !== undefined &&
    match?.[1] !== undefined &&
    equalBytes(sha256(match[1].trim()), adminDigest)
  );
}

function withHeaders(answer: CheckoutAnswer, headers: Record<string, string>): CheckoutAnswer {
  return { ...answer, headers: Object.assign({}, answer.headers, headers) };
}
