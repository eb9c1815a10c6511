import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { CliIo } from './cli-context';
import { userPath, withService } from './cli-context';
import { ensureWebhooks } from './ensure-webhooks';
import { listen } from './node-http';
import { classifyOrder, META, metaValue } from './order-mapping';
import { fetchStatusesQuietly } from './status-notes';
import { startSyncWorker } from './sync-worker';

/** `serve`: the webhooks, the checkout API, labels, health, and the worker, until a signal. */
export async function runServe(
  values: { config: string },
  io: CliIo,
  signals: { once(event: 'SIGTERM' | 'SIGINT', listener: () => void): unknown } = process,
): Promise<number> {
  return withService(
    values.config,
    io,
    async ({ service, config, logger }) => {
      const server = await listen(service.handle, {
        host: config.service.host,
        port: config.service.port,
        logger,
      });
      io.out(
        `pickpost-woocommerce listening on ${server.url} (public ${config.service.publicUrl})`,
      );
      try {
        const hooks = await ensureWebhooks({
          woo: service.woo,
          deliveryUrl: service.deliveryUrl,
          secret: config.service.webhookSecret,
        });
        io.out(
          `webhooks: ${hooks.created.length} created, ${hooks.reactivated.length} reactivated, ${hooks.active.length} active`,
        );
      } catch (error) {
        // Polling still works without webhooks: say so and carry on.
        logger.warn('webhooks could not be set up; polling only', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      const worker = startSyncWorker({
        sync: service.sync,
        pollIntervalMs: config.sync.pollIntervalSeconds * 1000,
        flush: service.flushes
          ? async () => {
              await service.pickpost.flushDataTransfer();
              if (config.pickpost.dataTransfer?.reports !== undefined)
                await fetchStatusesQuietly(service.sync, logger);
            }
          : undefined,
        flushIntervalMs: config.sync.flushIntervalSeconds * 1000,
        logger,
      });
      await new Promise<void>((resolve) => {
        signals.once('SIGTERM', resolve);
        signals.once('SIGINT', resolve);
      });
      io.out('stopping: finishing the orders in hand');
      const closing = server.close();
      await worker.stop();
      await closing;
      io.out(`stopped: ${worker.totals.fulfilled} labels made, ${worker.totals.held} held`);
      return 0;
    },
    { widget: true },
  );
}

/** `sync --once`: one poll, every due order, one DataTransfer flush. */
export async function runSyncOnce(values: { config: string }, io: CliIo): Promise<number> {
  return withService(values.config, io, async ({ service }) => {
    const report = await service.sync.runOnce();
    io.out(
      `${report.fulfilled} labels made, ${report.held} held with a note, ${report.retried} to retry, ${report.cancelled} cancelled`,
    );
    if (service.flushes) {
      const flushed = await service.pickpost.flushDataTransfer();
      io.out(`DataTransfer: ${flushed.delivered} shipments delivered`);
    }
    return 0;
  });
}

/** `labels`: the labels of the orders in a status, as one merged PDF. */
export async function runLabels(
  values: { config: string; status?: string; out: string; sheet?: string; start?: string },
  io: CliIo,
): Promise<number> {
  const out = userPath(values.out, io.env);
  const sheet = values.sheet ?? 'label';
  if (sheet !== 'label' && sheet !== 'a4') throw new Error('--sheet must be label or a4');
  const start = values.start === undefined ? undefined : Number(values.start);
  if (start !== undefined && !(Number.isInteger(start) && start >= 1 && start <= 4))
    throw new Error('--start must be 1, 2, 3 or 4 (the first label on the A4 sheet)');
  return withService(values.config, io, async ({ service }) => {
    const identcodes: string[] = [];
    let without = 0;
    for await (const page of service.woo.listOrders({
      status: values.status ?? 'processing',
      orderby: 'id',
      order: 'asc',
    })) {
      for (const order of page.orders) {
        const identcode = metaValue(order, META.identcode);
        if (identcode !== undefined) identcodes.push(identcode);
        else if (classifyOrder(order, service.sync.rules).action !== 'ignore') without += 1;
      }
      if (io.errIsTty === true) io.err(`\rreading orders: page ${page.page} of ${page.totalPages}`);
    }
    if (without > 0) io.err(`${without} PickPost orders have no label yet (run sync first)`);
    if (identcodes.length === 0) {
      io.err('no labels: no order in that status has an identcode');
      return 1;
    }
    // Progress per label, drawn as the file is written; only on a terminal (not in logs).
    const tty = io.errIsTty === true;
    const labels = await service.pickpost.bulkLabels(identcodes, {
      sheet,
      ...(start === undefined ? {} : { startPosition: start }),
      ...(tty ? { onLabel: (done, total) => io.err(`\rlabel ${done} of ${total}`) } : {}),
    });
    // Streamed page by page into a temporary name; only a complete file gets the real name.
    const partial = `${out}.partial`;
    try {
      await pipeline(labels.stream, createWriteStream(partial));
      if (tty) io.err('\n');
      await rename(partial, out);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    io.out(`${identcodes.length} labels written to ${out}`);
    return 0;
  });
}
