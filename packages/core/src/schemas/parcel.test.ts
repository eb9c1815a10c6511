import { describe, expect, it } from 'vitest';
import { isPickPostValidationError } from '../errors/index';
import { ParcelSchema } from './parcel';
import { validate } from './validate';

function codes(input: unknown): string[] {
  try {
    validate(ParcelSchema, input, 'parcel');
    return [];
  } catch (error) {
    if (!isPickPostValidationError(error)) throw error;
    return error.issues.map((issue) => `${issue.path}:${issue.code}`);
  }
}

describe('ParcelSchema', () => {
  it.each([
    [{ weightGrams: 1, przl: ['PRI'] }, ['PRI']],
    [{ weightGrams: 99_999, przl: ['eco', 'si'] }, ['ECO', 'SI']],
    [{ weightGrams: 500, przl: ['PRI', 'SA', 'ZAW3213'] }, ['PRI', 'SA', 'ZAW3213']],
    [{ weightGrams: 500, przl: ['notime_pickuppoint'] }, ['NOTIME_PickupPoint']],
    [{ weightGrams: 500, przl: ['PRISI'] }, ['PRISI']],
    [{ weightGrams: 500, przl: ['PRI', 'ZF16302100'] }, ['PRI', 'ZF16302100']],
    [{ weightGrams: 500, przl: ['NEWSVC'] }, ['NEWSVC']],
    // §Z: business reply with Economy or Priority, and 10-character codes.
    [{ weightGrams: 500, przl: ['GAS', 'ECO'] }, ['GAS', 'ECO']],
    [{ weightGrams: 500, przl: ['pri', 'gas'] }, ['PRI', 'GAS']],
    [{ weightGrams: 500, przl: ['PRIS163021'] }, ['PRIS163021']],
    [{ weightGrams: 500, przl: ['NEWSVC4567'] }, ['NEWSVC4567']],
  ])('accepts %j with codes %j', (input, przl) => {
    expect(validate(ParcelSchema, input, 'parcel').przl).toEqual(przl);
  });

  it.each([
    [{ weightGrams: 0, przl: ['PRI'] }, 'weightGrams:too_small'],
    [{ weightGrams: 100_000, przl: ['PRI'] }, 'weightGrams:too_big'],
    [{ weightGrams: 12.5, przl: ['PRI'] }, 'weightGrams:invalid_type'],
    [{ weightGrams: 500, przl: [] }, 'przl:too_small'],
    [{ weightGrams: 500, przl: [''] }, 'przl[0]:required'],
    [{ weightGrams: 500, przl: ['PRI', 'ECO'] }, 'przl:several_basic_services'],
    [{ weightGrams: 500, przl: ['SI'] }, 'przl:no_basic_service'],
    [{ weightGrams: 500, przl: ['PRI', 'PRI'] }, 'przl:duplicate_przl'],
    [{ weightGrams: 500, przl: ['RINL'] }, 'przl[0]:letter_service'],
    [{ weightGrams: 500, przl: ['PRI', 'TOOLONGCODE'] }, 'przl[1]:invalid_przl'],
    [{ weightGrams: 500, przl: ['GAS'] }, 'przl:business_reply'],
    [{ weightGrams: 500, przl: ['GAS', 'ECO', 'PRI'] }, 'przl:business_reply'],
    [{ weightGrams: 500, przl: ['GAS', 'PRISI'] }, 'przl:business_reply'],
    [{ weightGrams: 500, przl: ['PRI', 'SP+ECO'] }, 'przl[1]:invalid_przl'],
    [{ weightGrams: 500 }, 'przl:required'],
  ])('refuses %j (%s)', (input, expected) => {
    expect(codes(input)).toContain(expected);
  });
});
