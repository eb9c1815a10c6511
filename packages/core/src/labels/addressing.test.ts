import { describe, expect, it } from 'vitest';
import { AARAU_POINT, HANS_MUSTER, ORDER_1042, VELO_SHOP } from '../../test/fixtures';
import { FULL_RETURN_ADDRESS } from '../../test/label-fixtures';
import { validate } from '../schemas/index';
import { SenderSchema } from '../schemas/sender';
import { ShipmentSchema } from '../schemas/shipment';
import {
  domesticAddressLines,
  fitAddressLines,
  pickupPointAddressLines,
  senderLines,
} from './addressing';

const shipment = (overrides: Record<string, unknown> = {}) =>
  validate(ShipmentSchema, { ...ORDER_1042, ...overrides }, 'shipment');
const texts = (lines: ReadonlyArray<{ text: string }>) => lines.map((line) => line.text);

describe('pickupPointAddressLines', () => {
  it('addresses a PickPost counter: name, PickPost <ID>, point street, point postcode and town', () => {
    expect(texts(pickupPointAddressLines(shipment()))).toEqual([
      'Hans Muster',
      'PickPost 12345678',
      'Bahnhofstrasse 67',
      '5000 Aarau',
    ]);
  });

  it('addresses a My Post 24 terminal with MyPost24 <ID>', () => {
    const lines = pickupPointAddressLines(
      shipment({
        pickupPoint: {
          ...AARAU_POINT,
          kind: 'mypost24',
          street: 'Bahnhofplatz',
          houseNo: undefined,
        },
      }),
    );
    expect(texts(lines)).toEqual([
      'Hans Muster',
      'MyPost24 12345678',
      'Bahnhofplatz',
      '5000 Aarau',
    ]);
  });

  it('has no ID line without a PickPost ID (variant 4)', () => {
    expect(texts(pickupPointAddressLines(shipment({ pickpostId: undefined })))).toEqual([
      'Hans Muster',
      'Bahnhofstrasse 67',
      '5000 Aarau',
    ]);
  });

  it('keeps the person lines with the name and never prints the home address', () => {
    const lines = pickupPointAddressLines(
      shipment({
        recipient: {
          ...HANS_MUSTER,
          title: 'Herr',
          name3: 'Abteilung 3',
          addressSuffix: 'c/o Meier',
        },
      }),
    );
    expect(texts(lines)).toEqual([
      'Herr',
      'Hans Muster',
      'Abteilung 3',
      'PickPost 12345678',
      'Bahnhofstrasse 67',
      '5000 Aarau',
    ]);
    expect(lines.map((line) => line.fields[0])).toEqual([
      'shipment.recipient.title',
      'shipment.recipient.name1',
      'shipment.recipient.name3',
      'shipment.pickpostId',
      'shipment.pickupPoint.street',
      'shipment.pickupPoint.city',
    ]);
  });
});

describe('domesticAddressLines and senderLines', () => {
  it('print a plain address with a street or a P.O. box', () => {
    expect(
      texts(
        domesticAddressLines(
          {
            name1: 'Velo Shop AG',
            name2: 'Retouren',
            poBox: 'Postfach 12',
            zip: '3030',
            city: 'Bern',
          },
          'returnAddress.',
        ),
      ),
    ).toEqual(['Velo Shop AG', 'Retouren', 'Postfach 12', '3030 Bern']);
    const sender = validate(SenderSchema, VELO_SHOP, 'sender');
    expect(texts(senderLines(sender, 'sender.'))).toEqual([
      'Velo Shop AG',
      'Wankdorfallee 4',
      '3030 Bern',
    ]);
  });
});

describe('fitAddressLines', () => {
  const full = domesticAddressLines(FULL_RETURN_ADDRESS, 'returnAddress.');
  const freeText = { text: 'Zerbrechlich', role: 'freeText' as const, fields: ['freeText'] };

  it('drops Title, then AddressSuffix, then Name3, then FreeText, keeping the order', () => {
    expect(full).toHaveLength(7);
    // At most 6 address lines: Title goes first.
    const six = fitAddressLines(full, { maxLines: 8, freeText });
    expect(six?.dropped).toEqual(['title']);
    expect(texts(six?.lines ?? [])).toEqual([
      'Anna Keller',
      'Velo Shop AG',
      'Einkauf',
      'c/o Lager',
      'Wankdorfallee 4',
      '3030 Bern',
    ]);
    expect(six?.freeText?.text).toBe('Zerbrechlich');
    // 5 lines with the free text: AddressSuffix and Name3 go too.
    const five = fitAddressLines(full, { maxLines: 5, freeText });
    expect(five?.dropped).toEqual(['title', 'addressSuffix', 'name3']);
    expect(five?.freeText?.text).toBe('Zerbrechlich');
    // 4 lines: the free text goes last.
    const four = fitAddressLines(full, { maxLines: 4, freeText });
    expect(four?.dropped).toEqual(['title', 'addressSuffix', 'name3', 'freeText']);
    expect(texts(four?.lines ?? [])).toEqual([
      'Anna Keller',
      'Velo Shop AG',
      'Wankdorfallee 4',
      '3030 Bern',
    ]);
    expect(four?.freeText).toBeUndefined();
  });

  it('drops nothing when everything fits', () => {
    const short = full.filter((line) => !['title', 'addressSuffix', 'name3'].includes(line.role));
    expect(fitAddressLines(short, { maxLines: 6, freeText })?.dropped).toEqual([]);
  });

  it('gives up when the required lines alone do not fit', () => {
    const required = full.filter(
      (line) => !['title', 'addressSuffix', 'name3'].includes(line.role),
    );
    expect(fitAddressLines(required, { maxLines: 3 })).toBeUndefined();
  });
});
