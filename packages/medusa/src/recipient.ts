import type { RecipientInput } from '@pickpost/core';

/** A Medusa address (cart, order or fulfillment), as far as a recipient needs it. */
export interface MedusaAddress {
  first_name?: string | null;
  last_name?: string | null;
  company?: string | null;
  address_1?: string | null;
  address_2?: string | null;
  postal_code?: string | null;
  city?: string | null;
  country_code?: string | null;
  phone?: string | null;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * Medusa keeps the street and the house number in one line (`Bellerivestrasse 5`); Swiss Post
 * wants them apart. A trailing number (with an optional letter: `12a`) is the house number.
 */
function splitStreet(line: string | undefined): { street?: string; houseNo?: string } {
  if (line === undefined) return {};
  const match = /^(.*\S)\s+(\d+\s?[a-zA-Z]?)$/.exec(line);
  return match?.[1] && match[2] ? { street: match[1], houseNo: match[2] } : { street: line };
}

/**
 * The customer of a Medusa address as a PickPost recipient (core validates it when the parcel
 * is made, naming any field Swiss Post would refuse).
 *
 * @example
 * toRecipient({ first_name: 'Hans', last_name: 'Muster', address_1: 'Bellerivestrasse 5', postal_code: '8008', city: 'Zürich' }, 'hans@example.ch');
 */
export function toRecipient(
  address: MedusaAddress | null | undefined,
  email?: unknown,
): RecipientInput {
  const first = text(address?.first_name);
  const last = text(address?.last_name);
  const company = text(address?.company);
  const name1 = last ?? first ?? company ?? '';
  const country = text(address?.country_code)?.toUpperCase();
  return {
    ...(last !== undefined && first !== undefined ? { firstName: first } : {}),
    name1,
    ...(company !== undefined && company !== name1 ? { name2: company } : {}),
    ...splitStreet(text(address?.address_1)),
    ...(text(address?.address_2) === undefined ? {} : { addressSuffix: text(address?.address_2) }),
    zip: text(address?.postal_code) ?? '',
    city: text(address?.city) ?? '',
    ...(country === undefined ? {} : { country }),
    ...(text(address?.phone) === undefined ? {} : { phone: text(address?.phone) }),
    ...(text(email) === undefined ? {} : { email: text(email) }),
  };
}
