import { describe, expect, it } from 'vitest';
import {
  formatAddress,
  formatDistance,
  formatToday,
  formatWeek,
  swissWeekday,
  WEEKDAYS,
} from './format';
import { messages } from './messages';
import type { PickupPoint } from './types';

const point: PickupPoint = {
  id: '3000-01',
  kind: 'pickpost',
  name: 'PickPost Bern Bahnhof',
  street: 'Bahnhofplatz',
  houseNo: '10a',
  zip: '3011',
  city: 'Bern',
  lat: 46.948,
  lng: 7.439,
  openingHours: {
    ...Object.fromEntries(WEEKDAYS.map((day) => [day, [{ from: '06:00', to: '21:00' }]])),
    sat: [{ from: '08:00', to: '16:00' }],
    sun: [{ from: '08:00', to: '16:00' }],
  },
};

describe('format', () => {
  it('writes distances in metres below a kilometre, else in kilometres as each language does', () => {
    expect(formatDistance(94, 'de')).toBe('90 m');
    expect(formatDistance(994, 'en')).toBe('990 m');
    expect(formatDistance(996, 'en')).toBe('1 km');
    expect(formatDistance(1260, 'de')).toBe('1.3 km');
    expect(formatDistance(1260, 'fr')).toBe('1,3 km');
    expect(formatDistance(12_000, 'it')).toBe('12 km');
  });

  it('writes the address with or without a house number', () => {
    expect(formatAddress(point)).toBe('Bahnhofplatz 10a, 3011 Bern');
    expect(formatAddress({ ...point, houseNo: undefined })).toBe('Bahnhofplatz, 3011 Bern');
  });

  it("gives today's hours, closed, or nothing when the hours are unknown", () => {
    expect(formatToday(point, messages.it, 'sun')).toBe('Oggi: 08:00–16:00');
    expect(formatToday({ ...point, openingHours: {} }, messages.it, 'sun')).toBe('Oggi chiuso');
    expect(formatToday({ ...point, openingHours: undefined }, messages.it, 'sun')).toBeUndefined();
  });

  it('runs days with the same hours together, with weekday names in the language', () => {
    expect(formatWeek(point, messages.de, 'de')).toEqual([
      ['Mo–Fr', '06:00–21:00'],
      ['Sa–So', '08:00–16:00'],
    ]);
    expect(formatWeek(point, messages.fr, 'fr')[0]?.[0]).toBe('lun.–ven.');
    expect(formatWeek({ ...point, openingHours: undefined }, messages.en, 'en')).toEqual([]);
  });

  it("takes today in Zürich, whatever the shopper's clock says", () => {
    // Sunday 23:30 UTC is already Monday in Zürich.
    expect(swissWeekday(new Date('2026-03-01T23:30:00Z'))).toBe('mon');
    expect(swissWeekday(new Date('2026-07-05T12:00:00Z'))).toBe('sun');
  });
});
