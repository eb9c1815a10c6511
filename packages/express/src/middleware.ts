import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { widgetBundlePath } from '@pickpost/checkout-widget/bundle';
import type { CheckoutHandler, CheckoutHandlerOptions, PickPost } from '@pickpost/core';
import { createCheckoutHandler, PickPostError } from '@pickpost/core';
import { normaliseBasePath, toErrorResponse } from '@pickpost/core/adapter-kit';
import type {
  ErrorRequestHandler,
  Request as ExpressRequest,
  Response as ExpressResponse,
  Router as ExpressRouter,
} from 'express';
import { Router } from 'express';

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

/** Converts an Express request to a fetch `Request` for the core handler. */
export function toFetchRequest(req: ExpressRequest, basePath: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const body = bodyOf(req);
  // A re-serialised body need not have the length the client declared.
  if (body !== undefined && !body.raw) headers.delete('content-length');
  const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${basePath}${req.url === '/' ? '' : req.url}`;
  return new Request(url, {
    method: req.method,
    headers,
    ...(body === undefined ? {} : { body: body.body, duplex: 'half' }),
  } as RequestInit);
}

const SMALL_BODY_BYTES = 256 * 1024;

function isSmall(response: Response): boolean {
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(length)) return length <= SMALL_BODY_BYTES;
  return /json|javascript/i.test(response.headers.get('content-type') ?? '');
}

/** Writes a fetch `Response` to Express, streaming bodies of unknown or large size. */
export async function sendFetchResponse(response: Response, res: ExpressResponse): Promise<void> {
  res.status(response.status);
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (response.body === null) {
    res.end();
    return;
  }
  // Small answers (every JSON answer) go out in one write; piping a web stream through a Node
  // stream costs more than the answer itself. Streams without a known end (merged label PDFs)
  // are piped.
  if (isSmall(response)) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
    stream.on('error', reject);
    res.on('finish', resolve);
    res.on('close', resolve);
    stream.pipe(res);
  });
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
export function createPickPostMiddleware(options: PickPostMiddlewareOptions): ExpressRouter {
  const { pickpost, widgetScript, ...handlerOptions } = options;
  const widget = widgetScript === undefined ? readDefaultWidget() : widgetScript;
  const basePath = normaliseBasePath(options.basePath);
  const handler: CheckoutHandler = createCheckoutHandler(pickpost, {
    ...handlerOptions,
    basePath,
    ...(widget === false ? {} : { widgetScript: widget }),
  });
  const router = Router();
  router.use((req, res, next) => {
    handler(toFetchRequest(req, basePath), req.ip === undefined ? {} : { clientIp: req.ip })
      .then((response) => sendFetchResponse(response, res))
      .catch(next);
  });
  return router;
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
    sendFetchResponse(toErrorResponse(error), res).catch(next);
  };
}
