import * as z from 'zod';
import { CountrySchema, checkZipMatchesCountry, ZipSchema } from './address';
import { everyTime } from './refine';
import { DOMESTIC_BOUNDS, FIELD_LIMITS } from './swiss-post-rules';
import { optionalPostText, postText } from './text';

/** `pickpost` is a PickPost counter (location type T1), `mypost24` a My Post 24 terminal (T6). */
export const PickupPointKindSchema = z.enum(['pickpost', 'mypost24'], {
  error: 'must be pickpost or mypost24',
});
/** The kind of pick-up point: a staffed PickPost counter or a My Post 24 terminal. */
export type PickupPointKind = z.infer<typeof PickupPointKindSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM`, `24:00` closing a day. */
export const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** One opening interval on one day, `from` before `to`; `24:00` closes a day. */
export const OpeningIntervalSchema = z
  .object({
    from: z.string().regex(TIME_OF_DAY, 'must be a time of day HH:MM'),
    to: z.string().regex(TIME_OF_DAY, 'must be a time of day HH:MM (24:00 for midnight)'),
  })
  .check(
    everyTime((interval, ctx) => {
      if (interval.from >= interval.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'must be later than from',
          params: { code: 'interval_order' },
        });
      }
    }),
  );
export type OpeningInterval = z.infer<typeof OpeningIntervalSchema>;

/**
 * Opening hours per weekday; a missing day is closed. A My Post 24 terminal open round the
 * clock has `{ from: '00:00', to: '24:00' }` every day.
 */
export const OpeningHoursSchema = z.partialRecord(
  z.enum(WEEKDAYS),
  z.array(OpeningIntervalSchema).max(6),
);
/** A point's opening hours: for each weekday, up to six intervals. */
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

const limits = FIELD_LIMITS.recipient;

/**
 * A PickPost counter or My Post 24 terminal, as the checkout shows it and the label addresses
 * it: the point's street, house number, postcode and town replace the customer's own address.
 *
 * @example
 * const point = PickupPointSchema.parse({
 *   id: '001AG-PICK-5000-01', kind: 'pickpost', name: 'PickPost Aarau Bahnhof',
 *   street: 'Bahnhofstrasse', houseNo: '67', zip: '5000', city: 'Aarau',
 *   lat: 47.3917, lng: 8.0513,
 * });
 */
export const PickupPointSchema = z
  .object({
    id: z
      .string({ error: 'must be a point id' })
      .trim()
      .min(1, 'is required')
      .max(64, 'must be at most 64 characters'),
    kind: PickupPointKindSchema,
    name: postText({ max: 100 }),
    street: postText({ max: limits.street }),
    houseNo: optionalPostText({ max: limits.houseNo }),
    zip: ZipSchema,
    city: postText({ max: limits.city }),
    country: CountrySchema.default('CH'),
    lat: z
      .number({ error: 'must be a latitude' })
      .min(DOMESTIC_BOUNDS.latMin, 'must lie in Switzerland or Liechtenstein')
      .max(DOMESTIC_BOUNDS.latMax, 'must lie in Switzerland or Liechtenstein'),
    lng: z
      .number({ error: 'must be a longitude' })
      .min(DOMESTIC_BOUNDS.lngMin, 'must lie in Switzerland or Liechtenstein')
      .max(DOMESTIC_BOUNDS.lngMax, 'must lie in Switzerland or Liechtenstein'),
    openingHours: OpeningHoursSchema.optional(),
    /**
     * A point search's live counter status (Swiss time, when the search ran): open until this
     * time, or (`openAgain`) opening again at it later today. Absent when unknown or closed.
     */
    openUntil: z.string().regex(TIME_OF_DAY, 'must be a time of day HH:MM').optional(),
    openAgain: z.string().regex(TIME_OF_DAY, 'must be a time of day HH:MM').optional(),
  })
  .check(everyTime(checkZipMatchesCountry));
/** A pick-up point after validation, as {@link PickupPointSchema} parses it. */
export type PickupPoint = z.infer<typeof PickupPointSchema>;
export type PickupPointInput = z.input<typeof PickupPointSchema>;
