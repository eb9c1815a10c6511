import { createHash } from 'node:crypto';
import { equalBytes, sha256 } from '../digests';
import { PickPostValidationError } from '../errors/index';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { createRedactingLogger, silentLogger } from '../ports/logger';
import type { PointLanguage } from '../post/locations';
import { POINT_LANGUAGES } from '../post/locations';
import type { PickupPointKind } from '../schemas/pickup-point';
import { sessionKeyOf } from '../variants/instance-keys';
import type { FulfilOrder, PickPost } from '../variants/pickpost';
import { BodyTooLargeError, MalformedBodyError, readJsonBody } from './body';
import { errorResponse, jsonResponse, toErrorResponse } from './errors';
import { createRateLimiter } from './rate-limit';
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

const ADMIN_BODY_LIMIT = 1024 * 1024;
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
  const bodyLimit = options.bodyLimitBytes ?? 16 * 1024;
  const sessions = createSessionCookies({ key: sessionKeyOf(pickpost), path: basePath || '/' });
  const widget = options.widgetScript === undefined ? undefined : Buffer.from(options.widgetScript);
  const widgetEtag =
    widget === undefined
      ? undefined
      : `"${createHash('sha256').update(widget).digest('base64url').slice(0, 22)}"`;
  const corsOrigins = new Set(options.corsOrigins ?? []);
  // A cached search returns the same array object; its JSON is made once, not per request.
  const serialisedPoints = new WeakMap<object, string>();
  const pointsBody = (points: object): string => {
    let body = serialisedPoints.get(points);
    if (body === undefined) {
      body = JSON.stringify({ points });
      serialisedPoints.set(points, body);
    }
    return body;
  };

  function corsHeaders(request: Request): Record<string, string> {
    const origin = request.headers.get('origin');
    if (origin === null || !corsOrigins.has(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    };
  }

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

  function withHeaders(response: Response, headers: Record<string, string>): Response {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }

  async function publicRoute(request: Request, route: string, url: URL): Promise<Response> {
    const method = request.method;
    if (route === '/points' && method === 'GET') {
      const params = url.searchParams;
      // Handed on as given: the point search checks every field and reports them all at once
      // (a word where a number belongs arrives as NaN and is refused there).
      const lat = params.get('lat');
      const lng = params.get('lng');
      const kinds = params
        .get('kinds')
        ?.split(',')
        .map((kind) => kind.trim() as PickupPointKind);
      const points = await pickpost.checkout.findPoints({
        ...(params.get('zip') === null ? {} : { zip: params.get('zip') as string }),
        ...(params.get('town') === null ? {} : { town: params.get('town') as string }),
        ...(lat === null ? {} : { lat: Number(lat) }),
        ...(lng === null ? {} : { lng: Number(lng) }),
        ...(kinds === undefined ? {} : { kinds }),
        ...(params.get('limit') === null ? {} : { limit: Number(params.get('limit')) }),
        ...(params.get('lang') === null ? {} : { lang: params.get('lang') as PointLanguage }),
      });
      return jsonResponse(200, pointsBody(points), { 'cache-control': 'private, max-age=60' });
    }
    const pointMatch = /^\/points\/([^/]+)$/.exec(route);
    if (pointMatch?.[1] !== undefined && method === 'GET') {
      const lang = url.searchParams.get('lang');
      const point = await pickpost.checkout.getPoint(
        decodeURIComponent(pointMatch[1]),
        POINT_LANGUAGES.includes(lang as PointLanguage) ? { lang: lang as PointLanguage } : {},
      );
      if (point === undefined) return errorResponse(404, 'NOT_FOUND', 'No such pick-up point');
      return jsonResponse(200, { point }, { 'cache-control': 'private, max-age=300' });
    }
    if (route === '/customers' && method === 'POST') {
      const body = await readJsonBody(request, bodyLimit);
      const { customerRef, setCookie } = await customerOf(request);
      const service = body.service === 'mypost24' ? 'mypost24' : 'pickpost';
      const customer = await pickpost.checkout.registerCustomer(body.customer as never, {
        customerRef,
        service,
      });
      return jsonResponse(
        200,
        customer,
        setCookie === undefined ? {} : { 'set-cookie': setCookie },
      );
    }
    if (route === '/selection' && method === 'POST') {
      const body = await readJsonBody(request, bodyLimit);
      const { customerRef, setCookie } = await customerOf(request);
      const selected = await pickpost.checkout.selectPoint({
        pointId: body.pointId as string,
        customerRef,
        ...(typeof body.pickpostId === 'string' && body.pickpostId !== ''
          ? { pickpostId: body.pickpostId }
          : {}),
        ...(body.parcel === undefined ? {} : { parcel: body.parcel as never }),
      });
      return jsonResponse(
        200,
        selected,
        setCookie === undefined ? {} : { 'set-cookie': setCookie },
      );
    }
    if (route === '/widget.js' && method === 'GET') {
      if (widget === undefined || widgetEtag === undefined)
        return errorResponse(404, 'NOT_FOUND', 'No widget bundle is configured');
      const versioned = url.searchParams.get('v') === widgetEtag.slice(1, -1);
      const caching = {
        etag: widgetEtag,
        'cache-control': versioned
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300, must-revalidate',
      };
      if (request.headers.get('if-none-match') === widgetEtag)
        return new Response(null, { status: 304, headers: caching });
      return new Response(widget, {
        status: 200,
        headers: {
          ...caching,
          'content-type': 'text/javascript; charset=utf-8',
          'x-content-type-options': 'nosniff',
        },
      });
    }
    return errorResponse(404, 'NOT_FOUND', `No route ${method} ${route}`);
  }

  async function adminRoute(request: Request, route: string): Promise<Response> {
    const method = request.method;
    if (route === '/shipments' && method === 'POST') {
      const order = (await readJsonBody(request, ADMIN_BODY_LIMIT)) as unknown as FulfilOrder;
      const result = await pickpost.fulfil(order);
      return jsonResponse(201, {
        orderRef: result.orderRef,
        parcelIndex: result.parcelIndex,
        identcode: result.identcode,
        trackingUrl: result.trackingUrl,
        transmission: result.transmission,
        fallback: result.fallback,
        label: { format: result.label.format, url: `${basePath}/labels/${result.identcode}` },
      });
    }
    const labelMatch = /^\/labels\/(\d{18})$/.exec(route);
    if (labelMatch?.[1] !== undefined && method === 'GET') {
      const result = await pickpost.findByIdentcode(labelMatch[1]);
      if (result === undefined)
        return errorResponse(404, 'NOT_FOUND', `No parcel with identcode ${labelMatch[1]}`);
      return new Response(Buffer.from(result.label.data), {
        status: 200,
        headers: {
          'content-type': result.label.mediaType,
          'content-disposition': `inline; filename="${result.label.fileName}"`,
          'cache-control': 'private, no-cache',
        },
      });
    }
    if (route === '/labels/bulk' && method === 'POST') {
      const body = await readJsonBody(request, ADMIN_BODY_LIMIT);
      const identcodes = body.identcodes;
      if (
        !Array.isArray(identcodes) ||
        identcodes.length === 0 ||
        identcodes.length > 1_000 ||
        identcodes.some((code) => typeof code !== 'string')
      ) {
        throw new PickPostValidationError('bulk labels', [
          {
            path: 'identcodes',
            message: 'must be a list of 1 to 1000 identcodes',
            code: 'invalid_identcodes',
          },
        ]);
      }
      const bulk = await pickpost.bulkLabels(identcodes as string[]);
      const iterator = bulk.stream[Symbol.asyncIterator]();
      // Streamed: pages go out as they are drawn, so a thousand labels never sit in memory.
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        async cancel() {
          await iterator.return?.();
        },
      });
      return new Response(stream, {
        status: 200,
        headers: {
          'content-type': bulk.mediaType,
          'content-disposition': `inline; filename="${bulk.fileName}"`,
        },
      });
    }
    if (route === '/datatransfer/flush' && method === 'POST') {
      return jsonResponse(200, await pickpost.flushDataTransfer());
    }
    return errorResponse(404, 'NOT_FOUND', `No route ${method} ${route}`);
  }

  const adminDigest = options.adminToken === undefined ? undefined : sha256(options.adminToken);
  const ADMIN_ROUTES = /^\/(shipments|labels(\/.*)?|datatransfer\/flush)$/;

  return async function handle(request, context = {}) {
    const url = new URL(request.url);
    if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      return errorResponse(404, 'NOT_FOUND', 'Not a PickPost route');
    }
    const route = url.pathname.slice(basePath.length) || '/';
    const admin = ADMIN_ROUTES.test(route);
    try {
      if (admin) {
        if (adminDigest === undefined)
          return errorResponse(404, 'NOT_FOUND', `No route ${request.method} ${route}`);
        const match = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '');
        // Compared as digests: equal length, so the time taken says nothing about the token.
        if (match?.[1] === undefined || !equalBytes(sha256(match[1].trim()), adminDigest)) {
          return errorResponse(401, 'UNAUTHORIZED', 'A valid admin bearer token is required', {
            headers: { 'www-authenticate': 'Bearer realm="pickpost"' },
          });
        }
        return await adminRoute(request, route);
      }
      const cors = corsHeaders(request);
      if (request.method === 'OPTIONS') {
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
      const limited = limiter.take(context.clientIp ?? 'unknown');
      if (!limited.allowed) {
        return withHeaders(
          errorResponse(429, 'RATE_LIMITED', 'Too many requests: try again shortly', {
            headers: { 'retry-after': String(limited.retryAfterSeconds) },
          }),
          cors,
        );
      }
      return withHeaders(await publicRoute(request, route, url), cors);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return errorResponse(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
      if (error instanceof MalformedBodyError)
        return errorResponse(400, 'BAD_REQUEST', error.message);
      const response = toErrorResponse(error);
      if (response.status >= 500)
        logger.error('PickPost request failed', { method: request.method, route, error });
      return withHeaders(response, admin ? {} : corsHeaders(request));
    }
  };
}
