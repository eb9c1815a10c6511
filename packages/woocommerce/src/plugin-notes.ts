import type { BatchItemResult, OrderUpdate, WooMeta } from './woo-types';

/**
 * Notes written inside the batched write-back, for shops with the PickPost companion plugin
 * (`wordpress-plugin/`, its `PickPost_Pending_Note` hook). WooCommerce's REST API has no batch route for notes, so a note
 * per order would be a request per order. Instead the note's text travels as order meta in the
 * batch item, and the plugin, on `woocommerce_rest_insert_shop_order_object` (fired for every
 * batch item: woocommerce/woocommerce plugins/woocommerce/includes/rest-api/Controllers/Version3/
 * class-wc-rest-crud-controller.php update_item, called per item by batch_items in
 * class-wc-rest-controller.php), adds it with `add_order_note()` once per text (it keeps the
 * text's SHA-1 in `_pickpost_noted`) and deletes the meta before the answer is made.
 */
export const NOTE_META = {
  /** The note's text, waiting for the plugin. */
  pending: '_pickpost_note_pending',
  /** `yes` when the customer gets the note too. */
  customer: '_pickpost_note_customer',
} as const;

/**
 * How order notes reach the shop: `plugin` in the batch item (the plugin adds them), `rest` one
 * `POST /orders/<id>/notes` each, `auto` (the default) as `plugin` until a batch answer shows the
 * meta still there (no plugin), then `rest` for the rest of the process's life.
 */
export type NoteTransport = 'auto' | 'plugin' | 'rest';

/** The batch item carrying its note for the plugin. */
export function withPendingNote(
  update: OrderUpdate,
  note: { text: string; customer: boolean },
): OrderUpdate {
  return {
    ...update,
    meta_data: [
      ...(update.meta_data ?? []),
      { key: NOTE_META.pending, value: note.text },
      { key: NOTE_META.customer, value: note.customer ? 'yes' : 'no' },
    ],
  };
}

const pendingIn = (meta: readonly WooMeta[]) =>
  meta.some((row) => row.key === NOTE_META.pending && row.value !== null && row.value !== '');

/**
 * The ids among `carried` whose answer still shows the pending note: no plugin took it, so it
 * goes over REST (and the meta is cleared, so a plugin installed later does not note it again).
 */
export function notesNotTaken(
  results: readonly BatchItemResult[],
  carried: ReadonlySet<number>,
): number[] {
  return results.flatMap((result) =>
    result.ok && carried.has(result.id) && pendingIn(result.order.meta_data) ? [result.id] : [],
  );
}

/** The batch items that delete the pending meta again (a null value deletes the row). */
export function clearPendingNotes(ids: readonly number[]): OrderUpdate[] {
  return ids.map((id) => ({
    id,
    meta_data: [
      { key: NOTE_META.pending, value: null },
      { key: NOTE_META.customer, value: null },
    ],
  }));
}
