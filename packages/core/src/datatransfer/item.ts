import * as z from 'zod';
import { parseIdentcode } from '../identcode/identcode';
import { itemIdFor, returnItemIdFor } from '../post/label-request';
import { addressRecipient, pickupRecipient } from '../post/recipient-json';
import type { Parcel } from '../schemas/parcel';
import type { Sender } from '../schemas/sender';
import type { Shipment } from '../schemas/shipment';

/**
 * One shipment as DataTransfer carries it: the fields of the Barcode web service's `Item`
 * (item ID, item number, identcode, recipient, PRZL codes, weight, additional data). The
 * recipient is the PickPost addressing of the parcel: the customer's name, `PickPost <ID>` in
 * `name2`, the point's address.
 */
export const DataTransferItemSchema = z.object({
  itemId: z.string().min(1),
  itemNumber: z.number().int().min(0).max(99_999_999),
  identcode: z.string().regex(/^99\d{16}$/),
  recipient: z.object({
    title: z.string().optional(),
    firstName: z.string().optional(),
    name1: z.string(),
    name2: z.string().optional(),
    name3: z.string().optional(),
    street: z.string().optional(),
    houseNo: z.string().optional(),
    pobox: z.string().optional(),
    zip: z.string(),
    city: z.string(),
    country: z.string().optional(),
    phone: z.string().optional(),
    mobile: z.string().optional(),
    email: z.string().optional(),
  }),
  przl: z.array(z.string()).min(1),
  weightGrams: z.number().int().optional(),
  freeText: z.string().optional(),
  additionalData: z.array(z.object({ type: z.string(), value: z.string() })).optional(),
});
/** One shipment of a DataTransfer file, as {@link DataTransferItemSchema} parses it. */
export type DataTransferItem = z.infer<typeof DataTransferItemSchema>;

const definedOnly = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

/**
 * The DataTransfer record of a validated shipment that has its identcode (self-generated in
 * variants 2 and 4b).
 *
 * @example
 * const item = toDataTransferItem({ ...shipment, identcode: '996001321700005959' });
 */
export function toDataTransferItem(shipment: Shipment & { identcode: string }): DataTransferItem {
  const { itemNumber } = parseIdentcode(shipment.identcode);
  // Swiss Post never passes AddressSuffix to DataTransfer [V HB-EN §5.3.1]: not carried at all.
  const { addressSuffix: _notInDataTransfer, ...recipient } = pickupRecipient(shipment);
  return {
    itemId: shipment.itemId ?? itemIdFor(shipment.orderRef, shipment.parcelIndex),
    itemNumber,
    identcode: shipment.identcode,
    recipient: definedOnly(recipient),
    przl: [...shipment.parcel.przl],
    weightGrams: shipment.parcel.weightGrams,
    ...(shipment.freeText === undefined ? {} : { freeText: shipment.freeText }),
    ...(shipment.additionalData === undefined
      ? {}
      : { additionalData: shipment.additionalData.map((entry) => ({ ...entry })) }),
  };
}

/**
 * The DataTransfer record of a return parcel: addressed to the shop's return address.
 *
 * @example
 * const item = returnDataTransferItem({ orderRef: '1042', parcelIndex: 0, identcode, returnAddress: sender, parcel });
 */
export function returnDataTransferItem(input: {
  orderRef: string;
  parcelIndex: number;
  identcode: string;
  returnAddress: Sender;
  parcel: Parcel;
}): DataTransferItem {
  return {
    itemId: returnItemIdFor(input.orderRef, input.parcelIndex),
    itemNumber: parseIdentcode(input.identcode).itemNumber,
    identcode: input.identcode,
    recipient: definedOnly(addressRecipient(input.returnAddress)),
    przl: [...input.parcel.przl],
    weightGrams: input.parcel.weightGrams,
  };
}
