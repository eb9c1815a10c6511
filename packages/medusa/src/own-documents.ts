import type { FulfilBarcodeOptions, RenderedBarcode } from '@pickpost/core';
import { isPickPostValidationError, parcelBarcode, validate } from '@pickpost/core';
import * as z from 'zod';
import type { AdminRouteRequest } from './admin-routes';
import { json } from './admin-routes';
import { invalidData, isRequestError } from './medusa-errors';
import { pickPostOf } from './registry';
import type { RouteResponse } from './store-routes';

/**
 * What the admin may add to a fulfillment (Medusa's `additional_data`) for a shop that prints
 * with its own shipping system or on its own delivery notes.
 */
export interface OwnDocumentsRequest {
  /** An identcode the shop's own shipping system printed (variants 2, 3 and 4b). */
  identcode?: string;
  /** Draw the label also for such an identcode (default: not). */
  label?: boolean;
  /** Keep the identcode barcode alone on the fulfillment (`barcode` in its data). */
  barcode?: FulfilBarcodeOptions;
}

const FORMAT = z.enum(['svg', 'png', 'pdf']);

// Only the shape is checked here: core checks the identcode (licence, range, reuse) and the
// barcode options (resolution limits) and names the field itself.
const RequestSchema = z.object({
  identcode: z.string().min(1).optional(),
  label: z.boolean().optional(),
  barcode: z
    .union([
      FORMAT.transform((format) => ({ format })),
      z.literal(true).transform(() => ({})),
      z.strictObject({
        format: FORMAT.optional(),
        resolution: z.number().int().optional(),
        services: z.boolean().optional(),
      }),
    ])
    .optional(),
});

/**
 * Reads the own-documents part of `additional_data`; other keys (`weight_grams`,
 * `parcel_index`, the shop's own) are left alone.
 */
export function ownDocumentsOf(additionalData: unknown): OwnDocumentsRequest {
  const source =
    typeof additionalData === 'object' && additionalData !== null ? additionalData : {};
  try {
    const parsed = validate(RequestSchema, source, 'additional_data');
    return Object.fromEntries(
      Object.entries(parsed).filter(([, value]) => value !== undefined),
    ) as OwnDocumentsRequest;
  } catch (error) {
    if (!isPickPostValidationError(error)) throw error;
    throw invalidData(error.message);
  }
}

/** A barcode kept on `fulfillment.data`: JSON, so the file is base64. */
export interface StoredBarcode {
  format: RenderedBarcode['format'];
  media_type: string;
  file_name: string;
  /** Its printed size in millimetres, quiet zones included. */
  width_mm: number;
  height_mm: number;
  data_base64: string;
}

export const storedBarcode = (barcode: RenderedBarcode): StoredBarcode => ({
  format: barcode.format,
  media_type: barcode.mediaType,
  file_name: barcode.fileName,
  width_mm: barcode.width,
  height_mm: barcode.height,
  data_base64: Buffer.from(barcode.data).toString('base64'),
});

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

/**
 * `GET /admin/pickpost/barcodes/:identcode?format=svg|png|pdf&resolution=<dpi>&services=1`: the
 * identcode barcode alone at Swiss Post's printed size, for a delivery note or invoice. This is
 * where a fulfillment's `barcode_url` points; Medusa asks for an admin session or token first.
 *
 * @example
 * // src/api/admin/pickpost/barcodes/[identcode]/route.ts
 * export { adminBarcodeRoute as GET } from '@pickpost/medusa';
 */
export async function adminBarcodeRoute(req: AdminRouteRequest, res: RouteResponse): Promise<void> {
  const identcode = String(req.params?.identcode ?? '');
  // Only parcels made here: the route is no barcode printer for any number.
  const parcel = await pickPostOf().pickpost.findByIdentcode(identcode);
  if (parcel === undefined) {
    json(res, 404, { type: 'not_found', message: `PickPost: no parcel ${identcode}` });
    return;
  }
  const query = req.query ?? {};
  const format = first(query.format) ?? 'svg';
  const resolution = first(query.resolution);
  try {
    const barcode = parcelBarcode(parcel, {
      format: format as RenderedBarcode['format'],
      ...(resolution === undefined ? {} : { resolution: Number(resolution) }),
      services: first(query.services) === '1',
    });
    res.statusCode = 200;
    res.setHeader('content-type', barcode.mediaType);
    res.setHeader('content-disposition', `inline; filename="${barcode.fileName}"`);
    res.setHeader('cache-control', 'private, no-store');
    res.end(barcode.data);
  } catch (error) {
    if (!isRequestError(error)) throw error;
    json(res, 400, { type: 'invalid_data', message: `PickPost: ${(error as Error).message}` });
  }
}
