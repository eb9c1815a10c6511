import { describe, expect, it } from 'vitest';
import { ORDER_1042 } from '../../test/fixtures';
import { toDataTransferItem } from '../datatransfer/item';
import { pickupPointAddressLines } from '../labels/addressing';
import { pickupRecipient } from '../post/recipient-json';
import { ShipmentSchema } from '../schemas/shipment';

const shipment = ShipmentSchema.parse({
  ...ORDER_1042,
  recipient: {
    ...ORDER_1042.recipient,
    title: 'Herr',
    name3: 'Abteilung 4',
    addressSuffix: 'c/o Meier',
  },
});

describe('the address of a parcel to a pick-up point', () => {
  it('is the same on the label, in the Barcode web service request and in the DataTransfer record', () => {
    const request = pickupRecipient(shipment);
    const record = toDataTransferItem({ ...shipment, identcode: '996001321700005959' }).recipient;
    const printed = pickupPointAddressLines(shipment).map((line) => line.text);
    // The label's lines, rebuilt from what goes to Swiss Post.
    for (const sent of [request, record]) {
      expect(printed).toEqual([
        sent.title,
        `${sent.firstName} ${sent.name1}`,
        sent.name3,
        sent.name2,
        `${sent.street} ${sent.houseNo}`,
        `${sent.zip} ${sent.city}`,
      ]);
    }
    expect(printed).toEqual([
      'Herr',
      'Hans Muster',
      'Abteilung 4',
      'PickPost 12345678',
      'Bahnhofstrasse 67',
      '5000 Aarau',
    ]);
  });

  it('leaves out the customer’s c/o and own street everywhere', () => {
    const request = pickupRecipient(shipment);
    expect(request).not.toHaveProperty('addressSuffix');
    expect(request.name2).toBe('PickPost 12345678');
    const printed = pickupPointAddressLines(shipment)
      .map((line) => line.text)
      .join('\n');
    for (const own of ['c/o Meier', 'Bellerivestrasse']) expect(printed).not.toContain(own);
  });
});
