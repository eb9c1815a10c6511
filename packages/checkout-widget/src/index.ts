export {
  type CheckoutApi,
  type CheckoutApiOptions,
  createCheckoutApi,
  type FieldError,
  PickPostRequestError,
  type PointQuery,
  type PointSearchOptions,
  type SelectionResponse,
} from './api';
export { defineElement } from './define';
export { type Messages, messages, resolveLang } from './messages';
export { PickPostPointPicker } from './point-picker';
export type {
  ClearReason,
  CustomerInput,
  Lang,
  OpeningInterval,
  PickPostClearDetail,
  PickPostSelectDetail,
  PickupPoint,
  PointKind,
  PointSelection,
  Variant,
  Weekday,
} from './types';
