import * as z from 'zod';
import { addressFields, checkAddress, EmailSchema, PhoneSchema } from './address';
import { everyTime } from './refine';
import { FIELD_LIMITS } from './swiss-post-rules';
import { optionalPostText, postText } from './text';

const limits = FIELD_LIMITS.recipient;

/**
 * The person a parcel is for, with their own (home) address, as the Barcode web service's
 * `Recipient` takes it [V HB-EN §5.3.1]. For a PickPost parcel the label carries the pick-up
 * point's address instead; this address is the one used to register the customer with PickPost.
 *
 * @example
 * const recipient = RecipientSchema.parse({
 *   firstName: 'Hans', name1: 'Muster', street: 'Bellerivestrasse', houseNo: '5',
 *   zip: '8008', city: 'Zürich', email: 'hans.muster@example.ch',
 * });
 */
export const RecipientSchema = z
  .object({
    title: optionalPostText({ max: limits.title }),
    firstName: optionalPostText({ max: limits.firstName }),
    name1: postText({ max: limits.name1 }),
    name2: optionalPostText({ max: limits.name2 }),
    name3: optionalPostText({ max: limits.name3 }),
    addressSuffix: optionalPostText({ max: limits.addressSuffix }),
    ...addressFields,
    phone: PhoneSchema,
    mobile: PhoneSchema,
    email: EmailSchema,
  })
  .check(everyTime(checkAddress));
/** A recipient after validation, as {@link RecipientSchema} parses it. */
export type Recipient = z.infer<typeof RecipientSchema>;
/** A recipient as a caller writes it, before validation. */
export type RecipientInput = z.input<typeof RecipientSchema>;
