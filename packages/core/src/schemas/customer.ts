import * as z from 'zod';

/**
 * A PickPost user ID as customers type it. The reference shows `12345678` (Barcode manual) and
 * `PT011227` (developer portal) and no formal rule, so we accept 6–12 letters and digits with at least 4 digits [G],
 * upper-case them, drop spaces and dots, and drop a `PickPost` / `MyPost24` prefix a customer
 * may copy along with the number.
 */
export const PickPostIdSchema = z
  .union([z.string(), z.number()], { error: 'must be a PickPost user ID' })
  .transform((value) =>
    String(value)
      .trim()
      .replace(/^(?:pick\s*post|my\s*post\s*24)[\s:-]*/i, '')
      .replace(/[\s.]/g, '')
      .toUpperCase(),
  )
  .pipe(
    z
      .string()
      .regex(
        /^(?=(?:[A-Z]*\d){4})[A-Z0-9]{6,12}$/,
        'must be a PickPost user ID of 6 to 12 letters and digits, at least 4 of them digits',
      ),
  );
export type PickPostId = z.infer<typeof PickPostIdSchema>;

/**
 * A PickPost customer as the PickPost web service returns it: the user ID to print on the
 * label, and whether Swiss Post has verified the person (`verified: "NONE"` means not yet).
 */
export const PickPostCustomerSchema = z.object({
  pickpostId: PickPostIdSchema,
  verified: z.boolean({ error: 'must be true or false' }),
});
/**
 * A customer's PickPost ID and whether the PickPost web service verified it, as
 * {@link PickPostCustomerSchema} parses it.
 */
export type PickPostCustomer = z.infer<typeof PickPostCustomerSchema>;
