import { MOCK_FIELD_LIMITS } from './field-limits';
import {
  DOMESTIC_ZIP_LENGTH,
  hasForbiddenCharacter,
  MOCK_EMAIL_PATTERN,
  MOCK_FORBIDDEN_CHARACTERS,
  MOCK_ITEM_ID_PATTERN,
  MOCK_ITEM_NUMBER_PATTERN,
  MOCK_PHONE_PATTERN,
} from './patterns';
import type { CodedMessage, Language, PostCode } from './post-codes';
import { coded } from './post-codes';

/**
 * What the simulated Post checks in one item, in two tiers as the real service does [C]:
 * schema violations (wrong type, too long, forbidden character, missing required element) are
 * HTTP 400 `ValidationError{field, error, rejectedValue}` (VEKKON); business rules are E-codes
 * inside an HTTP 200 body (OCA, WPPOST). The same checks serve the Barcode web service route
 * and DataTransfer file ingestion.
 */
export interface FieldError {
  field: string;
  error: string;
  rejectedValue?: unknown;
}

export interface ItemFindings {
  fieldErrors: FieldError[];
  errors: CodedMessage[];
  warnings: CodedMessage[];
}

export function createFindings(): ItemFindings {
  return { fieldErrors: [], errors: [], warnings: [] };
}

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads an optional string element: present means a string of at most `max` characters without
 * a forbidden character. Returns the trimmed value or `undefined`.
 */
