import { MOCK_FIELD_LIMITS } from './field-limits';

/**
 * Characters the Barcode web service refuses in every text element [V XSD22
 * `CommonPatternStringType`, reference §A1].
 */
export const MOCK_FORBIDDEN_CHARACTERS = ['*', '\\', '{', '}', '[', ']', '=', '<', '>', '|'];

/** Whether `text` holds one of {@link MOCK_FORBIDDEN_CHARACTERS}. */
export const hasForbiddenCharacter = (text: string): boolean =>
  [...text].some((char) => MOCK_FORBIDDEN_CHARACTERS.includes(char));

/** `ItemID`: A–Z, a–z, 0–9, `_`, `-`, `+`, else E2045 [V §A1]. */
export const MOCK_ITEM_ID_PATTERN = /^[A-Za-z0-9_+-]+$/;

/** `ItemNumber`: a string of 1 to 8 digits [V VEKKON swagger, XSD; §Z]. */
export const MOCK_ITEM_NUMBER_PATTERN = new RegExp(
  `^[0-9]{1,${MOCK_FIELD_LIMITS.item.itemNumberDigits}}$`,
);

/** A domestic (Swiss or Liechtenstein) postcode has four digits [V STR]. */
export const DOMESTIC_ZIP_LENGTH = 4;

/** An e-mail address with a local part, a domain and a top-level domain (E2041) [G]. */
export const MOCK_EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Phone and mobile numbers: digits and spaces only (E2042) [V §A1]. */
export const MOCK_PHONE_PATTERN = /^[\d ]+$/;
