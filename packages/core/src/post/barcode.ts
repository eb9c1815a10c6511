import type { PostWarning } from '../errors/index';
import { isPostApiError, PostResponseError } from '../errors/index';
import { formatIdentcode, parseIdentcode } from '../identcode/identcode';
import { FrankingLicenseSchema } from '../schemas/identifiers';
import type { LabelOptions, LabelOptionsInput } from '../schemas/label-options';
import { LabelOptionsSchema } from '../schemas/label-options';
import type { ParcelInput } from '../schemas/parcel';
import { ParcelSchema } from '../schemas/parcel';
import type { SenderInput } from '../schemas/sender';
import { SenderSchema } from '../schemas/sender';
import type { ShipmentInput } from '../schemas/shipment';
import { ShipmentSchema } from '../schemas/shipment';
import { validate } from '../schemas/validate';
import { sendAuthorised } from './authorised';
import type { PostHttp } from './http';
import { itemIdFor, LabelResponseSchema, labelRequestJson, returnItemIdFor } from './label-request';
import { parsePostResponse } from './parse-response';
import { addressRecipient, pickupRecipient, toPostLanguage } from './recipient-json';
import { toPostError } from './response-errors';
import type { TokenCache } from './token-cache';

/**
 * What the Barcode web service needs for a shipment's address label: the shipment, the sender, the
 * franking licence and the item number.
 */
export interface GenerateAddressLabelInput extends RetryHints {
  /** The parcel: recipient, pick-up point, PickPost ID (none in variant 4), weight, services. */
  shipment: ShipmentInput;
  /** The shop as sender (`customer`). */
  sender: SenderInput;
  frankingLicense: string;
  label?: LabelOptionsInput;
  /**
   * The item number to use. With one, a request whose answer was lost can be repeated safely
   * (see {@link BarcodeLabel.recoveredDuplicate}); without one, Swiss Post picks the number and
   * the request is repeated only after failures that prove it was not processed.
   */
  itemNumber?: number;
}

/** What the caller knows about earlier attempts, and wants to learn about this one. */
export interface RetryHints {
  /**
   * An earlier call with the same item number may have succeeded without its answer arriving
   * (a crash, a lost connection): an E2016 answer is then that earlier call's label, not a
   * number taken by someone else.
   */
  earlierAttemptMayHaveSucceeded?: boolean;
  /** Called when an attempt of this call ended without telling whether it was processed. */
  onUncertainAttempt?: () => void;
}

/**
 * What the Barcode web service needs for a return label: the order, where the parcel goes back to,
 * and the franking licence.
 */
export interface GenerateReturnLabelInput extends RetryHints {
  orderRef: string;
  parcelIndex?: number;
  /** Where the parcel goes back to: the shop or its returns warehouse. */
  returnAddress: SenderInput;
  /** The franking licence holder (`customer`). */
  sender: SenderInput;
  frankingLicense: string;
  parcel: ParcelInput;
  label?: LabelOptionsInput;
  itemNumber?: number;
}

/**
 * A label the Barcode web service made: the parcel's identcode, item ID and number, and the label
 * file.
 */
export interface BarcodeLabel {
  identcode: string;
  itemId: string;
  itemNumber: number;
  /** The label file; `undefined` when the label was made by an attempt whose answer was lost. */
  label: Uint8Array | undefined;
  labelFormat: 'pdf' | 'zpl' | 'png';
  /** Warnings (`W….`) Swiss Post returned beside the label. */
  warnings: PostWarning[];
  /**
   * True when an earlier attempt of this call may have succeeded without its answer arriving
   * and the repeat was refused with E2016 (item number not unique). The Post then holds this
   * item's data under `identcode` (99 + licence + our item number), but its label image never
   * reached us: render the label locally from the same data, it carries the same identcode.
   */
  recoveredDuplicate: boolean;
}

/** Who sends and on which licence: what every label request is franked with. */
function frankingOf(input: { sender: SenderInput; frankingLicense: string }) {
  return {
    sender: validate(SenderSchema, input.sender, 'sender'),
    frankingLicense: validate(FrankingLicenseSchema, input.frankingLicense, 'franking licence'),
  };
}

/** What the Barcode web service client needs from the Post client. */
interface BarcodeDependencies {
  http: PostHttp;
  tokens: () => TokenCache;
  baseUrl: string;
  scope: string;
}

/** Posts one `generateAddressLabel` body. */
function sendLabelRequest(
  deps: BarcodeDependencies,
  json: Record<string, unknown>,
  options: { idempotent: boolean; onUncertainAttempt?: () => void },
) {
  return sendAuthorised(deps.http, deps.tokens(), deps.scope, {
    service: 'barcode',
    baseUrl: deps.baseUrl,
    path: 'generateAddressLabel',
    method: 'POST',
    json,
    ...options,
  });
}

