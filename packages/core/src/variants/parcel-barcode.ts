import type { RenderedBarcode } from '../labels/barcode';
import { renderBarcode } from '../labels/barcode';
import type { FulfilBarcodeOptions, FulfilResult } from './pickpost';

/** The service codes (PRZL) a parcel's label carries, for a shipment and a return alike. */
export function parcelServices(parcel: Pick<FulfilResult, 'labelInput'>): string[] {
  return parcel.labelInput.type === 'shipment'
    ? parcel.labelInput.shipment.parcel.przl
    : parcel.labelInput.parcel.przl;
}

/**
 * The identcode barcode alone of a parcel made earlier, for the shop's own documents: with the
 * service codes of its label when `services` asks for them. What the admin barcode routes of
 * every adapter serve.
 */
export function parcelBarcode(
  parcel: Pick<FulfilResult, 'identcode' | 'labelInput'>,
  options: FulfilBarcodeOptions = {},
): RenderedBarcode {
  const { services, ...rest } = options;
  return renderBarcode(parcel.identcode, {
    ...rest,
    ...(services === true ? { services: parcelServices(parcel) } : {}),
  });
}
