import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPickPostError } from '../errors/index';
import { formatIdentcode, humanIdentcode, IdentcodeError, parseIdentcode } from './identcode';

describe('identcodes', () => {
  it.each([
    ['35900034', 2, '993590003400000002'],
    ['60013217', 5959, '996001321700005959'],
    ['00013217', 99_999_999, '990001321799999999'],
  ])('licence %s and item %i give %s (Swiss Post samples)', (frankingLicense, itemNumber, code) => {
    expect(formatIdentcode({ frankingLicense, itemNumber })).toBe(code);
    expect(parseIdentcode(code)).toEqual({ prefix: '99', frankingLicense, itemNumber });
  });

  it('prints the human-readable form with dots', () => {
    expect(humanIdentcode('996001321700005959')).toBe('99.60.013217.00005959');
    expect(humanIdentcode('99.60.013217.00005959')).toBe('99.60.013217.00005959');
  });

  it.each([
    ['99600132170000595', 'length'],
    ['9960013217000059590', 'length'],
    ['99600132170000595X', 'digits'],
    ['986001321700005959', 'prefix'],
  ])('refuses %s (%s)', (code, reason) => {
    let thrown: unknown;
    try {
      parseIdentcode(code);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IdentcodeError);
    expect((thrown as IdentcodeError).reason).toBe(reason);
    expect(isPickPostError(thrown) && thrown.code).toBe('IDENTCODE_INVALID');
  });

  it('refuses a licence part that does not match the expected licence', () => {
    expect(() => parseIdentcode('996001321700005959', { expectedLicense: '35900034' })).toThrow(
      /licence part 60013217 is not the franking licence 35900034/,
    );
  });

  it.each([
    [{ frankingLicense: '0000AB12', itemNumber: 1 }, 'licence'],
    [{ frankingLicense: '6001321', itemNumber: 1 }, 'licence'],
    [{ frankingLicense: '60013217', itemNumber: 100_000_000 }, 'item-number'],
    [{ frankingLicense: '60013217', itemNumber: -1 }, 'item-number'],
    [{ frankingLicense: '60013217', itemNumber: 1.5 }, 'item-number'],
  ])('cannot format %j (%s)', (parts, reason) => {
    expect(() => formatIdentcode(parts)).toThrow(IdentcodeError);
    try {
      formatIdentcode(parts);
    } catch (error) {
      expect((error as IdentcodeError).reason).toBe(reason);
    }
  });

  it('round-trips every licence and item number', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{8}$/),
        fc.integer({ min: 0, max: 99_999_999 }),
        (frankingLicense, itemNumber) => {
          const code = formatIdentcode({ frankingLicense, itemNumber });
          expect(code).toMatch(/^99\d{16}$/);
          expect(
            parseIdentcode(humanIdentcode(code), { expectedLicense: frankingLicense }),
          ).toEqual({
            prefix: '99',
            frankingLicense,
            itemNumber,
          });
        },
      ),
    );
  });
});
