import { PickPostError, PickPostValidationError } from '../errors/index';
import { IdentcodeError, parseIdentcode } from '../identcode/identcode';
import type { Clock } from '../ports/clock';
import type { IntegrationConfig } from '../schemas/integration-config';
import type { PickupPoint } from '../schemas/pickup-point';
import type { Shipment } from '../schemas/shipment';
import { ShipmentWithoutPointSchema } from '../schemas/shipment';
import { validate } from '../schemas/validate';
import type { VariantPlan } from '../schemas/variants';
import type { FulfilOrder } from './pickpost';
import type { SelectionPayload } from './selection';
import { assertSelectionFresh, readSelection } from './selection';
import { unsuitableBecause } from './suitability';

/**
 * What `fulfil` checks of an order before its parcel is made: the selection and the customer
 * it is bound to, the shipment fields, the point against the parcel, and an identcode the shop
 * brings from its own system.
 */

export function buildShipment(
  config: IntegrationConfig,
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
export function boundSelection(config: IntegrationConfig, order: FulfilOrder): SelectionPayload {
  if (typeof order?.customerRef !== 'string' || order.customerRef.trim() === '') {
    throw new PickPostValidationError('order', [
      {
        path: 'customerRef',
        message: 'is required: the shop customer (or checkout session) the selection was made for',
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
export function checkNewShipment(
  clock: Clock,
  selection: SelectionPayload,
  shipment: Shipment,
): void {
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
export function ownIdentcodeOf(
  config: IntegrationConfig,
  plan: VariantPlan,
  identcode: unknown,
): { identcode: string; itemNumber: number } {
  const refuse = (code: string, message: string) =>
    new PickPostValidationError('order', [{ path: 'identcode', message, code }]);
  if (plan.barcode !== 'self-generated') {
    throw refuse(
      'not_for_variant',
      `cannot be brought in variant ${config.variant}: the Barcode web service gives its identcodes (bring your own in variants 2, 3 and 4b)`,
    );
  }
  if (typeof identcode !== 'string') throw refuse('invalid_type', 'must be a string of 18 digits');
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
