export {
  type CheckoutHandler,
  type CheckoutHandlerOptions,
  createCheckoutHandler,
  normaliseBasePath,
  type RequestContext,
} from './checkout-handler';
export { type ErrorBody, toErrorResponse } from './errors';
