import type { CustomerInput, PickupPoint, PointKind } from './types';

/** One field the server refused, by its path in the request body (e.g. `customer.zip`). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * A failed call to the checkout API. `status` 0 means the request never got an answer
 * (offline, DNS, CORS); then `code` is `network`.
 */
export class PickPostRequestError extends Error {
  override readonly name = 'PickPostRequestError';

  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }

  /** Worth trying again unchanged: no answer, too many requests, or the Post was unreachable. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** Where to look: a postcode, a town, or coordinates. */
export type PointQuery = { zip: string } | { town: string } | { lat: number; lng: number };

/** What `GET /points` takes besides the place. */
export interface PointSearchOptions {
  kinds?: PointKind[];
  lang?: string;
  limit?: number;
  signal?: AbortSignal;
}

/** `POST /selection`'s answer. */
export interface SelectionResponse {
  selection: string;
  point: PickupPoint;
  pickpostId?: string;
  expiresAt?: string;
}

/** The three calls the widget makes. */
export interface CheckoutApi {
  /** `GET /points`: the pick-up points for a postcode, town or position. */
  points(query: PointQuery, options?: PointSearchOptions): Promise<PickupPoint[]>;
  /** `POST /customers`: registers the shopper for a PickPost ID (variants 1 to 3). */
  registerCustomer(
    customer: CustomerInput,
    service: PointKind,
  ): Promise<{ pickpostId: string; verified: boolean }>;
  /** `POST /selection`: signs the chosen point (and PickPost ID) for the order. */
  select(body: { pointId: string; pickpostId?: string }): Promise<SelectionResponse>;
}

type ErrorBody = { error?: { code?: unknown; message?: unknown; fields?: unknown } };

function toFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, message } = item as Record<string, unknown>;
    return typeof message === 'string' ? [{ path: String(path ?? ''), message }] : [];
  });
}

/** What the shop adds to every request: e.g. WordPress's REST nonce, or cookies cross-origin. */
export type CheckoutApiOptions = {
  /** Sent with every request; `accept` and `content-type` stay the client's own. */
  headers?: Readonly<Record<string, string>>;
  /** Default: `same-origin` for an endpoint on the page's origin, `include` for another. */
  credentials?: RequestCredentials;
};

/**
 * A client for the checkout API under `endpoint`. Cookies go along (the server remembers the
 * customer's PickPost ID per session); a cross-origin endpoint needs `credentials: 'include'`.
 *
 * @example
 * const api = createCheckoutApi('/pickpost');
 * const points = await api.points({ zip: '8001' }, { kinds: ['pickpost'] });
 */
export function createCheckoutApi(
  endpoint: string,
  fetchImpl: typeof fetch = fetch,
  options: CheckoutApiOptions = {},
): CheckoutApi {
  const base = endpoint.replace(/\/+$/, '');
  const url = new URL(base || '/', document.baseURI);
  const credentials: RequestCredentials =
    options.credentials ?? (url.origin === location.origin ? 'same-origin' : 'include');
  const extra = options.headers ?? {};

  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        ...init,
        credentials,
        // The shop's headers first: they cannot change what the body is said to be.
        headers: init.body
          ? { ...extra, accept: 'application/json', 'content-type': 'application/json' }
          : { ...extra, accept: 'application/json' },
      });
    } catch (cause) {
      // An abort is the caller's own doing: let it through untouched so it can be ignored.
      if (init.signal?.aborted) throw cause;
      throw new PickPostRequestError(String(cause), 0, 'network');
    }
    // A proxy's HTML error page is not JSON; the status still says what happened.
    const body = (await response.json().catch(() => ({}))) as T & ErrorBody;
    if (response.ok) return body;
    const error = body.error ?? {};
    throw new PickPostRequestError(
      typeof error.message === 'string' ? error.message : '',
      response.status,
      typeof error.code === 'string' ? error.code : `http_${response.status}`,
      toFieldErrors(error.fields),
    );
  }

  const post = <T>(path: string, body: unknown) =>
    call<T>(path, { method: 'POST', body: JSON.stringify(body) });

  return {
    async points(query, { kinds, lang, limit, signal } = {}) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) params.set(key, String(value));
      if (kinds?.length) params.set('kinds', kinds.join(','));
      if (limit) params.set('limit', String(limit));
      if (lang) params.set('lang', lang);
      const body = await call<{ points?: PickupPoint[] }>(
        `/points?${params}`,
        signal ? { signal } : {},
      );
      return Array.isArray(body.points) ? body.points : [];
    },
    registerCustomer: (customer, service) => post('/customers', { customer, service }),
    select: (body) => post('/selection', body),
  };
}
