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

/** The input fields each kind of line comes from, most important first. */
const FIELD_LISTS = {
  title: ['title'],
  name: ['name1'],
  nameAndFirstName: ['name1', 'firstName'],
  name2: ['name2'],
  name3: ['name3'],
  addressSuffix: ['addressSuffix'],
  street: ['street'],
  streetAndNumber: ['street', 'houseNo'],
  poBox: ['poBox'],
  locality: ['city', 'zip'],
  pickpostId: ['pickpostId'],
} as const;

type FieldPaths = Readonly<Record<keyof typeof FIELD_LISTS, readonly string[]>>;

/** Field paths by prefix, made once: every label of a batch names the same fields. */
const pathsByPrefix = new Map<string, FieldPaths>();

function pathsOf(prefix: string): FieldPaths {
  let paths = pathsByPrefix.get(prefix);
  if (paths === undefined) {
    const entries = Object.entries(FIELD_LISTS).map(([list, names]) => [
      list,
      Object.freeze(names.map((name) => `${prefix}${name}`)),
    ]);
    paths = Object.fromEntries(entries) as FieldPaths;
    // Callers choose prefixes; a handful exist, so a full map is only ever a misuse.
    if (pathsByPrefix.size >= 64) pathsByPrefix.clear();
    pathsByPrefix.set(prefix, paths);
  }
  return paths;
}

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

function addName(lines: AddressLine[], address: LabelAddress, paths: FieldPaths): void {
  const fields = address.firstName ? paths.nameAndFirstName : paths.name;
  add(lines, joined(address.firstName, address.name1), 'name', fields);
}

function addDelivery(lines: AddressLine[], address: LabelAddress, paths: FieldPaths): void {
  const streetFields = address.houseNo ? paths.streetAndNumber : paths.street;
  add(lines, joined(address.street, address.houseNo), 'street', streetFields);
  add(lines, address.poBox, 'poBox', paths.poBox);
  add(lines, joined(address.zip, address.city), 'locality', paths.locality);
}

/** The prefixes of a shipment's recipient and pick-up point fields, by the shipment's. */
const shipmentPrefixes = new Map<string, { recipient: FieldPaths; point: FieldPaths }>();

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
  let prefixes = shipmentPrefixes.get(prefix);
  if (prefixes === undefined) {
    prefixes = {
      recipient: pathsOf(`${prefix}recipient.`),
      point: pathsOf(`${prefix}pickupPoint.`),
    };
    if (shipmentPrefixes.size >= 64) shipmentPrefixes.clear();
    shipmentPrefixes.set(prefix, prefixes);
  }
  const { recipient } = prefixes;
  const lines: AddressLine[] = [];
  add(lines, address.title, 'title', recipient.title);
  addName(lines, address, recipient);
  add(lines, address.name3, 'name3', recipient.name3);
  add(lines, address.pickpostIdLine, 'pickpostId', pathsOf(prefix).pickpostId);
  addDelivery(lines, address, prefixes.point);
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
  const paths = pathsOf(prefix);
  const lines: AddressLine[] = [];
  add(lines, address.title, 'title', paths.title);
  addName(lines, address, paths);
  add(lines, address.name2, 'name2', paths.name2);
  add(lines, address.name3, 'name3', paths.name3);
  add(lines, address.addressSuffix, 'addressSuffix', paths.addressSuffix);
  addDelivery(lines, address, paths);
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
  const paths = pathsOf(prefix);
  const lines: AddressLine[] = [];
  addName(lines, sender, paths);
  add(lines, sender.name2, 'name2', paths.name2);
  addDelivery(lines, sender, paths);
  return lines;
}

function fits(lines: readonly AddressLine[], freeText: AddressLine | undefined, maxLines: number) {
  return (
    lines.length <= ADDRESS_LINES.max && lines.length + (freeText === undefined ? 0 : 1) <= maxLines
  );
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
  for (const role of OVERFLOW_DROP_ORDER) {
    if (fits(lines, freeText, options.maxLines)) break;
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
  if (!fits(lines, freeText, options.maxLines) || lines.length < ADDRESS_LINES.min) {
    return undefined;
  }
  return { lines, freeText, dropped };
}
