import type { PickupPointKind } from '../schemas/pickup-point';
import type { Shipment } from '../schemas/shipment';

/**
 * The one home of Swiss Post's rule for a parcel to a pick-up point [V reference §C4, HB-EN
 * p.33]: the label, the Barcode web service request and the DataTransfer record all derive
 * their recipient from {@link pickupPointAddress}, so they can never disagree about it.
 */

/** The line that tells the Post which PickPost customer a parcel is for [V HB-EN p.33]. */
export function pickpostIdLine(kind: PickupPointKind, pickpostId: string): string {
  return `${kind === 'mypost24' ? 'MyPost24' : 'PickPost'} ${pickpostId}`;
}

/** A parcel's address when it goes to a PickPost counter or My Post 24 terminal. */
export interface PickupPointAddress {
  /** The customer: their title, first name, name and further name line. */
  title?: string | undefined;
  firstName?: string | undefined;
  name1: string;
  name3?: string | undefined;
  /** `PickPost <ID>` / `MyPost24 <ID>`; none in variant 4, whose parcels carry no ID. */
  pickpostIdLine?: string | undefined;
  /** The point's street, number, postcode and town, in place of the customer's own. */
  street: string;
  houseNo?: string | undefined;
  zip: string;
  city: string;
  country: 'CH' | 'LI';
}

/**
 * The address of a parcel to a pick-up point, in Swiss Post's order: the customer's name, the
 * PickPost ID line, the point's street and town. The customer's own address lines (company in
 * `name2`, `c/o` in `addressSuffix`, their street) are left out: the point does not know them,
 * and the Post's rule is name, ID, street, town. Title and `name3` belong to the person.
 *
 * @example
 * pickupPointAddress(shipment).pickpostIdLine; // 'PickPost 12345678'
 */
export function pickupPointAddress(
  shipment: Pick<Shipment, 'recipient' | 'pickupPoint' | 'pickpostId'>,
): PickupPointAddress {
  const { recipient, pickupPoint: point, pickpostId } = shipment;
  return {
    title: recipient.title,
    firstName: recipient.firstName,
    name1: recipient.name1,
    name3: recipient.name3,
    pickpostIdLine: pickpostId === undefined ? undefined : pickpostIdLine(point.kind, pickpostId),
    street: point.street,
    houseNo: point.houseNo,
    zip: point.zip,
    city: point.city,
    country: point.country,
  };
}
