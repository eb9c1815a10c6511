import { readFile } from 'node:fs/promises';
import { widgetBundlePath } from '@pickpost/checkout-widget/bundle';
import type { Logger, PickPost, StateStore } from '@pickpost/core';
import { createCheckoutHandler, createPickPost } from '@pickpost/core';
import { pluginCustomer } from './plugin-auth';
import type { ServiceConfig } from './service-config';
import type { WooSync } from './sync';
import { createWooSync } from './sync';
import { createWebhookHandler } from './webhook-handler';
import type { WooClient } from './woo-client';
import { createWooClient } from './woo-client';

/** Where the service answers, under its `publicUrl`. */
export const SERVICE_PATHS = {
  webhooks: '/webhooks/woocommerce',
  health: '/health',
  checkout: '/pickpost',
} as const;

export interface WooService {
  woo: WooClient;
  pickpost: PickPost;
  sync: WooSync;
  /** The webhook delivery URL (`publicUrl` + `/webhooks/woocommerce`). */
  deliveryUrl: string;
  /** The whole HTTP surface: health, webhooks, the checkout and admin API. */
  handle(request: Request, clientIp?: string): Promise<Response>;
  /** Whether a DataTransfer transport is configured (variants 2 and 4b, fallbacks). */
  flushes: boolean;
  close(): void;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

async function widgetScript(logger: Logger | undefined): Promise<string | undefined> {
  try {
    return await readFile(widgetBundlePath, 'utf8');
  } catch {
    logger?.warn('the checkout widget bundle is not built: /pickpost/widget.js answers 404');
    return undefined;
  }
}

/**
 * The sync service of one shop, put together from its configuration: the WooCommerce client,
 * PickPost, the sync and the HTTP surface (`handle`). `serve` listens with it and runs the
 * worker; `sync --once`, `labels` and `doctor` use the same pieces.
 *
 * @example
 * const service = await createWooService(await loadServiceConfig('shop.json'), { store });
 * const response = await service.handle(new Request('http://localhost/health'));
 */
export async function createWooService(
  config: ServiceConfig,
  dependencies: {
    store: StateStore;
    logger?: Logger;
    woo?: WooClient;
    pickpost?: PickPost;
    /** Serve the checkout widget's script (default true; the one-shot commands need none). */
    widget?: boolean;
  },
): Promise<WooService> {
  const { store, logger } = dependencies;
  const { woocommerce: shop, sync: settings, service } = config;
  const woo =
    dependencies.woo ??
    createWooClient({
      url: shop.url,
      consumerKey: shop.consumerKey,
      consumerSecret: shop.consumerSecret,
      timeoutMs: shop.timeoutSeconds * 1000,
      queryStringAuth: shop.queryStringAuth,
      concurrency: shop.concurrency,
      ...(shop.ca === undefined ? {} : { ca: shop.ca }),
    });
  const pickpost =
    dependencies.pickpost ??
    createPickPost(config.pickpost, { store, ...(logger === undefined ? {} : { logger }) });
  const base = service.publicUrl.replace(/\/+$/, '');
  const sync = createWooSync({
    woo,
    pickpost,
    store,
    shop: settings.shop,
    rules: {
      methodId: settings.methodId,
      statuses: settings.statuses,
      cancelStatuses: settings.cancelStatuses,
      weightUnit: settings.weightUnit,
      defaultWeightGrams: settings.defaultWeightGrams,
    },
    completeStatus: settings.completeStatus,
    holdStatus: settings.holdStatus,
    notes: { customer: settings.customerNote, via: settings.notes },
    shipmentTracking: settings.shipmentTracking,
    labelUrl: (identcode) => `${base}${SERVICE_PATHS.checkout}/labels/${identcode}`,
    // Core's admin route, behind the same admin token as the label.
    barcodeUrl: (identcode) => `${base}${SERVICE_PATHS.checkout}/barcodes/${identcode}`,
    batchSize: settings.batchSize,
    leaseMs: settings.leaseSeconds * 1000,
    debounceMs: settings.debounceSeconds * 1000,
    ...(logger === undefined ? {} : { logger }),
  });
  const onWebhook = createWebhookHandler({
    secrets: [service.webhookSecret],
    ingest: sync.ingest,
    bodyLimitBytes: service.bodyLimitBytes,
    ...(logger === undefined ? {} : { logger }),
  });
  const script = dependencies.widget === false ? undefined : await widgetScript(logger);
  const checkout = createCheckoutHandler(pickpost, {
    basePath: SERVICE_PATHS.checkout,
    adminToken: service.adminToken,
    // The plugin's proxy names the shopper in signed headers (checked before this is asked).
    customerRef: (request) => {
      const who = pluginCustomer(request.headers, service.sharedSecret);
      return who.kind === 'verified' ? who.customerRef : undefined;
    },
    ...(script === undefined ? {} : { widgetScript: script }),
    ...(logger === undefined ? {} : { logger }),
  });

  async function handle(request: Request, clientIp?: string): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === SERVICE_PATHS.health) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return json(405, {});
      return json(200, {
        ok: true,
        variant: pickpost.variant,
        pending: await sync.queue.pending(),
        deadLetters: (await sync.queue.deadLetters()).length,
      });
    }
    if (pathname === SERVICE_PATHS.webhooks) return onWebhook(request);
    if (pathname === SERVICE_PATHS.checkout || pathname.startsWith(`${SERVICE_PATHS.checkout}/`)) {
      const who = pluginCustomer(request.headers, service.sharedSecret);
      if (who.kind === 'refused')
        return json(401, { error: { code: 'customer_signature', message: who.reason } });
      return checkout(request, clientIp === undefined ? {} : { clientIp });
    }
    return json(404, { error: { code: 'not_found', message: 'no such route' } });
  }

  return {
    woo,
    pickpost,
    sync,
    deliveryUrl: `${base}${SERVICE_PATHS.webhooks}`,
    handle,
    flushes: config.pickpost.dataTransfer !== undefined,
    close: () => woo.close(),
  };
}
