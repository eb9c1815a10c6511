import * as z from 'zod';
import { everyTime } from './refine';

/**
 * Label layouts for parcels: A5 148×210, A6 105×148, A7 74×105 mm [V], laid out landscape
 * (210×148, 148×105, 105×74) like the Post's own labels (reference §Z).
 */
export const LabelLayoutSchema = z.enum(['A5', 'A6', 'A7'], { error: 'must be A5, A6 or A7' });
export type LabelLayout = z.infer<typeof LabelLayoutSchema>;

/** Which addresses a label prints, as the Barcode web service's `printAddresses` [V]. */
export const PrintAddressesSchema = z.enum(['none', 'recipient', 'sender', 'both'], {
  error: 'must be none, recipient, sender or both',
});
export type PrintAddresses = z.infer<typeof PrintAddressesSchema>;

/**
 * How labels are produced. `sheet: 'a4'` prints A6 labels four to an A4 page (portrait, each
 * landscape label turned a quarter turn into its 105 × 148.5 mm slot), starting at
 * `startPosition` (1 top left, 2 top right, 3 bottom left, 4 bottom right) so a half-used sheet
 * can be fed again.
 *
 * `resolution` takes the names printers are sold by, Swiss Post's 200/300/600 dpi; a ZPL label
 * is computed for the dots those printers really have: 200 → 8 dots/mm (203 dpi), 300 → 12
 * dots/mm (305 dpi), 600 → 24 dots/mm (610 dpi). ZPL at 200 is refused (the identcode cannot be
 * printed to Swiss Post's size with a reader's margin at 8 dots/mm); PDF and SVG are vector
 * and do not depend on it.
 *
 * @example
 * LabelOptionsSchema.parse({ layout: 'A6', format: 'pdf', sheet: 'a4', startPosition: 3 });
 */
export const LabelOptionsSchema = z
  .object({
    layout: LabelLayoutSchema.default('A6'),
    format: z
      .enum(['pdf', 'zpl', 'svg', 'png'], { error: 'must be pdf, zpl, svg or png' })
      .default('pdf'),
    printAddresses: PrintAddressesSchema.default('both'),
    resolution: z
      .union([z.literal(200), z.literal(300), z.literal(600)], {
        error: 'must be 200, 300 or 600 dpi',
      })
      .default(300),
    printPreview: z.boolean({ error: 'must be true or false' }).default(false),
    language: z.enum(['de', 'fr', 'it', 'en'], { error: 'must be de, fr, it or en' }).default('de'),
    sheet: z.enum(['label', 'a4'], { error: 'must be label or a4' }).default('label'),
    startPosition: z
      .number({ error: 'must be a position from 1 to 4' })
      .int('must be a position from 1 to 4')
      .min(1, 'must be a position from 1 to 4')
      .max(4, 'must be a position from 1 to 4')
      .default(1),
  })
  .check(
    everyTime((options, ctx) => {
      if (options.sheet === 'a4' && options.layout !== 'A6') {
        ctx.addIssue({
          code: 'custom',
          path: ['sheet'],
          message: 'a4 sheets hold A6 labels only',
          params: { code: 'sheet_layout' },
        });
      }
      if (options.sheet === 'a4' && options.format !== 'pdf') {
        ctx.addIssue({
          code: 'custom',
          path: ['format'],
          message: 'a4 sheets are printed as PDF',
          params: { code: 'sheet_format' },
        });
      }
      if (options.sheet === 'label' && options.startPosition !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['startPosition'],
          message: 'applies to a4 sheets only',
          params: { code: 'start_position_without_sheet' },
        });
      }
    }),
  );
/** The label options after defaults, as {@link LabelOptionsSchema} parses them. */
export type LabelOptions = z.infer<typeof LabelOptionsSchema>;
/** The label options as a caller writes them, defaults left out. */
export type LabelOptionsInput = z.input<typeof LabelOptionsSchema>;
