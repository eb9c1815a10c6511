import { pickupPointAddress } from '../addressing/pickup-point-address';
import type { Sender } from '../schemas/sender';
import type { Shipment } from '../schemas/shipment';
import type { LabelAddress } from './types';

/** What a line of an address block is, so overflow can drop the right ones. */
export type AddressLineRole =
  | 'title'
  | 'name'
  | 'name2'
  | 'name3'
  | 'pickpostId'
  | 'addressSuffix'
  | 'street'
  | 'poBox'
  | 'locality'
  | 'freeText';

/** One printed line and the input field(s) it comes from (for error messages). */
export interface AddressLine {
  readonly text: string;
  readonly role: AddressLineRole;
  /** Input paths, most important first: `shipment.recipient.name1`, … */
  readonly fields: readonly string[];
}

/**
 * Lines an address may hold: 3 to 6, without blank lines [V reference C4]. Labels allow fewer
 * lines in all (see {@link fitAddressLines}).
 */
export const ADDRESS_LINES = { min: 3, max: 6 } as const;

/**
 * When lines do not fit, Swiss Post drops Title, then AddressSuffix, then Name3, then FreeText
 * [V HB]. Everything else is needed for delivery and is never dropped.
 */
export const OVERFLOW_DROP_ORDER: readonly AddressLineRole[] = [
  'title',
  'addressSuffix',
  'name3',
  'freeText',
];

/** Adds a line unless its text is empty. */
function add(
  lines: AddressLine[],
  text: string | undefined,
  role: AddressLineRole,
  fields: readonly string[],
): void {
  if (text !== undefined && text !== '') lines.push({ text, role, fields });
}

function joined(first: string | undefined, second: string | undefined): string {
  if (!first) return second ?? '';
  return second ? `${first} ${second}` : first;
}

function addName(lines: AddressLine[], address: LabelAddress, prefix: string): void {
  const fields = [`${prefix}name1`];
  if (address.firstName) fields.push(`${prefix}firstName`);
  add(lines, joined(address.firstName, address.name1), 'name', fields);
}

function addDelivery(lines: AddressLine[], address: LabelAddress, prefix: string): void {
  const streetFields = [`${prefix}street`];
  if (address.houseNo) streetFields.push(`${prefix}houseNo`);
  add(lines, joined(address.street, address.houseNo), 'street', streetFields);
  add(lines, address.poBox, 'poBox', [`${prefix}poBox`]);
  add(lines, joined(address.zip, address.city), 'locality', [`${prefix}city`, `${prefix}zip`]);
}

/**
 * The address lines of a parcel to a pick-up point, in the order Swiss Post prescribes [V C4]:
 * the customer's name (first name + name1), the `PickPost <ID>` or `MyPost24 <ID>` line, the
 * point's street and number, the point's postcode and town. Title and Name3 belong to the
 * person and come with the name. The customer's own address (street, AddressSuffix such as
 * `c/o`) is not printed: the parcel goes to the point. Without a PickPost ID (variant 4) there
 * is no ID line.
 *
 * @example
 * pickupPointAddressLines(shipment).map((line) => line.text);
 * // ['Hans Muster', 'PickPost 12345678', 'Bahnhofstrasse 67', '5000 Aarau']
 */
export function pickupPointAddressLines(
  shipment: Pick<Shipment, 'recipient' | 'pickupPoint' | 'pickpostId'>,
  prefix = 'shipment.',
): AddressLine[] {
  // The same address the Barcode web service and DataTransfer receive: one rule, one source.
  const address = pickupPointAddress(shipment);
  const who = `${prefix}recipient.`;
  const lines: AddressLine[] = [];
  add(lines, address.title, 'title', [`${who}title`]);
  addName(lines, address, who);
  add(lines, address.name3, 'name3', [`${who}name3`]);
  add(lines, address.pickpostIdLine, 'pickpostId', [`${prefix}pickpostId`]);
  addDelivery(lines, address, `${prefix}pickupPoint.`);
  return lines;
}

/**
 * The lines of a plain domestic address (a return label's recipient): title, name, name2,
 * name3, address suffix, street and number or P.O. box, postcode and town.
 *
 * @example
 * domesticAddressLines({ name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern' }, 'returnAddress.')
 * // lines 'Velo Shop AG', 'Wankdorfallee 4', '3030 Bern'
 */
export function domesticAddressLines(address: LabelAddress, prefix: string): AddressLine[] {
  const lines: AddressLine[] = [];
  add(lines, address.title, 'title', [`${prefix}title`]);
  addName(lines, address, prefix);
  add(lines, address.name2, 'name2', [`${prefix}name2`]);
  add(lines, address.name3, 'name3', [`${prefix}name3`]);
  add(lines, address.addressSuffix, 'addressSuffix', [`${prefix}addressSuffix`]);
  addDelivery(lines, address, prefix);
  return lines;
}

/**
 * The sender block: for the shop its `Sender` fields (the house number is part of `street`),
 * for a return the customer's name and address.
 *
 * @example
 * senderLines(sender, 'sender.').map((line) => line.text); // ['Velo Shop AG', 'Wankdorfallee 4', '3030 Bern']
 */
export function senderLines(sender: Sender | LabelAddress, prefix: string): AddressLine[] {
  const lines: AddressLine[] = [];
  addName(lines, sender, prefix);
  add(lines, sender.name2, 'name2', [`${prefix}name2`]);
  addDelivery(lines, sender, prefix);
  return lines;
}

/** The lines that fit, and what was dropped to get there. */
export interface FittedAddress {
  readonly lines: readonly AddressLine[];
  readonly freeText: AddressLine | undefined;
  readonly dropped: readonly AddressLineRole[];
}

/**
 * Applies the line limits: the address itself at most {@link ADDRESS_LINES}.max lines, and the
 * address plus the free text at most `maxLines` (the layout's budget). Lines are dropped in
 * Swiss Post's order (Title → AddressSuffix → Name3 → FreeText); what is left keeps its order,
 * so no blank line appears. Returns `undefined` when even that is not enough.
 *
 * @example
 * fitAddressLines(lines, { maxLines: 6, freeText: 'Fragile' }).dropped // ['title']
 */
export function fitAddressLines(
  candidates: readonly AddressLine[],
  options: { maxLines: number; freeText?: AddressLine | undefined },
): FittedAddress | undefined {
  let lines = [...candidates];
  let freeText = options.freeText;
  const dropped: AddressLineRole[] = [];
  const fits = () =>
    lines.length <= ADDRESS_LINES.max &&
    lines.length + (freeText === undefined ? 0 : 1) <= options.maxLines;
  for (const role of OVERFLOW_DROP_ORDER) {
    if (fits()) break;
    if (role === 'freeText') {
      if (freeText !== undefined) {
        freeText = undefined;
        dropped.push(role);
      }
      continue;
    }
    const index = lines.findIndex((candidate) => candidate.role === role);
    if (index !== -1) {
      lines = lines.filter((_, other) => other !== index);
      dropped.push(role);
    }
  }
  if (!fits() || lines.length < ADDRESS_LINES.min) return undefined;
  return { lines, freeText, dropped };
}
