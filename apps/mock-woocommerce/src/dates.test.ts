import { describe, expect, it } from 'vitest';
import { createStoreZone, filterWallTime, formatWall, parseRestDate } from './dates';
import { OptionsError } from './errors';

const zurich = createStoreZone('Europe/Zurich');
const wall = (text: string) => Date.parse(`${text}Z`);

describe('the store time zone', () => {
  it('converts both ways across summer and winter time', () => {
    expect(formatWall(zurich.toLocal(Date.parse('2026-07-01T10:00:00Z')))).toBe(
      '2026-07-01T12:00:00',
    );
    expect(formatWall(zurich.toLocal(Date.parse('2026-01-15T10:00:00Z')))).toBe(
      '2026-01-15T11:00:00',
    );
    expect(new Date(zurich.fromLocal(wall('2026-07-01T12:00:00'))).toISOString()).toBe(
      '2026-07-01T10:00:00.000Z',
    );
  });

  it('takes the first of a repeated autumn hour and moves a spring-gap time forward, as PHP', () => {
    expect(new Date(zurich.fromLocal(wall('2026-10-25T02:30:00'))).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(formatWall(zurich.toLocal(zurich.fromLocal(wall('2026-03-29T02:30:00'))))).toBe(
      '2026-03-29T03:30:00',
    );
  });

  it('refuses a zone that does not exist, naming the option', () => {
    expect(() => createStoreZone('Europe/Atlantis')).toThrow(OptionsError);
  });
});

describe('REST dates', () => {
  it('accepts what rest_parse_date accepts', () => {
    expect(parseRestDate('2026-03-01T10:00:00')).toEqual({
      kind: 'wall',
      wallMs: wall('2026-03-01T10:00:00'),
    });
    expect(parseRestDate('2026-03-01 10:00:00.123Z')).toEqual({
      kind: 'instant',
      utcMs: wall('2026-03-01T10:00:00'),
    });
    expect(parseRestDate('2026-03-01T10:00:00+02:00')).toEqual({
      kind: 'instant',
      utcMs: wall('2026-03-01T08:00:00'),
    });
    expect(parseRestDate('2026-02-30T10:00:00')).toEqual({
      kind: 'wall',
      wallMs: wall('2026-03-02T10:00:00'),
    });
    for (const bad of [
      '2026-03-01',
      '2026-03-01T10:00',
      '2026-03-01T10:00:00+0200',
      '2026-13-01T10:00:00',
      'yesterday',
    ]) {
      expect([bad, parseRestDate(bad)]).toEqual([bad, undefined]);
    }
  });

  it('turns a value with a zone into store-local wall time, a value without stays as it is', () => {
    expect(formatWall(filterWallTime(parseRestDate('2026-07-01T10:00:00Z')!, zurich))).toBe(
      '2026-07-01T12:00:00',
    );
    expect(formatWall(filterWallTime(parseRestDate('2026-07-01T10:00:00')!, zurich))).toBe(
      '2026-07-01T10:00:00',
    );
  });
});
