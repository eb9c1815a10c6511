// `/wc/v3/webhooks` (woocommerce/woocommerce: plugins/woocommerce/includes/rest-api/Controllers/
// Version1/class-wc-rest-webhooks-v1-controller.php, Version2/class-wc-rest-webhooks-v2-controller.php,
// Version3/class-wc-rest-webhooks-controller.php; data-stores/class-wc-webhook-data-store.php
// search_webhooks).

import type { StoreZone } from '../dates';
import { parseRestDate } from '../dates';
import { WpError } from '../errors';
import { datePair, link } from '../format';
import type { Answer } from '../http';
import { phpEmpty } from '../php';
import { randomString } from '../random';
import type { WcWebhook } from '../types';
import { isLoopbackUrl } from '../webhooks/send';
import { describeTopic, isValidTopic } from '../webhooks/topics';
import type { WebhookRecord, WebhookService, WebhookStatus } from '../webhooks/webhook-service';
import { runBatch } from './batch';
import { CONTEXT_ARG, FORCE_ARG, PAGING_ARGS } from './order-args';
import type { Route, RouteContext } from './route';
import { editable, paginationHeaders, route } from './route';

const STATUSES: readonly WebhookStatus[] = ['active', 'paused', 'disabled'];

const invalidTopic = (message: string) =>
  new WpError('woocommerce_rest_shop_webhook_invalid_topic', message, 400);
const invalidUrl = () =>
  new WpError(
    'woocommerce_rest_shop_webhook_invalid_delivery_url',
    'Webhook delivery URL must be a valid URL starting with http:// or https://.',
    400,
  );

/** `wc_is_valid_url`: http(s) and a URL PHP's `filter_var` accepts. */
const isValidUrl = (url: string) => /^https?:\/\//.test(url) && URL.canParse(url);

/** The simulator delivers only to this machine; WordPress would refuse loopback without a filter. */
function checkDeliveryUrl(url: string): void {
  if (!isValidUrl(url)) throw invalidUrl();
  if (!isLoopbackUrl(url)) {
    throw new WpError(
      'woocommerce_rest_shop_webhook_invalid_delivery_url',
      'The simulator delivers webhooks to loopback addresses only (127.0.0.1, ::1, localhost).',
      400,
    );
  }
}

/** The v3 webhook JSON. The secret is never part of it, not even when creating. */
export function webhookJson(webhook: WebhookRecord, zone: StoreZone, origin: string): WcWebhook {
  const [created, createdGmt] = datePair(zone, webhook.createdGmt);
  const [modified, modifiedGmt] = datePair(zone, webhook.modifiedGmt);
  const { resource, event, hooks } = describeTopic(webhook.topic);
  const base = `${origin}/wp-json/wc/v3/webhooks`;
  return {
    id: webhook.id,
    name: webhook.name,
    status: webhook.status,
    topic: webhook.topic,
    resource,
    event,
    hooks,
    delivery_url: webhook.deliveryUrl,
    date_created: created,
    date_created_gmt: createdGmt,
    date_modified: modified,
    date_modified_gmt: modifiedGmt,
    _links: { self: link(`${base}/${webhook.id}`), collection: link(base) },
  };
}

const json = (webhook: WebhookRecord, context: RouteContext) =>
  webhookJson(webhook, context.shop.settings.zone, context.origin);

const service = (context: RouteContext): WebhookService => context.shop.webhooks as WebhookService;

