import { returnDataTransferItem, toDataTransferItem } from '../datatransfer/item';
import { PickPostError } from '../errors/index';
import type { Clock } from '../ports/clock';
import type { PostClient } from '../post/post-client';
import type { IntegrationConfig } from '../schemas/integration-config';
import type { LabelOptions } from '../schemas/label-options';
import type { Parcel, ParcelInput } from '../schemas/parcel';
import { ParcelSchema } from '../schemas/parcel';
import { RecipientSchema } from '../schemas/recipient';
import type { Sender } from '../schemas/sender';
import { validate } from '../schemas/validate';
import type { VariantPlan } from '../schemas/variants';
import { parcelKey } from './cancel';
import { fingerprintOf } from './fingerprint';
import { boundSelection, buildShipment, checkNewShipment, ownIdentcodeOf } from './order-checks';
import { parcelBarcode } from './parcel-barcode';
import type { ParcelResult } from './parcel-record';
import type { ParcelMaker } from './parcels';
import type { FulfilOrder, FulfilResult, ReturnOrder } from './pickpost';

export interface FulfilmentDependencies {
  config: IntegrationConfig;
  plan: VariantPlan;
  labels: LabelOptions;
  sender: Sender;
  returnAddress: Sender;
  post: PostClient;
  parcels: ParcelMaker;
  clock: Clock;
}

function parcelOf(input: { weightGrams: number; przl?: string[] }, defaults: string[]): Parcel {
  return validate(
    ParcelSchema,
    { weightGrams: input?.weightGrams, przl: input?.przl ?? defaults } satisfies ParcelInput,
    'parcel',
  );
}

/** A parcel made with `drawLabel: true`, which always has its label. */
function withLabel(result: ParcelResult): FulfilResult {
  if (result.label === undefined) {
    throw new PickPostError(
      'LABEL_RENDER_FAILED',
      `The label of ${result.identcode} was not drawn`,
    );
  }
  return result;
}

/** The result with the barcode for the shop's own documents, when the order asked for it. */
function withBarcode<T extends ParcelResult>(result: T, order: FulfilOrder): T {
  if (order.barcode === undefined) return result;
  return { ...result, barcode: parcelBarcode(result, order.barcode) };
}

/**
 * Orders and returns turned into parcels: each is checked (selection, customer, the point
 * against the parcel), described once as a `ParcelSpec`, and handed to the one parcel path.
 */
export function createFulfilment(deps: FulfilmentDependencies) {
  const { config, plan, labels, sender, returnAddress, post, parcels, clock } = deps;

  return {
    async fulfil(order: FulfilOrder): Promise<ParcelResult> {
      const selection = boundSelection(config, order);
      const pickpostId = plan.pickpostWebService ? selection.pickpostId : undefined;
      const shipment = buildShipment(config, order, selection.point, pickpostId);
      const { orderRef, parcelIndex } = shipment;
      const own =
        order.identcode === undefined ? undefined : ownIdentcodeOf(config, plan, order.identcode);
      const made = await parcels.make({
        ownIdentcode: own,
        drawLabel: order.label ?? own === undefined,
        operation: `fulfil of order ${orderRef}, parcel ${parcelIndex}`,
        fingerprint: fingerprintOf({
          customer: order.customerRef,
          recipient: shipment.recipient,
          point: shipment.pickupPoint.id,
          pickpostId: shipment.pickpostId,
          parcel: shipment.parcel,
          freeText: shipment.freeText,
          additionalData: shipment.additionalData,
          identcode: own?.identcode,
        }),
        checkNew: () => checkNewShipment(clock, selection, shipment),
        key: parcelKey({ orderRef, parcelIndex }),
        kind: 'shipment',
        orderRef,
        parcelIndex,
        labelInputFor: (identcode) => ({ type: 'shipment', shipment, identcode, sender }),
        requestFromWebService: (itemNumber, hints) =>
          post.barcode.generateAddressLabel({
            shipment,
            sender,
            frankingLicense: config.frankingLicense,
            label: labels,
            itemNumber,
            ...hints,
          }),
        dataTransferItem: (identcode) => toDataTransferItem({ ...shipment, identcode }),
        extra: { point: shipment.pickupPoint, pickpostId: shipment.pickpostId },
      });
      return withBarcode(made, order);
    },

    async createReturn(order: ReturnOrder): Promise<FulfilResult> {
      const customer = validate(RecipientSchema, order?.customer, 'customer');
      const parcel = parcelOf(order.parcel, config.returns?.przl ?? ['ECO']);
      const orderRef = String(order.orderRef);
      const parcelIndex = order.parcelIndex ?? 0;
      const made = await parcels.make({
        drawLabel: true,
        operation: `return of order ${orderRef}, parcel ${parcelIndex}`,
        fingerprint: fingerprintOf({ customer, parcel }),
        key: parcelKey({ orderRef, parcelIndex, kind: 'return' }),
        kind: 'return',
        orderRef,
        parcelIndex,
        labelInputFor: (identcode) => ({
          type: 'return',
          identcode,
          returnAddress,
          customer,
          parcel,
        }),
        requestFromWebService: (itemNumber, hints) =>
          post.barcode.generateReturnLabel({
            orderRef,
            parcelIndex,
            returnAddress,
            sender,
            frankingLicense: config.frankingLicense,
            parcel,
            label: labels,
            itemNumber,
            ...hints,
          }),
        dataTransferItem: (identcode) =>
          returnDataTransferItem({ orderRef, parcelIndex, identcode, returnAddress, parcel }),
      });
      return withLabel(made);
    },
  };
}
