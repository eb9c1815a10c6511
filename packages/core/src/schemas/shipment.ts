import * as z from 'zod';
import { PickPostIdSchema } from './customer';
import { IdentcodeSchema, ItemIdSchema, ItemNumberSchema, OrderRefSchema } from './identifiers';
import { ParcelSchema } from './parcel';
import { PickupPointSchema } from './pickup-point';
import { RecipientSchema } from './recipient';
import { everyTime } from './refine';
import { FIELD_LIMITS } from './swiss-post-rules';
import { optionalPostText, postText } from './text';

const itemLimits = FIELD_LIMITS.item;

/** One `AdditionalData` entry (cash on delivery keys such as `NN_BETRAG`) [V]. */
export const AdditionalDataSchema = z.object({
  type: postText({ max: itemLimits.additionalDataType }),
  value: postText({ max: itemLimits.additionalDataValue }),
});
/** One `AdditionalData` entry of a shipment: a type (such as `NN_BETRAG`) and its value. */
export type AdditionalData = z.infer<typeof AdditionalDataSchema>;

/**
 * One parcel of an order to a pick-up point: who it is for, which point, the customer's
 * PickPost ID (absent in variant 4, whose labels carry no ID line), and the parcel itself.
 * `orderRef` and `parcelIndex` identify it: every operation is idempotent on that pair.
 *
 * The PickPost ID travels in the recipient's `name2` (`PickPost <ID>`), so a recipient with a
 * `name2` of their own cannot also have an ID: the label would lose one of the two.
 *
 * @example
 * const shipment = ShipmentSchema.parse({
 *   orderRef: '1042', recipient, pickupPoint: point, pickpostId: '12345678',
 *   parcel: { weightGrams: 1200, przl: ['PRI'] },
 * });
 */
const shipmentFields = {
  orderRef: OrderRefSchema,
  parcelIndex: z
    .number({ error: 'must be a parcel index' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(99, 'must be at most 99')
    .default(0),
  itemId: ItemIdSchema.optional(),
  itemNumber: ItemNumberSchema.optional(),
  identcode: IdentcodeSchema.optional(),
  recipient: RecipientSchema,
  pickpostId: PickPostIdSchema.optional(),
  parcel: ParcelSchema,
  freeText: optionalPostText({ max: itemLimits.freeText }),
  additionalData: z
    .array(AdditionalDataSchema)
    .max(
      itemLimits.additionalDataEntries,
      `must hold at most ${itemLimits.additionalDataEntries} entries`,
    )
    .optional(),
};

const name2KeptForPickPostId = everyTime(
  (
    shipment: { pickpostId?: string | undefined; recipient?: { name2?: string | undefined } },
    ctx,
  ) => {
    if (shipment.pickpostId !== undefined && shipment.recipient?.name2 !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipient', 'name2'],
        message: 'must be empty: name2 carries the "PickPost <ID>" line of a PickPost parcel',
        params: { code: 'name2_reserved' },
      });
    }
  },
);

/** One parcel to a pick-up point with the point itself; see {@link Shipment}. */
export const ShipmentSchema = z
  .object({ ...shipmentFields, pickupPoint: PickupPointSchema })
  .check(name2KeptForPickPostId);

/**
 * A shipment without its pick-up point, for `fulfil()`: the point comes from the signed
 * selection, which was checked with `PickupPointSchema` when it was signed, so parsing it again
 * for every order would only repeat work.
 */
export const ShipmentWithoutPointSchema = z.object(shipmentFields).check(name2KeptForPickPostId);
/** A shipment after validation, as {@link ShipmentSchema} parses it. */
export type Shipment = z.infer<typeof ShipmentSchema>;
/** A shipment as a caller writes it, before validation. */
export type ShipmentInput = z.input<typeof ShipmentSchema>;
