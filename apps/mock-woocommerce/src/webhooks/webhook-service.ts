// Webhooks as WooCommerce keeps and delivers them (woocommerce/woocommerce:
// plugins/woocommerce/includes/class-wc-webhook.php deliver, build_payload, generate_signature,
// get_new_delivery_id, log_delivery, failed_delivery, deliver_ping;
// plugins/woocommerce/includes/wc-webhook-functions.php wc_webhook_execute_queue;
// plugins/woocommerce/includes/data-stores/class-wc-webhook-data-store.php update).
import { createHmac } from 'node:crypto';
import { phpJsonEncode } from '../php';
import type { DeliveryRecord } from '../records';
import { sendPost } from './send';
import { describeTopic } from './topics';

export type WebhookStatus = 'active' | 'paused' | 'disabled';

export interface WebhookRecord {
  id: number;
  name: string;
  status: WebhookStatus;
  /** `''` when the stored topic is not valid (see `create`). */
  topic: string;
  deliveryUrl: string;
  secret: string;
  userId: number;
  createdGmt: number;
  modifiedGmt: number | null;
  failureCount: number;
  /** Set at creation and cleared by the first ping answered 200; while set, saves ping again. */
  pendingDelivery: boolean;
}

export interface WebhookServiceOptions {
  now(): number;
  /** The shop's home URL (`home_url('/')` without the slash), for `X-WC-Webhook-Source`. */
  origin: string;
  userAgent: string;
  /** The secret behind `wp_hash`, which makes the delivery ids. */
  salt: string;
  /** How many `order.updated` deliveries one change causes (WooCommerce sends several). */
  updateRepeats(): number;
  /** How long a queued delivery waits (Action Scheduler runs them later), in ms. */
  delayMs: number;
  timeoutMs: number;
  /** The payload at delivery time: the v3 GET answer of the resource, or its error. */
  payload(resource: string, id: number, userId: number): unknown;
  record(delivery: DeliveryRecord): void;
}

interface QueuedDelivery {
  webhookId: number;
  resourceId: number;
  remaining: number;
  dueAt: number;
}

export interface WebhookService {
  all(): WebhookRecord[];
  get(id: number): WebhookRecord | undefined;
  create(
    fields: Pick<WebhookRecord, 'name' | 'topic' | 'deliveryUrl' | 'secret' | 'userId'>,
  ): Promise<WebhookRecord>;
  /** Saves changed fields; pings when the URL changed or a ping is pending and it is active. */
  update(
    id: number,
    changes: Partial<Pick<WebhookRecord, 'name' | 'status' | 'topic' | 'deliveryUrl' | 'secret'>>,
  ): Promise<WebhookRecord>;
  delete(id: number): void;
  /** An event happened to a resource: queue a delivery for every active webhook of its topic. */
  emit(resource: string, event: string, resourceId: number): void;
  /** Resolves once no delivery is queued or under way. */
  settled(): Promise<void>;
  /** Holds queued deliveries (as when Action Scheduler does not run) until `resume`. */
  pause(): void;
  resume(): void;
  stop(): void;
}

/** `base64(HMAC-SHA256(secret, body))`, the `X-WC-Webhook-Signature` header. */
export const webhookSignature = (secret: string, body: string | Buffer) =>
  createHmac('sha256', secret).update(body).digest('base64');

const PING_TIMEOUT_MS = 5_000;

/**
 * The webhooks of a shop and their delivery queue.
 *
 * @example
 * const webhooks = createWebhookService({ ...options });
 * await webhooks.create({ name: 'sync', topic: 'order.updated', deliveryUrl, secret, userId: 1 });
 * webhooks.emit('order', 'updated', 42);
 * await webhooks.settled();
 */
