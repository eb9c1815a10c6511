import { describe, expect, it } from 'vitest';
import { AARAU_POINT } from '../../test/fixtures';
import { isPickPostValidationError } from '../errors/index';
import { PickupPointSchema } from './pickup-point';
import { validate } from './validate';

const valid = {
  ...AARAU_POINT,
  openingHours: {
    mon: [
      { from: '07:00', to: '12:00' },
      { from: '13:30', to: '18:30' },
    ],
  },
};

function failingPaths(input: unknown): string[] {
  try {
    validate(PickupPointSchema, input, 'pickup point');
    return [];
  } catch (error) {
    if (!isPickPostValidationError(error)) throw error;
    return error.paths;
  }
}

describe('PickupPointSchema', () => {
  it('accepts a PickPost counter and a round-the-clock My Post 24 terminal', () => {
    expect(failingPaths(valid)).toEqual([]);
    const allDay = [{ from: '00:00', to: '24:00' }];
    const terminal = {
      ...valid,
      kind: 'mypost24',
      houseNo: undefined,
      openingHours: {
        mon: allDay,
        tue: allDay,
        wed: allDay,
        thu: allDay,
        fri: allDay,
        sat: allDay,
        sun: allDay,
      },
    };
    expect(validate(PickupPointSchema, terminal, 'point').kind).toBe('mypost24');
  });

  it.each([
    ['an unknown kind', { kind: 'locker' }, 'kind'],
    ['an empty id', { id: ' ' }, 'id'],
    ['a latitude outside Switzerland', { lat: 52.52 }, 'lat'],
    ['swapped coordinates', { lat: 8.0513, lng: 47.3917 }, 'lat'],
    ['a street longer than 35 characters', { street: 'S'.repeat(36) }, 'street'],
    [
      'a closing time before the opening time',
      { openingHours: { tue: [{ from: '18:00', to: '08:00' }] } },
      'openingHours.tue[0].to',
    ],
    [
      'a malformed time',
      { openingHours: { wed: [{ from: '7:00', to: '12:00' }] } },
      'openingHours.wed[0].from',
    ],
    [
      'an unknown weekday',
      { openingHours: { monday: [{ from: '07:00', to: '12:00' }] } },
      'openingHours.monday',
    ],
  ])('refuses %s', (_name, change, path) => {
    expect(failingPaths({ ...valid, ...change })).toContain(path);
  });
});
