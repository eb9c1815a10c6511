import * as z from 'zod';
import { CountrySchema, checkZipMatchesCountry, ZipSchema } from './address';
import { everyTime } from './refine';
import { FIELD_LIMITS } from './swiss-post-rules';
import { optionalPostText, postText } from './text';

const limits = FIELD_LIMITS.sender;

/**
 * The shop as sender (`Customer` in the Barcode web service), with the shorter 25-character
 * limits Swiss Post sets for it [V HB-EN §5.3.1]. The house number belongs inside `street`: the
 * REST service refuses a separate `houseNo` for the sender [C WPPOST].
 *
 * @example
 * const sender = SenderSchema.parse({
 *   name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern',
 *   domicilePostOffice: '3011 Bern',
 * });
 */
export const SenderSchema = z
  .object({
    name1: postText({ max: limits.name1 }),
    name2: optionalPostText({ max: limits.name2 }),
    street: postText({ max: limits.street }),
    poBox: optionalPostText({ max: limits.poBox }),
    zip: ZipSchema,
    city: postText({ max: limits.city }),
    country: CountrySchema.default('CH'),
    domicilePostOffice: optionalPostText({ max: limits.domicilePostOffice }),
  })
  .check(everyTime(checkZipMatchesCountry));
/** A sender after validation, as {@link SenderSchema} parses it. */
export type Sender = z.infer<typeof SenderSchema>;
/** A sender as a caller writes it, before validation. */
export type SenderInput = z.input<typeof SenderSchema>;