/** Sends one `generateAddressLabel` request and resolves a lost answer through E2016. */
async function requestLabel(
  deps: BarcodeDependencies,
  request: {
    body: Record<string, unknown>;
    frankingLicense: string;
    itemId: string;
    itemNumber: number | undefined;
    format: LabelOptions['format'];
    retry: RetryHints;
  },
): Promise<BarcodeLabel> {
  const { frankingLicense, itemId, itemNumber } = request;
  let uncertain = request.retry.earlierAttemptMayHaveSucceeded === true;
  const raw = await sendLabelRequest(deps, request.body, {
    idempotent: itemNumber !== undefined,
    onUncertainAttempt: () => {
      uncertain = true;
      request.retry.onUncertainAttempt?.();
    },
  });
  const labelFormat = request.format === 'zpl' ? 'zpl' : request.format === 'png' ? 'png' : 'pdf';
  const failure = toPostError(raw);
  if (failure !== undefined) {
    if (
      uncertain &&
      itemNumber !== undefined &&
      isPostApiError(failure) &&
      failure.postCode === 'E2016'
    ) {
      return {
        identcode: formatIdentcode({ frankingLicense, itemNumber }),
        itemId,
        itemNumber,
        label: undefined,
        labelFormat,
        warnings: [],
        recoveredDuplicate: true,
      };
    }
    throw failure;
  }
  const parsed = parsePostResponse(LabelResponseSchema, raw);
  const { identCode } = parsed.item;
  const parts = parseIdentcode(identCode);
  if (
    parts.frankingLicense !== frankingLicense ||
    (itemNumber !== undefined && parts.itemNumber !== itemNumber)
  ) {
    throw new PostResponseError({
      status: raw.status,
      service: 'barcode',
      issues: [
        {
          path: 'item.identCode',
          message: `${identCode} does not belong to licence ${frankingLicense}${itemNumber === undefined ? '' : ` and item number ${itemNumber}`}`,
        },
      ],
    });
  }
  return {
    identcode: identCode,
    itemId,
    itemNumber: parts.itemNumber,
    // One item per request gives one label; further entries would be further pages.
    label: Buffer.from(parsed.item.label[0] ?? '', 'base64'),
    labelFormat,
    warnings: parsed.item.warnings ?? [],
    recoveredDuplicate: false,
  };
}

/**
 * The Barcode web service client (`generateAddressLabel`, one item per request): the label and,
 * in the same call, the shipment data to the Post (variants 1 and 4a).
 */
export function createBarcodeApi(deps: BarcodeDependencies) {
  return {
    /**
     * Asks Swiss Post for a label for one parcel to a PickPost point or My Post 24 terminal.
     * Input is validated first (nothing invalid reaches the Post); E-codes come back as
     * `PostApiError` with `postCode`.
     *
     * @example
     * const { identcode, label } = await post.barcode.generateAddressLabel({
     *   shipment, sender, frankingLicense: '60013217', itemNumber: 4711,
     * });
     */
    async generateAddressLabel(input: GenerateAddressLabelInput): Promise<BarcodeLabel> {
      const shipment = validate(ShipmentSchema, input.shipment, 'shipment');
      const { sender, frankingLicense } = frankingOf(input);
      const label = validate(LabelOptionsSchema, input.label ?? {}, 'label options');
      const itemNumber = input.itemNumber ?? shipment.itemNumber;
      const itemId = shipment.itemId ?? itemIdFor(shipment.orderRef, shipment.parcelIndex);
      const body = labelRequestJson({
        language: toPostLanguage(label.language),
        frankingLicense,
        sender,
        label,
        itemId,
        itemNumber,
        recipient: pickupRecipient(shipment),
        parcel: shipment.parcel,
        freeText: shipment.freeText,
        additionalData: shipment.additionalData,
      });
      return requestLabel(deps, {
        body,
        frankingLicense,
        itemId,
        itemNumber,
        format: label.format,
        retry: input,
      });
    },

    /**
     * A return label: addressed to the shop's return address, franked with the shop's licence.
     * Only the recipient is printed (the customer who sends the parcel back writes nothing).
     *
     * @example
     * const { identcode, label } = await post.barcode.generateReturnLabel({
     *   orderRef: '1042', returnAddress: sender, sender, frankingLicense: '60013217',
     *   parcel: { weightGrams: 1000, przl: ['ECO'] }, itemNumber: 4712,
     * });
     */
    async generateReturnLabel(input: GenerateReturnLabelInput): Promise<BarcodeLabel> {
      const returnAddress = validate(SenderSchema, input.returnAddress, 'return address');
      const { sender, frankingLicense } = frankingOf(input);
      const parcel = validate(ParcelSchema, input.parcel, 'parcel');
      const label = validate(
        LabelOptionsSchema,
        { ...input.label, printAddresses: 'recipient' },
        'label options',
      );
      const itemId = returnItemIdFor(input.orderRef, input.parcelIndex ?? 0);
      const body = labelRequestJson({
        language: toPostLanguage(label.language),
        frankingLicense,
        sender,
        label,
        itemId,
        itemNumber: input.itemNumber,
        recipient: addressRecipient(returnAddress),
        parcel,
      });
      return requestLabel(deps, {
        body,
        frankingLicense,
        itemId,
        itemNumber: input.itemNumber,
        format: label.format,
        retry: input,
      });
    },
  };
}

/**
 * The client of Swiss Post's Barcode web service (`createBarcodeApi`): address and return labels.
 */
export type BarcodeApi = ReturnType<typeof createBarcodeApi>;
