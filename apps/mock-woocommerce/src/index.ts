export type { AuthKind, ConsumerKey, KeyPermissions } from './auth';
export { createStoreZone, formatWall, type StoreZone } from './dates';
export { OptionsError, type WpErrorBody } from './errors';
export { type FaultConfig, type FaultPlan, ROUTES, type RouteName } from './faults';
export { ADDRESSES, DEMO_KEYS, PRODUCTS, type ShopUser, USERS } from './fixtures';
export { signatureBaseString } from './oauth';
export type { GenerateOrdersOptions } from './orders/order-generator';
export { PLUGIN_META as PICKPOST_PLUGIN_META } from './pickpost-plugin';
export type { DeliveryRecord, RequestRecord } from './records';
export { BATCH_LIMIT } from './routes/batch';
export { TRACKING_META_KEY, TRACKING_PROVIDERS } from './routes/shipment-tracking';
export {
  createMockWooCommerce,
  type MockWooCommerce,
  type MockWooCommerceOptions,
  type MockWooCommerceState,
} from './server';
export type { Shop } from './shop';
export type {
  WcAddress,
  WcFeeLine,
  WcItemMeta,
  WcLineItem,
  WcLink,
  WcLinks,
  WcMeta,
  WcOrder,
  WcOrderNote,
  WcShipmentTracking,
  WcShippingLine,
  WcTax,
  WcWebhook,
} from './types';
export { webhookSignature } from './webhooks/webhook-service';
