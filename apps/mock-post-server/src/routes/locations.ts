import { escapeXml } from '@pickpost/core/datatransfer';
import { LOCALITIES } from '../fixtures/localities';
import type { MockPoint, PointTypeTag, Weekday } from '../fixtures/points';
import { POINTS } from '../fixtures/points';
import type { RouteAnswer } from '../http';
import { json } from '../http';

/**
 * The location data service behind places.post.ch [C PLACES], keyless like the real one:
 *
 * - `GET /Geocode?query=&pois=&lang=&limit=` → `{ ok, locations: [{ id, name, type, subtype, pt: [lon, lat] }] }`
 *   (towns and postcodes as `city`; points whose name matches as `poi` when `pois` lists tags)
 * - `GET /Find?extent=lonMin,latMin,lonMax,latMax&query=T6,T1&maxpois=` → `{ ok, pois: [...] }`
 *   with `type` the short tag (`T1`, `T6`) as in real answers [C PLACES, §Z], `x` = longitude,
 *   `y` = latitude, `info{Street, Zip, City, …}`, `counters[{openUntil, openAgain}]` (without type
 *   tags in `query` the real service returns municipality aggregates; here: none)
 * - `GET /Poi?id=&lang=` → XML `POI@Id/@POITypeId` (the long code, `001AG-PICK`), `Description`,
 *   `Address`, `GeoLocation`, and `Counter@CounterTypeId` → `OpeningPeriods{DateFrom, DateTo}` →
 *   `OpeningHours{Monday…Sunday = true|false, Timeslice{TimeFrom, TimeUntil}}` [C PLACES, §Z]
 * - `GET /Types?lang=` → the type tags.
 *
 * Unknown [G]: whether `x`/`y` are WGS 84 (assumed), the counter type ids of PickPost counters
 * and terminals (ours: `0011`, the ordinary counter of a post office, and `0060`), the time format
 * of slices (ours: `HH:MM:SS`, a terminal's day ending at `23:59:59`), and ranking; the simulator
 * sorts nothing in `Find` (clients sort by distance), as the real one is not documented to.
 */
const TAGS: Record<string, PointTypeTag> = { T1: '001AG-PICK', T6: '001MP24' };
/** The short tag a `Find` answer gives for each long type code. */
const SHORT_TAG: Record<PointTypeTag, string> = { '001AG-PICK': 'T1', '001MP24': 'T6' };

const TYPES = [
  {
    id: 'T1',
    code: '001AG-PICK',
    name: {
      de: 'PickPost-Stelle / My Post Service',
      fr: 'Point PickPost',
      it: 'Punto PickPost',
      en: 'PickPost point',
    },
  },
  {
    id: 'T6',
    code: '001MP24',
    name: {
      de: 'My Post 24-Automat',
      fr: 'Automate My Post 24',
      it: 'Sportello automatico My Post 24',
      en: 'My Post 24 terminal',
    },
  },
  { id: 'T9', code: '001PST', name: { de: 'Filiale', fr: 'Filiale', it: 'Filiale', en: 'Branch' } },
];

function requestedTags(query: string | null): Set<PointTypeTag> {
  const tags = new Set<PointTypeTag>();
  for (const part of (query ?? '').split(',')) {
    const tag = TAGS[part.trim().toUpperCase()];
    if (tag !== undefined) tags.add(tag);
  }
  return tags;
}

function badRequest(message: string): RouteAnswer {
  return json(400, { ok: false, error: message });
}

function geocode(params: URLSearchParams): RouteAnswer {
  const query = (params.get('query') ?? '').trim();
  if (query === '') return badRequest('query is required');
  const limit = Math.min(Number(params.get('limit') ?? 10) || 10, 50);
  const needle = query.toLowerCase();
  const locations: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  for (const locality of LOCALITIES) {
    const byZip = /^\d{4}$/.test(query) && locality.zip === query;
    const byTown = !/^\d+$/.test(query) && locality.town.toLowerCase().startsWith(needle);
    if (!byZip && !byTown) continue;
    const key = byZip ? locality.zip : locality.town;
    if (seen.has(key)) continue;
    seen.add(key);
    locations.push({
      id: `city-${locality.zip}`,
      name: `${locality.zip} ${locality.town}`,
      type: 'city',
      subtype: byZip ? 'zip' : 'town',
      pt: [locality.lng, locality.lat],
    });
  }
  const tags = requestedTags(params.get('pois'));
  if (tags.size > 0 && !/^\d+$/.test(query)) {
    for (const point of POINTS) {
      if (tags.has(point.typeTag) && point.name.toLowerCase().includes(needle)) {
        locations.push({
          id: point.id,
          name: point.name,
          type: 'poi',
          subtype: point.typeTag,
          pt: [point.lng, point.lat],
        });
      }
    }
  }
  return json(200, { ok: true, locations: locations.slice(0, limit) });
}

const ZURICH_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Zurich',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const WEEKDAYS: Record<string, Weekday> = {
  Mon: 'MO',
  Tue: 'TU',
  Wed: 'WE',
  Thu: 'TH',
  Fri: 'FR',
  Sat: 'SA',
  Sun: 'SU',
};

/** Weekday and HH:MM in Swiss local time. */
function swissClock(now: Date): { day: Weekday; time: string } {
  const parts = Object.fromEntries(
    ZURICH_TIME.formatToParts(now).map((part) => [part.type, part.value]),
  );
  return { day: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 'MO', time: `${parts.hour}:${parts.minute}` };
}

