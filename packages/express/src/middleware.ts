import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { widgetBundlePath } from '@pickpost/checkout-widget/bundle';
import type { CheckoutHandler, CheckoutHandlerOptions, PickPost } from '@pickpost/core';
import { createCheckoutHandler, PickPostError } from '@pickpost/core';
import type { CheckoutAnswer, CheckoutRequest } from '@pickpost/core/adapter-kit';
import { fromFetchRequest, normaliseBasePath, toErrorAnswer } from '@pickpost/core/adapter-kit';
import type {
  ErrorRequestHandler,
  Request as ExpressRequest,
  Response as ExpressResponse,
  RequestHandler,
} from 'express';

/**
 * What the Express middleware needs: the shop's PickPost instance and the widget bundle to serve,
 * with the checkout handler's options.
 */
export interface PickPostMiddlewareOptions extends Omit<CheckoutHandlerOptions, 'widgetScript'> {
  /**
   * The widget bundle served at `GET <basePath>/widget.js`: by default the one of
   * `@pickpost/checkout-widget`; `false` serves none.
   */
  widgetScript?: string | Uint8Array | false;
  /** The shop's PickPost instance (`createPickPost`). */
  pickpost: PickPost;
  /**
   * Where the router is mounted (`app.use('/pickpost', …)`): the core handler sees this path
   * in its URLs, cookies and label links. Default `/pickpost`.
   */
  basePath?: string;
}

const BODYLESS = new Set(['GET', 'HEAD']);

/** The body of an Express request: the raw stream, or what a body parser already read. */
function bodyOf(req: ExpressRequest): { body: BodyInit; raw: boolean } | undefined {
  if (BODYLESS.has(req.method)) return undefined;
  // express.json() and friends consume the stream; hand the parsed value on instead.
  if (req.readableEnded || req.body !== undefined) {
    const parsed: unknown = req.body;
    if (parsed === undefined) return undefined;
    if (Buffer.isBuffer(parsed)) return { body: new Uint8Array(parsed), raw: false };
    if (typeof parsed === 'string') return { body: parsed, raw: false };
    return { body: JSON.stringify(parsed), raw: false };
  }
  return { body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>, raw: true };
}

/**
 * The origin of the URLs the core handler sees. Fixed, not taken from the `Host` header: the
 * client chooses that header, and it must not choose how the path is read (a `Host` with a
 * path or a space in it), nor what a log line shows. Only the scheme is the request's own
 * (`req.protocol`, which follows Express's `trust proxy`), for the cookie's `Secure` flag.
 */
const FIXED_HOST = 'pickpost.invalid';

const urlOf = (req: ExpressRequest) => `${req.protocol}://${FIXED_HOST}${req.originalUrl}`;

/**
 * Converts an Express request to a fetch `Request`: the path as the client sent it
 * (`req.originalUrl`, mount path included) on a fixed origin.
 */
export function toFetchRequest(req: ExpressRequest): Request {
  const headers: Record<string, string> = {};
  for (const name in req.headers) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
    else if (Array.isArray(value)) headers[name] = value.join(', ');
  }
  const body = bodyOf(req);
  // A re-serialised body need not have the length the client declared.
  if (body !== undefined && !body.raw) delete headers['content-length'];
  return new Request(urlOf(req), {
    method: req.method,
    headers,
    ...(body === undefined ? {} : { body: body.body, duplex: 'half' }),
  } as RequestInit);
}

/**
 * An Express request as the core handler reads it, without a fetch `Request` (built only when
 * the body is read or the shop's `customerRef` callback asks for it): a cached point search
 * then costs little more than Express itself. A class, so a request allocates one object and
 * no closures.
 */
class ExpressCheckoutRequest implements CheckoutRequest {
  readonly method: string;
  #url: URL | undefined;
  #fetchRequest: Request | undefined;

  constructor(readonly req: ExpressRequest) {
    this.method = req.method;
  }

  get url(): URL {
    this.#url ??= new URL(urlOf(this.req));
    return this.#url;
  }

