export {
  type EnsureWebhooksOptions,
  type EnsureWebhooksReport,
  ensureWebhooks,
} from './ensure-webhooks';
export {
  isWooCommerceError,
  SyncConfigError,
  WooCommerceError,
  type WooCommerceErrorDetails,
  type WooErrorKind,
} from './errors';
export { type FailureVerdict, judgeFailure } from './failures';
export {
  classifyOrder,
  isPickPostOrder,
  META,
  type OrderAction,
  type OrderRules,
  recipientOf,
  splitStreet,
  toFulfilOrder,
} from './order-mapping';
export { NOTE_META, type NoteTransport } from './plugin-notes';
export {
  STATUS_META_KEY,
  statusNoteText,
  syncDataTransferStatuses,
  type WooStatusOptions,
  wooStatusHandler,
} from './status-notes';
export { createWooSync, type WooSync, type WooSyncOptions, type WorkReport } from './sync';
export {
  createWebhookHandler,
  ORDER_TOPICS,
  verifyWebhookSignature,
  type WebhookHandlerOptions,
} from './webhook-handler';
export {
  createWooClient,
  type OrderPage,
  type RetryOptions,
  WOO_BATCH_LIMIT,
  WOO_PAGE_SIZE,
  type WooClient,
  type WooClientOptions,
} from './woo-client';
export type {
  BatchItemResult,
  OrderUpdate,
  WooAddress,
  WooLineItem,
  WooMeta,
  WooNote,
  WooOrder,
  WooProduct,
  WooShippingLine,
  WooWebhook,
} from './woo-types';
export { createWorkQueue, type OrderRecord, type QueueItem, type WorkQueue } from './work-queue';