/** The counter status the real `Find` gives: open until, or open again at (local time). */
function counterStatus(
  point: MockPoint,
  { day, time }: { day: Weekday; time: string },
): { openUntil?: string; openAgain?: string } {
  for (const [from, to] of point.hours[day] ?? []) {
    if (from <= time && time < to) return { openUntil: to };
  }
  const later = (point.hours[day] ?? []).find(([from]) => from > time);
  return later ? { openAgain: later[0] } : {};
}

function find(params: URLSearchParams, now: Date): RouteAnswer {
  const extent = (params.get('extent') ?? '').split(',').map(Number);
  const [lonMin, latMin, lonMax, latMax] = extent;
  if (
    extent.length !== 4 ||
    extent.some((value) => !Number.isFinite(value)) ||
    lonMin === undefined ||
    latMin === undefined ||
    lonMax === undefined ||
    latMax === undefined ||
    lonMin > lonMax ||
    latMin > latMax
  ) {
    return badRequest('extent must be lonMin,latMin,lonMax,latMax');
  }
  const tags = requestedTags(params.get('query'));
  const maxPois = Math.min(Number(params.get('maxpois') ?? 100) || 100, 500);
  const clock = swissClock(now);
  const pois = POINTS.filter(
    (point) =>
      tags.has(point.typeTag) &&
      point.lng >= lonMin &&
      point.lng <= lonMax &&
      point.lat >= latMin &&
      point.lat <= latMax,
  )
    .slice(0, maxPois)
    .map((point) => ({
      id: point.id,
      name: point.name,
      type: SHORT_TAG[point.typeTag],
      x: point.lng,
      y: point.lat,
      info: {
        Street: point.street,
        Zip: point.zip,
        City: point.city,
        AdditionalDescription: '',
        DistributionType: point.typeTag === '001MP24' ? '001MP24' : '001QA',
      },
      counters: [counterStatus(point, clock)],
    }));
  return json(200, { ok: true, pois });
}

const DAY_ELEMENTS: ReadonlyArray<readonly [Weekday, string]> = [
  ['MO', 'Monday'],
  ['TU', 'Tuesday'],
  ['WE', 'Wednesday'],
  ['TH', 'Thursday'],
  ['FR', 'Friday'],
  ['SA', 'Saturday'],
  ['SU', 'Sunday'],
];

/**
 * A point's week as `OpeningHours` rules: days with the same slices share one rule, as the real
 * service groups them (Monday to Friday, then Saturday). A slice ending at midnight is written
 * `23:59:59`.
 */
function openingRules(point: MockPoint): string {
  const rules = new Map<string, Weekday[]>();
  for (const [day] of DAY_ELEMENTS) {
    const intervals = point.hours[day] ?? [];
    if (intervals.length === 0) continue;
    const key = intervals.map(([from, to]) => `${from}-${to}`).join(',');
    rules.set(key, [...(rules.get(key) ?? []), day]);
  }
  return [...rules.entries()]
    .map(([key, days]) => {
      const flags = DAY_ELEMENTS.map(
        ([day, element]) => `<${element}>${days.includes(day)}</${element}>`,
      ).join('');
      const slices = key
        .split(',')
        .map((slice) => {
          const [from, to] = slice.split('-');
          const until = to === '24:00' ? '23:59:59' : `${to}:00`;
          return `<Timeslice><TimeFrom>${from}:00</TimeFrom><TimeUntil>${until}</TimeUntil></Timeslice>`;
        })
        .join('');
      return `<OpeningHours>${flags}${slices}</OpeningHours>`;
    })
    .join('');
}

function poi(params: URLSearchParams): RouteAnswer {
  const id = params.get('id');
  const point = POINTS.find((candidate) => candidate.id === id);
  if (point === undefined) {
    return {
      status: 404,
      headers: { 'content-type': 'application/xml; charset=utf-8' },
      body: '<?xml version="1.0" encoding="UTF-8"?><Error>POI not found</Error>',
    };
  }
  const lang = params.get('lang') ?? 'de';
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<POI Id="${escapeXml(point.id)}" POITypeId="${point.typeTag}">`,
    `<Description lang="${escapeXml(lang)}">${escapeXml(point.name)}</Description>`,
    '<Address>',
    `<Street>${escapeXml(point.street)}</Street><Zip>${point.zip}</Zip><City>${escapeXml(point.city)}</City>`,
    `<KantonCode>${point.canton}</KantonCode><CountryCode>${point.canton === 'LI' ? 'LI' : 'CH'}</CountryCode>`,
    '</Address>',
    `<GeoLocation><CoordinateLat>${point.lat}</CoordinateLat><CoordinateLng>${point.lng}</CoordinateLng></GeoLocation>`,
    `<Counter CounterTypeId="${point.typeTag === '001MP24' ? '0060' : '0011'}">`,
    `<OpeningPeriods><DateFrom>2020-01-01</DateFrom><DateTo>2099-12-31</DateTo>${openingRules(point)}</OpeningPeriods>`,
    '<Holiday/></Counter>',
    '</POI>',
  ].join('');
  return { status: 200, headers: { 'content-type': 'application/xml; charset=utf-8' }, body: xml };
}

function types(params: URLSearchParams): RouteAnswer {
  const lang = (params.get('lang') ?? 'de') as 'de' | 'fr' | 'it' | 'en';
  return json(200, {
    ok: true,
    types: TYPES.map((type) => ({
      id: type.id,
      code: type.code,
      name: type.name[lang] ?? type.name.de,
    })),
  });
}

/** Dispatches `GET …/api/v1/<operation>` of the location service. */
export function handleLocations(
  operation: string,
  params: URLSearchParams,
  now: Date,
): RouteAnswer | undefined {
  switch (operation) {
    case 'Geocode':
      return geocode(params);
    case 'Find':
      return find(params, now);
    case 'Poi':
      return poi(params);
    case 'Types':
      return types(params);
    default:
      return undefined;
  }
}
