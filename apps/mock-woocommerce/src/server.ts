import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ConsumerKey } from './auth';
import { authenticate, checkKeyPermissions } from './auth';
import { createStoreZone } from './dates';
import { noRoute, OptionsError, WpError } from './errors';
import type { FaultConfig, FaultPlan, RouteName } from './faults';
import { countDown, decideFaults, ROUTES } from './faults';
import { DEMO_KEYS, USERS } from './fixtures';
import type { Answer } from './http';
import { BodyTooLargeError, FATAL_ERROR, HOST_PAGES, readBody, send } from './http';
import type { NonceLedger } from './oauth';
import type { GenerateOrdersOptions } from './orders/order-generator';
import { formatNote } from './orders/order-notes';
import type { PhpArray } from './php';
import { parsePhpQuery } from './php';
import { pickpostNoteHook } from './pickpost-plugin';
import { createSeededRandom, randomInt } from './random';
import type { DeliveryRecord, RequestRecord } from './records';
import { validateArgs } from './rest-schema';
import { CURRENCIES } from './routes/order-args';
import type { Method, Route, RouteContext } from './routes/route';
import { permissionError } from './routes/route';
import { createRouteTable } from './routes/table';
import { webhookJson } from './routes/webhooks';
import type { Shop } from './shop';
import { createShop } from './shop';
import { createSelfSignedCertificate } from './tls';
import type { WcOrder, WcOrderNote, WcWebhook } from './types';
import { createWebhookService } from './webhooks/webhook-service';

export interface MockWooCommerceOptions {
  /** HTTP port on loopback; 0 (the default) picks a free one. */
  port?: number;
  /** HTTPS port; 0 picks a free one. */
  httpsPort?: number;
  /** Loopback address to bind: `127.0.0.1` (default) or `::1`. */
  host?: '127.0.0.1' | '::1';
  /** Also serve HTTPS with a self-signed certificate made at start (default true). */
  https?: boolean;
  /** The store's time zone, an IANA name (default `Europe/Zurich`). */
  timezone?: string;
  /** The store currency (default `CHF`). */
  currency?: string;
  /** Shop setting "Prices entered with tax" (default false). */
  pricesIncludeTax?: boolean;
  /** The REST API keys the shop knows (default: `DEMO_KEYS`). */
  keys?: readonly ConsumerKey[];
  /**
   * Accept Basic and query-string keys over plain HTTP too, as test shops with application
   * passwords or a permissive plugin do. WooCommerce itself only checks them over HTTPS.
   */
  basicAuthOverHttp?: boolean;
  /** Faults per route group, drawn from a generator seeded with `seed`. */
  faults?: FaultPlan;
  seed?: number;
  /** Added to every answer, in ms (for benchmarks; default 0). */
  latencyMs?: number;
  /**
   * How many `order.updated` deliveries one change causes: a number, or a range drawn per change
   * from the seeded generator (default 2 to 4; WooCommerce sends 2–9).
   */
  webhookRepeat?: number | { min: number; max: number };
  /** How long a queued delivery waits before it is sent, in ms (Action Scheduler's lag; default 0). */
  webhookDelayMs?: number;
  /** Delivery timeout (WooCommerce: 60 s). */
  webhookTimeoutMs?: number;
  /** Serve the Shipment Tracking extension's endpoints (default false). */
  shipmentTracking?: boolean;
  /**
   * Simulate the PickPost companion plugin's note hook (default false): an order written over REST
   * with `_pickpost_note_pending` gets that note once and loses the meta (see pickpost-plugin.ts).
   */
  pickpostPlugin?: boolean;
  /** Orders to generate at start: a count, or how many over which period. */
  orders?: number | GenerateOrdersOptions;
  /** The shop's clock, in ms (default `Date.now`). */
  now?: () => number;
  /** Largest request body; larger ones get the host's 413 page. Default 8 MiB (PHP's post_max_size). */
  bodyLimitBytes?: number;
  /** The WooCommerce version orders and the Hookshot user agent show (default 10.2.2). */
  wcVersion?: string;
}

