export {
  type Address,
  AddressSchema,
  type Country,
  CountrySchema,
  EmailSchema,
  PhoneSchema,
  type Zip,
  ZipSchema,
} from './address';
export {
  type PickPostCustomer,
  PickPostCustomerSchema,
  type PickPostId,
  PickPostIdSchema,
} from './customer';
export {
  type FrankingLicense,
  FrankingLicenseSchema,
  IdentcodeSchema,
  ItemIdSchema,
  ItemNumberSchema,
  OrderRefSchema,
} from './identifiers';
export {
  type DataTransferConfig,
  DataTransferConfigSchema,
  DirectoryTransportConfigSchema,
  HostKeySha256Schema,
  type IntegrationConfig,
  type IntegrationConfigInput,
  IntegrationConfigSchema,
  ItemNumberConfigSchema,
  type PostApiConfig,
  PostApiConfigSchema,
  SftpTransportConfigSchema,
} from './integration-config';
export {
  type LabelLayout,
  LabelLayoutSchema,
  type LabelOptions,
  type LabelOptionsInput,
  LabelOptionsSchema,
  type PrintAddresses,
  PrintAddressesSchema,
} from './label-options';
export {
  isBasicServiceCode,
  isListedPrzlCode,
  type Parcel,
  type ParcelInput,
  ParcelSchema,
  PrzlCodeSchema,
  PrzlListSchema,
} from './parcel';
export {
  type OpeningHours,
  OpeningHoursSchema,
  type OpeningInterval,
  OpeningIntervalSchema,
  type PickupPoint,
  type PickupPointInput,
  type PickupPointKind,
  PickupPointKindSchema,
  PickupPointSchema,
  WEEKDAYS,
  type Weekday,
} from './pickup-point';
export { type Recipient, type RecipientInput, RecipientSchema } from './recipient';
export { type Sender, type SenderInput, SenderSchema } from './sender';
export {
  type AdditionalData,
  AdditionalDataSchema,
  type Shipment,
  type ShipmentInput,
  ShipmentSchema,
} from './shipment';
export {
  ADDITIONAL_SERVICE_BARCODES,
  ADDITIONAL_SERVICE_CODES,
  ADDRESS_QUALITY_GRADES,
  BASIC_SERVICE_CODES,
  BUSINESS_REPLY,
  DEFAULT_TRACKING_URL_TEMPLATE,
  DELIVERY_INSTRUCTION_CODES,
  DOMESTIC_BOUNDS,
  FIELD_LIMITS,
  FORBIDDEN_CHARACTERS,
  ITEM_ID_PATTERN,
  LAYOUT_CODE_LIMITS,
  LETTER_SERVICE_CODES,
  LIECHTENSTEIN_ZIP_RANGE,
  SWISS_ZIP_RANGE,
  UNLISTED_PRZL_PATTERN,
} from './swiss-post-rules';
export {
  normalisePostText,
  optionalPostText,
  postText,
  postTextLength,
  postTextProblems,
} from './text';
export { parseIntegrationConfig, toValidationIssues, validate } from './validate';
export { VARIANT_PLANS, VARIANTS, type Variant, type VariantPlan, VariantSchema } from './variants';
