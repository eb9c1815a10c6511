import { describe, expect, it } from 'vitest';
import { ORDER_1042 } from '../../test/fixtures';
import { PickPostValidationError } from '../errors/index';
import { LabelOptionsSchema } from '../schemas/label-options';
import { RecipientSchema } from '../schemas/recipient';
import { ShipmentSchema } from '../schemas/shipment';
import { itemIdFor, labelDefinitionJson } from './label-request';
import { pickupRecipient } from './recipient-json';
import { genderFromTitle, registerUserJson } from './registration-json';

describe('PickPost addressing', () => {
  it('puts the ID line in name2 and the point in the address', () => {
    const shipment = ShipmentSchema.parse({
      ...ORDER_1042,
      recipient: { ...ORDER_1042.recipient, name3: 'Abteilung 4' },
    });
    const recipient = pickupRecipient(shipment);
    expect(recipient).toMatchObject({
      firstName: 'Hans',
      name1: 'Muster',
      // The label prints the person's name3 with the name: the request sends it too.
      name3: 'Abteilung 4',
      name2: 'PickPost 12345678',
      street: 'Bahnhofstrasse',
      houseNo: '67',
      zip: '5000',
      city: 'Aarau',
    });
  });

  it('writes MyPost24 for terminals and nothing without an ID', () => {
    const terminal = ShipmentSchema.parse({
      ...ORDER_1042,
      pickupPoint: { ...ORDER_1042.pickupPoint, kind: 'mypost24' },
    });
    expect(pickupRecipient(terminal).name2).toBe('MyPost24 12345678');
    const { pickpostId: _none, ...variant4 } = ORDER_1042;
    expect(pickupRecipient(ShipmentSchema.parse(variant4)).name2).toBeUndefined();
  });
});

describe('itemIdFor', () => {
  it.each([
    ['1042', 0, '1042-0'],
    ['WC_1042', 2, 'WC_1042-2'],
  ])('keeps %s as it is', (ref, index, expected) => {
    expect(itemIdFor(ref, index)).toBe(expected);
  });

  it('replaces characters Swiss Post refuses and keeps different references apart', () => {
    const hashed = itemIdFor('#1042', 0);
    expect(hashed).toMatch(/^[A-Za-z0-9_+-]+$/);
    expect(hashed).not.toBe(itemIdFor('-1042', 0));
    expect(hashed).not.toBe(itemIdFor('1042', 0));
  });
});

describe('registerUserJson', () => {
  const person = RecipientSchema.parse({
    title: 'Frau',
    firstName: 'Anna',
    name1: 'Meier',
    street: 'Seestrasse',
    houseNo: '1',
    zip: '8002',
    city: 'Zürich',
    mobile: '079 123 45 67',
  });

  it('builds the documented body, SMS when there is no e-mail', () => {
    expect(registerUserJson(person, { service: 'mypost24', language: 'FR' })).toEqual({
      userDetails: { gender: 'FEMALE', firstName: 'Anna', lastName: 'Meier', language: 'FR' },
      address: {
        house: { street: 'Seestrasse', houseNumber: '1' },
        zip: { zip: '8002', city: 'Zürich', countryCode: 'CH' },
      },
      notification: { notifyMode: 'SMS', mobile: '079 123 45 67' },
      service: 'MYPOST24',
    });
  });

  it.each([
    ['Herr', 'MALE'],
    ['Monsieur', 'MALE'],
    ['Signora', 'FEMALE'],
    ['Mme', 'FEMALE'],
    ['Dr.', undefined],
  ])('reads the gender of %s', (title, gender) => {
    expect(genderFromTitle(title)).toBe(gender);
  });

  it('names every missing element at once', () => {
    const bare = RecipientSchema.parse({
      name1: 'Meier',
      poBox: 'Postfach 3',
      zip: '8002',
      city: 'Zürich',
    });
    expect(() => registerUserJson(bare, { service: 'pickpost', language: 'DE' })).toThrow(
      PickPostValidationError,
    );
  });
});

describe('labelDefinitionJson', () => {
  it('maps the SDK options to the Barcode web service', () => {
    expect(
      labelDefinitionJson(
        LabelOptionsSchema.parse({ format: 'zpl', printAddresses: 'sender', resolution: 200 }),
      ),
    ).toEqual({
      labelLayout: 'A6',
      printAddresses: 'ONLY_CUSTOMER',
      imageFileType: 'ZPL2',
      imageResolution: 200,
      printPreview: false,
    });
  });
});