/** What tests read back: every request, every delivery, and the shop's data as REST shows it. */
export interface MockWooCommerceState {
  readonly requests: RequestRecord[];
  readonly deliveries: DeliveryRecord[];
  order(id: number): WcOrder | undefined;
  /** Every order id, ascending (trashed ones included). */
  orderIds(): readonly number[];
  readonly orderCount: number;
  notes(orderId: number): WcOrderNote[];
  /** A webhook with what REST hides: its secret and failure count. */
  webhook(
    id: number,
  ): (WcWebhook & { secret: string; failure_count: number; pending_delivery: boolean }) | undefined;
}

export interface MockWooCommerce {
  /** `http://127.0.0.1:<port>`: the shop's home URL; REST is under `/wp-json/`. */
  url: string;
  /** `https://127.0.0.1:<port>`, unless `https: false`. */
  httpsUrl: string | undefined;
  /** The HTTPS certificate (PEM), to trust it: `new https.Agent({ ca: certificate })`. */
  certificate: string | undefined;
  keys: readonly ConsumerKey[];
  state: MockWooCommerceState;
  /** The shop acting by itself (checkout, admin, cron): the same rules and webhooks as REST. */
  shop: Shop;
  /** Replaces the faults of a route group, or clears them with `undefined`. */
  setFaults(route: RouteName, config: FaultConfig | undefined): void;
  /** Resolves when no webhook delivery is queued or running (so not while they are paused). */
  settled(): Promise<void>;
  /**
   * Holds webhook deliveries in the queue, as a shop whose Action Scheduler has not run yet;
   * `resumeWebhooks` lets them go. Deliveries are built when they go, with the data as it is then.
   */
  pauseWebhooks(): void;
  resumeWebhooks(): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const WP_VERSION = '6.8.3';
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function checkOptions(options: MockWooCommerceOptions): void {
  const port = (name: string, value: number | undefined) => {
    if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 65_535)) {
      throw new OptionsError(name, 'must be an integer from 0 to 65535');
    }
  };
  port('port', options.port);
  port('httpsPort', options.httpsPort);
  if (options.host !== undefined && options.host !== '127.0.0.1' && options.host !== '::1') {
    throw new OptionsError('host', 'the simulator only listens on loopback (127.0.0.1 or ::1)');
  }
  if (options.currency !== undefined && !CURRENCIES.includes(options.currency)) {
    throw new OptionsError('currency', `"${options.currency}" is not a WooCommerce currency code`);
  }
  for (const [index, key] of (options.keys ?? []).entries()) {
    if (typeof key.consumerKey !== 'string' || key.consumerKey === '') {
      throw new OptionsError(`keys[${index}].consumerKey`, 'must be a non-empty string');
    }
    if (typeof key.consumerSecret !== 'string' || key.consumerSecret === '') {
      throw new OptionsError(`keys[${index}].consumerSecret`, 'must be a non-empty string');
    }
    if (!['read', 'write', 'read_write'].includes(key.permissions)) {
      throw new OptionsError(`keys[${index}].permissions`, 'must be read, write or read_write');
    }
    if (key.userId !== undefined && !USERS.some((user) => user.id === key.userId)) {
      throw new OptionsError(`keys[${index}].userId`, `no user ${key.userId} (see USERS)`);
    }
  }
  for (const name of Object.keys(options.faults ?? {})) {
    if (!(ROUTES as readonly string[]).includes(name))
      throw new OptionsError(`faults.${name}`, 'unknown route group');
  }
  const nonNegative = (name: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      throw new OptionsError(name, 'must be a number ≥ 0');
  };
  nonNegative('latencyMs', options.latencyMs);
  nonNegative('webhookDelayMs', options.webhookDelayMs);
  nonNegative('webhookTimeoutMs', options.webhookTimeoutMs);
  const repeat = options.webhookRepeat;
  if (repeat !== undefined) {
    const range = typeof repeat === 'number' ? { min: repeat, max: repeat } : repeat;
    if (
      !Number.isInteger(range.min) ||
      !Number.isInteger(range.max) ||
      range.min < 1 ||
      range.max < range.min
    ) {
      throw new OptionsError(
        'webhookRepeat',
        'must be an integer ≥ 1 or { min, max } with 1 ≤ min ≤ max',
      );
    }
  }
  const count = typeof options.orders === 'number' ? options.orders : options.orders?.count;
  if (count !== undefined && !(Number.isInteger(count) && count >= 0 && count <= 1_000_000)) {
    throw new OptionsError('orders', 'the count must be an integer from 0 to 1,000,000');
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** `/wp-json/<route>` or `?rest_route=<route>` (plain permalinks), trailing slash removed. */
function restRouteOf(rawPath: string, query: PhpArray): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  let restRoute: string | undefined;
  if (path === '/wp-json' || path.startsWith('/wp-json/'))
    restRoute = path.slice('/wp-json'.length);
  else if ((path === '/' || path === '/index.php') && typeof query.rest_route === 'string')
    restRoute = query.rest_route;
  if (restRoute === undefined) return undefined;
  return restRoute.replace(/\/+$/, '') || '/';
}