/** strftime( '%b %d, %Y @ %I:%M %p' ) in UTC, for the default name. */
function defaultName(now: number): string {
  const date = new Date(now);
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const hours = date.getUTCHours();
  const two = (value: number) => String(value).padStart(2, '0');
  return `Webhook created on ${month} ${two(date.getUTCDate())}, ${date.getUTCFullYear()} @ ${two(hours % 12 || 12)}:${two(date.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
}

async function create(context: RouteContext, body: Record<string, unknown>): Promise<Answer> {
  if (!phpEmpty(body.id)) {
    throw new WpError(
      'woocommerce_rest_shop_webhook_exists',
      'Cannot create existing shop_webhook.',
      400,
    );
  }
  const topic = typeof body.topic === 'string' ? body.topic : '';
  if (topic === '' || !isValidTopic(topic.toLowerCase())) {
    throw invalidTopic('Webhook topic is required and must be valid.');
  }
  const url = typeof body.delivery_url === 'string' ? body.delivery_url : '';
  checkDeliveryUrl(url);
  const { shop } = context;
  const webhook = await service(context).create({
    name: phpEmpty(body.name) ? defaultName(shop.settings.now()) : String(body.name),
    // Checked in lower case, stored as sent: a topic in capitals is saved empty and never fires.
    topic: isValidTopic(topic.trim()) ? topic.trim() : '',
    deliveryUrl: url,
    secret: phpEmpty(body.secret)
      ? randomString(shop.settings.random, 50, true)
      : String(body.secret),
    userId: context.user?.id ?? 0,
  });
  return {
    status: 201,
    headers: { Location: `${context.origin}/wp-json/wc/v3/webhooks/${webhook.id}` },
    body: json(webhook, context),
  };
}

async function update(
  context: RouteContext,
  id: number,
  body: Record<string, unknown>,
): Promise<Answer> {
  const webhooks = service(context);
  if (webhooks.get(id) === undefined)
    throw new WpError('woocommerce_rest_shop_webhook_invalid_id', 'ID is invalid.', 400);
  const changes: Parameters<WebhookService['update']>[1] = {};
  if (!phpEmpty(body.topic)) {
    const topic = String(body.topic);
    if (!isValidTopic(topic.toLowerCase())) throw invalidTopic('Webhook topic must be valid.');
    changes.topic = isValidTopic(topic) ? topic : '';
  }
  if (!phpEmpty(body.delivery_url)) {
    checkDeliveryUrl(String(body.delivery_url));
    changes.deliveryUrl = String(body.delivery_url);
  }
  if (!phpEmpty(body.secret)) changes.secret = String(body.secret);
  if (!phpEmpty(body.status)) {
    const status = String(body.status);
    if (!STATUSES.includes(status.toLowerCase() as WebhookStatus)) {
      throw new WpError(
        'woocommerce_rest_shop_webhook_invalid_status',
        'Webhook status must be valid.',
        400,
      );
    }
    // set_status() turns anything that is not exactly a known status into `disabled`.
    changes.status = STATUSES.includes(status as WebhookStatus)
      ? (status as WebhookStatus)
      : 'disabled';
  }
  if (!phpEmpty(body.name)) changes.name = String(body.name);
  // A reactivated webhook keeps its failure count: one more failure disables it again.
  return { status: 200, body: json(await webhooks.update(id, changes), context) };
}

function remove(context: RouteContext, id: number, force: boolean): Answer {
  if (!force)
    throw new WpError(
      'woocommerce_rest_trash_not_supported',
      'Webhooks do not support trashing.',
      501,
    );
  const webhook = service(context).get(id);
  if (webhook === undefined)
    throw new WpError('woocommerce_rest_shop_webhook_invalid_id', 'Invalid ID.', 404);
  const body = json(webhook, context);
  service(context).delete(id);
  return { status: 200, body };
}

function list(context: RouteContext): Answer {
  const { params } = context;
  const include = params.include as number[];
  const exclude = new Set(params.exclude as number[]);
  const search = typeof params.search === 'string' ? params.search.toLowerCase() : '';
  const after = typeof params.after === 'string' ? parseRestDate(params.after) : undefined;
  const before = typeof params.before === 'string' ? parseRestDate(params.before) : undefined;
  const gmt = (date: typeof after) =>
    date === undefined ? undefined : date.kind === 'wall' ? date.wallMs : date.utcMs;
  const from = gmt(after);
  const to = gmt(before);
  const found = service(context)
    .all()
    .filter(
      (webhook) =>
        (params.status === 'all' || webhook.status === params.status) &&
        (include.length === 0 || include.includes(webhook.id)) &&
        !exclude.has(webhook.id) &&
        webhook.name.toLowerCase().includes(search) &&
        // BETWEEN on date_created_gmt, both ends included.
        (from === undefined || webhook.createdGmt >= from) &&
        (to === undefined || webhook.createdGmt <= to),
    );
  const key = (webhook: WebhookRecord) =>
    params.orderby === 'title'
      ? webhook.name
      : params.orderby === 'id'
        ? webhook.id
        : webhook.createdGmt;
  found.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : a.id - b.id;
    return params.order === 'asc' ? order : -order;
  });
  const perPage = params.per_page as number;
  const offset =
    params.offset === undefined
      ? ((params.page as number) - 1) * perPage
      : Math.abs(params.offset as number);
  const pages = perPage > 1 ? Math.ceil(found.length / perPage) : 1;
  return {
    status: 200,
    headers: paginationHeaders(
      `${context.origin}/wp-json/wc/v3/webhooks`,
      context.query,
      Math.ceil(offset / perPage + 1),
      found.length,
      pages,
    ),
    body: found.slice(offset, offset + perPage).map((webhook) => json(webhook, context)),
  };
}

const WRITE_ARGS = {
  name: { type: 'string' },
  status: { type: 'string', enum: STATUSES },
  topic: { type: 'string' },
  secret: { type: 'string' },
} as const;

/** The routes of webhooks. */
export function webhookRoutes(): Route[] {
  const idOf = (context: RouteContext) => Number(context.url.id);
  return [
    route('webhooks', '/wc/v3/webhooks', {
      GET: {
        permission: 'list',
        args: {
          ...PAGING_ARGS,
          orderby: { type: 'string', default: 'date', enum: ['date', 'id', 'title'] },
          status: { type: 'string', default: 'all', enum: ['all', ...STATUSES] },
        },
        run: list,
      },
      POST: {
        permission: 'create',
        args: {
          ...WRITE_ARGS,
          topic: { type: 'string', required: true },
          delivery_url: { type: 'string', required: true },
        },
        run: (context) => create(context, context.params),
      },
    }),
    route(
      'webhooks',
      '/wc/v3/webhooks/batch',
      editable({
        permission: 'batch',
        args: WRITE_ARGS,
        run: (context) =>
          runBatch(context.params, {
            create: async (item) => (await create(context, item)).body,
            update: async (item) =>
              (await update(context, Math.trunc(Number(item.id)) || 0, item)).body,
            delete: async (id) => remove(context, id, true).body,
          }),
      }),
    ),
    route('webhooks', '/wc/v3/webhooks/(?P<id>[\\d]+)', {
      GET: {
        permission: 'view',
        args: { context: CONTEXT_ARG },
        run(context) {
          const webhook = service(context).get(idOf(context));
          // get_item only checks the id is not empty; the missing webhook fails later, with 400.
          if (webhook === undefined)
            throw new WpError('woocommerce_rest_shop_webhook_invalid_id', 'ID is invalid.', 400);
          return { status: 200, body: json(webhook, context) };
        },
      },
      ...editable({
        permission: 'edit',
        args: WRITE_ARGS,
        run: (context) => update(context, idOf(context), context.params),
      }),
      DELETE: {
        permission: 'delete',
        args: FORCE_ARG,
        run: (context) => remove(context, idOf(context), context.params.force === true),
      },
    }),
  ];
}
