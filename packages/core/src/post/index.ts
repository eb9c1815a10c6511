/**
 * `@pickpost/core/post`: the Swiss Post web service client on its own, for shops and tools that
 * call the services themselves (address validation, point search, the licence check of a
 * SPECIMEN label). `createPickPost` makes and uses one from the configuration.
 */

export { postClientOptions } from '../variants/wiring';
export type { AddressApi, AddressQuality, AddressToValidate, AddressValidation } from './address';
export type {
  BarcodeApi,
  BarcodeLabel,
  GenerateAddressLabelInput,
  GenerateReturnLabelInput,
} from './barcode';
export {
  type AuthorisedService,
  DEFAULT_BASE_URLS,
  DEFAULT_RETRY,
  DEFAULT_SCOPES,
  DEFAULT_TIMEOUT_MS,
  type PostEndpoint,
  type PostService,
  type RetryPolicy,
} from './defaults';
export type { LocationsApi } from './locations';
export type { PickPostApi, RegisterUserOptions } from './pickpost';
export { createPostClient, type PostClient, type PostClientOptions } from './post-client';
