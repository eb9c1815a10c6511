import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import WooCommerceRestApiModule from '@woocommerce/woocommerce-rest-api';
import { WooCommerceError } from './errors';
import type {
  BatchItemResult,
  OrderUpdate,
  WooNote,
  WooOrder,
  WooProduct,
  WooWebhook,
} from './woo-types';

/** WooCommerce takes at most 100 objects per batch, create + update + delete together (§6). */
export const WOO_BATCH_LIMIT = 100;
/** The largest page WooCommerce serves (`per_page` 1–100). */
export const WOO_PAGE_SIZE = 100;

type Params = Record<string, string | number | boolean | readonly (string | number)[]>;

interface AxiosLikeResponse {
  status: number;
  data: unknown;
  headers: Record<string, unknown>;
}

interface RestApi {
  get(endpoint: string, params?: Params): Promise<AxiosLikeResponse>;
  post(endpoint: string, data: unknown, params?: Params): Promise<AxiosLikeResponse>;
  put(endpoint: string, data: unknown, params?: Params): Promise<AxiosLikeResponse>;
}
type RestApiConstructor = new (options: Record<string, unknown>) => RestApi;

// The package is CommonJS without an `exports` map: in native ESM the default import is the
// module object on some loaders and the class on others (js-lib #66), so take whichever it is.
const WooCommerceRestApi = ((WooCommerceRestApiModule as unknown as { default?: unknown })
  .default ?? WooCommerceRestApiModule) as RestApiConstructor;

/** How a WooCommerce call is retried on a busy or failing shop: attempts and backoff. */
export interface RetryOptions {
  /** Attempts in all (default 5). */
  attempts?: number;
  /** First backoff step in ms (default 250); doubled per attempt with full jitter. */
  baseDelayMs?: number;
  /** Longest single wait, `Retry-After` included (default 30 s): a longer one ends the call. */
  maxDelayMs?: number;
}

