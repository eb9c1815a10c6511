import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Logger } from '@pickpost/core';
import type { WooOrder } from './woo-types';

/** The topics the service acts on; every other signed delivery is answered 200 and dropped. */
export const ORDER_TOPICS = ['order.created', 'order.updated'] as const;

/**
 * Whether `signature` is WooCommerce's `base64(HMAC-SHA256(secret, body))` over exactly these
 * bytes, compared in constant time (shops.md §1.5, §6). Any secret of `secrets` may match (a
 * rotation keeps the old one for a while).
 *
 * @example
 * verifyWebhookSignature(rawBody, request.headers.get('x-wc-webhook-signature'), [secret]);
 */
export function verifyWebhookSignature(
  body: Uint8Array,
  signature: string | null | undefined,
  secrets: readonly string[],
): boolean {
  if (typeof signature !== 'string' || signature === '') return false;
  const given = Buffer.from(signature.trim(), 'utf8');
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('base64'));
    // Lengths are public (a base64 SHA-256 is always 44 characters); only the bytes are compared.
    if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}

/**
 * What the webhook handler needs: the secrets that verify deliveries, where delivered orders go,
 * and the largest body it reads.
 */
export interface WebhookHandlerOptions {
  /** The webhook secrets (`ensureWebhooks` sets them); at least one. */
  secrets: readonly string[];
  /** Takes a delivered order in (`sync.ingest(orders, 'webhook')`). */
  ingest: (orders: readonly WooOrder[], source: 'webhook') => Promise<unknown>;
  /** Largest body accepted (default 1 MiB; an order with many items is some 20 KiB). */
  bodyLimitBytes?: number;
  logger?: Logger;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

class TooLarge extends Error {}

/** The body's bytes, refusing more than `limit` without reading them all. */
async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw new TooLarge();
  if (request.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** WooCommerce's ping: a form body `webhook_id=<id>` with no `X-WC-Webhook-*` headers. */
function isPing(request: Request, body: Uint8Array): boolean {
  if (request.headers.has('x-wc-webhook-topic') || request.headers.has('x-wc-webhook-signature'))
    return false;
  return /^webhook_id=\d+$/.test(Buffer.from(body).toString('utf8').trim());
}

/**
 * The endpoint WooCommerce delivers `order.created` and `order.updated` to, as a fetch-standard
 * handler (`Request` in, `Response` out), like core's `createCheckoutHandler`. It checks the
 * signature on the raw bytes before parsing, answers WooCommerce's ping with exactly 200, and
 * hands the order to the sync, which debounces repeated deliveries and ignores its own writes.
 * A bad signature is 401 and nothing is done; a body over the limit is 413.
 *
 * @example
 * const onWebhook = createWebhookHandler({ secrets: [secret], ingest: sync.ingest });
 * const response = await onWebhook(request);
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  if (options.secrets.length === 0 || options.secrets.some((secret) => secret.length < 16))
    throw new TypeError('createWebhookHandler: give secrets of at least 16 characters');
  const limit = options.bodyLimitBytes ?? 1024 * 1024;
  const topics = new Set<string>(ORDER_TOPICS);
  return async (request) => {
    if (request.method !== 'POST')
      return json(405, { error: { code: 'method_not_allowed', message: 'POST only' } });
    let body: Uint8Array;
    try {
      body = await readBody(request, limit);
    } catch (error) {
      if (error instanceof TooLarge)
        return json(413, { error: { code: 'body_too_large', message: `over ${limit} bytes` } });
      throw error;
    }
    if (isPing(request, body)) return json(200, { ok: true });
    if (
      !verifyWebhookSignature(body, request.headers.get('x-wc-webhook-signature'), options.secrets)
    ) {
      options.logger?.warn('webhook refused: bad signature', {
        webhook: request.headers.get('x-wc-webhook-id') ?? undefined,
      });
      return json(401, { error: { code: 'bad_signature', message: 'signature does not match' } });
    }
    const topic = request.headers.get('x-wc-webhook-topic') ?? '';
    if (!topics.has(topic)) return json(200, { ok: true, ignored: topic });
    let order: WooOrder;
    try {
      order = JSON.parse(Buffer.from(body).toString('utf8')) as WooOrder;
    } catch {
      return json(400, { error: { code: 'bad_json', message: 'the body is not JSON' } });
    }
    // A force-deleted order's delivery carries an error object, not an order.
    if (typeof order?.id !== 'number' || !Array.isArray(order.meta_data))
      return json(200, { ok: true, ignored: 'not an order' });
    await options.ingest([order], 'webhook');
    return json(200, { ok: true });
  };
}
