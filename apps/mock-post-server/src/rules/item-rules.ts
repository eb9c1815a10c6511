import {
  ADDITIONAL_SERVICE_CODES,
  BASIC_SERVICE_CODES,
  DELIVERY_INSTRUCTION_CODES,
  FIELD_LIMITS,
  FORBIDDEN_CHARACTERS,
  ITEM_ID_PATTERN,
} from '@pickpost/core';
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

const FORBIDDEN_PATTERN = new RegExp(`[${FORBIDDEN_CHARACTERS.map((c) => `\\${c}`).join('')}]`);

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
  if (FORBIDDEN_PATTERN.test(value)) {
    findings.fieldErrors.push({
      field,
      error: 'must not contain any of * \\ { } [ ] = < > |',
      rejectedValue: value,
    });
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

const add = (findings: ItemFindings, code: PostCode, language: Language) => {
  if (!findings.errors.some((error) => error.code === code))
    findings.errors.push(coded(code, language));
};

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^[\d ]+$/;
const ITEM_NUMBER_TEXT = new RegExp(`^\\d{1,${FIELD_LIMITS.item.itemNumberDigits}}$`);

function checkPhone(value: string | undefined, findings: ItemFindings, language: Language): void {
  if (value === undefined) return;
  const digits = value.replace(/ /g, '').length;
  const { min, max } = FIELD_LIMITS.phoneDigits;
  if (!PHONE.test(value) || digits < min || digits > max) add(findings, 'E2042', language);
}

/** Checks `item.recipient` [V HB-EN §5.3.1 field table]. */
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
  const limits = FIELD_LIMITS.recipient;
  const read = (key: string, max: number) => readText(recipient, key, max, path, findings);
  read('postIdent', 15);
  read('title', limits.title);
  read('firstName', limits.firstName);
  const name1 = read('name1', limits.name1);
  read('name2', limits.name2);
  read('name3', limits.name3);
  read('addressSuffix', limits.addressSuffix);
  const street = read('street', limits.street);
  read('houseNo', limits.houseNo);
  const poBox = read('pobox', limits.poBox);
  read('floorNo', 5);
  const zip = read('zip', 10);
  const city = read('city', limits.city);
  const country = read('country', 2);
  const phone = read('phone', limits.phone);
  const mobile = read('mobile', limits.mobile);
  const email = read('email', limits.email);

  if (name1 === undefined || city === undefined) add(findings, 'E2001', language);
  if (street === undefined && poBox === undefined) add(findings, 'E2001', language);
  if (street !== undefined && poBox !== undefined) add(findings, 'E2025', language);
  if (zip === undefined) add(findings, 'E2032', language);
  else if (!/^\d{4}$/.test(zip)) add(findings, 'E2033', language);
  if (country !== undefined && !['CH', 'LI'].includes(country.toUpperCase())) {
    add(findings, 'E2066', language);
  }
  if (email !== undefined && !EMAIL.test(email)) add(findings, 'E2041', language);
  checkPhone(phone, findings, language);
  checkPhone(mobile, findings, language);

  const labelAddress = recipient.labelAddress;
  if (isObject(labelAddress)) {
    const lines = Array.isArray(labelAddress.labelLine) ? labelAddress.labelLine : [];
    if (lines.length < 2) add(findings, 'E2064', language);
    lines.forEach((line, index) => {
      if (typeof line !== 'string' || [...line].length > 35) {
        findings.fieldErrors.push({
          field: `${path}.labelAddress.labelLine[${index}]`,
          error: 'size must be between 0 and 35',
          rejectedValue: line,
        });
      }
    });
  }
  return recipient;
}

const LISTED_PRZL = new Set<string>([
  ...BASIC_SERVICE_CODES,
  ...ADDITIONAL_SERVICE_CODES,
  ...DELIVERY_INSTRUCTION_CODES,
]);
const BASIC = new Set<string>(BASIC_SERVICE_CODES);

/**
 * Checks `item.attributes`: service codes the Post knows (the real service knows its own
 * codes, so an unlisted code is refused here even though the SDK's schema lets it through),
 * exactly one basic service, the weight in grams (at most 5 digits).
 */
export function checkAttributes(
  attributes: unknown,
  path: string,
  findings: ItemFindings,
  language: Language,
): { przl: string[]; weightGrams: number | undefined } {
  if (!isObject(attributes)) {
    findings.fieldErrors.push({ field: path, error: 'must not be null' });
    return { przl: [], weightGrams: undefined };
  }
  const przl = attributes.przl;
  const maxCodeLength = FIELD_LIMITS.item.przlCodeLength;
  const codes: string[] = [];
  if (!Array.isArray(przl) || przl.length === 0) {
    findings.fieldErrors.push({
      field: `${path}.przl`,
      error: 'must not be empty',
      rejectedValue: przl,
    });
  } else {
    przl.forEach((code, index) => {
      if (
        typeof code !== 'string' ||
        code.length === 0 ||
        (code.length > maxCodeLength && !LISTED_PRZL.has(code))
      ) {
        findings.fieldErrors.push({
          field: `${path}.przl[${index}]`,
          error: `size must be between 1 and ${maxCodeLength}`,
          rejectedValue: code,
        });
        return;
      }
      codes.push(code);
      if (!LISTED_PRZL.has(code)) add(findings, 'E1000', language);
    });
    if (codes.filter((code) => BASIC.has(code)).length !== 1) add(findings, 'E1001', language);
  }
  readText(attributes, 'freeText', FIELD_LIMITS.item.freeText, path, findings);
  readText(attributes, 'deliveryPlace', 35, path, findings);
  const weight = attributes.weight;
  let weightGrams: number | undefined;
  if (weight === undefined || weight === null) {
    add(findings, 'E2036', language);
  } else if (
    typeof weight !== 'number' ||
    !Number.isInteger(weight) ||
    weight < 1 ||
    weight > FIELD_LIMITS.item.weightGramsMax
  ) {
    add(findings, 'E2037', language);
  } else {
    weightGrams = weight;
  }
  return { przl: codes, weightGrams };
}

