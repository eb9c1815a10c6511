import { XMLParser } from 'fast-xml-parser';
import * as z from 'zod';
import { isLiechtensteinZip } from '../schemas/address';
import type { OpeningHours, PickupPoint, PickupPointKind, Weekday } from '../schemas/index';
import { TIME_OF_DAY } from '../schemas/pickup-point';

/**
 * The location service's JSON (`Geocode`, `Find`) and XML (`Poi`) as pick-up points [C PLACES].
 * Only the fields the SDK uses are read; everything else Swiss Post adds is ignored, so a new
 * field in an answer never breaks a checkout.
 */

/**
 * Point types of the location service: T1 PickPost counters, T6 My Post 24 terminals. A `Find`
 * answer names a point's type by its short tag (`T1`); `Poi` XML by its long code
 * (`POITypeId="001AG-PICK"`) [C PLACES, §Z].
 */
export const POINT_TYPE_TAGS: Readonly<Record<PickupPointKind, { query: string; code: string }>> = {
  pickpost: { query: 'T1', code: '001AG-PICK' },
  mypost24: { query: 'T6', code: '001MP24' },
};

/**
 * The kind of point a location type names, in either form; `undefined` for the service's other
 * types (branches T9, letter boxes T12, …), which a PickPost checkout ignores.
 */
export function kindOfPointType(type: string): PickupPointKind | undefined {
  const normalised = type.trim().toUpperCase();
  for (const kind of ['pickpost', 'mypost24'] as const) {
    const { query, code } = POINT_TYPE_TAGS[kind];
    if (normalised === query || normalised === code) return kind;
  }
  return undefined;
}

export const GeocodeResponseSchema = z.object({
  ok: z.boolean().optional(),
  locations: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      name: z.string(),
      type: z.string(),
      pt: z.tuple([z.number(), z.number()]),
    }),
  ),
});

/** The envelope of a `Find` answer; each point is checked on its own with {@link FindPoiSchema}. */
export const FindResponseSchema = z.object({
  ok: z.boolean().optional(),
  pois: z.array(z.unknown()),
});

/** One point of a `Find` answer [C PLACES]; `x` is the longitude, `y` the latitude. */
export const FindPoiSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  type: z.string(),
  x: z.number(),
  y: z.number(),
  info: z
    .object({
      Street: z.string().default(''),
      Zip: z.union([z.string(), z.number()]).transform(String),
      City: z.string(),
    })
    .passthrough(),
});
export type FindPoi = z.infer<typeof FindPoiSchema>;

/** A point with its distance from the centre of the search. */
export type PickupPointSearchHit = PickupPoint & { distanceMeters: number };

/** Splits `Bahnhofstrasse 67a` (the location service's one field) into street and number. */
export function splitStreet(line: string): { street: string; houseNo?: string } {
  const match = /^(.*\S)\s+(\d+\s?[A-Za-z]?(?:\s?[-/]\s?\d+\s?[A-Za-z]?)?)$/.exec(line.trim());
  return match?.[1] !== undefined && match[2] !== undefined
    ? { street: match[1], houseNo: match[2].replace(/\s+/g, '') }
    : { street: line.trim() };
}

/**
 * The live counter status of a `Find` point (`counters[{ openUntil, openAgain }]` [C PLACES]):
 * only well-formed times, so an odd value never costs the shopper the point itself.
 */
export function findCounterStatus(counters: unknown): { openUntil?: string; openAgain?: string } {
  const first: unknown = Array.isArray(counters) ? counters[0] : undefined;
  if (typeof first !== 'object' || first === null) return {};
  const { openUntil, openAgain } = first as Record<string, unknown>;
  const time = (value: unknown) => typeof value === 'string' && TIME_OF_DAY.test(value);
  return {
    ...(time(openUntil) ? { openUntil: openUntil as string } : {}),
    ...(time(openAgain) ? { openAgain: openAgain as string } : {}),
  };
}

