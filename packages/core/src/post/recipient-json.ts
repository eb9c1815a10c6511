import { pickupPointAddress } from '../addressing/pickup-point-address';
import type { Sender } from '../schemas/sender';
import type { Shipment } from '../schemas/shipment';

/**
 * The recipient and sender as Swiss Post's JSON writes them (Barcode web service §A2, and the
 * DataTransfer records that mirror its item model).
 */

export type PostLanguage = 'DE' | 'FR' | 'IT' | 'EN';

export const toPostLanguage = (language: 'de' | 'fr' | 'it' | 'en'): PostLanguage =>
  language.toUpperCase() as PostLanguage;

/** `item.recipient` of the Barcode web service. */
export interface PostRecipientJson {
  title?: string | undefined;
  firstName?: string | undefined;
  name1: string;
  name2?: string | undefined;
  name3?: string | undefined;
  addressSuffix?: string | undefined;
  street?: string | undefined;
  houseNo?: string | undefined;
  pobox?: string | undefined;
  zip: string;
  city: string;
  country?: string | undefined;
  phone?: string | undefined;
  mobile?: string | undefined;
  email?: string | undefined;
}

/**
 * The recipient of a parcel to a pick-up point: {@link pickupPointAddress} with the ID line in
 * `name2`, where Swiss Post reads it [V HB-EN p.33], and the customer's contact details for the
 * Post's pick-up notices.
 */
export function pickupRecipient(shipment: Shipment): PostRecipientJson {
  const { pickpostIdLine, ...address } = pickupPointAddress(shipment);
  const { recipient } = shipment;
  return {
    ...address,
    name2: pickpostIdLine,
    phone: recipient.phone,
    mobile: recipient.mobile,
    email: recipient.email,
  };
}

/** A plain domestic address as the recipient (the shop, for a return label). */
export function addressRecipient(address: Sender): PostRecipientJson {
  return {
    name1: address.name1,
    name2: address.name2,
    street: address.street,
    pobox: address.poBox,
    zip: address.zip,
    city: address.city,
    country: address.country,
  };
}

/** The sender (`customer`); the REST service refuses `houseNo`, `email` and `phone` there [C WPPOST]. */
export function customerJson(sender: Sender): Record<string, string | undefined> {
  return { ...addressRecipient(sender), domicilePostOffice: sender.domicilePostOffice };
}
