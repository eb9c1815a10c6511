/**
 * `@pickpost/core/rules`: Swiss Post's rule tables as the SDK applies them, each with its
 * source in the comments where it is defined: field limits, forbidden characters, service
 * codes and their barcodes, postcode ranges, label prescriptions, item-number windows. For
 * simulators, form builders and anyone who checks data the way the SDK does.
 */

export { ADDRESS_CLEARANCE, IDENTCODE_BARCODE } from '../labels/layouts';
export {
  DEFAULT_REUSE_AFTER_DAYS,
  MIN_REUSE_AFTER_DAYS,
} from '../schemas/integration-config';
export { isBasicServiceCode, isListedPrzlCode, PrzlListSchema } from '../schemas/parcel';
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
} from '../schemas/swiss-post-rules';
export { postTextProblems } from '../schemas/text';
export { MAX_PARCEL_GRAMS, NOT_AT_TERMINALS } from '../variants/suitability';
