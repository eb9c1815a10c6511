export { createTtlCache } from '../ttl-cache';
export { createPickPost } from './create-pickpost';
export { createOperationRunner, type OperationContext } from './idempotency';
export type {
  DataTransferCounts,
  FulfilOrder,
  FulfilResult,
  LabelFile,
  LabelStream,
  PickPost,
  PickPostCheckout,
  PickPostDependencies,
  PointSelection,
  ReturnOrder,
  Transmission,
} from './pickpost';
export {
  LARGE_SHOP_PARCELS_PER_MONTH,
  recommendVariant,
  type ShopProfile,
  SMALL_SHOP_PARCELS_PER_MONTH,
  type VariantRecommendation,
} from './recommend';
export {
  type SelectionPayload,
  SelectionPayloadSchema,
  signSelection,
  verifySelection,
} from './selection';
export { MAX_PARCEL_GRAMS, NOT_AT_TERMINALS, unsuitableBecause } from './suitability';
export { trackingUrlFrom } from './tracking';
export { dataTransferTransport, itemNumberAllocator, postClientOptions } from './wiring';