const countryOfZip = (zip: string): 'CH' | 'LI' => (isLiechtensteinZip(zip) ? 'LI' : 'CH');

/** A `Find` point as an (unvalidated) pick-up point; `undefined` for other location types. */
export function poiToPointInput(poi: FindPoi): Record<string, unknown> | undefined {
  const kind = kindOfPointType(poi.type);
  if (kind === undefined) return undefined;
  return {
    id: poi.id,
    kind,
    name: poi.name,
    ...splitStreet(poi.info.Street),
    zip: poi.info.Zip,
    city: poi.info.City,
    country: countryOfZip(poi.info.Zip),
    lat: poi.y,
    lng: poi.x,
  };
}

type XmlNode = Record<string, unknown>;

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];

const asNodes = (value: unknown): XmlNode[] =>
  asArray(value as XmlNode | XmlNode[] | undefined).filter(
    (node): node is XmlNode => typeof node === 'object' && node !== null,
  );

/** Text of an element that fast-xml-parser gave as a string or as `{ '#text': … }`. */
function textOf(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value).trim();
  if (typeof value === 'object' && value !== null && '#text' in value)
    return textOf((value as XmlNode)['#text']);
  return '';
}

/** The element names `OpeningHours` uses for its weekday flags [C PLACES]. */
const DAY_ELEMENTS: ReadonlyArray<readonly [string, Weekday]> = [
  ['Monday', 'mon'],
  ['Tuesday', 'tue'],
  ['Wednesday', 'wed'],
  ['Thursday', 'thu'],
  ['Friday', 'fri'],
  ['Saturday', 'sat'],
  ['Sunday', 'sun'],
];

/** The two-letter days of the older `Period Day="MO"` form. */
const LEGACY_DAYS: Readonly<Record<string, Weekday>> = {
  MO: 'mon',
  TU: 'tue',
  WE: 'wed',
  TH: 'thu',
  FR: 'fri',
  SA: 'sat',
  SU: 'sun',
};

/**
 * `08:00:00` or `08:00` as `08:00`; a slice that ends at `23:59(:59)` or `24:00` closes the day
 * (`24:00`), as a terminal open round the clock is written in the SDK. `undefined` when the
 * text is no time of day.
 */
function timeOfDay(text: string, end: boolean): string | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (match === null) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  if (end && ((hours === 23 && minutes === 59) || hours === 24)) return '24:00';
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

function addInterval(hours: OpeningHours, day: Weekday, from: string, to: string): void {
  if (from >= to) return;
  const intervals = hours[day] ?? [];
  if (intervals.some((interval) => interval.from === from && interval.to === to)) return;
  intervals.push({ from, to });
  intervals.sort((a, b) => (a.from < b.from ? -1 : 1));
  hours[day] = intervals;
}

/**
 * The opening period in force on `today` (`YYYY-MM-DD`, Swiss date): periods carry `DateFrom`
 * and `DateTo` (a holiday season, say); without one in force the first is taken, as the
 * location map does [C PLACES].
 */
function periodInForce(periods: XmlNode[], today: string): XmlNode | undefined {
  const current = periods.find((period) => {
    const from = textOf(period.DateFrom).slice(0, 10);
    const to = textOf(period.DateTo).slice(0, 10);
    return (from === '' || from <= today) && (to === '' || today <= to);
  });
  return current ?? periods[0];
}

/**
 * Opening hours of one `Counter` as the real service writes them: `OpeningPeriods{DateFrom,
 * DateTo}` holding `OpeningHours` rules, each with `Monday`…`Sunday` = true|false and
 * `Timeslice{TimeFrom, TimeUntil}` [C PLACES; §Z]. Counters written in the older
 * `<Period Day="MO" From="07:30" To="12:00"/>` form are still read, so that a point never
 * loses its hours over a change of form; a slice that is not a time of day is left out.
 */
