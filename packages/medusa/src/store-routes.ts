import type { CheckoutHandler, CheckoutHandlerOptions, PickPost } from '@pickpost/core';
import { createCheckoutHandler } from '@pickpost/core';
import type { CheckoutAnswer } from '@pickpost/core/adapter-kit';
import { fromFetchRequest } from '@pickpost/core/adapter-kit';
import { pickPostOf } from './registry';
import { sendAnswer } from './send-answer';

/** The Express-shaped request Medusa hands a route: only what is read here. */
export interface RouteRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  query?: Record<string, unknown>;
  ip?: string;
  auth_context?: { actor_id?: string; actor_type?: string };
}

/** The Express-shaped response of a Medusa route. */
export interface RouteResponse {
  statusCode: number;
  headersSent?: boolean;
  /** Sets an answer header. */
  setHeader(name: string, value: string | readonly string[]): unknown;
  /** Ends the answer, with its body or the rest of a streamed one. */
  end(body?: string | Uint8Array): unknown;
  /** Writes a part of a streamed body; `false` when the buffer is full (wait for `drain`). */
  write(chunk: Uint8Array): boolean;
  /** Waits for the buffer to drain or the client to go away, while streaming. */
  once(event: 'drain' | 'close', listener: () => void): unknown;
}

/** Where the store routes live in Medusa: `/store/pickpost/points`, `/customers`, `/selection`. */
export const STORE_BASE_PATH = '/store/pickpost';

/**
 * The cart a checkout request is for, as a header: what the checkout widget sends with its
 * `request-headers` attribute, since it appends its own paths and queries to the endpoint.
 */
export const CART_HEADER = 'x-pickpost-cart-id';

// Set here from Medusa's own knowledge of the request; a client's copy is removed first.
const CUSTOMER_HEADER = 'x-pickpost-medusa-customer';

const handlers = new WeakMap<PickPost, CheckoutHandler>();

/** The handler of a PickPost instance, made once (it holds the rate limits). */
function handlerOf(pickpost: PickPost, options: Omit<CheckoutHandlerOptions, 'basePath'>) {
  let handler = handlers.get(pickpost);
  if (handler === undefined) {
    handler = createCheckoutHandler(pickpost, {
      corsAllowHeaders: ['x-publishable-api-key', CART_HEADER],
      ...options,
      basePath: STORE_BASE_PATH,
      customerRef: (request) => request.headers.get(CUSTOMER_HEADER) ?? undefined,
    });
    handlers.set(pickpost, handler);
  }
  return handler;
}

/**
 * Whom a checkout request acts for: the signed-in customer, otherwise the cart (`cart_id` in the
 * query or body, or the `x-pickpost-cart-id` header). Medusa treats a cart id as the guest's key to the cart, and so does this.
 */
export function customerRefOf(req: RouteRequest): string | undefined {
  if (req.auth_context?.actor_type === 'customer' && req.auth_context.actor_id) {
    return `customer:${req.auth_context.actor_id}`;
  }
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as {
    cart_id?: unknown;
  };
  const header = req.headers[CART_HEADER];
  const cartId = req.query?.cart_id ?? body.cart_id ?? (Array.isArray(header) ? header[0] : header);
  return typeof cartId === 'string' && /^[\w-]{1,100}$/.test(cartId) ? `cart:${cartId}` : undefined;
}

/** The Medusa request as a fetch `Request` for core, the customer header set by us alone. */
function toFetchRequest(req: RouteRequest, customerRef: string | undefined): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === CUSTOMER_HEADER || name === 'content-length') continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  if (customerRef !== undefined) headers.set(CUSTOMER_HEADER, customerRef);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.body !== undefined;
  // Medusa has parsed the JSON body already; core reads it again from this copy.
  return new Request(`http://pickpost.invalid${req.originalUrl}`, {
    method: req.method,
    headers,
    ...(hasBody ? { body: JSON.stringify(req.body) } : {}),
  });
}

/** Core's `{ error: { code, message, fields } }` in Medusa's error shape `{ type, message }`. */
async function medusaShaped(answer: CheckoutAnswer): Promise<CheckoutAnswer> {
  if (answer.status < 400 || typeof answer.body !== 'string') return answer;
  let parsed: { error?: { code?: string; message?: string; fields?: unknown } };
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return answer;
  }
  const { error } = parsed;
  if (error === undefined) return answer;
  const type =
    answer.status === 404
      ? 'not_found'
      : answer.status === 429
        ? 'not_allowed'
        : answer.status >= 500
          ? 'unexpected_state'
          : 'invalid_data';
  return {
    ...answer,
    // Medusa answers invalid data with 400 where core says 422.
    status: answer.status === 422 ? 400 : answer.status,
    body: JSON.stringify({ type, message: error.message, code: error.code, fields: error.fields }),
  };
}

/**
 * Creates Medusa route handlers for the PickPost checkout API, over core's checkout handler:
 * `GET /store/pickpost/points?zip=`, `POST /store/pickpost/customers` and
 * `POST /store/pickpost/selection`, with `cart_id` (query or body) or the signed-in customer
 * naming whom the registration and the selection are for. Medusa checks the publishable API key
 * of every `/store` route first; the handler keeps its rate and size limits.
 *
 * @example
 * // src/api/store/pickpost/selection/route.ts
 * import { createStoreRoute } from '@pickpost/medusa';
 * export const POST = createStoreRoute();
 */
export function createStoreRoute(
  options: Omit<CheckoutHandlerOptions, 'basePath' | 'customerRef'> = {},
): (req: RouteRequest, res: RouteResponse) => Promise<void> {
  return async (req, res) => {
    const handler = handlerOf(pickPostOf().pickpost, options);
    const request = toFetchRequest(req, customerRefOf(req));
    const answer = await handler.answer(
      fromFetchRequest(request),
      req.ip === undefined ? {} : { clientIp: req.ip },
    );
    await sendAnswer(await medusaShaped(answer), res);
  };
}
