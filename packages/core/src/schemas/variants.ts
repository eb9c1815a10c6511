import * as z from 'zod';

/**
 * Swiss Post's four ways to integrate PickPost (variant 4 in two forms), from the Post's own
 * description (reference/pickpost-integration-variants.fr.txt):
 *
 * - 1: PickPost web service + Barcode web service, which also sends the shipment data.
 * - 2: PickPost web service + self-generated barcodes + DataTransfer files.
 * - 3: PickPost web service + self-generated barcodes, no shipment data (reduced integration).
 * - 4a: no PickPost ID; Barcode web service (which sends the shipment data).
 * - 4b: no PickPost ID; self-generated barcodes + DataTransfer files.
 */
export const VARIANTS = [1, 2, 3, '4a', '4b'] as const;
/** One of Swiss Post's PickPost integration variants, one of {@link VARIANTS}. */
export type Variant = (typeof VARIANTS)[number];

/** What each variant does at each step. Everything that depends on the variant reads this. */
export interface VariantPlan {
  /** Whether the customer is registered with the PickPost web service for a user ID. */
  pickpostWebService: boolean;
  /** Who makes the barcode and label. */
  barcode: 'barcode-webservice' | 'self-generated';
  /** How the Post learns about the shipment. */
  shipmentData: 'barcode-webservice' | 'datatransfer' | 'none';
  /** One line for people, as the Post's document puts it. */
  summary: string;
}

/** What each variant does at each step; see {@link VariantPlan}. */
export const VARIANT_PLANS: Readonly<Record<Variant, VariantPlan>> = {
  1: {
    pickpostWebService: true,
    barcode: 'barcode-webservice',
    shipmentData: 'barcode-webservice',
    summary: 'PickPost web service + Barcode web service (shipment data sent by the web service)',
  },
  2: {
    pickpostWebService: true,
    barcode: 'self-generated',
    shipmentData: 'datatransfer',
    summary: 'PickPost web service + self-generated barcodes + DataTransfer files',
  },
  3: {
    pickpostWebService: true,
    barcode: 'self-generated',
    shipmentData: 'none',
    summary: 'PickPost web service + self-generated barcodes, no shipment data (reduced)',
  },
  '4a': {
    pickpostWebService: false,
    barcode: 'barcode-webservice',
    shipmentData: 'barcode-webservice',
    summary: 'No PickPost ID; Barcode web service (delivery to the point may be delayed)',
  },
  '4b': {
    pickpostWebService: false,
    barcode: 'self-generated',
    shipmentData: 'datatransfer',
    summary:
      'No PickPost ID; self-generated barcodes + DataTransfer (delivery to the point may be delayed)',
  },
};

/** The variant as written in a config file: `1`, `"1"`, `"4a"`, `"4A"` all work. */
export const VariantSchema = z
  .union([z.number(), z.string()], { error: 'must be 1, 2, 3, "4a" or "4b"' })
  .transform((value) => {
    const text = String(value).trim().toLowerCase();
    return /^[123]$/.test(text) ? Number(text) : text;
  })
  .pipe(
    z.union([z.literal(1), z.literal(2), z.literal(3), z.literal('4a'), z.literal('4b')], {
      error: 'must be 1, 2, 3, "4a" or "4b"',
    }),
  );
