import { describe, expect, it } from 'vitest';
import { PickPostIdSchema } from './customer';

describe('PickPostIdSchema', () => {
  it.each([
    ['12345678', '12345678'],
    ['PT011227', 'PT011227'],
    ['pt011227', 'PT011227'],
    ['PickPost 12345678', '12345678'],
    ['MyPost24 1234 5678', '12345678'],
    [12345678, '12345678'],
  ])('reads %s as %s', (input, expected) => {
    expect(PickPostIdSchema.parse(input)).toBe(expected);
  });

  it.each(['', '12345', '1234567890123', 'PT-011227!', 'Hans Muster'])('refuses %j', (input) => {
    expect(PickPostIdSchema.safeParse(input).success).toBe(false);
  });
});