function counterOpeningHours(counter: XmlNode, today: string): OpeningHours {
  const hours: OpeningHours = {};
  const periods = asNodes(counter.OpeningPeriods);
  const period = periodInForce(periods, today);
  for (const rule of asNodes(period?.OpeningHours)) {
    const days = DAY_ELEMENTS.filter(([element]) => textOf(rule[element]) === 'true');
    for (const slice of asNodes(rule.Timeslice)) {
      const from = timeOfDay(textOf(slice.TimeFrom), false);
      const to = timeOfDay(textOf(slice.TimeUntil), true);
      if (from === undefined || to === undefined) continue;
      for (const [, day] of days) addInterval(hours, day, from, to);
    }
  }
  for (const legacy of periods.flatMap((node) => asNodes(node.Period))) {
    const day = LEGACY_DAYS[textOf(legacy['@_Day']).toUpperCase()];
    const from = timeOfDay(textOf(legacy['@_From']), false);
    const to = timeOfDay(textOf(legacy['@_To']), true);
    if (day !== undefined && from !== undefined && to !== undefined)
      addInterval(hours, day, from, to);
  }
  return hours;
}

/** The counter type of a post office's ordinary counter; others are business or PostFinance counters [C PLACES]. */
const ORDINARY_COUNTER = '0011';

/**
 * The parsed `Poi` XML (fast-xml-parser, attributes prefixed `@_`, namespace prefixes removed)
 * as a pick-up point input; `undefined` for a document that is no PickPost counter or My Post 24
 * terminal. The name is the `Description` in `lang` when there is one, else the first; opening
 * hours come from the ordinary counter when the point lists one, otherwise from its first
 * counter; `today` (`YYYY-MM-DD` in Swiss time) picks the opening period in force.
 */
export function poiXmlToPointInput(
  document: unknown,
  { today, lang }: { today: string; lang: string },
): Record<string, unknown> | undefined {
  const poi = (document as { POI?: unknown } | undefined)?.POI;
  if (typeof poi !== 'object' || poi === null) return undefined;
  const node = poi as XmlNode;
  const kind = kindOfPointType(textOf(node['@_POITypeId']));
  if (kind === undefined) return undefined;
  const address = asNodes(node.Address)[0] ?? {};
  const geo = asNodes(node.GeoLocation)[0] ?? {};
  const counters = asNodes(node.Counter);
  const counter =
    counters.find((candidate) => textOf(candidate['@_CounterTypeId']) === ORDINARY_COUNTER) ??
    counters[0];
  const openingHours = counter === undefined ? {} : counterOpeningHours(counter, today);
  const zip = textOf(address.Zip);
  const descriptions = asArray(node.Description as unknown).map((entry) =>
    typeof entry === 'object' && entry !== null ? (entry as XmlNode) : { '#text': entry },
  );
  return {
    id: textOf(node['@_Id']),
    kind,
    name: textOf(descriptions.find((entry) => textOf(entry['@_lang']) === lang) ?? descriptions[0]),
    ...splitStreet(textOf(address.Street)),
    zip,
    city: textOf(address.City),
    country: textOf(address.CountryCode) || countryOfZip(zip),
    lat: Number(textOf(geo.CoordinateLat)),
    lng: Number(textOf(geo.CoordinateLng)),
    ...(Object.keys(openingHours).length > 0 ? { openingHours } : {}),
  };
}

const poiParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  // The service's XML may carry namespace prefixes; element names are what is read.
  removeNSPrefix: true,
});

/**
 * A `Poi` answer's XML text as a pick-up point input (see {@link poiXmlToPointInput});
 * `undefined` when the text is no XML or no PickPost counter or My Post 24 terminal.
 *
 * @example
 * const input = readPoiXml(xmlText, { today: '2026-12-02', lang: 'de' });
 */
export function readPoiXml(
  text: string,
  options: { today: string; lang: string },
): Record<string, unknown> | undefined {
  let document: unknown;
  try {
    document = poiParser.parse(text);
  } catch {
    return undefined;
  }
  return poiXmlToPointInput(document, options);
}