/** Checks the item's own elements: `itemID`, `itemNumber`, `identCode`, `additionalData`. */
export function checkItemHeader(
  item: Json,
  path: string,
  findings: ItemFindings,
  language: Language,
): { itemId: string | undefined; itemNumber: number | undefined } {
  let itemId: string | undefined;
  const rawId = item.itemID;
  if (rawId === undefined || rawId === null || rawId === '') {
    findings.fieldErrors.push({ field: `${path}.itemID`, error: 'must not be empty' });
  } else if (typeof rawId !== 'string') {
    findings.fieldErrors.push({
      field: `${path}.itemID`,
      error: 'must be a string',
      rejectedValue: rawId,
    });
  } else if (rawId.length > FIELD_LIMITS.item.itemId) {
    findings.fieldErrors.push({
      field: `${path}.itemID`,
      error: `size must be between 1 and ${FIELD_LIMITS.item.itemId}`,
      rejectedValue: rawId,
    });
  } else if (!ITEM_ID_PATTERN.test(rawId)) {
    add(findings, 'E2045', language);
  } else {
    itemId = rawId;
  }
  let itemNumber: number | undefined;
  const rawNumber = item.itemNumber;
  if (rawNumber !== undefined && rawNumber !== null && rawNumber !== '') {
    const digits = FIELD_LIMITS.item.itemNumberDigits;
    const asNumber =
      typeof rawNumber === 'string' && ITEM_NUMBER_TEXT.test(rawNumber)
        ? Number(rawNumber)
        : rawNumber;
    if (
      typeof asNumber !== 'number' ||
      !Number.isInteger(asNumber) ||
      asNumber < 0 ||
      asNumber >= 10 ** digits
    ) {
      findings.fieldErrors.push({
        field: `${path}.itemNumber`,
        error: `must be a number of at most ${digits} digits`,
        rejectedValue: rawNumber,
      });
    } else {
      itemNumber = asNumber;
    }
  }
  if (item.identCode !== undefined && item.identCode !== null && item.identCode !== '') {
    findings.warnings.push(coded('W9997', language));
  }
  const additionalData = item.additionalData;
  if (additionalData !== undefined) {
    if (
      !Array.isArray(additionalData) ||
      additionalData.length > FIELD_LIMITS.item.additionalDataEntries
    ) {
      findings.fieldErrors.push({
        field: `${path}.additionalData`,
        error: `size must be between 0 and ${FIELD_LIMITS.item.additionalDataEntries}`,
      });
    } else {
      additionalData.forEach((entry, index) => {
        const entryPath = `${path}.additionalData[${index}]`;
        if (!isObject(entry)) {
          findings.fieldErrors.push({ field: entryPath, error: 'must be an object' });
          return;
        }
        readText(entry, 'type', FIELD_LIMITS.item.additionalDataType, entryPath, findings);
        readText(entry, 'value', FIELD_LIMITS.item.additionalDataValue, entryPath, findings);
      });
    }
  }
  return { itemId, itemNumber };
}

/** Checks the sender (`customer`) [V HB-EN; C WPPOST]. */
export function checkCustomer(customer: unknown, findings: ItemFindings, language: Language): void {
  if (!isObject(customer)) {
    add(findings, 'E2017', language);
    return;
  }
  const limits = FIELD_LIMITS.sender;
  const read = (key: string, max: number) => readText(customer, key, max, 'customer', findings);
  const name1 = read('name1', limits.name1);
  read('name2', limits.name2);
  const street = read('street', limits.street);
  read('pobox', limits.poBox);
  const zip = read('zip', 6);
  const city = read('city', limits.city);
  read('country', 2);
  read('domicilePostOffice', limits.domicilePostOffice);
  if (name1 === undefined || street === undefined || zip === undefined || city === undefined) {
    add(findings, 'E2017', language);
  } else if (!/^\d{1,6}$/.test(zip)) {
    add(findings, 'E2017', language);
  }
}

/**
 * The parcel identcode the Post gives an item [V HB-EN p.8]: `99`, the 8-digit franking licence,
 * the item number in 8 digits. Spelt out here rather than taken from core, so that a mistake in
 * the SDK's formatter cannot pass the simulator unnoticed.
 */
export function parcelIdentcode(frankingLicense: string, itemNumber: number): string {
  return `99${frankingLicense}${String(itemNumber).padStart(8, '0')}`;
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
    add(findings, 'E2009', language);
    return undefined;
  }
  const text = String(licence);
  if (!/^\d{8}$/.test(text)) {
    add(findings, 'E2027', language);
    return undefined;
  }
  if (!allowed.includes(text)) {
    add(findings, 'E2010', language);
    return undefined;
  }
  return text;
}
