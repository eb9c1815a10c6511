// `POST …/batch` (woocommerce/woocommerce: plugins/woocommerce/includes/rest-api/Controllers/
// Version3/class-wc-rest-controller.php check_batch_limit, batch_items).
import { WpError } from '../errors';
import type { Answer } from '../http';

/** WooCommerce's default `woocommerce_rest_batch_items_limit`. */
export const BATCH_LIMIT = 100;

export interface BatchOperations {
  create(item: Record<string, unknown>): Promise<unknown>;
  update(item: Record<string, unknown>): Promise<unknown>;
  delete(id: number): Promise<unknown>;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) && value.length > 0 ? value : []);
const asRecord = (value: unknown) =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * Runs a batch: at most 100 items over create + update + delete together (413 otherwise), done in
 * that order, each item's failure written in its place as `{ id, error: { code, message, data } }`
 * (`id` 0 for creates), HTTP 200 whatever failed. A section is in the answer only if it had items;
 * a batch without any answers `[]`. Deletes always force; id 0 is skipped.
 */
export async function runBatch(
  body: Record<string, unknown>,
  operations: BatchOperations,
): Promise<Answer> {
  const creates = list(body.create);
  const updates = list(body.update);
  const deletes = list(body.delete);
  if (creates.length + updates.length + deletes.length > BATCH_LIMIT) {
    throw new WpError(
      'woocommerce_rest_request_entity_too_large',
      `Unable to accept more than ${BATCH_LIMIT} items for this request.`,
      413,
    );
  }
  const failure = (id: unknown, error: unknown) => {
    if (!(error instanceof WpError)) throw error;
    return { id, error: { code: error.code, message: error.message, data: error.body.data } };
  };
  const answer: Record<string, unknown[]> = {};
  if (creates.length > 0) {
    answer.create = [];
    for (const item of creates) {
      answer.create.push(
        await operations.create(asRecord(item)).catch((error) => failure(0, error)),
      );
    }
  }
  if (updates.length > 0) {
    answer.update = [];
    for (const item of updates) {
      const record = asRecord(item);
      answer.update.push(
        await operations.update(record).catch((error) => failure(record.id ?? null, error)),
      );
    }
  }
  if (deletes.length > 0) {
    answer.delete = [];
    for (const raw of deletes) {
      const id = Math.trunc(Number(raw)) || 0;
      if (id === 0) continue;
      answer.delete.push(await operations.delete(id).catch((error) => failure(id, error)));
    }
  }
  return { status: 200, body: Object.keys(answer).length === 0 ? [] : answer };
}
