import type { Shipment, Variant, VariantPlan } from '@pickpost/core';
import {
  isPickPostValidationError,
  parseIntegrationConfig,
  ShipmentSchema,
  VARIANT_PLANS,
  VARIANTS,
  validate,
} from '@pickpost/core';
import { BROKEN_ORDER, demoConfig, demoOrders } from '../demo/samples';
import { formatTable } from '../output/table';

/** The Swiss Post services a variant calls, in the order a parcel meets them. */
export function servicesOf(plan: VariantPlan): string[] {
  const services: string[] = [];
  if (plan.pickpostWebService || plan.barcode === 'barcode-webservice')
    services.push('OAuth2 token');
  if (plan.pickpostWebService) services.push('PickPost web service (customer number)');
  if (plan.barcode === 'barcode-webservice')
    services.push('Barcode web service (label + shipment data)');
  else services.push('none for the label (self-generated barcode)');
  if (plan.shipmentData === 'datatransfer')
    services.push('DataTransfer (shipment data file by SFTP)');
  if (plan.shipmentData === 'none') services.push('no shipment data to the Post');
  return services;
}

function describeOrder(order: Shipment): string[] {
  const id = order.pickpostId === undefined ? '(no PickPost ID)' : order.pickpostId;
  return [
    `${order.orderRef}/${order.parcelIndex}`,
    [order.recipient.firstName, order.recipient.name1].filter(Boolean).join(' '),
    `${order.pickupPoint.kind === 'mypost24' ? 'My Post 24' : 'PickPost'} ${order.pickupPoint.zip} ${order.pickupPoint.city}`,
    id,
    `${order.parcel.przl.join('+')} ${order.parcel.weightGrams} g`,
  ];
}

/**
 * Validates a sample configuration and sample orders for each of Swiss Post's variants and
 * prints which Swiss Post services the variant uses. It ships nothing: the Post clients, labels
 * and DataTransfer arrive with later releases of the SDK.
 */
export function runSchemaDemo(print: (line: string) => void, outDir: string): number {
  print('PickPost SDK demo: configurations and orders checked against Swiss Post rules.');
  print('Nothing is sent to Swiss Post and no label is printed in this version of the demo.\n');
  for (const variant of VARIANTS as readonly Variant[]) {
    const plan = VARIANT_PLANS[variant];
    const config = parseIntegrationConfig(demoConfig(variant, outDir));
    const orders = demoOrders(plan.pickpostWebService).map((order) =>
      validate(ShipmentSchema, order, 'order'),
    );
    print(`Variant ${variant}: ${plan.summary}`);
    print(
      `  configuration valid: licence ${config.frankingLicense}, sender ${config.sender.name1}, ${config.sender.city}`,
    );
    print(`  Swiss Post services: ${servicesOf(plan).join(' → ')}`);
    print(
      formatTable(
        ['order', 'recipient', 'pick-up point', 'PickPost ID', 'parcel'],
        orders.map(describeOrder),
      )
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
    );
    print('');
  }
  try {
    validate(ShipmentSchema, BROKEN_ORDER, 'order');
    print('The broken sample order was accepted: this is a bug.');
    return 1;
  } catch (error) {
    if (!isPickPostValidationError(error)) throw error;
    print('A broken order is refused before it reaches Swiss Post, every problem at once:');
    for (const issue of error.issues) print(`  ${issue.path}: ${issue.message}`);
  }
  return 0;
}
