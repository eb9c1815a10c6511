export {
  type CheckoutHandler,
  type CheckoutHandlerOptions,
  createCheckoutHandler,
  type RequestContext,
} from './checkout-handler';
export { type ErrorBody, toErrorResponse } from './errors';
