export type { AddressApi, AddressQuality, AddressToValidate, AddressValidation } from './address';
export type { BarcodeApi, BarcodeLabel, GenerateAddressLabelInput } from './barcode';
export {
  type AuthorisedService,
  DEFAULT_BASE_URLS,
  DEFAULT_RETRY,
  DEFAULT_SCOPES,
  DEFAULT_TIMEOUT_MS,
  type PostService,
  type RetryPolicy,
} from './defaults';
export { type PickupPointSearchHit, splitStreet } from './location-mapping';
export { distanceMeters, type LocationsApi, type PointSearchQuery } from './locations';
export {
  itemIdFor,
  type PostRecipientJson,
  pickpostIdLine,
  pickupRecipient,
  returnItemIdFor,
} from './mapping';
export type { PickPostApi, RegisterUserOptions } from './pickpost';
export { createPostClient, type PostClient, type PostClientOptions } from './post-client';
export { parseRetryAfter, type RawPostResponse, toPostError } from './response-errors';
