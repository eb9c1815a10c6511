/**
 * `@pickpost/core/adapter-kit`: for the authors of platform adapters (Express, Medusa,
 * WooCommerce…), which translate a platform's requests to core's fetch-standard checkout
 * handler and back rather than re-implementing it.
 */
export { normaliseBasePath } from '../http/checkout-handler';
export { type ErrorBody, toErrorAnswer, toErrorResponse } from '../http/errors';
export {
  type CheckoutAnswer,
  type CheckoutRequest,
  fromFetchRequest,
  toResponse,
} from '../http/exchange';
