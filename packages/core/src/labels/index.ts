export {
  ADDRESS_LINES,
  type AddressLine,
  type AddressLineRole,
  domesticAddressLines,
  type FittedAddress,
  fitAddressLines,
  OVERFLOW_DROP_ORDER,
  pickupPointAddressLines,
  senderLines,
} from './addressing';
export {
  isLabelRenderError,
  LabelRenderError,
  type LabelRenderErrorReason,
} from './label-render-error';
export { A4_SHEET, ADDRESS_CLEARANCE, IDENTCODE_BARCODE, SERVICE_BARCODE } from './layouts';
export { assertRenderable, LABEL_MEDIA_TYPES, renderLabel, renderLabels } from './render';
export type {
  LabelAddress,
  LabelInput,
  LabelInputs,
  RenderedLabel,
  RenderedLabelFormat,
  RenderLabelOptions,
  RenderLabelsOptions,
  ReturnLabelInput,
  ShipmentLabelInput,
} from './types';
export { ZPL_DOTS_PER_MM, ZPL_TEXT_FONT } from './zpl';
