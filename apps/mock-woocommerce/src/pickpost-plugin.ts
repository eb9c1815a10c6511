// The PickPost companion plugin's note hook, simulated (the plugin itself is PHP:
// packages/woocommerce/wordpress-plugin/includes/class-pickpost-pending-note.php). WooCommerce
// fires `woocommerce_rest_insert_shop_order_object` after every REST create and update of an
// order, batch items included (woocommerce/woocommerce: plugins/woocommerce/includes/rest-api/
// Controllers/Version3/class-wc-rest-crud-controller.php create_item, update_item; batch_items in
// class-wc-rest-controller.php calls them per item). On it the plugin turns the order meta
// `_pickpost_note_pending` into an order note, once per text, and removes the meta, before the
// REST answer is made (so the answer no longer shows it).
import { createHash } from 'node:crypto';
import { SYSTEM_AUTHOR } from './orders/order-notes';
import type { OrderRecord } from './orders/order-record';
import type { Shop } from './shop';

/** The meta keys of the plugin's contract (its README, "Notes written in the batch"). */
export const PLUGIN_META = {
  pending: '_pickpost_note_pending',
  customer: '_pickpost_note_customer',
  noted: '_pickpost_noted',
} as const;

const text = (order: OrderRecord, key: string) => {
  const row = order.meta.find((entry) => entry.key === key);
  return row === undefined || row.value === null ? '' : String(row.value);
};

/**
 * The hook: returns the order as the plugin leaves it. A pending text already noted (its SHA-1
 * is in `_pickpost_noted`: a batch sent again after a crash) is removed without a second note.
 */
export function pickpostNoteHook(shop: Shop): (order: OrderRecord) => OrderRecord {
  return (order) => {
    const pending = text(order, PLUGIN_META.pending).trim();
    if (pending === '') return order;
    const digest = createHash('sha1').update(pending).digest('hex');
    const noted = text(order, PLUGIN_META.noted) === digest;
    if (!noted) {
      shop.addNote(order.id, {
        content: pending,
        customerNote: text(order, PLUGIN_META.customer) === 'yes',
        author: SYSTEM_AUTHOR,
      });
    }
    const kept = order.meta.filter(
      (row) =>
        row.key !== PLUGIN_META.pending &&
        row.key !== PLUGIN_META.customer &&
        row.key !== PLUGIN_META.noted,
    );
    const next: OrderRecord = {
      ...order,
      meta: [...kept, { id: shop.nextOrderMetaId(), key: PLUGIN_META.noted, value: digest }],
    };
    shop.orders.put(next);
    return next;
  };
}
