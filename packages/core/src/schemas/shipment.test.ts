import { describe, expect, it } from 'vitest';
import { ORDER_1042 } from '../../test/fixtures';
import { isPickPostValidationError } from '../errors/index';
import { ShipmentSchema } from './shipment';
import { validate } from './validate';

const shipment = ORDER_1042;

function paths(input: unknown): string[] {
  try {
    validate(ShipmentSchema, input, 'shipment');
    return [];
  } catch (error) {
    if (!isPickPostValidationError(error)) throw error;
    return error.paths;
  }
}

describe('ShipmentSchema', () => {
  it('accepts a PickPost parcel and fills in defaults', () => {
    const parsed = validate(ShipmentSchema, shipment, 'shipment');
    expect(parsed.parcelIndex).toBe(0);
    expect(parsed.pickpostId).toBe('12345678');
    expect(parsed.pickupPoint.country).toBe('CH');
  });

  it('accepts a variant-4 parcel without a PickPost ID, with a name2 of its own', () => {
    const { pickpostId: _omitted, ...withoutId } = shipment;
    expect(
      paths({ ...withoutId, recipient: { ...shipment.recipient, name2: 'c/o Meier' } }),
    ).toEqual([]);
  });

  it('refuses a name2 beside a PickPost ID, which would take its line', () => {
    expect(
      paths({ ...shipment, recipient: { ...shipment.recipient, name2: 'c/o Meier' } }),
    ).toEqual(['recipient.name2']);
  });

  it('reports nested paths of every part at once', () => {
    const broken = {
      ...shipment,
      recipient: { ...shipment.recipient, zip: '12' },
      pickupPoint: { ...shipment.pickupPoint, kind: 'depot' },
      parcel: { weightGrams: 0, przl: ['PRI'] },
      additionalData: Array.from({ length: 21 }, () => ({ type: 'NN_BETRAG', value: '10.00' })),
      freeText: 'x'.repeat(35),
    };
    expect(paths(broken).sort()).toEqual(
      [
        'additionalData',
        'freeText',
        'parcel.weightGrams',
        'pickupPoint.kind',
        'recipient.zip',
      ].sort(),
    );
  });
});
