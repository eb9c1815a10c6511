import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE128_PATTERNS } from '../../test/label-readers';
import { bwipElements, encodeCode128C } from './code128';

describe('encodeCode128C', () => {
  it('encodes an identcode as Start C, nine digit pairs, checksum and stop: 134 modules', () => {
    const pattern = encodeCode128C('996001321700005959');
    expect(pattern.modules).toBe(134);
    const symbols = pattern.elements.slice(0, -7);
    const values = Array.from({ length: symbols.length / 6 }, (_, index) =>
      CODE128_PATTERNS.indexOf(
        symbols.slice(index * 6, index * 6 + 6).join('') as (typeof CODE128_PATTERNS)[number],
      ),
    );
    // 105 + 1·99 + 2·60 + 3·1 + 4·32 + 5·17 + 8·59 + 9·59 = 1543; 1543 mod 103 = 101.
    expect(values).toEqual([105, 99, 60, 1, 32, 17, 0, 0, 59, 59, 101]);
    expect(pattern.elements.slice(-7).join('')).toBe(CODE128_PATTERNS[106]);
  });

  it('produces exactly what bwip-js produces, for any identcode', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^99\d{16}$/), (digits) => {
        expect(encodeCode128C(digits).elements).toEqual(bwipElements(digits));
      }),
      { numRuns: 60 },
    );
  });

  it('covers the checksum-only symbols 100–102', () => {
    // (105 + 98) mod 103 = 100; (105 + 99) mod 103 = 101; (105 + 0 + 2·50) mod 103 = 102.
    expect(encodeCode128C('98').elements.slice(12, 18).join('')).toBe(CODE128_PATTERNS[100]);
    expect(encodeCode128C('99').elements.slice(12, 18).join('')).toBe(CODE128_PATTERNS[101]);
    expect(encodeCode128C('0050').elements.slice(18, 24).join('')).toBe(CODE128_PATTERNS[102]);
  });

  it('refuses anything but pairs of digits', () => {
    expect(() => encodeCode128C('123')).toThrow(/even number of digits/);
    expect(() => encodeCode128C('12a4')).toThrow(/even number of digits/);
  });
});
