/**
 * Label inputs shared by the label tests: the sample order 1042 from the Velo Shop, as a
 * `ShipmentLabelInput` with an identcode, and a return address that uses every address line.
 */
import type { LabelAddress, LabelInput } from '../src/labels/index';
import { SenderSchema, ShipmentSchema, validate } from '../src/schemas/index';
import { ORDER_1042, VELO_SHOP } from './fixtures';

export const IDENTCODE = '996001321700005959';

export const LABEL_SENDER = validate(SenderSchema, VELO_SHOP, 'sender');

/** Order 1042 as a label input; `overrides` replace fields of the shipment before parsing. */
export function parcelLabel(
  overrides: Record<string, unknown> = {},
  identcode = IDENTCODE,
): LabelInput {
  const shipment = validate(ShipmentSchema, { ...ORDER_1042, ...overrides }, 'shipment');
  return { type: 'shipment', shipment, identcode, sender: LABEL_SENDER };
}

/** Seven address lines: more than any label prints, so overflow rules apply. */
export const FULL_RETURN_ADDRESS: LabelAddress = {
  title: 'Frau',
  firstName: 'Anna',
  name1: 'Keller',
  name2: 'Velo Shop AG',
  name3: 'Einkauf',
  addressSuffix: 'c/o Lager',
  street: 'Wankdorfallee',
  houseNo: '4',
  zip: '3030',
  city: 'Bern',
};
