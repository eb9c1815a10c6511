import { returnDataTransferItem, toDataTransferItem } from '../datatransfer/item';
import { PickPostError, PickPostValidationError } from '../errors/index';
import { IdentcodeError, parseIdentcode } from '../identcode/identcode';
import { renderBarcode } from '../labels/barcode';
import type { Clock } from '../ports/clock';
import type { PostClient } from '../post/post-client';
import type { IntegrationConfig } from '../schemas/integration-config';
import type { LabelOptions } from '../schemas/label-options';
import type { Parcel, ParcelInput } from '../schemas/parcel';
import { ParcelSchema } from '../schemas/parcel';
import type { PickupPoint } from '../schemas/pickup-point';
import { RecipientSchema } from '../schemas/recipient';
import type { Sender } from '../schemas/sender';
import type { Shipment } from '../schemas/shipment';
import { ShipmentWithoutPointSchema } from '../schemas/shipment';
import { validate } from '../schemas/validate';
import type { VariantPlan } from '../schemas/variants';
import { parcelKey } from './cancel';
import { fingerprintOf } from './fingerprint';
import type { ParcelResult } from './parcel-record';
import type { ParcelMaker } from './parcels';
import type { FulfilOrder, FulfilResult, ReturnOrder } from './pickpost';
import type { SelectionPayload } from './selection';
import { assertSelectionFresh, readSelection } from './selection';
import { unsuitableBecause } from './suitability';

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
function withBarcode<T extends ParcelResult>(result: T, order: FulfilOrder, przl: string[]): T {
  if (order.barcode === undefined) return result;
  const { services, ...options } = order.barcode;
  return {
    ...result,
    barcode: renderBarcode(result.identcode, {
      ...options,
      ...(services ? { services: przl } : {}),
    }),
  };
}

/**
 * Orders and returns turned into parcels: each is checked (selection, customer, the point
 * against the parcel), described once as a `ParcelSpec`, and handed to the one parcel path.
 */
export function createFulfilment(deps: FulfilmentDependencies) {
  const { config, plan, labels, sender, returnAddress, post, parcels, clock } = deps;

  function buildShipment(
    order: FulfilOrder,
    point: PickupPoint,
    pickpostId: string | undefined,
  ): Shipment {
    const fields = validate(
      ShipmentWithoutPointSchema,
      {
        orderRef: order.orderRef,
        parcelIndex: order.parcelIndex ?? 0,
        recipient: order.recipient,
        ...(pickpostId === undefined ? {} : { pickpostId }),
        parcel:
          order.parcel === undefined || order.parcel === null
            ? order.parcel
            : {
                weightGrams: order.parcel.weightGrams,
                przl: order.parcel.przl ?? config.defaultPrzl,
              },
        ...(order.freeText === undefined ? {} : { freeText: order.freeText }),
        ...(order.additionalData === undefined ? {} : { additionalData: order.additionalData }),
      },
      'order',
    );
    return { ...fields, pickupPoint: point };
  }

  /**
   * The order's selection, read and bound to its customer: a selection is accepted only for
   * the customer it was made for, and the caller must say which customer it expects, so a
   * selection taken from another shopper's session cannot be placed on an order.
   */
  function boundSelection(order: FulfilOrder): SelectionPayload {
    if (typeof order?.customerRef !== 'string' || order.customerRef.trim() === '') {
      throw new PickPostValidationError('order', [
        {
          path: 'customerRef',
          message:
            'is required: the shop customer (or checkout session) the selection was made for',
          code: 'required',
        },
      ]);
    }
    const selection = readSelection(order.selection, config.selectionSecret);
    if (selection.variant !== config.variant) {
      throw new PickPostError(
        'SELECTION_INVALID',
        `The selection was made for variant ${selection.variant}, this shop runs variant ${config.variant}`,
      );
    }
    if (order.customerRef !== selection.customerRef) {
      throw new PickPostError(
        'SELECTION_INVALID',
        'The selection was made for another customer: it cannot be used for this order',
      );
    }
    return selection;
  }

  /** Checks of a new parcel only: the selection is still fresh and the point takes the parcel. */
  function checkNewShipment(selection: SelectionPayload, shipment: Shipment): void {
    assertSelectionFresh(selection, clock.now());
    // The parcel may have changed since checkout (more items, bulky goods): check the point again.
    const unsuitable = unsuitableBecause(shipment.pickupPoint, shipment.parcel);
    if (unsuitable !== undefined) {
      throw new PickPostValidationError('order', [
        {
          path: 'parcel',
          message: `does not suit the chosen point: ${unsuitable}`,
          code: 'unsuitable_point',
        },
      ]);
    }
  }

  /**
   * An identcode the shop's own shipping system printed, checked against this shop: a parcel
   * identcode of its franking licence, in a variant that makes its labels itself (the range
   * and the reuse window are checked when the allocator claims its number).
   */
  function ownIdentcodeOf(identcode: unknown): { identcode: string; itemNumber: number } {
    const refuse = (code: string, message: string) =>
      new PickPostValidationError('order', [{ path: 'identcode', message, code }]);
    if (plan.barcode !== 'self-generated') {
      throw refuse(
        'not_for_variant',
        `cannot be brought in variant ${config.variant}: the Barcode web service gives its identcodes (bring your own in variants 2, 3 and 4b)`,
      );
    }
    if (typeof identcode !== 'string')
      throw refuse('invalid_type', 'must be a string of 18 digits');
    try {
      const { itemNumber } = parseIdentcode(identcode, { expectedLicense: config.frankingLicense });
      return { identcode: identcode.replace(/[\s.]/g, ''), itemNumber };
    } catch (error) {
      if (!(error instanceof IdentcodeError)) throw error;
      throw refuse(
        error.reason === 'licence' ? 'foreign_licence' : 'invalid_identcode',
        error.message,
      );
    }
  }

  return {
    async fulfil(order: FulfilOrder): Promise<ParcelResult> {
      const selection = boundSelection(order);
      const pickpostId = plan.pickpostWebService ? selection.pickpostId : undefined;
      const shipment = buildShipment(order, selection.point, pickpostId);
      const { orderRef, parcelIndex } = shipment;
      const own = order.identcode === undefined ? undefined : ownIdentcodeOf(order.identcode);
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
        checkNew: () => checkNewShipment(selection, shipment),
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
      return withBarcode(made, order, shipment.parcel.przl);
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
