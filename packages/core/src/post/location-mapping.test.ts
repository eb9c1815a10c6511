import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PickupPointSchema } from '../schemas/pickup-point';
import {
  FindPoiSchema,
  kindOfPointType,
  poiToPointInput,
  readPoiXml,
  splitStreet,
} from './location-mapping';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures-locations/${name}`, import.meta.url), 'utf8');

describe('kindOfPointType', () => {
  it.each([
    ['T1', 'pickpost'],
    ['t1', 'pickpost'],
    ['001AG-PICK', 'pickpost'],
    ['T6', 'mypost24'],
    ['001MP24', 'mypost24'],
    ['T9', undefined],
    ['001PST', undefined],
    ['T12', undefined],
    ['', undefined],
  ])('%s is %s', (type, kind) => {
    expect(kindOfPointType(type)).toBe(kind);
  });
});

describe('Find points', () => {
  it('keeps counters and terminals named by their short tag, as the real service names them, and ignores other types', () => {
    const answer = JSON.parse(fixture('find-mixed.json')) as { pois: unknown[] };
    const points = answer.pois
      .map((poi) => poiToPointInput(FindPoiSchema.parse(poi)))
      .filter((input) => input !== undefined)
      .map((input) => PickupPointSchema.parse(input));
    expect(points.map((point) => [point.id, point.kind])).toEqual([
      ['8001-T1-1', 'pickpost'],
      ['8001-T6-1', 'mypost24'],
      ['8002-T1-2', 'pickpost'],
    ]);
    expect(points[0]).toMatchObject({
      name: 'PickPost Zürich HB',
      street: 'Bahnhofplatz',
      houseNo: '15',
      zip: '8001',
      city: 'Zürich',
      lat: 47.3782,
      lng: 8.5402,
    });
  });
});

describe('splitStreet', () => {
  it.each([
    ['Bahnhofstrasse 67', { street: 'Bahnhofstrasse', houseNo: '67' }],
    ['Rue de la Gare 5a', { street: 'Rue de la Gare', houseNo: '5a' }],
    ['Via San Gottardo 12 b', { street: 'Via San Gottardo', houseNo: '12b' }],
    ['Dorfstrasse 3-5', { street: 'Dorfstrasse', houseNo: '3-5' }],
    ['Bahnhofplatz', { street: 'Bahnhofplatz' }],
  ])('%s', (line, expected) => {
    expect(splitStreet(line)).toEqual(expected);
  });
});

describe('Poi XML', () => {
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

  it('reads the documented structure: the ordinary counter, the period in force, weekday flags and time slices', () => {
    const input = readPoiXml(fixture('poi-pickpost.xml'), { today: '2026-06-01', lang: 'de' });
    const point = PickupPointSchema.parse(input);
    expect(point).toMatchObject({
      id: '5000-T1-01',
      kind: 'pickpost',
      name: 'PickPost Aarau Bahnhof',
      street: 'Bahnhofstrasse',
      houseNo: '67',
      zip: '5000',
      city: 'Aarau',
      country: 'CH',
      lat: 47.3917,
      lng: 8.0513,
    });
    const workday = [
      { from: '07:00', to: '12:00' },
      { from: '13:30', to: '18:30' },
    ];
    expect(point.openingHours).toEqual({
      ...Object.fromEntries(weekdays.map((day) => [day, workday])),
      sat: [{ from: '08:00', to: '16:00' }],
    });
  });

  it('takes the period whose dates include today, and the description in the asked language', () => {
    const input = readPoiXml(fixture('poi-pickpost.xml'), { today: '2026-12-24', lang: 'fr' });
    const point = PickupPointSchema.parse(input);
    expect(point.name).toBe('PickPost Aarau Gare');
    expect(point.openingHours).toEqual({
      mon: [{ from: '09:00', to: '12:00' }],
      thu: [{ from: '09:00', to: '12:00' }],
    });
  });

  it('reads a terminal open round the clock as 00:00–24:00 every day', () => {
    const input = readPoiXml(fixture('poi-mypost24.xml'), { today: '2026-12-02', lang: 'de' });
    const point = PickupPointSchema.parse(input);
    expect(point.kind).toBe('mypost24');
    expect(Object.values(point.openingHours ?? {})).toEqual(
      Array.from({ length: 7 }, () => [{ from: '00:00', to: '24:00' }]),
    );
  });

  it('still reads the older Period form', () => {
    const point = PickupPointSchema.parse(
      readPoiXml(fixture('poi-legacy.xml'), { today: '2026-12-02', lang: 'de' }),
    );
    expect(point).toMatchObject({ id: '9490-T1-1', country: 'LI', street: 'Städtle' });
    expect(point.openingHours).toEqual({
      mon: [{ from: '08:00', to: '12:00' }],
      sat: [{ from: '09:00', to: '11:00' }],
    });
  });

  it('leaves out slices that are no time of day instead of failing the point', () => {
    const xml = fixture('poi-mypost24.xml')
      .replace('<TimeFrom>00:00:00</TimeFrom>', '<TimeFrom>soon</TimeFrom>')
      .replace(
        '</OpeningHours>',
        '</OpeningHours><OpeningHours><Sunday>true</Sunday><Timeslice><TimeFrom>10:00</TimeFrom><TimeUntil>11:00</TimeUntil></Timeslice></OpeningHours>',
      );
    const point = PickupPointSchema.parse(readPoiXml(xml, { today: '2026-12-02', lang: 'de' }));
    expect(point.openingHours).toEqual({ sun: [{ from: '10:00', to: '11:00' }] });
  });

  it('gives nothing for other location types or text that is no XML', () => {
    const branch = fixture('poi-legacy.xml').replace('001AG-PICK', '001PST');
    expect(readPoiXml(branch, { today: '2026-12-02', lang: 'de' })).toBeUndefined();
    expect(readPoiXml('<html>Service down', { today: '2026-12-02', lang: 'de' })).toBeUndefined();
  });
});