export function readText(
  source: Json,
  key: string,
  max: number,
  path: string,
  findings: ItemFindings,
): string | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  const field = `${path}.${key}`;
  if (typeof value !== 'string') {
    findings.fieldErrors.push({ field, error: 'must be a string', rejectedValue: value });
    return undefined;
  }
  if ([...value].length > max) {
    findings.fieldErrors.push({
      field,
      error: `size must be between 0 and ${max}`,
      rejectedValue: value,
    });
  }
  if (hasForbiddenCharacter(value)) {
    findings.fieldErrors.push({
      field,
      error: `must not contain any of ${MOCK_FORBIDDEN_CHARACTERS.join(' ')}`,
      rejectedValue: value,
    });
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Adds an E-code once, however many checks find it. */
export function addError(findings: ItemFindings, code: PostCode, language: Language): void {
  if (!findings.errors.some((error) => error.code === code))
    findings.errors.push(coded(code, language));
}

/** Adds a W-code once; the label is still made [V HB: a warning still executes the request]. */
export function addWarning(findings: ItemFindings, code: PostCode, language: Language): void {
  if (!findings.warnings.some((warning) => warning.code === code))
    findings.warnings.push(coded(code, language));
}

const DOMESTIC_COUNTRIES = ['CH', 'LI'];

function checkPhone(value: string | undefined, findings: ItemFindings, language: Language): void {
  if (value === undefined) return;
  const digits = value.replace(/ /g, '').length;
  const { min, max } = MOCK_FIELD_LIMITS.phoneDigits;
  if (!MOCK_PHONE_PATTERN.test(value) || digits < min || digits > max)
    addError(findings, 'E2042', language);
}

/**
 * A domestic postcode [V §A1, §Z]: missing E2032, anything but digits E2033, digits of the
 * wrong length E2034. One code per postcode: the first rule it breaks.
 */
function checkDomesticZip(zip: string | undefined, findings: ItemFindings, language: Language) {
  if (zip === undefined) addError(findings, 'E2032', language);
  else if (!/^\d+$/.test(zip)) addError(findings, 'E2033', language);
  else if (zip.length !== DOMESTIC_ZIP_LENGTH) addError(findings, 'E2034', language);
}

/** Checks `item.recipient` [V HB-EN §5.3.1 field table, reference §A1 and §Z]. */
export function checkRecipient(
  recipient: unknown,
  path: string,
  findings: ItemFindings,
  language: Language,
): Json {
  if (!isObject(recipient)) {
    findings.fieldErrors.push({ field: path, error: 'must not be null' });
    return {};
  }
  const limits = MOCK_FIELD_LIMITS.recipient;
  const read = (key: keyof typeof limits | 'pobox') =>
    readText(recipient, key, limits[key === 'pobox' ? 'poBox' : key], path, findings);
  read('postIdent');
  read('title');
  read('firstName');
  const name1 = read('name1');
  read('name2');
  read('name3');
  read('addressSuffix');
  const street = read('street');
  read('houseNo');
  const poBox = read('pobox');
  read('floorNo');
  const zip = read('zip');
  const city = read('city');
  const country = read('country');
  const phone = read('phone');
  const mobile = read('mobile');
  const email = read('email');

  if (name1 === undefined || city === undefined) addError(findings, 'E2001', language);
  // "A P.O. box address must be specified" [V §Z]: the reference gives the meaning, not the
  // trigger; we give it when neither a street nor a P.O. box is there [G].
  if (street === undefined && poBox === undefined) addError(findings, 'E2025', language);
  // Street or P.O. box, not both [V §A1, §Z]; which code the real service gives is not known,
  // so the generic recipient-address code [G].
  if (street !== undefined && poBox !== undefined) addError(findings, 'E2001', language);
  if (country !== undefined && !DOMESTIC_COUNTRIES.includes(country.toUpperCase())) {
    addError(findings, 'E2066', language);
  } else {
    checkDomesticZip(zip, findings, language);
  }
  if (email !== undefined && !MOCK_EMAIL_PATTERN.test(email)) addError(findings, 'E2041', language);
  checkPhone(phone, findings, language);
  checkPhone(mobile, findings, language);

  const labelAddress = recipient.labelAddress;
  if (isObject(labelAddress)) {
    const lines = Array.isArray(labelAddress.labelLine) ? labelAddress.labelLine : [];
    if (lines.length < 2) addError(findings, 'E2064', language);
    lines.forEach((line, index) => {
      if (typeof line !== 'string' || [...line].length > limits.labelLine) {
        findings.fieldErrors.push({
          field: `${path}.labelAddress.labelLine[${index}]`,
          error: `size must be between 0 and ${limits.labelLine}`,
          rejectedValue: line,
        });
      }
    });
  }
  return recipient;
}

/** `itemID` [V §A1; optional per §Z]: absent is fine, otherwise ≤ 200 characters of E2045's set. */
function checkItemId(
  rawId: unknown,
  path: string,
  findings: ItemFindings,
  language: Language,
): string | undefined {
  if (rawId === undefined || rawId === null || rawId === '') return undefined;
  const max = MOCK_FIELD_LIMITS.item.itemId;
  if (typeof rawId !== 'string') {
    findings.fieldErrors.push({
      field: `${path}.itemID`,
      error: 'must be a string',
      rejectedValue: rawId,
    });
  } else if (rawId.length > max) {
    findings.fieldErrors.push({
      field: `${path}.itemID`,
      error: `size must be between 0 and ${max}`,
      rejectedValue: rawId,
    });
  } else if (!MOCK_ITEM_ID_PATTERN.test(rawId)) {
    addError(findings, 'E2045', language);
  } else {
    return rawId;
  }
  return undefined;
}

/**
 * `itemNumber`: a string of 1–8 digits [V VEKKON, XSD; §Z], at least 1 (E2011) [V §Z]. A JSON
 * number is refused although a lenient JSON reader might take it: the swagger model says string,
 * so the simulator holds clients to it [G, stricter]. Absent or empty: the Post generates one.
 */
function checkItemNumber(
  rawNumber: unknown,
  path: string,
  findings: ItemFindings,
  language: Language,
): number | undefined {
  if (rawNumber === undefined || rawNumber === null || rawNumber === '') return undefined;
  if (typeof rawNumber !== 'string' || !MOCK_ITEM_NUMBER_PATTERN.test(rawNumber)) {
    findings.fieldErrors.push({
      field: `${path}.itemNumber`,
      error: `must be a string of 1 to ${MOCK_FIELD_LIMITS.item.itemNumberDigits} digits`,
      rejectedValue: rawNumber,
    });
    return undefined;
  }
  const itemNumber = Number(rawNumber);
  if (itemNumber < 1) {
    addError(findings, 'E2011', language);
    return undefined;
  }
  return itemNumber;
}

/** Checks the item's own elements: `itemID`, `itemNumber`, `identCode`, `additionalData`. */
export function checkItemHeader(
  item: Json,
  path: string,
  findings: ItemFindings,
  language: Language,
): { itemId: string | undefined; itemNumber: number | undefined } {
  const itemId = checkItemId(item.itemID, path, findings, language);
  const itemNumber = checkItemNumber(item.itemNumber, path, findings, language);
  if (item.identCode !== undefined && item.identCode !== null && item.identCode !== '') {
    addWarning(findings, 'W9997', language);
  }
  const additionalData = item.additionalData;
  const limits = MOCK_FIELD_LIMITS.item;
  if (additionalData !== undefined) {
    if (!Array.isArray(additionalData) || additionalData.length > limits.additionalDataEntries) {
      findings.fieldErrors.push({
        field: `${path}.additionalData`,
        error: `size must be between 0 and ${limits.additionalDataEntries}`,
      });
    } else {
      additionalData.forEach((entry, index) => {
        const entryPath = `${path}.additionalData[${index}]`;
        if (!isObject(entry)) {
          findings.fieldErrors.push({ field: entryPath, error: 'must be an object' });
          return;
        }
        readText(entry, 'type', limits.additionalDataType, entryPath, findings);
        readText(entry, 'value', limits.additionalDataValue, entryPath, findings);
      });
    }
  }
  return { itemId, itemNumber };
}

/** Checks the sender (`customer`) [V HB-EN; C WPPOST]. */
export function checkCustomer(customer: unknown, findings: ItemFindings, language: Language): void {
  if (!isObject(customer)) {
    addError(findings, 'E2017', language);
    return;
  }
  const limits = MOCK_FIELD_LIMITS.sender;
  const read = (key: keyof typeof limits | 'pobox') =>
    readText(customer, key, limits[key === 'pobox' ? 'poBox' : key], 'customer', findings);
  const name1 = read('name1');
  read('name2');
  const street = read('street');
  read('pobox');
  const zip = read('zip');
  const city = read('city');
  read('country');
  read('domicilePostOffice');
  if (name1 === undefined || street === undefined || zip === undefined || city === undefined) {
    addError(findings, 'E2017', language);
  } else if (!/^\d+$/.test(zip)) {
    addError(findings, 'E2017', language);
  }
}

/**
 * Checks the franking licence [V HB]: missing E2009, not 8 digits E2027, not one the client may
 * use E2010.
 */
export function checkFrankingLicense(
  licence: unknown,
  allowed: readonly string[],
  findings: ItemFindings,
  language: Language,
): string | undefined {
  if (licence === undefined || licence === null || licence === '') {
    addError(findings, 'E2009', language);
    return undefined;
  }
  const text = String(licence);
  if (!/^\d{8}$/.test(text)) {
    addError(findings, 'E2027', language);
    return undefined;
  }
  if (!allowed.includes(text)) {
    addError(findings, 'E2010', language);
    return undefined;
  }
  return text;
}
