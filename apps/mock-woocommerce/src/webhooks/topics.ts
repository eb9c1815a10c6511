// Webhook topics and the WordPress actions behind them (woocommerce/woocommerce:
// plugins/woocommerce/includes/class-wc-webhook.php get_default_topic_hooks;
// plugins/woocommerce/includes/wc-webhook-functions.php wc_is_webhook_valid_topic).

export const TOPIC_HOOKS: Readonly<Record<string, readonly string[]>> = {
  'coupon.created': ['woocommerce_process_shop_coupon_meta', 'woocommerce_new_coupon'],
  'coupon.updated': ['woocommerce_process_shop_coupon_meta', 'woocommerce_update_coupon'],
  'coupon.deleted': ['wp_trash_post'],
  'coupon.restored': ['untrashed_post'],
  'customer.created': ['user_register', 'woocommerce_created_customer', 'woocommerce_new_customer'],
  'customer.updated': ['profile_update', 'woocommerce_update_customer'],
  'customer.deleted': ['delete_user'],
  'order.created': ['woocommerce_new_order'],
  'order.updated': [
    'woocommerce_update_order',
    'woocommerce_order_refunded',
    'woocommerce_delete_order_refund',
  ],
  // Trashing, not deleting: a forced DELETE (and every batch delete) sends no webhook at all.
  'order.deleted': ['wp_trash_post', 'woocommerce_trash_order'],
  'order.restored': ['untrashed_post', 'woocommerce_untrash_order'],
  'product.created': [
    'woocommerce_process_product_meta',
    'woocommerce_new_product',
    'woocommerce_new_product_variation',
  ],
  'product.updated': [
    'woocommerce_process_product_meta',
    'woocommerce_update_product',
    'woocommerce_update_product_variation',
  ],
  'product.deleted': ['wp_trash_post'],
  'product.restored': ['untrashed_post'],
  'product.published': ['woocommerce_product_published'],
};

const INVALID_ACTIONS = new Set([
  'action.woocommerce_login_credentials',
  'action.woocommerce_product_csv_importer_check_import_file_path',
  'action.woocommerce_webhook_should_deliver',
]);

/**
 * `wc_is_webhook_valid_topic`: a known `resource.event`, or `action.woocommerce_…` / `action.wc_…`.
 *
 * @example
 * isValidTopic('order.updated'); // true
 * isValidTopic('order.shipped'); // false
 */
export function isValidTopic(topic: string): boolean {
  if (INVALID_ACTIONS.has(topic)) return false;
  if (topic.startsWith('action.woocommerce_') || topic.startsWith('action.wc_')) return true;
  return topic in TOPIC_HOOKS;
}

/** A topic's resource and event (`order`, `updated`) and the hooks it listens to. */
export function describeTopic(topic: string): { resource: string; event: string; hooks: string[] } {
  const [resource = '', event = ''] = topic.split('.');
  const hooks = resource === 'action' ? [event] : [...(TOPIC_HOOKS[topic] ?? [])];
  return { resource, event, hooks };
}
