import { createHash } from 'node:crypto';
import type { PointLanguage, PointSearchQuery } from '../post/locations';
import { POINT_LANGUAGES } from '../post/locations';
import type { PickupPointKind } from '../schemas/pickup-point';
import type { PickPost } from '../variants/pickpost';
import { errorAnswer, jsonAnswer } from './errors';
import type { CheckoutRequest } from './exchange';
import type { RateLimiter } from './rate-limit';
import type { Route } from './route-table';

/** What the public routes need besides the instance. */
export interface PublicRouteDependencies {
  pickpost: PickPost;
  /** The shop customer of a request, and the cookie that starts an anonymous session. */
  customerOf(request: CheckoutRequest): Promise<{ customerRef: string; setCookie?: string }>;
  bodyLimit: number;
  widgetScript?: string | Uint8Array | undefined;
  /** Limits of `POST /customers`, which makes Swiss Post register a person. */
  registrations: { perClient: RateLimiter; perCustomer: RateLimiter };
}

/**
 * The point search a `GET /points` query asks for. Handed on as given: the point search checks
 * every field and reports them all at once (a word where a number belongs arrives as NaN and is
 * refused there). Built field by field: this runs on every cached search.
 */
function pointQueryOf(params: URLSearchParams): PointSearchQuery {
  const query: { -readonly [K in keyof PointSearchQuery]: PointSearchQuery[K] } = {};
  const zip = params.get('zip');
  if (zip !== null) query.zip = zip;
  const town = params.get('town');
  if (town !== null) query.town = town;
  const lat = params.get('lat');
  if (lat !== null) query.lat = Number(lat);
  const lng = params.get('lng');
  if (lng !== null) query.lng = Number(lng);
  const kinds = params.get('kinds');
  if (kinds !== null) query.kinds = kinds.split(',').map((kind) => kind.trim() as PickupPointKind);
  const limit = params.get('limit');
  if (limit !== null) query.limit = Number(limit);
  const lang = params.get('lang');
  if (lang !== null) query.lang = lang as PointLanguage;
  return query;
}

const withCookie = (setCookie: string | undefined): string[] =>
  setCookie === undefined ? [] : [setCookie];

/** `GET /widget.js`: the widget bundle with a strong ETag, immutable when asked for by version. */
function widgetRoute(script: string | Uint8Array | undefined): Route {
  const widget = script === undefined ? undefined : Buffer.from(script);
  const etag =
    widget === undefined
      ? undefined
      : `"${createHash('sha256').update(widget).digest('base64url').slice(0, 22)}"`;
  return {
    method: 'GET',
    path: '/widget.js',
    access: 'public',
    async handle({ request, url }) {
      if (widget === undefined || etag === undefined)
        return errorAnswer(404, 'NOT_FOUND', 'No widget bundle is configured');
      const versioned = url.searchParams.get('v') === etag.slice(1, -1);
      const caching = {
        etag,
        'cache-control': versioned
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300, must-revalidate',
      };
      if (request.header('if-none-match') === etag)
        return { status: 304, headers: caching, body: null };
      return {
        status: 200,
        headers: {
          ...caching,
          'content-type': 'text/javascript; charset=utf-8',
          'x-content-type-options': 'nosniff',
        },
        body: widget,
      };
    },
  };
}

/**
 * The checkout API a shopper's browser calls: point search, one point, PickPost registration
 * (variants 1–3), the signed selection, and the widget bundle.
 */
export function publicRoutes(deps: PublicRouteDependencies): Route[] {
  const { pickpost, customerOf, bodyLimit } = deps;
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

  return [
    {
      method: 'GET',
      path: '/points',
      access: 'public',
      async handle({ url }) {
        const points = await pickpost.checkout.findPoints(pointQueryOf(url.searchParams));
        return jsonAnswer(200, pointsBody(points), { 'cache-control': 'private, max-age=60' });
      },
    },
    {
      method: 'GET',
      path: '/points/:id',
      access: 'public',
      async handle({ url, params }) {
        const lang = url.searchParams.get('lang');
        const point = await pickpost.checkout.getPoint(
          params.id ?? '',
          POINT_LANGUAGES.includes(lang as PointLanguage) ? { lang: lang as PointLanguage } : {},
        );
        if (point === undefined) return errorAnswer(404, 'NOT_FOUND', 'No such pick-up point');
        return jsonAnswer(200, { point }, { 'cache-control': 'private, max-age=300' });
      },
    },
    {
      method: 'POST',
      path: '/customers',
      access: 'public',
      bodyLimit,
      async handle({ request, body, clientIp }) {
        const { customerRef, setCookie } = await customerOf(request);
        for (const [limiter, who] of [
          [deps.registrations.perClient, clientIp],
          [deps.registrations.perCustomer, customerRef],
        ] as const) {
          const limited = limiter.take(who);
          if (!limited.allowed) {
            return errorAnswer(429, 'RATE_LIMITED', 'Too many registrations: try again later', {
              headers: { 'retry-after': String(limited.retryAfterSeconds) },
            });
          }
        }
        const customer = await pickpost.checkout.registerCustomer(
          body.customer as Parameters<PickPost['checkout']['registerCustomer']>[0],
          { customerRef, service: body.service === 'mypost24' ? 'mypost24' : 'pickpost' },
        );
        return jsonAnswer(200, customer, {}, withCookie(setCookie));
      },
    },
    {
      method: 'POST',
      path: '/selection',
      access: 'public',
      bodyLimit,
      async handle({ request, body }) {
        const { customerRef, setCookie } = await customerOf(request);
        const selected = await pickpost.checkout.selectPoint({
          pointId: body.pointId as string,
          customerRef,
          ...(typeof body.pickpostId === 'string' && body.pickpostId !== ''
            ? { pickpostId: body.pickpostId }
            : {}),
          ...(body.parcel === undefined
            ? {}
            : {
                parcel: body.parcel as Parameters<PickPost['checkout']['selectPoint']>[0]['parcel'],
              }),
        });
        return jsonAnswer(200, selected, {}, withCookie(setCookie));
      },
    },
    widgetRoute(deps.widgetScript),
  ];
}