/** Which shop the client calls and how: its URL, REST API keys, timeout and retries. */
export interface WooClientOptions {
  /** The shop's home URL (`https://shop.example.ch`); REST is under `/wp-json/wc/v3`. */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** Per request, in ms (default 30 s). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Extra CA certificates to trust (a test shop's self-signed one). */
  ca?: string;
  /** Send the keys as query parameters over HTTPS (for servers that drop `Authorization`). */
  queryStringAuth?: boolean;
  /** Requests at once per client (default 4: hosts and WAFs throttle, shops.md §1.4). */
  concurrency?: number;
  /** For tests: sleeps between retries. */
  sleep?: (ms: number) => Promise<void>;
}

/** A page of a listing and where the next one is. */
export interface OrderPage {
  orders: WooOrder[];
  page: number;
  totalPages: number;
}

/** What the sync service asks of a shop: orders, notes, webhooks, products, tracking. */
export interface WooClient {
  /**
   * Pages of orders, following `X-WP-TotalPages`; `per_page` is 100 unless given.
   *
   * @example
   * for await (const page of woo.listOrders({ status: ['processing'] })) handle(page.orders);
   */
  listOrders(params: Params): AsyncIterable<OrderPage>;
  /** One page of orders. */
  listOrdersPage(params: Params): Promise<OrderPage>;
  /** One order by id. */
  getOrder(id: number): Promise<WooOrder>;
  /** Chunked into batches of ≤ 100; one result per update, in input order. */
  updateOrders(updates: readonly OrderUpdate[]): Promise<BatchItemResult[]>;
  /** An order's notes. */
  listNotes(orderId: number): Promise<WooNote[]>;
  /**
   * Adds a note. A note is not idempotent, so after an answer that may have been lost the notes
   * are read back and the call is repeated only when `note` is not among them.
   */
  addNote(orderId: number, note: string, options?: { customerNote?: boolean }): Promise<void>;
  /** Every webhook of the shop, all pages. */
  listWebhooks(): Promise<WooWebhook[]>;
  /** Creates a webhook. */
  createWebhook(body: {
    name: string;
    topic: string;
    delivery_url: string;
    secret: string;
  }): Promise<WooWebhook>;
  /** Changes a webhook's fields (`ensureWebhooks` reactivates one and sets its secret). */
  updateWebhook(id: number, body: Record<string, unknown>): Promise<WooWebhook>;
  /** Products by id (for their weights), 100 per request. */
  getProducts(ids: readonly number[]): Promise<WooProduct[]>;
  /** Whether the Shipment Tracking extension answers (its provider list). */
  hasShipmentTracking(): Promise<boolean>;
  /**
   * Adds a tracking number through the Shipment Tracking extension (check `hasShipmentTracking`
   * first).
   */
  addShipmentTracking(
    orderId: number,
    body: {
      custom_tracking_provider: string;
      custom_tracking_link: string;
      tracking_number: string;
    },
  ): Promise<void>;
  /** An empty batch: answers only when the key may write (`doctor`). */
  checkWrite(): Promise<void>;
  /** Requests sent so far, attempts included (for the benchmark and `doctor`). */
  readonly requestCount: number;
  /** Ends the client: destroys its keep-alive agents. */
  close(): void;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A bounded number of requests at once. */
function createLimiter(max: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return value === undefined || value === null ? undefined : String(value);
}

function retryAfterOf(headers: Record<string, unknown> | undefined): number | undefined {
  const raw = headers === undefined ? undefined : headerOf(headers, 'retry-after');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'ECONNABORTED',
  'ERR_BAD_RESPONSE',
]);

/** Turns whatever Axios threw or answered into a WooCommerceError (never the Axios error itself). */
function normalise(
  error: unknown,
  operation: string,
  orderId: number | undefined,
): WooCommerceError {
  const axiosError = error as {
    code?: string;
    response?: AxiosLikeResponse;
    message?: string;
  };
  const response = axiosError.response;
  if (response === undefined) {
    const code = axiosError.code ?? 'unknown';
    const timeout = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
    return new WooCommerceError(
      `${operation}: ${timeout ? 'no answer in time' : `no answer (${code})`}`,
      {
        kind: timeout ? 'timeout' : 'network',
        operation,
        orderId,
        retryable: NETWORK_CODES.has(code) || timeout || code === 'unknown',
        // Only the code: an Axios error quotes its request config, consumer secret included.
        cause: { code },
      },
    );
  }
  return fromAnswer(response, operation, orderId);
}

function fromAnswer(
  response: AxiosLikeResponse,
  operation: string,
  orderId: number | undefined,
): WooCommerceError {
  const { status, data } = response;
  const retryAfterSeconds = retryAfterOf(response.headers);
  const body = data as { code?: unknown; message?: unknown } | null;
  if (body !== null && typeof body === 'object' && typeof body.code === 'string') {
    return new WooCommerceError(
      `${operation}${orderId === undefined ? '' : ` (order ${orderId})`}: WooCommerce answered ${status} ${body.code}: ${String(body.message ?? '')}`,
      {
        kind: 'api',
        status,
        wooCode: body.code,
        operation,
        orderId,
        retryable: status === 429 || status >= 500,
        retryAfterSeconds,
      },
    );
  }
  return new WooCommerceError(
    `${operation}${orderId === undefined ? '' : ` (order ${orderId})`}: the shop answered ${status} with ${typeof data === 'string' ? 'a page that is not WooCommerce JSON (a host or firewall page?)' : 'an unexpected body'}`,
    {
      kind: 'not-json',
      status,
      operation,
      orderId,
      // A host's or WAF's page stands in front of WooCommerce: the call never got there.
      retryable: status === 429 || status >= 500 || status < 300,
      retryAfterSeconds,
    },
  );
}

/**
 * The WooCommerce REST API v3 through `@woocommerce/woocommerce-rest-api` 1.0.2, with what that
 * client lacks (shops.md §2): retries with backoff on 429, 5xx, timeouts and host pages
 * (honouring `Retry-After`, never on other 4xx), pagination by headers, batches chunked to 100
 * with per-item results, typed errors naming the order and WooCommerce's code, keep-alive
 * agents, and no secret in any error. Headers are never passed through `axiosConfig` (it would
 * replace the content type, js-lib #103).
 *
 * @example
 * const woo = createWooClient({ url: 'https://shop.example.ch', consumerKey, consumerSecret });
 * const order = await woo.getOrder(1042);
 */
export function createWooClient(options: WooClientOptions): WooClient {
  const attempts = options.retry?.attempts ?? 5;
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  const maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? sleepFor;
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: options.concurrency ?? 4 });
  const httpsAgent = new HttpsAgent({
    keepAlive: true,
    maxSockets: options.concurrency ?? 4,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  const make = (version: string) =>
    new WooCommerceRestApi({
      url: options.url,
      consumerKey: options.consumerKey,
      consumerSecret: options.consumerSecret,
      version,
      queryStringAuth: options.queryStringAuth ?? false,
      timeout: options.timeoutMs ?? 30_000,
      // Only agents and the status check here: never `headers` or `params` (js-lib #103).
      axiosConfig: { httpAgent, httpsAgent, validateStatus: () => true, maxRedirects: 0 },
    });
  const api = make('wc/v3');
  const tracking = make('wc-shipment-tracking/v3');
  const limit = createLimiter(options.concurrency ?? 4);
  let requestCount = 0;

  /**
   * One call with retries. `idempotent: false` calls are repeated only after failures that
   * prove the shop did not act (429, a host page, a refused connection).
   */
  async function call(
    operation: string,
    send: () => Promise<AxiosLikeResponse>,
    context: { orderId?: number; idempotent?: boolean } = {},
  ): Promise<AxiosLikeResponse> {
    let lastError: WooCommerceError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let error: WooCommerceError;
      try {
        requestCount += 1;
        const response = await limit(send);
        const json = response.data !== null && typeof response.data === 'object';
        if (response.status >= 200 && response.status < 300 && json) return response;
        error = fromAnswer(response, operation, context.orderId);
      } catch (thrown) {
        error = normalise(thrown, operation, context.orderId);
      }
      lastError = error;
      const provenUnprocessed =
        error.status === 429 ||
        error.kind === 'not-json' ||
        (error.kind === 'network' && (error.cause as { code?: string }).code === 'ECONNREFUSED');
      const mayRetry =
        error.retryable &&
        (context.idempotent !== false || provenUnprocessed) &&
        attempt < attempts;
      if (!mayRetry) throw error;
      const backoff = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      const wait = error.retryAfterSeconds === undefined ? backoff : error.retryAfterSeconds * 1000;
      if (wait > maxDelayMs) throw error;
      await sleep(wait);
    }
    throw lastError as WooCommerceError;
  }

  const pageOf = (response: AxiosLikeResponse, page: number): OrderPage => ({
    orders: response.data as WooOrder[],
    page,
    totalPages: Number(headerOf(response.headers, 'x-wp-totalpages') ?? '1') || 0,
  });

  async function listOrdersPage(params: Params): Promise<OrderPage> {
    const page = Number(params.page ?? 1);
    const response = await call('GET orders', () =>
      api.get('orders', { per_page: WOO_PAGE_SIZE, ...params, page }),
    );
    if (!Array.isArray(response.data)) {
      throw fromAnswer({ ...response, data: '' }, 'GET orders', undefined);
    }
    return pageOf(response, page);
  }

  async function updateChunk(chunk: readonly OrderUpdate[]): Promise<BatchItemResult[]> {
    const response = await call('POST orders/batch', () =>
      api.post('orders/batch', { update: chunk }),
    );
    const items = ((response.data as { update?: unknown[] }).update ?? []) as Array<
      WooOrder & { error?: { code: string; message: string; data?: { status?: number } } }
    >;
    // Per item: the order as it is now, or `{ id, error }` (HTTP 200 either way, §6).
    return chunk.map((update, index) => {
      const item = items[index];
      if (item === undefined) {
        return {
          id: update.id,
          ok: false as const,
          code: 'missing_item',
          message: 'the batch answer has no item for this order',
          status: undefined,
        };
      }
      if (item.error !== undefined) {
        return {
          id: update.id,
          ok: false as const,
          code: item.error.code,
          message: item.error.message,
          status: item.error.data?.status,
        };
      }
      return { id: update.id, ok: true as const, order: item };
    });
  }

  return {
    get requestCount() {
      return requestCount;
    },
    listOrdersPage,
    async *listOrders(params) {
      let page = Number(params.page ?? 1);
      for (;;) {
        const result = await listOrdersPage({ ...params, page });
        yield result;
        if (page >= result.totalPages || result.orders.length === 0) return;
        page += 1;
      }
    },
    async getOrder(id) {
      const response = await call(`GET orders/${id}`, () => api.get(`orders/${id}`), {
        orderId: id,
      });
      return response.data as WooOrder;
    },
    async updateOrders(updates) {
      const results: BatchItemResult[] = [];
      for (let at = 0; at < updates.length; at += WOO_BATCH_LIMIT) {
        results.push(...(await updateChunk(updates.slice(at, at + WOO_BATCH_LIMIT))));
      }
      return results;
    },
    async listNotes(orderId) {
      const response = await call(
        `GET orders/${orderId}/notes`,
        () => api.get(`orders/${orderId}/notes`, { type: 'any' }),
        { orderId },
      );
      return response.data as WooNote[];
    },
    async addNote(orderId, note, noteOptions = {}) {
      const send = () =>
        call(
          `POST orders/${orderId}/notes`,
          () =>
            api.post(`orders/${orderId}/notes`, {
              note,
              customer_note: noteOptions.customerNote ?? false,
            }),
          { orderId, idempotent: false },
        );
      try {
        await send();
      } catch (error) {
        if (!(error instanceof WooCommerceError) || !error.retryable) throw error;
        // The answer may have been lost after the note was written: look before writing again.
        const notes = await this.listNotes(orderId);
        if (notes.some((existing) => existing.note === note)) return;
        await send();
      }
    },
    async listWebhooks() {
      const all: WooWebhook[] = [];
      for (let page = 1; ; page++) {
        const response = await call('GET webhooks', () =>
          api.get('webhooks', { per_page: WOO_PAGE_SIZE, page }),
        );
        all.push(...(response.data as WooWebhook[]));
        if (page >= Number(headerOf(response.headers, 'x-wp-totalpages') ?? '1')) return all;
      }
    },
    async createWebhook(body) {
      const response = await call('POST webhooks', () => api.post('webhooks', body), {
        idempotent: false,
      });
      return response.data as WooWebhook;
    },
    async updateWebhook(id, body) {
      const response = await call(`PUT webhooks/${id}`, () => api.put(`webhooks/${id}`, body));
      return response.data as WooWebhook;
    },
    async getProducts(ids) {
      const unique = [...new Set(ids)];
      const products: WooProduct[] = [];
      for (let at = 0; at < unique.length; at += WOO_PAGE_SIZE) {
        const include = unique.slice(at, at + WOO_PAGE_SIZE);
        const response = await call('GET products', () =>
          api.get('products', { include: include.join(','), per_page: WOO_PAGE_SIZE }),
        );
        products.push(...(response.data as WooProduct[]));
      }
      return products;
    },
    async hasShipmentTracking() {
      try {
        await call('GET shipment-trackings/providers', () =>
          tracking.get('orders/0/shipment-trackings/providers'),
        );
        return true;
      } catch (error) {
        if (error instanceof WooCommerceError && error.status === 404) return false;
        throw error;
      }
    },
    async addShipmentTracking(orderId, body) {
      await call(
        `POST shipment-trackings (order ${orderId})`,
        () => tracking.post(`orders/${orderId}/shipment-trackings`, body),
        { orderId, idempotent: false },
      );
    },
    async checkWrite() {
      await call('POST orders/batch (empty)', () => api.post('orders/batch', { update: [] }));
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
