import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AARAU_POINT } from '../../test/fixtures';
import { PickPostError, PickPostValidationError } from '../errors/index';
import type { SelectionPayload } from './selection';
import { readSelection, signSelection } from './selection';

const SECRET = 'k'.repeat(32);
const payload: SelectionPayload = {
  v: 1,
  customerRef: 'c-1',
  variant: 2,
  point: { ...AARAU_POINT, country: 'CH' },
  pickpostId: '12345678',
  iat: 1_800_000_000,
  exp: 1_800_086_400,
};

/** Signs any JSON as a selection, written from the token format rather than with signSelection. */
function signRaw(value: unknown): string {
  const body = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const mac = createHmac('sha256', SECRET).update(`pickpost-selection.${body}`).digest();
  return `${body}.${mac.toString('base64url')}`;
}

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof PickPostError ? error.code : 'other';
  }
  return 'none';
};

describe('selection tokens', () => {
  it('read back what was signed', () => {
    expect(readSelection(signSelection(payload, SECRET), SECRET)).toEqual(payload);
    expect(readSelection(signRaw(payload), SECRET)).toEqual(payload);
  });

  it('refuse a payload with a valid signature but another version or shape', () => {
    const { point: _point, ...withoutPoint } = payload;
    const broken: unknown[] = [
      { ...payload, v: 2 },
      withoutPoint,
      { ...payload, point: { ...payload.point, id: 7 } },
      { ...payload, point: { ...payload.point, kind: 'post-office' } },
      { ...payload, variant: '2' },
      { ...payload, customerRef: undefined },
      { ...payload, pickpostId: 12_345_678 },
      { ...payload, exp: '1800086400' },
      [payload],
      'a string',
      null,
    ];
    for (const value of broken)
      expect(codeOf(() => readSelection(signRaw(value), SECRET))).toBe('SELECTION_INVALID');
  });

  it('are signed only for a payload that parses in full, naming the field', () => {
    const wrong = { ...payload, point: { ...payload.point, lat: 10 } };
    expect(() => signSelection(wrong, SECRET)).toThrow(PickPostValidationError);
    expect(() => signSelection(wrong, SECRET)).toThrow(/point\.lat/);
  });
});
