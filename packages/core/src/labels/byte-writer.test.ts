import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from './byte-writer';

const text = (writer: ByteWriter) => writer.take().toString('utf8');

describe('ByteWriter', () => {
  it('writes numbers as a decimal with at most four places, as String() of the rounded value', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => {
        const expected = String(Math.round(value * 10_000) / 10_000);
        expect(text(new ByteWriter(4).number(value))).toBe(expected === '-0' ? '0' : expected);
      }),
      { numRuns: 5000 },
    );
    const writer = new ByteWriter();
    for (const value of [0, -0, 1, -1, 0.5, 2.83464567, 419.5275590551, -0.00004, 9.99996, 1e-9]) {
      writer.number(value).ascii(' ');
    }
    expect(text(writer)).toBe('0 0 1 -1 0.5 2.8346 419.5276 0 10 0 ');
  });

  it('pads whole numbers and joins matrices', () => {
    expect(text(new ByteWriter().padded(15, 10).ascii('|').padded(123_456, 3))).toBe(
      '0000000015|123456',
    );
    expect(text(new ByteWriter().matrix(1, 0, 0, -1, 0, 297.6378))).toBe('1 0 0 -1 0 297.6378');
  });

  it('grows past its first size and keeps what it had, in UTF-8', () => {
    const writer = new ByteWriter(8);
    const line = 'Zoé Đoković Fässler\n';
    for (let index = 0; index < 1000; index += 1) writer.utf8(line);
    writer.bytes(Uint8Array.of(0x41, 0x42)).ascii('C');
    expect(text(writer)).toBe(`${line.repeat(1000)}ABC`);
  });

  it('starts over after take and reset', () => {
    const writer = new ByteWriter();
    writer.ascii('abc');
    expect(writer.size).toBe(3);
    expect(text(writer)).toBe('abc');
    writer.ascii('left from an interrupted label').reset().ascii('x');
    expect(text(writer)).toBe('x');
  });
});
