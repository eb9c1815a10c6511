import { ORDER_TOPICS } from './webhook-handler';
import type { WooClient } from './woo-client';

/**
 * Where and how WooCommerce should deliver order webhooks to the service: the client, URL, secret,
 * topics and name.
 */
export interface EnsureWebhooksOptions {
  woo: WooClient;
  /** Where WooCommerce delivers (the service's public webhook URL). */
  deliveryUrl: string;
  /** The signing secret set on webhooks this call creates or reactivates. */
  secret: string;
  topics?: readonly string[];
  /** Shown in WooCommerce → Settings → Advanced → Webhooks (default `PickPost sync`). */
  name?: string;
}

/**
 * What `ensureWebhooks` did: the ids of the webhooks it created, those it reactivated, and those
 * already active.
 */
export interface EnsureWebhooksReport {
  created: number[];
  reactivated: number[];
  active: number[];
}

/**
 * Makes sure WooCommerce delivers each order topic to the service: a webhook that is missing is
 * created, one that WooCommerce disabled (after its 7th failed delivery) or that was paused is
 * set active again with the secret. Existing active webhooks are left alone, so running it at
 * every start writes nothing when all is well.
 *
 * @example
 * const { created, reactivated } = await ensureWebhooks({ woo, deliveryUrl, secret });
 */
export async function ensureWebhooks(
  options: EnsureWebhooksOptions,
): Promise<EnsureWebhooksReport> {
  const { woo, deliveryUrl, secret } = options;
  const report: EnsureWebhooksReport = { created: [], reactivated: [], active: [] };
  const existing = (await woo.listWebhooks()).filter((hook) => hook.delivery_url === deliveryUrl);
  for (const topic of options.topics ?? ORDER_TOPICS) {
    const mine = existing.filter((hook) => hook.topic === topic);
    const live = mine.find((hook) => hook.status === 'active');
    if (live !== undefined) {
      report.active.push(live.id);
      continue;
    }
    const stopped = mine[0];
    if (stopped !== undefined) {
      await woo.updateWebhook(stopped.id, { status: 'active', secret });
      report.reactivated.push(stopped.id);
      continue;
    }
    const created = await woo.createWebhook({
      name: `${options.name ?? 'PickPost sync'} (${topic})`,
      topic,
      delivery_url: deliveryUrl,
      secret,
    });
    report.created.push(created.id);
  }
  return report;
}