function redact(value: PhpArray): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  if ('consumer_secret' in copy) copy.consumer_secret = '[redacted]';
  return copy;
}

/**
 * Starts a simulator of a WooCommerce shop's REST API v3 on loopback: orders (with their exact
 * v3 JSON, filters and paging), order notes, webhooks with real deliveries, a few products and,
 * as an option, the Shipment Tracking extension; authenticated as WooCommerce does it (OAuth 1.0a
 * over HTTP, Basic or query keys over HTTPS) and with seeded faults. The README lists every rule
 * and its source.
 *
 * @example
 * await using woo = await createMockWooCommerce({ orders: 250 });
 * const response = await fetch(`${woo.httpsUrl}/wp-json/wc/v3/orders?per_page=100`, { … });
 *
 * @example
 * await using woo = await createMockWooCommerce({ webhookRepeat: 1 });
 * woo.shop.createOrder({ line_items: [{ sku: 'BOT-750', quantity: 1 }] });
 * await woo.settled(); // woo.state.deliveries holds what the webhooks received
 */
export async function createMockWooCommerce(
  options: MockWooCommerceOptions = {},
): Promise<MockWooCommerce> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const hostInUrl = host === '::1' ? '[::1]' : host;
  const zone = createStoreZone(options.timezone ?? 'Europe/Zurich');
  const currency = options.currency ?? 'CHF';
  const clock = options.now ?? Date.now;
  const random = createSeededRandom(options.seed ?? 1);
  const keys = options.keys ?? Object.values(DEMO_KEYS);
  const faults: FaultPlan = { ...options.faults };
  const bodyLimit = options.bodyLimitBytes ?? 8 * 1024 * 1024;
  const wcVersion = options.wcVersion ?? '10.2.2';
  const shipmentTracking = options.shipmentTracking ?? false;
  const requests: RequestRecord[] = [];
  const deliveries: DeliveryRecord[] = [];
  const nonces = new Map<string, NonceLedger>();
  const routes = createRouteTable({ currency, shipmentTracking, siteName: 'Velo Shop' });
  const repeat = options.webhookRepeat ?? { min: 2, max: 4 };
  const repeatRange = typeof repeat === 'number' ? { min: repeat, max: repeat } : repeat;

  const httpServer = createServer((request, response) => void serve(request, response, false));
  const certificate = options.https === false ? undefined : createSelfSignedCertificate();
  const httpsServer =
    certificate === undefined
      ? undefined
      : createHttpsServer({ cert: certificate.cert, key: certificate.key }, (request, response) => {
          void serve(request, response, true);
        });
  const httpPort = await listen(httpServer, options.port ?? 0, host);
  const httpsPort =
    httpsServer === undefined ? undefined : await listen(httpsServer, options.httpsPort ?? 0, host);
  const url = `http://${hostInUrl}:${httpPort}`;
  const httpsUrl = httpsPort === undefined ? undefined : `https://${hostInUrl}:${httpsPort}`;

  const shop = createShop({
    zone,
    currency,
    pricesIncludeTax: options.pricesIncludeTax ?? false,
    wcVersion,
    now: clock,
    random,
    origin: url,
  });
  if (options.pickpostPlugin === true) shop.restInsertHooks.push(pickpostNoteHook(shop));
  shop.webhooks = createWebhookService({
    now: () => Math.floor(clock() / 1000) * 1000,
    origin: url,
    userAgent: `WooCommerce/${wcVersion} Hookshot (WordPress/${WP_VERSION})`,
    salt: randomBytes(32).toString('hex'),
    updateRepeats: () => randomInt(random, repeatRange.min, repeatRange.max),
    delayMs: options.webhookDelayMs ?? 0,
    timeoutMs: options.webhookTimeoutMs ?? 60_000,
    payload(resource, id, userId) {
      const user = shop.user(userId);
      if (user === undefined || user.role !== 'administrator') {
        return new WpError(
          'woocommerce_rest_cannot_view',
          'Sorry, you cannot view this resource.',
          403,
        ).body;
      }
      if (resource === 'order') {
        const order = shop.orders.get(id);
        return order === undefined
          ? new WpError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', 404).body
          : shop.format(order);
      }
      return { id };
    },
    record: (delivery) => deliveries.push(delivery),
  });
  if (options.orders !== undefined) {
    shop.generate(typeof options.orders === 'number' ? { count: options.orders } : options.orders);
  }

  function findRoute(restRoute: string, method: string) {
    let pathMatched: Route | undefined;
    for (const entry of routes) {
      const match = entry.pattern.exec(restRoute);
      if (match === null) continue;
      pathMatched ??= entry;
      const handler = entry.handlers[(method === 'HEAD' ? 'GET' : method) as Method];
      if (handler !== undefined)
        return { entry, handler, url: { ...match.groups } as Record<string, string> };
    }
    return { entry: pathMatched };
  }

  async function dispatch(
    request: IncomingMessage,
    secure: boolean,
    parts: { rawPath: string; query: PhpArray; restRoute: string; body: Buffer },
    skewSeconds: number,
    recordAuth: (kind: RequestRecord['auth'], key: ConsumerKey | undefined) => void,
  ): Promise<Answer> {
    const { rawPath, query, restRoute, body } = parts;
    const httpMethod = (request.method ?? 'GET').toUpperCase();
    // WP_REST_Server::serve_request: `?_method=` or X-HTTP-Method-Override replaces the method
    // for routing and permissions; OAuth still signs the real one.
    const override =
      typeof query._method === 'string' ? query._method : request.headers['x-http-method-override'];
    const method =
      typeof override === 'string' && override !== '' ? override.toUpperCase() : httpMethod;
    const contentType = request.headers['content-type'] ?? '';
    let json: unknown;
    let jsonError: WpError | undefined;
    let form: PhpArray = {};
    if (/^application\/json/i.test(contentType) && body.length > 0) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch (error) {
        jsonError = new WpError('rest_invalid_json', 'Invalid JSON body passed.', 400, {
          json_error_code: 4,
          json_error_message: error instanceof Error ? 'Syntax error' : String(error),
        });
      }
    } else if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
      form = parsePhpQuery(body.toString('utf8'));
    }
    const origin = secure ? (httpsUrl as string) : url;
    const path = rawPath.replace(/^\/+/, '');
    const auth = authenticate(
      {
        basicAllowed: secure || options.basicAuthOverHttp === true,
        method: httpMethod,
        query,
        form: httpMethod === 'POST' ? form : {},
        authorization: request.headers.authorization,
        oauthBaseUrl: path === '' ? origin : `${origin}/${path}`,
        nowSeconds: Math.floor(clock() / 1000) + skewSeconds,
      },
      (consumerKey) => keys.find((key) => key.consumerKey === consumerKey),
      (key) => {
        const ledger = nonces.get(key.consumerKey) ?? new Map<string, number>();
        nonces.set(key.consumerKey, ledger);
        return ledger;
      },
    );
    recordAuth(auth.kind, auth.key);
    if (auth.error !== undefined) throw auth.error;
    if (auth.key !== undefined) {
      const denied = checkKeyPermissions(auth.key, method);
      if (denied !== undefined) throw denied;
    }
    const found = findRoute(restRoute, method);
    if (method === 'OPTIONS' && found.entry !== undefined) {
      const methods = Object.keys(found.entry.handlers);
      return {
        status: 200,
        headers: { Allow: methods.join(', ') },
        body: {
          namespace: found.entry.path.split('/').slice(1, 3).join('/'),
          methods,
          endpoints: Object.entries(found.entry.handlers).map(([name, handler]) => ({
            methods: [name],
            args: handler?.args ?? {},
          })),
        },
      };
    }
    if (found.handler === undefined) throw noRoute();
    if (jsonError !== undefined) throw jsonError;
    // WordPress's parameter order: the JSON body wins over a form body, over the query, over the URL.
    const jsonParams =
      json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
    // The URL's ids are integer arguments like any other, and as WordPress resolves
    // `$request['id']`, an `id` in the body or the query wins over the URL's.
    const routeArgs = Object.fromEntries(
      Object.keys(found.url)
        .filter((name) => name !== 'tracking_id')
        .map((name) => [name, { type: 'integer' as const }]),
    );
    const params = validateArgs(
      { ...routeArgs, ...found.handler.args },
      { ...found.url, ...query, ...form, ...jsonParams },
    );
    const resolved = Object.fromEntries(
      Object.keys(found.url).map((name) => [name, String(params[name])]),
    );
    const user = auth.key === undefined ? undefined : shop.user(auth.key.userId ?? 1);
    const denied = permissionError(found.handler.permission, user);
    if (denied !== undefined) throw denied;
    const context: RouteContext = {
      shop,
      method,
      params,
      query,
      url: resolved,
      key: auth.key,
      user,
      origin,
      features: { shipmentTracking },
    };
    const answer = await found.handler.run(context);
    return {
      ...answer,
      headers: { Allow: Object.keys(found.entry.handlers).join(', '), ...answer.headers },
    };
  }

  function faultAnswer(decision: ReturnType<typeof decideFaults>, config: FaultConfig): Answer {
    const retryAfter = { 'Retry-After': String(config.retryAfterSeconds ?? 30) };
    if (decision.answer === 'rate-limit')
      return { status: 429, headers: retryAfter, body: HOST_PAGES.tooMany };
    if (decision.answer === 'html') return { status: 200, body: HOST_PAGES.challenge };
    const status = config.errorStatus ?? 503;
    if (status === 500) return { status, body: FATAL_ERROR };
    if (status === 502) return { status, body: HOST_PAGES.badGateway };
    return { status, headers: retryAfter, body: HOST_PAGES.unavailable };
  }

  async function serve(
    request: IncomingMessage,
    response: ServerResponse,
    secure: boolean,
  ): Promise<void> {
    const arrived = performance.now();
    const rawUrl = request.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = parsePhpQuery(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1));
    const restRoute = restRouteOf(rawPath, query);
    const group = restRoute === undefined ? undefined : findRoute(restRoute, '').entry?.name;
    const record: RequestRecord = {
      method: (request.method ?? 'GET').toUpperCase(),
      route: group ?? 'unknown',
      restRoute: restRoute ?? '',
      url: rawUrl.replace(/([?&]consumer_secret=)[^&]*/g, '$1[redacted]'),
      query: redact(query),
      body: undefined,
      auth: 'none',
      status: 0,
      secure,
      at: clock(),
      durationMs: 0,
    };
    const finish = (answer: Answer | 'dropped') => {
      requests.push(record);
      record.durationMs = performance.now() - arrived;
      if (answer === 'dropped') {
        record.status = 'dropped';
        request.socket.destroy();
        return;
      }
      record.status = answer.status;
      send(response, answer, request.method === 'HEAD');
    };
    try {
      if (restRoute === undefined) {
        request.resume();
        finish({ status: 404, body: HOST_PAGES.notFound });
        return;
      }
      const config = group === undefined ? undefined : faults[group];
      const decision = decideFaults(config, random);
      if (group !== undefined) {
        const next = countDown(config);
        if (next === undefined) delete faults[group];
        else faults[group] = next;
      }
      const wait = (options.latencyMs ?? 0) + decision.delayMs;
      if (wait > 0) await delay(wait);
      if (decision.drop === 'before') {
        record.fault = 'drop-before';
        finish('dropped');
        return;
      }
      let body: Buffer;
      try {
        body = await readBody(request, bodyLimit);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        finish({ status: 413, headers: { Connection: 'close' }, body: HOST_PAGES.tooLarge });
        return;
      }
      record.body =
        body.length === 0 ? undefined : parseRecordedBody(body, request.headers['content-type']);
      if (decision.answer !== undefined && config !== undefined) {
        record.fault = decision.answer;
        finish(faultAnswer(decision, config));
        return;
      }
      let answer: Answer;
      try {
        answer = await dispatch(
          request,
          secure,
          { rawPath, query, restRoute, body },
          decision.clockSkewSeconds,
          (kind, key) => {
            record.auth = kind;
            record.consumerKey = key?.consumerKey;
          },
        );
      } catch (error) {
        if (!(error instanceof WpError)) throw error;
        answer = { status: error.status, body: error.body };
      }
      if (decision.drop === 'after') {
        record.fault = 'drop-after';
        finish('dropped');
        return;
      }
      finish(answer);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      // An unexpected failure is WordPress's fatal-error answer; the cause goes to the record only.
      record.fault = `internal: ${error instanceof Error ? error.message : String(error)}`;
      finish({ status: 500, body: FATAL_ERROR });
    }
  }

  const closeServer = (server: Server) =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  const close = async () => {
    shop.webhooks?.stop();
    await Promise.all([
      closeServer(httpServer),
      ...(httpsServer ? [closeServer(httpsServer)] : []),
    ]);
  };

  const state: MockWooCommerceState = {
    requests,
    deliveries,
    order: (id) => {
      const order = shop.orders.get(id);
      return order === undefined ? undefined : shop.format(order);
    },
    orderIds: () => shop.orders.byId.map((order) => order.id),
    get orderCount() {
      return shop.orders.size;
    },
    notes: (orderId) => shop.notes.forOrder(orderId).map((note) => formatNote(note, zone, url)),
    webhook(id) {
      const webhook = shop.webhooks?.get(id);
      if (webhook === undefined) return undefined;
      return {
        ...webhookJson(webhook, zone, url),
        secret: webhook.secret,
        failure_count: webhook.failureCount,
        pending_delivery: webhook.pendingDelivery,
      };
    },
  };

  return {
    url,
    httpsUrl,
    certificate: certificate?.cert,
    keys,
    state,
    shop,
    setFaults(route, config) {
      if (config === undefined) delete faults[route];
      else faults[route] = config;
    },
    settled: () => shop.webhooks?.settled() ?? Promise.resolve(),
    pauseWebhooks: () => shop.webhooks?.pause(),
    resumeWebhooks: () => shop.webhooks?.resume(),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function parseRecordedBody(body: Buffer, contentType: string | undefined): unknown {
  const text = body.toString('utf8');
  if (/^application\/json/i.test(contentType ?? '')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType ?? ''))
    return redact(parsePhpQuery(text));
  return text;
}
