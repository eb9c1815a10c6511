import type { AddressLine } from './addressing';
import { domesticAddressLines, pickupPointAddressLines, senderLines } from './addressing';
import type { LabelInput } from './types';

/** What a label says, whatever kind of parcel it is for: its lines and codes. */
export interface LabelContent {
  readonly type: LabelInput['type'];
  readonly identcode: string;
  readonly recipient: readonly AddressLine[];
  readonly sender: readonly AddressLine[];
  readonly freeText: AddressLine | undefined;
  readonly przl: readonly string[];
  /** Where the service codes are in the input, for errors. */
  readonly przlPath: string;
}

/**
 * The lines of a label: a shipment goes to its pick-up point with the shop as sender; a return
 * goes to the return address with the customer as sender.
 */
export function contentOf(input: LabelInput): LabelContent {
  if (input.type === 'shipment') {
    const { shipment, sender } = input;
    return {
      type: input.type,
      identcode: input.identcode,
      recipient: pickupPointAddressLines(shipment),
      sender: senderLines(sender, 'sender.'),
      freeText:
        shipment.freeText === undefined
          ? undefined
          : { text: shipment.freeText, role: 'freeText', fields: ['shipment.freeText'] },
      przl: shipment.parcel.przl,
      przlPath: 'shipment.parcel.przl',
    };
  }
  return {
    type: input.type,
    identcode: input.identcode,
    recipient: domesticAddressLines(input.returnAddress, 'returnAddress.'),
    sender: senderLines(input.customer, 'customer.'),
    freeText:
      input.freeText === undefined || input.freeText === ''
        ? undefined
        : { text: input.freeText, role: 'freeText', fields: ['freeText'] },
    przl: input.parcel.przl,
    przlPath: 'parcel.przl',
  };
}
