import * as z from 'zod';
import { everyTime } from './refine';
import { FIELD_LIMITS, LIECHTENSTEIN_ZIP_RANGE, SWISS_ZIP_RANGE } from './swiss-post-rules';
import { optionalPostText, postText } from './text';

/** PickPost serves Switzerland and Liechtenstein only; both are domestic for Swiss Post. */
export const CountrySchema = z
  .string({ error: 'must be a country code' })
  .transform((value) => value.trim().toUpperCase())
  .pipe(
    z.enum(['CH', 'LI'], {
      error: 'must be CH or LI: PickPost delivers in Switzerland and Liechtenstein only',
    }),
  );
export type Country = z.infer<typeof CountrySchema>;

/**
 * A domestic postcode: four digits, 1000–9999 (Liechtenstein's are 9485–9499, checked against
 * the country by {@link checkZipMatchesCountry}). Numbers are accepted and become strings.
 */
export const ZipSchema = z
  .union([z.string(), z.number()], { error: 'must be a postcode' })
  .transform((value) => String(value).trim())
  .superRefine((value, ctx) => {
    const number = Number(value);
    if (!/^\d{4}$/.test(value) || number < SWISS_ZIP_RANGE.from || number > SWISS_ZIP_RANGE.to) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a Swiss or Liechtenstein postcode of 4 digits (1000–9999)',
        params: { code: 'invalid_zip' },
      });
    }
  });
export type Zip = z.infer<typeof ZipSchema>;

/** Whether a four-digit postcode is one of Liechtenstein's (9485–9499). */
export function isLiechtensteinZip(zip: string): boolean {
  const number = Number(zip);
  return number >= LIECHTENSTEIN_ZIP_RANGE.from && number <= LIECHTENSTEIN_ZIP_RANGE.to;
}

/**
 * Liechtenstein postcodes (9485–9499) belong with country `LI` and only with it. A mismatch is
 * refused rather than corrected, because either field may be the wrong one.
 */
export function checkZipMatchesCountry(
  address: { zip?: string | undefined; country?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  const { zip, country } = address;
  if (zip === undefined || !/^\d{4}$/.test(zip)) return;
  if (country === 'LI' && !isLiechtensteinZip(zip)) {
    ctx.addIssue({
      code: 'custom',
      path: ['zip'],
      message: 'is not a Liechtenstein postcode (9485–9499) although the country is LI',
      params: { code: 'zip_country_mismatch' },
    });
  }
  if (country !== 'LI' && isLiechtensteinZip(zip)) {
    ctx.addIssue({
      code: 'custom',
      path: ['zip'],
      message: 'is a Liechtenstein postcode (9485–9499): set the country to LI',
      params: { code: 'zip_country_mismatch' },
    });
  }
}

/**
 * A telephone number as Swiss Post takes it: 10 to 20 digits, digits and spaces only (E2042).
 * Shoppers type `+41 79 123 45 67` or `079/123-45-67`, so a leading `+` becomes `00` and the
 * usual separators become spaces before the rule is checked.
 */
export const PhoneSchema = z
  .string({ error: 'must be a phone number' })
  .nullish()
  .transform((value) => {
    if (value === null || value === undefined) return undefined;
    const normalised = value
      .trim()
      .replace(/^\+/, '00')
      .replace(/[-./()]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return normalised === '' ? undefined : normalised;
  })
  .superRefine((value, ctx) => {
    if (value === undefined) return;
    const digits = value.replace(/ /g, '');
    const { min, max } = FIELD_LIMITS.phoneDigits;
    if (!/^[\d ]+$/.test(value) || digits.length < min || digits.length > max) {
      ctx.addIssue({
        code: 'custom',
        message: `must have ${min} to ${max} digits, with spaces only (Swiss Post E2042)`,
        params: { code: 'invalid_phone' },
      });
    } else if (value.length > FIELD_LIMITS.recipient.phone) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at most ${FIELD_LIMITS.recipient.phone} characters including spaces`,
        params: { code: 'too_long' },
      });
    }
  })
  .optional();

/** An e-mail address of at most 160 characters (E2041). */
export const EmailSchema = z
  .string({ error: 'must be an e-mail address' })
  .nullish()
  .transform((value) => {
    const trimmed = value?.trim();
    return trimmed === '' || trimmed === undefined ? undefined : trimmed;
  })
  .superRefine((value, ctx) => {
    if (value === undefined) return;
    if (value.length > FIELD_LIMITS.recipient.email) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at most ${FIELD_LIMITS.recipient.email} characters (has ${value.length})`,
        params: { code: 'too_long' },
      });
    } else if (!z.email().safeParse(value).success) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a valid e-mail address (Swiss Post E2041)',
        params: { code: 'invalid_email' },
      });
    }
  })
  .optional();

const limits = FIELD_LIMITS.recipient;

/** The fields of a domestic address, shared by {@link AddressSchema} and the recipient. */
export const addressFields = {
  street: optionalPostText({ max: limits.street }),
  houseNo: optionalPostText({ max: limits.houseNo }),
  poBox: optionalPostText({ max: limits.poBox }),
  zip: ZipSchema,
  city: postText({ max: limits.city }),
  country: CountrySchema.default('CH'),
};

/** The rules that tie an address's fields together. */
export function checkAddress(
  address: {
    street?: string | undefined;
    houseNo?: string | undefined;
    poBox?: string | undefined;
    zip?: string | undefined;
    country?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  checkZipMatchesCountry(address, ctx);
  checkStreetOrPoBox(address, ctx);
}

/**
 * A domestic postal address: street and house number or a P.O. box, postcode, town and
 * country (CH by default).
 *
 * @example
 * AddressSchema.parse({ street: 'Bahnhofstrasse', houseNo: '67', zip: '5000', city: 'Aarau' });
 */
export const AddressSchema = z.object(addressFields).check(everyTime(checkAddress));
export type Address = z.infer<typeof AddressSchema>;

/**
 * A domestic parcel goes to a street address or to a P.O. box [V HB]: one of them, not both
 * (the reference does not say which wins when both are sent, so both are refused).
 */
export function checkStreetOrPoBox(
  address: {
    street?: string | undefined;
    houseNo?: string | undefined;
    poBox?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (address.street === undefined && address.poBox === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['street'],
      message: 'is required unless a P.O. box is given',
      params: { code: 'required' },
    });
  }
  if (address.street !== undefined && address.poBox !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['poBox'],
      message: 'cannot be combined with a street address: give one or the other',
      params: { code: 'street_and_po_box' },
    });
  }
  if (address.houseNo !== undefined && address.street === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['houseNo'],
      message: 'needs a street',
      params: { code: 'house_number_without_street' },
    });
  }
}
