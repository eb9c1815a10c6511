import * as z from 'zod';
import {
  ADDITIONAL_SERVICE_CODES,
  BASIC_SERVICE_CODES,
  BUSINESS_REPLY,
  DELIVERY_INSTRUCTION_CODES,
  FIELD_LIMITS,
  LETTER_SERVICE_CODES,
  UNLISTED_PRZL_PATTERN,
} from './swiss-post-rules';

/** The spelling Swiss Post uses for each listed code, by its upper-case form. */
const LISTED_CODES = new Map<string, string>(
  [...BASIC_SERVICE_CODES, ...ADDITIONAL_SERVICE_CODES, ...DELIVERY_INSTRUCTION_CODES].map(
    (code) => [code.toUpperCase(), code],
  ),
);
const BASIC_CODES = new Set<string>(BASIC_SERVICE_CODES);
const LETTER_CODES = new Set<string>(LETTER_SERVICE_CODES);

/** Whether `code` is one of the basic parcel services (ECO, PRI, combination codes…). */
export function isBasicServiceCode(code: string): boolean {
  return BASIC_CODES.has(code);
}

/** Whether `code` is one of the listed parcel codes (basic, additional, ZAW instruction). */
export function isListedPrzlCode(code: string): boolean {
  return LISTED_CODES.has(code.toUpperCase());
}

/**
 * One PRZL service code. Listed codes come out in Swiss Post's spelling whatever their case;
 * unlisted codes are let through (Swiss Post adds services) when they look like a code:
 * 1–7 upper-case letters and digits.
 */
export const PrzlCodeSchema = z
  .string({ error: 'must be a service code' })
  .transform((value) => value.trim())
  .superRefine((code, ctx) => {
    const upper = code.toUpperCase();
    if (code === '') {
      ctx.addIssue({ code: 'custom', message: 'is empty', params: { code: 'required' } });
    } else if (LETTER_CODES.has(upper)) {
      ctx.addIssue({
        code: 'custom',
        message: `${upper} is a letter service; a parcel needs parcel services (ECO, PRI…)`,
        params: { code: 'letter_service' },
      });
    } else if (!LISTED_CODES.has(upper) && !UNLISTED_PRZL_PATTERN.test(upper)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a Swiss Post service code: 1 to 7 letters and digits',
        params: { code: 'invalid_przl' },
      });
    }
  })
  .transform((code) => LISTED_CODES.get(code.toUpperCase()) ?? code.toUpperCase());

/**
 * Service codes of one parcel: never empty, no code twice, exactly one basic service when the
 * basic service is a listed one (an unlisted code may be a new basic service, so a list of
 * only listed additional services is refused but one with an unlisted code is let through).
 */
export const PrzlListSchema = z
  .array(PrzlCodeSchema, { error: 'must be a list of service codes' })
  .min(1, 'must hold at least one service code (a basic service such as ECO or PRI)')
  .superRefine((codes, ctx) => {
    const seen = new Set<string>();
    for (const code of codes) {
      if (seen.has(code)) {
        ctx.addIssue({
          code: 'custom',
          message: `lists ${code} twice`,
          params: { code: 'duplicate_przl' },
        });
      }
      seen.add(code);
    }
    const listedBasics = codes.filter(isBasicServiceCode);
    const unlisted = codes.filter((code) => !isListedPrzlCode(code));
    const businessReply = listedBasics.includes(BUSINESS_REPLY.code);
    // Business reply rides on Economy or Priority: that pair counts as the parcel's one basic service.
    const basics = listedBasics.filter((code) => code !== BUSINESS_REPLY.code);
    if (
      businessReply &&
      !(basics.length === 1 && (BUSINESS_REPLY.with as readonly string[]).includes(basics[0] ?? ''))
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'lists GAS (business reply), which goes with exactly one of ECO or PRI',
        params: { code: 'business_reply' },
      });
    } else if (basics.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `holds ${basics.length} basic services (${basics.join(', ')}); a parcel has one`,
        params: { code: 'several_basic_services' },
      });
    }
    if (listedBasics.length === 0 && unlisted.length === 0 && codes.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'needs a basic service such as ECO or PRI',
        params: { code: 'no_basic_service' },
      });
    }
  });

/**
 * One parcel: its weight in grams (Swiss Post takes at most 5 digits) and its service codes,
 * each sent as its own `PRZL` element.
 *
 * @example
 * ParcelSchema.parse({ weightGrams: 1200, przl: ['PRI'] });
 */
export const ParcelSchema = z.object({
  weightGrams: z
    .number({ error: 'must be a weight in grams' })
    .int('must be whole grams')
    .min(1, 'must be at least 1 gram')
    .max(FIELD_LIMITS.item.weightGramsMax, 'must be at most 99999 grams (5 digits)'),
  przl: PrzlListSchema,
});
/** A parcel after validation, as {@link ParcelSchema} parses it. */
export type Parcel = z.infer<typeof ParcelSchema>;
/** A parcel as a caller writes it, before validation. */
export type ParcelInput = z.input<typeof ParcelSchema>;
