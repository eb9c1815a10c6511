import * as z from 'zod';
import { FIELD_LIMITS, ITEM_ID_PATTERN } from './swiss-post-rules';

/** An 18-digit parcel identcode: `99` + 8-digit franking licence + 8-digit item number [V]. */
export const IdentcodeSchema = z
  .string({ error: 'must be an identcode' })
  .transform((value) => value.replace(/[\s.]/g, ''))
  .pipe(z.string().regex(/^99\d{16}$/, 'must be an 18-digit parcel identcode starting with 99'));

/** `ItemID`: up to 200 characters of A–Z, a–z, 0–9, `_`, `-`, `+` (E2045) [V]. */
export const ItemIdSchema = z
  .string({ error: 'must be an item ID' })
  .min(1, 'is required')
  .max(FIELD_LIMITS.item.itemId, `must be at most ${FIELD_LIMITS.item.itemId} characters`)
  .regex(ITEM_ID_PATTERN, 'may hold only letters, digits, _, - and + (Swiss Post E2045)');

/** `ItemNumber`: a whole number of up to 8 digits, unique per franking licence [V]. */
export const ItemNumberSchema = z
  .number({ error: 'must be an item number' })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(99_999_999, 'must have at most 8 digits');

/**
 * A franking licence, normalised to 8 characters as the Barcode manual prescribes [V]: 8 digits
 * as they are, 6 digits and 4 letters-and-digits left-padded with zeros. Dots and spaces (as in
 * the printed `60.013217`) are dropped.
 *
 * @example
 * FrankingLicenseSchema.parse('013217') // '00013217'
 */
export const FrankingLicenseSchema = z
  .union([z.string(), z.number()], { error: 'must be a franking licence' })
  .transform((value) => String(value).replace(/[\s.]/g, '').toUpperCase())
  .superRefine((value, ctx) => {
    if (!/^(?:\d{8}|\d{6}|[A-Z0-9]{4})$/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be 8 digits, 6 digits or 4 letters and digits (Swiss Post E2027: wrong length)',
        params: { code: 'invalid_franking_license' },
      });
    }
  })
  .transform((value) => value.padStart(8, '0'));
export type FrankingLicense = z.infer<typeof FrankingLicenseSchema>;

/** A shop's own reference for an order, as it appears in its admin (`#1042`, `WC-1042/2`). */
export const OrderRefSchema = z
  .union([z.string(), z.number()], { error: 'must be an order reference' })
  .transform((value) => String(value).trim())
  .pipe(
    z
      .string()
      .min(1, 'is required')
      .max(100, 'must be at most 100 characters')
      .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'must not contain control characters'),
  );
