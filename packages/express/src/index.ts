export {
  createPickPostMiddleware,
  type PickPostMiddlewareOptions,
  pickPostErrorHandler,
  sendFetchResponse,
  toFetchRequest,
} from './middleware';
