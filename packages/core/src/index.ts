/**
 * `@pickpost/core`: what a shop integrator uses. `createPickPost` and its `PickPost` instance,
 * the configuration and input schemas, the errors and their guards, labels, identcodes, the
 * checkout HTTP handler, the variant guide, and the logger, clock and store ports.
 *
 * Other audiences have their own entry points: `@pickpost/core/store-kit` (StateStore authors),
 * `@pickpost/core/rules` (Swiss Post's rule tables), `@pickpost/core/post` (the web service
 * client on its own), `@pickpost/core/datatransfer` (files, outbox and transports below
 * `createPickPost`) and `@pickpost/core/adapter-kit` (platform adapter authors).
 */

export type { FlushReport } from './datatransfer/outbox';
export type {
  DataTransferReports,
  FetchReportsResult,
  StatusHandler,
} from './datatransfer/reports/fetch-reports';
export type { ReportSource } from './datatransfer/reports/report-source';
export type { ParcelStatusRecord, StatusChange } from './datatransfer/reports/status-records';
export { PARCEL_STATUSES, type ParcelStatus } from './datatransfer/reports/vocabulary';
export { HostKeyMismatchError } from './datatransfer/sftp-transport';
export { PICKPOST_ERROR_CODES, type PickPostErrorCode } from './errors/codes';
export {
  IdempotencyConflictError,
  isIdempotencyConflictError,
} from './errors/idempotency-conflict';
export {
  isPickPostError,
  PickPostError,
  type PickPostErrorJSON,
} from './errors/pickpost-error';
export {
  isPostApiError,
  isPostAuthError,
  isPostNetworkError,
  isPostResponseError,
  isPostTimeoutError,
  PostApiError,
  PostAuthError,
  PostNetworkError,
  PostResponseError,
  PostTimeoutError,
  type PostWarning,
} from './errors/post-errors';
export { redactSecrets } from './errors/redact';
export {
  ConfigError,
  isConfigError,
  isPickPostValidationError,
  PickPostValidationError,
  type ValidationIssue,
} from './errors/validation-error';
export {
  type CheckoutHandler,
  type CheckoutHandlerOptions,
  createCheckoutHandler,
  type RequestContext,
} from './http/checkout-handler';
export {
  formatIdentcode,
  humanIdentcode,
  IdentcodeError,
  type IdentcodeParts,
  parseIdentcode,
} from './identcode/identcode';
export {
  createItemNumberAllocator,
  type ItemNumberAllocator,
  type ItemNumberAllocatorOptions,
  ItemNumbersExhaustedError,
  isItemNumbersExhaustedError,
} from './identcode/item-number-allocator';
export {
  type BarcodeFormat,
  type BarcodeOptions,
  type RenderedBarcode,
  renderBarcode,
} from './labels/barcode';
export {
  type DrawBarcodeOptions,
  drawBarcode,
  type PdfkitDocument,
} from './labels/barcode-pdfkit';
export { isLabelRenderError, LabelRenderError } from './labels/label-render-error';
export { renderLabel, renderLabels } from './labels/render';
export type {
  LabelInput,
  RenderedLabel,
  RenderLabelOptions,
  RenderLabelsOptions,
  ReturnLabelInput,
  ShipmentLabelInput,
} from './labels/types';
export { type Clock, createManualClock, systemClock } from './ports/clock';
export {
  createRedactingLogger,
  isSecretFieldName,
  type LogFields,
  type Logger,
  silentLogger,
} from './ports/logger';
export { createMemoryStateStore } from './ports/memory-state-store';
export type { StateStore } from './ports/state-store';
export type { PickupPointSearchHit } from './post/location-mapping';
export type { PointLanguage, PointSearchQuery } from './post/locations';
export { type PickPostCustomer, PickPostCustomerSchema } from './schemas/customer';
export {
  type IntegrationConfig,
  type IntegrationConfigInput,
  IntegrationConfigSchema,
} from './schemas/integration-config';
export {
  type LabelOptions,
  type LabelOptionsInput,
  LabelOptionsSchema,
} from './schemas/label-options';
export { type Parcel, type ParcelInput, ParcelSchema } from './schemas/parcel';
export {
  type OpeningHours,
  type PickupPoint,
  type PickupPointKind,
  PickupPointSchema,
} from './schemas/pickup-point';
export { type Recipient, type RecipientInput, RecipientSchema } from './schemas/recipient';
export { type Sender, type SenderInput, SenderSchema } from './schemas/sender';
export {
  type AdditionalData,
  type Shipment,
  type ShipmentInput,
  ShipmentSchema,
} from './schemas/shipment';
export { parseIntegrationConfig, validate } from './schemas/validate';
export {
  VARIANT_PLANS,
  VARIANTS,
  type Variant,
  type VariantPlan,
  VariantSchema,
} from './schemas/variants';
export { createPickPost } from './variants/create-pickpost';
export type { ManyOutcome } from './variants/many';
/** The barcode alone of a parcel made earlier, as the adapters' admin barcode routes serve it. */
export { parcelBarcode, parcelServices } from './variants/parcel-barcode';
export type {
  BulkLabelOptions,
  CancelResult,
  DataTransferCounts,
  FulfilBarcodeOptions,
  FulfilOrder,
  FulfilResult,
  FulfilResultWithoutLabel,
  LabelFile,
  LabelStream,
  ParcelRef,
  PickPost,
  PickPostCheckout,
  PickPostDependencies,
  PointSelection,
  ReturnOrder,
  Transmission,
} from './variants/pickpost';
export {
  recommendVariant,
  type ShopProfile,
  type VariantRecommendation,
} from './variants/recommend';
export type { SelectionPayload } from './variants/selection';
export { itemNumberAllocator } from './variants/wiring';
