import type { CliIo } from './cli-context';
import { withService } from './cli-context';
import { judgeFailure } from './failures';
import { ORDER_TOPICS } from './webhook-handler';

interface Check {
  name: string;
  run: () => Promise<string>;
}

/**
 * `doctor`: the shop answers, the key may read and write, the webhooks deliver to this service
 * and are active, the Post answers with these credentials, and the store opens. Each check is
 * one line; the exit code is 1 when any failed.
 */
export async function runDoctor(values: { config: string }, io: CliIo): Promise<number> {
  return withService(values.config, io, async ({ service, store }) => {
    const checks: Check[] = [
      {
        name: 'shop reachable',
        run: async () => {
          const page = await service.woo.listOrdersPage({ per_page: 1 });
          return `REST API v3 answers (${page.totalPages} orders)`;
        },
      },
      {
        name: 'key permissions',
        run: async () => {
          await service.woo.checkWrite();
          return 'read_write';
        },
      },
      {
        name: 'webhooks',
        run: async () => {
          const hooks = (await service.woo.listWebhooks()).filter(
            (hook) => hook.delivery_url === service.deliveryUrl,
          );
          const missing = ORDER_TOPICS.filter(
            (topic) => !hooks.some((hook) => hook.topic === topic && hook.status === 'active'),
          );
          if (missing.length > 0)
            throw new Error(
              `not active for ${missing.join(', ')} (serve creates and reactivates them)`,
            );
          return `active for ${ORDER_TOPICS.join(', ')} → ${service.deliveryUrl}`;
        },
      },
      {
        name: 'Swiss Post',
        run: async () => {
          const points = await service.pickpost.checkout.findPoints({ zip: '8001', limit: 1 });
          return `credentials accepted, point search answers (${points.length} near 8001)`;
        },
      },
      {
        name: 'store',
        run: async () => {
          const pending = await service.sync.queue.pending();
          await store.get('pickpost:woo:doctor');
          return `open (${pending} orders queued)`;
        },
      },
    ];
    let failed = 0;
    for (const check of checks) {
      try {
        io.out(`✓ ${check.name}: ${await check.run()}`);
      } catch (error) {
        failed += 1;
        io.out(`✗ ${check.name}: ${judgeFailure(error).text}`);
      }
    }
    return failed === 0 ? 0 : 1;
  });
}

/** `dead-letters`: orders that failed for good, and `--retry <id>` after fixing one. */
export async function runDeadLetters(
  values: { config: string; retry?: string },
  io: CliIo,
): Promise<number> {
  return withService(values.config, io, async ({ service }) => {
    if (values.retry !== undefined) {
      const id = Number(values.retry);
      if (!Number.isInteger(id) || id <= 0) throw new Error('--retry takes an order id');
      const order = await service.woo.getOrder(id);
      const queued = await service.sync.queue.revive(order, 'fulfil');
      io.out(queued ? `order ${id} queued again` : `order ${id} is not a dead letter`);
      return queued ? 0 : 1;
    }
    const dead = await service.sync.queue.deadLetters();
    if (dead.length === 0) {
      io.out('no dead letters');
      return 0;
    }
    for (const letter of dead)
      io.out(`${letter.orderId}\t${new Date(letter.at).toISOString()}\t${letter.error}`);
    return 0;
  });
}
