export { createTtlCache } from '../ttl-cache';
export {
  createPickPost,
  dataTransferTransport,
  type FulfilOrder,
  type FulfilResult,
  itemNumberAllocator,
  type LabelFile,
  type PickPost,
  type PickPostDependencies,
  postClientOptions,
  type ReturnOrder,
  type Transmission,
} from './create-pickpost';
export { createOperationRunner, type OperationContext } from './idempotency';
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
