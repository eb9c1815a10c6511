import { describe, expect, it } from 'vitest';
import {
  FrankingLicenseSchema,
  IdentcodeSchema,
  ItemIdSchema,
  OrderRefSchema,
} from './identifiers';

describe('FrankingLicenseSchema', () => {
  it.each([
    ['60013217', '60013217'],
    ['60.013217', '60013217'],
    ['013217', '00013217'],
    ['ab12', '0000AB12'],
    [35900034, '35900034'],
  ])('normalises %j to %s', (input, expected) => {
    expect(FrankingLicenseSchema.parse(input)).toBe(expected);
  });

  it.each(['1234567', '123456789', '12345', 'ABCDEFGH', ''])('refuses %j', (input) => {
    const result = FrankingLicenseSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/E2027/);
  });
});

describe('IdentcodeSchema', () => {
  it('accepts the printed form and returns the 18 digits', () => {
    expect(IdentcodeSchema.parse('99.60.013217.00005959')).toBe('996001321700005959');
  });
  it.each(['98600132170000595', '986001321700005959', '99600132170000595X'])(
    'refuses %s',
    (code) => {
      expect(IdentcodeSchema.safeParse(code).success).toBe(false);
    },
  );
});

describe('ItemIdSchema', () => {
  it('accepts letters, digits, _ - +', () => {
    expect(ItemIdSchema.parse('order_1042-2+a')).toBe('order_1042-2+a');
  });
  it.each(['order 1042', 'order#1042', 'x'.repeat(201), ''])('refuses %j (E2045)', (id) => {
    expect(ItemIdSchema.safeParse(id).success).toBe(false);
  });
});

describe('OrderRefSchema', () => {
  it('keeps shop references as shown in the admin', () => {
    expect(OrderRefSchema.parse(' #1042 ')).toBe('#1042');
    expect(OrderRefSchema.parse(1042)).toBe('1042');
  });
  it('refuses control characters', () => {
    expect(OrderRefSchema.safeParse('10\n42').success).toBe(false);
  });
});
