import { createHash } from 'node:crypto';
import * as z from 'zod';
import { PickPostValidationError } from '../errors/index';
import type { LabelOptions } from '../schemas/label-options';
import type { Parcel } from '../schemas/parcel';
import type { Sender } from '../schemas/sender';
import type { AdditionalData } from '../schemas/shipment';
import type { PostLanguage, PostRecipientJson } from './recipient-json';
import { customerJson } from './recipient-json';

/** The Barcode web service's `generateAddressLabel` request and answer [V §A2; C VEKKON, WPPOST]. */

const PRINT_ADDRESSES = {
  none: 'NONE',
  recipient: 'ONLY_RECIPIENT',
  sender: 'ONLY_CUSTOMER',
  both: 'RECIPIENT_AND_CUSTOMER',
} as const;

/**
 * `labelDefinition`. The Barcode web service renders PDF, PNG and ZPL2 among others but not
 * SVG, and sheets of A6 on A4 are made by the shop, so those options are refused here.
 */
export function labelDefinitionJson(options: LabelOptions): Record<string, unknown> {
  const issues = [];
  if (options.format === 'svg') {
    issues.push({
      path: 'label.format',
      message: 'svg is not offered by the Barcode web service: use pdf, png or zpl',
      code: 'not_offered',
    });
  }
  if (options.sheet !== 'label') {
    issues.push({
      path: 'label.sheet',
      message: 'the Barcode web service prints single labels; put them on sheets afterwards',
      code: 'not_offered',
    });
  }
  if (issues.length > 0) throw new PickPostValidationError('label options', issues);
  return {
    labelLayout: options.layout,
    printAddresses: PRINT_ADDRESSES[options.printAddresses],
    imageFileType: options.format === 'zpl' ? 'ZPL2' : options.format.toUpperCase(),
    imageResolution: options.resolution,
    printPreview: options.printPreview,
  };
}

/**
 * An `itemID` (A–Z, a–z, 0–9, `_`, `-`, `+`, E2045) for a parcel of a shop order. Characters the
 * Post refuses become `-`; when that changed the reference, a short hash of the original keeps
 * `#1042` and `1042` apart.
 */
export function itemIdFor(orderRef: string, parcelIndex: number): string {
  const safe = orderRef.replace(/[^A-Za-z0-9_+-]/g, '-').slice(0, 150);
  const suffix =
    safe === orderRef ? '' : `-${createHash('sha256').update(orderRef).digest('hex').slice(0, 8)}`;
  return `${safe}${suffix}-${parcelIndex}`;
}

/** The `itemID` of the return parcel of a shop order: one convention for labels and DataTransfer. */
export const returnItemIdFor = (orderRef: string, parcelIndex: number): string =>
  itemIdFor(`return-${orderRef}`, parcelIndex);

/** The whole `generateAddressLabel` request: one item [C WPPOST, VEKKON]. */
export function labelRequestJson(input: {
  language: PostLanguage;
  frankingLicense: string;
  sender: Sender;
  label: LabelOptions;
  itemId: string;
  itemNumber?: number | undefined;
  recipient: PostRecipientJson;
  parcel: Parcel;
  freeText?: string | undefined;
  additionalData?: readonly AdditionalData[] | undefined;
}): Record<string, unknown> {
  return {
    language: input.language,
    frankingLicense: input.frankingLicense,
    customer: customerJson(input.sender),
    labelDefinition: labelDefinitionJson(input.label),
    item: {
      itemID: input.itemId,
      itemNumber: input.itemNumber === undefined ? undefined : String(input.itemNumber),
      recipient: input.recipient,
      attributes: {
        przl: input.parcel.przl,
        weight: input.parcel.weightGrams,
        freeText: input.freeText,
      },
      additionalData: input.additionalData?.map((entry) => ({
        type: entry.type,
        value: entry.value,
      })),
    },
  };
}

const CodedMessageSchema = z.object({ code: z.string(), message: z.string().default('') });

/** A successful `generateAddressLabel` answer (errors are mapped before this is read). */
export const LabelResponseSchema = z.object({
  labelDefinition: z.object({ imageFileType: z.string().optional() }).passthrough().optional(),
  item: z.object({
    itemID: z.string().optional(),
    identCode: z.string().regex(/^\d{18}$/, 'must be an 18-digit identcode'),
    label: z.array(z.string().min(1)).min(1, 'must hold the label'),
    warnings: z.array(CodedMessageSchema).optional(),
  }),
});