  header(name: string): string | null {
    const value = this.req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  jsonBody(limitBytes: number): Promise<Record<string, unknown>> {
    return fromFetchRequest(this.toFetchRequest()).jsonBody(limitBytes);
  }

  toFetchRequest(): Request {
    this.#fetchRequest ??= toFetchRequest(this.req);
    return this.#fetchRequest;
  }
}

/** Writes a checkout answer to Express: text and bytes at once, streams piped. */
async function sendAnswer(answer: CheckoutAnswer, res: ExpressResponse): Promise<void> {
  res.statusCode = answer.status;
  for (const name in answer.headers) res.setHeader(name, answer.headers[name] as string);
  if (answer.cookies !== undefined) res.setHeader('set-cookie', [...answer.cookies]);
  const { body } = answer;
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) {
    res.end(body ?? undefined);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>);
    stream.on('error', reject);
    res.on('finish', resolve);
    res.on('close', resolve);
    stream.pipe(res);
  });
}

/** Writes a fetch `Response` to Express (what `pickPostErrorHandler` answers with). */
export async function sendFetchResponse(response: Response, res: ExpressResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  await sendAnswer(
    {
      status: response.status,
      headers,
      cookies: response.headers.getSetCookie(),
      body: response.body === null ? null : new Uint8Array(await response.arrayBuffer()),
    },
    res,
  );
}

/** The bundle of `@pickpost/checkout-widget`, or a clear error when it was never built. */
function readDefaultWidget(): Buffer {
  try {
    return readFileSync(widgetBundlePath);
  } catch (cause) {
    throw new PickPostError(
      'CONFIG_INVALID',
      `The checkout widget bundle ${widgetBundlePath} is missing: build @pickpost/checkout-widget, or pass widgetScript (false for none)`,
      { cause },
    );
  }
}

/**
 * The PickPost checkout API, widget and admin routes as an Express router. It only translates
 * between Express and the fetch-standard handler of `@pickpost/core`, which holds all the
 * logic. Works with Express 4 and 5, before or after `express.json()`.
 *
 * The public routes are rate-limited per client address, taken from `req.ip`: behind a proxy or
 * load balancer set Express's `trust proxy` (e.g. `app.set('trust proxy', 1)` for one hop) so
 * that `req.ip` is the shopper's address and not the proxy's, or every shopper shares one limit;
 * never trust `X-Forwarded-For` from the open internet.
 *
 * @example
 * app.use('/pickpost', createPickPostMiddleware({ pickpost, basePath: '/pickpost', adminToken: process.env.PICKPOST_ADMIN_TOKEN }));
 */
export function createPickPostMiddleware(options: PickPostMiddlewareOptions): RequestHandler {
  const { pickpost, widgetScript, ...handlerOptions } = options;
  const widget = widgetScript === undefined ? readDefaultWidget() : widgetScript;
  const basePath = normaliseBasePath(options.basePath);
  const handler: CheckoutHandler = createCheckoutHandler(pickpost, {
    ...handlerOptions,
    basePath,
    ...(widget === false ? {} : { widgetScript: widget }),
  });
  // A plain handler rather than a Router of its own: one routing layer less on every request
  // (the core handler routes). Mounted with `app.use(basePath, …)` like a router.
  return (req, res, next) => {
    handler
      .answer(new ExpressCheckoutRequest(req), req.ip === undefined ? {} : { clientIp: req.ip })
      .then((answer) => sendAnswer(answer, res))
      .catch(next);
  };
}

/**
 * An Express error handler that answers errors thrown by your own routes (a PickPost error from
 * `fulfil`, say) in the same JSON form as the PickPost API: `{ error: { code, message, fields? } }`
 * with the matching status, and without internal details for anything else.
 *
 * @example
 * app.use(pickPostErrorHandler());
 */
export function pickPostErrorHandler(): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    sendAnswer(toErrorAnswer(error), res).catch(next);
  };
}