export function createWebhookService(options: WebhookServiceOptions): WebhookService {
  const webhooks = new Map<number, WebhookRecord>();
  const queue: QueuedDelivery[] = [];
  let nextId = 1;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let waiters: (() => void)[] = [];
  let stopped = false;
  let paused = false;
  let pings = 0;

  const idle = () => !running && queue.length === 0 && pings === 0;
  const notifyIdle = () => {
    if (!idle()) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const save = (webhook: WebhookRecord) => {
    webhook.modifiedGmt = options.now();
  };

  /**
   * Sends one request, lets `settle` apply WooCommerce's verdict to the webhook, and records the
   * attempt with the webhook's state after it.
   */
  async function attempt(
    webhook: WebhookRecord,
    request: Pick<DeliveryRecord, 'kind' | 'resourceId' | 'headers' | 'body'> & {
      timeoutMs: number;
    },
    accepts: (status: number) => boolean,
    settle: (success: boolean) => void,
  ): Promise<void> {
    const at = options.now();
    const started = performance.now();
    const result = await sendPost(
      webhook.deliveryUrl,
      request.headers,
      Buffer.from(request.body),
      request.timeoutMs,
    );
    const success = result.ok && accepts(result.status);
    settle(success);
    options.record({
      webhookId: webhook.id,
      kind: request.kind,
      topic: webhook.topic,
      resourceId: request.resourceId,
      url: webhook.deliveryUrl,
      headers: request.headers,
      body: request.body,
      response: result.ok
        ? { status: result.status, headers: result.headers, body: result.body }
        : undefined,
      error: result.ok ? undefined : result.error,
      success,
      webhookStatus: webhook.status,
      failureCount: webhook.failureCount,
      at,
      durationMs: performance.now() - started,
    });
  }

  async function ping(webhook: WebhookRecord): Promise<void> {
    pings++;
    const body = `webhook_id=${webhook.id}`;
    // No X-WC-* headers and no signature; cURL adds the form content type to a string body.
    const headers = {
      'User-Agent': options.userAgent,
      'Content-Type': 'application/x-www-form-urlencoded',
    };
    try {
      await attempt(
        webhook,
        { kind: 'ping', resourceId: 0, headers, body, timeoutMs: PING_TIMEOUT_MS },
        (status) => status === 200,
        (success) => {
          if (!success) return;
          webhook.pendingDelivery = false;
          save(webhook);
        },
      );
    } finally {
      pings--;
      notifyIdle();
    }
  }

  /** `save()` on an existing webhook: the data store pings an active webhook still pending. */
  async function saveAndMaybePing(webhook: WebhookRecord, urlChanged: boolean): Promise<void> {
    save(webhook);
    if (webhook.status === 'active' && (urlChanged || webhook.pendingDelivery)) await ping(webhook);
  }

  async function deliver(item: QueuedDelivery): Promise<void> {
    const webhook = webhooks.get(item.webhookId);
    // A webhook deleted while its delivery waited cannot be loaded: nothing is sent.
    if (webhook === undefined) return;
    const { resource, event } = describeTopic(webhook.topic);
    // Built now, not when the event happened: the resource as it is at delivery time.
    const payload =
      event === 'deleted'
        ? { id: item.resourceId }
        : options.payload(resource, item.resourceId, webhook.userId);
    const body = phpJsonEncode(payload).trim();
    const startedAt = options.now();
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': options.userAgent,
      'X-WC-Webhook-Source': `${options.origin}/`,
      'X-WC-Webhook-Topic': webhook.topic,
      'X-WC-Webhook-Resource': resource,
      'X-WC-Webhook-Event': event,
      'X-WC-Webhook-Signature': webhookSignature(webhook.secret, body),
      'X-WC-Webhook-ID': String(webhook.id),
      // wp_hash( id . time() ): the same for two deliveries of one webhook in the same second.
      'X-WC-Webhook-Delivery-ID': createHmac('md5', options.salt)
        .update(`${webhook.id}${Math.floor(startedAt / 1000)}`)
        .digest('hex'),
    };
    const timeoutMs = options.timeoutMs;
    const request = {
      kind: 'event' as const,
      resourceId: item.resourceId,
      headers,
      body,
      timeoutMs,
    };
    await attempt(
      webhook,
      request,
      (status) => status >= 200 && status < 303,
      (success) => {
        if (success) webhook.failureCount = 0;
        // failed_delivery: more than five failures before this one, so this is the seventh.
        else if (webhook.failureCount > 5) webhook.status = 'disabled';
        else webhook.failureCount++;
      },
    );
    await saveAndMaybePing(webhook, false);
    // The next of the repeated `order.updated` events, if the webhook still listens.
    if (item.remaining > 1 && webhook.status === 'active') {
      enqueue({
        ...item,
        remaining: item.remaining - 1,
        dueAt: performance.now() + options.delayMs,
      });
    }
  }

  async function run(): Promise<void> {
    running = true;
    try {
      while (!stopped && !paused) {
        // Queue times are real time, so a frozen shop clock (option `now`) still delivers.
        const now = performance.now();
        const dueIndex = queue.findIndex((item) => item.dueAt <= now);
        if (dueIndex === -1) break;
        const [item] = queue.splice(dueIndex, 1);
        if (item !== undefined) await deliver(item);
      }
    } finally {
      running = false;
    }
    schedule();
    notifyIdle();
  }

  function schedule(): void {
    if (running || stopped || paused || queue.length === 0 || timer !== undefined) return;
    const wait = Math.max(0, Math.min(...queue.map((item) => item.dueAt)) - performance.now());
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, wait);
  }

  function enqueue(item: QueuedDelivery): void {
    // An identical delivery already waiting is not queued twice.
    if (
      queue.some(
        (queued) => queued.webhookId === item.webhookId && queued.resourceId === item.resourceId,
      )
    )
      return;
    queue.push(item);
    schedule();
  }

  return {
    all: () => [...webhooks.values()],
    get: (id) => webhooks.get(id),
    async create(fields) {
      const webhook: WebhookRecord = {
        ...fields,
        id: nextId++,
        status: 'active',
        createdGmt: options.now(),
        modifiedGmt: null,
        failureCount: 0,
        pendingDelivery: true,
      };
      webhooks.set(webhook.id, webhook);
      // The answer is prepared before the ping (so it shows no modification date yet); the ping's
      // result is ignored (only the admin screen refuses to save on a failed ping).
      const answer = { ...webhook };
      await ping(webhook);
      return answer;
    },
    async update(id, changes) {
      const webhook = webhooks.get(id);
      if (webhook === undefined) throw new Error(`webhook ${id} does not exist`);
      const urlChanged =
        changes.deliveryUrl !== undefined && changes.deliveryUrl !== webhook.deliveryUrl;
      Object.assign(webhook, changes);
      await saveAndMaybePing(webhook, urlChanged);
      return webhook;
    },
    delete(id) {
      webhooks.delete(id);
    },
    emit(resource, event, resourceId) {
      const topic = `${resource}.${event}`;
      for (const webhook of webhooks.values()) {
        if (webhook.status !== 'active' || webhook.topic !== topic) continue;
        const remaining = event === 'updated' ? Math.max(1, options.updateRepeats()) : 1;
        enqueue({
          webhookId: webhook.id,
          resourceId,
          remaining,
          dueAt: performance.now() + options.delayMs,
        });
      }
    },
    settled() {
      if (idle()) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    pause() {
      paused = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    resume() {
      paused = false;
      schedule();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      queue.length = 0;
      notifyIdle();
    },
  };
}
