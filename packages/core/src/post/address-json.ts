import * as z from 'zod';
import { ADDRESS_QUALITY_GRADES } from '../schemas/swiss-post-rules';

/** What `address.validate()` sends [V DEV §5]. */
export function addressValidationJson(address: {
  firstName?: string | undefined;
  lastName?: string | undefined;
  street?: string | undefined;
  houseNo?: string | undefined;
  poBox?: string | undefined;
  zip: string;
  city: string;
}): Record<string, unknown> {
  return {
    addressee: { firstName: address.firstName, lastName: address.lastName },
    geographicLocation: {
      house: { street: address.street, houseNumber: address.houseNo },
      zip: { zip: address.zip, city: address.city },
    },
    ...(address.poBox === undefined ? {} : { logisticLocation: { postBoxNumber: address.poBox } }),
    fullValidation: true,
  };
}

export const AddressValidationResponseSchema = z.object({
  quality: z.enum(ADDRESS_QUALITY_GRADES),
  address: z
    .object({
      geographicLocation: z
        .object({
          house: z
            .object({
              street: z.string().optional(),
              houseNumber: z.string().optional(),
              houseKey: z.string().optional(),
            })
            .partial()
            .optional(),
          zip: z
            .object({ zip: z.string().optional(), city: z.string().optional() })
            .partial()
            .optional(),
        })
        .partial()
        .optional(),
    })
    .passthrough()
    .optional(),
});
