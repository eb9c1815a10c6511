import { describe, expect, it } from 'vitest';
import { VELO_SHOP } from '../../test/fixtures';
import { isPickPostValidationError } from '../errors/index';
import { SenderSchema } from './sender';
import { validate } from './validate';

const valid = VELO_SHOP;

function codesAt(input: unknown): Array<[string, string]> {
  try {
    validate(SenderSchema, input, 'sender');
    return [];
  } catch (error) {
    if (!isPickPostValidationError(error)) throw error;
    return error.issues.map((issue) => [issue.path, issue.code]);
  }
}

describe('SenderSchema', () => {
  it('accepts a shop address with the house number inside the street', () => {
    expect(validate(SenderSchema, valid, 'sender')).toEqual({ ...valid, country: 'CH' });
  });

  it.each([
    ['name1', 25],
    ['name2', 25],
    ['street', 25],
    ['poBox', 25],
    ['city', 25],
    ['domicilePostOffice', 35],
  ])('holds %s to %i characters', (field, max) => {
    expect(codesAt({ ...valid, [field]: 'x'.repeat(max) })).toEqual([]);
    expect(codesAt({ ...valid, [field]: 'x'.repeat(max + 1) })).toEqual([[field, 'too_long']]);
  });

  it.each([
    ['a missing street', { street: undefined }, 'street'],
    ['a missing name1', { name1: undefined }, 'name1'],
    ['a foreign country', { country: 'AT' }, 'country'],
    ['a forbidden character', { name2: 'Lager {2}' }, 'name2'],
    ['a Liechtenstein postcode without LI', { zip: '9494', city: 'Schaan' }, 'zip'],
  ])('refuses %s', (_name, change, path) => {
    expect(codesAt({ ...valid, ...change }).map(([failing]) => failing)).toEqual([path]);
  });
});
