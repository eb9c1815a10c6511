import type { ItemFindings } from '../rules/item-rules';
import { isObject } from '../rules/item-rules';
import type { DataTransferMessage } from '../state';
import { childNames, strayText } from './xml';

/**
 * The DataTransfer envelope mirrors the Barcode web service's SOAP item model (PascalCase
 * elements) while the shared item rules read the REST model (camelCase keys). These tables map
 * one onto the other, so both routes run the same checks, and map findings back to element
 * names for the processing report.
 */
export const RECIPIENT_ELEMENTS = {
  Title: 'title',
  Firstname: 'firstName',
  Name1: 'name1',
  Name2: 'name2',
  Name3: 'name3',
  Street: 'street',
  HouseNo: 'houseNo',
  POBox: 'pobox',
  ZIP: 'zip',
  City: 'city',
  Country: 'country',
  Phone: 'phone',
  Mobile: 'mobile',
  EMail: 'email',
} as const;

export const CUSTOMER_ELEMENTS = {
  Name1: 'name1',
  Name2: 'name2',
  Street: 'street',
  POBox: 'pobox',
  ZIP: 'zip',
  City: 'city',
  Country: 'country',
  DomicilePostOffice: 'domicilePostOffice',
} as const;

const ITEM_ELEMENTS = [
  'ItemID',
  'ItemNumber',
  'IdentCode',
  'Recipient',
  'AdditionalINFOS',
  'Attributes',
];
const ATTRIBUTE_ELEMENTS = ['PRZL', 'FreeText', 'Dimensions'];

const ELEMENT_OF_KEY: Record<string, string> = {
  ...Object.fromEntries(
    [...Object.entries(RECIPIENT_ELEMENTS), ...Object.entries(CUSTOMER_ELEMENTS)].map(
      ([element, key]) => [key, element],
    ),
  ),
  customer: 'FileInfos.Customer',
  itemID: 'ItemID',
  itemNumber: 'ItemNumber',
  additionalData: 'AdditionalINFOS.AdditionalData',
  type: 'Type',
  value: 'Value',
  przl: 'PRZL',
  freeText: 'FreeText',
  weight: 'Dimensions.Weight',
};

/** `Item.Recipient.name1` → `Item.Recipient.Name1`, `Item.additionalData[0].type` → `….Type`. */
export function elementPath(field: string): string {
  return field
    .split('.')
    .map((segment) => {
      const [, name = segment, index = ''] = /^([^[]+)(\[\d+\])?$/.exec(segment) ?? [];
      return `${ELEMENT_OF_KEY[name] ?? name}${index}`;
    })
    .join('.');
}

/** Turns the rules' findings into report messages; schema findings get the code `SCHEMA`. */
export function findingsToMessages(findings: ItemFindings): DataTransferMessage[] {
  return [
    ...findings.fieldErrors.map((error) => ({
      code: 'SCHEMA',
      field: elementPath(error.field),
      message: error.error,
    })),
    ...findings.errors.map((error) => ({ code: error.code, message: error.message })),
  ];
}

/**
 * Flags children the envelope does not define and text between elements: Swiss Post validates
 * DataTransfer files against an XSD, which refuses both.
 */
export function checkChildren(
  element: unknown,
  allowed: readonly string[],
  path: string,
  findings: ItemFindings,
): void {
  if (!isObject(element)) return;
  for (const name of childNames(element)) {
    if (!allowed.includes(name))
      findings.fieldErrors.push({ field: `${path}.${name}`, error: 'unknown element' });
  }
  if (strayText(element) !== undefined)
    findings.fieldErrors.push({ field: path, error: 'text outside an element' });
}

/** Copies the mapped elements of `element` onto camelCase keys, values untouched. */
export function mapElements(
  element: unknown,
  table: Readonly<Record<string, string>>,
): Record<string, unknown> | undefined {
  if (!isObject(element)) return undefined;
  const mapped: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(table)) {
    if (element[name] !== undefined) mapped[key] = element[name];
  }
  return mapped;
}

/** The weight as the rules read it: a number when the text is digits, the text otherwise. */
function weightOf(dimensions: unknown, findings: ItemFindings): unknown {
  if (!isObject(dimensions)) return undefined;
  checkChildren(dimensions, ['Weight'], 'Item.Attributes.Dimensions', findings);
  const weight = dimensions.Weight;
  return typeof weight === 'string' && /^\d+$/.test(weight) ? Number(weight) : weight;
}

function additionalDataOf(infos: unknown, findings: ItemFindings): unknown[] | undefined {
  if (infos === undefined) return undefined;
  if (!isObject(infos)) return [];
  checkChildren(infos, ['AdditionalData'], 'Item.AdditionalINFOS', findings);
  const entries = Array.isArray(infos.AdditionalData) ? infos.AdditionalData : [];
  return entries.map((entry: unknown, index) => {
    checkChildren(
      entry,
      ['Type', 'Value'],
      `Item.AdditionalINFOS.AdditionalData[${index}]`,
      findings,
    );
    return isObject(entry) ? { type: entry.Type, value: entry.Value } : entry;
  });
}

/** An item of a DataTransfer file in the Barcode web service's camelCase model. */
export interface MappedItem {
  item: Record<string, unknown>;
  recipient: Record<string, unknown> | undefined;
  attributes: Record<string, unknown> | undefined;
  identCode: unknown;
}

/**
 * Maps a parsed `<Item>` onto the camelCase item the shared rules check, recording unknown
 * elements as schema findings. `IdentCode` is kept apart: the Barcode web service ignores it
 * (W9997) while in DataTransfer it is the shipment's key.
 */
export function mapItem(element: unknown, findings: ItemFindings): MappedItem {
  const source = isObject(element) ? element : {};
  checkChildren(source, ITEM_ELEMENTS, 'Item', findings);
  checkChildren(source.Recipient, Object.keys(RECIPIENT_ELEMENTS), 'Item.Recipient', findings);
  checkChildren(source.Attributes, ATTRIBUTE_ELEMENTS, 'Item.Attributes', findings);
  const attributesSource = source.Attributes;
  const attributes = isObject(attributesSource)
    ? {
        przl: attributesSource.PRZL,
        freeText: attributesSource.FreeText,
        weight: weightOf(attributesSource.Dimensions, findings),
      }
    : undefined;
  const additionalData = additionalDataOf(source.AdditionalINFOS, findings);
  return {
    item: {
      itemID: source.ItemID,
      itemNumber: source.ItemNumber,
      ...(additionalData === undefined ? {} : { additionalData }),
    },
    recipient: mapElements(source.Recipient, RECIPIENT_ELEMENTS),
    attributes,
    identCode: source.IdentCode,
  };
}
