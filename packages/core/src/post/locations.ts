import { formatIssuePath, PickPostValidationError } from '../errors/index';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { PickupPoint, PickupPointKind } from '../schemas/pickup-point';
import { PickupPointKindSchema, PickupPointSchema } from '../schemas/pickup-point';
import { createTtlCache } from '../ttl-cache';
import type { PostHttp } from './http';
import type { PickupPointSearchHit } from './location-mapping';
import {
  FindPoiSchema,
  FindResponseSchema,
  findCounterStatus,
  GeocodeResponseSchema,
  POINT_TYPE_TAGS,
  poiToPointInput,
  readPoiXml,
} from './location-mapping';
import { parsePostResponse, parsePostSuccess, throwIfFailed } from './parse-response';
import type { RawPostResponse } from './response-errors';

/** The languages the location service answers in. */
export const POINT_LANGUAGES = ['de', 'fr', 'it', 'en'] as const;
/** A language the location service answers in: `de`, `fr`, `it` or `en`. */
export type PointLanguage = (typeof POINT_LANGUAGES)[number];

/**
 * A search for pick-up points: by postcode, town or coordinates, with what kind of points and how
 * many.
 */
export interface PointSearchQuery {
  /** A Swiss postcode, e.g. `8001`. */
  zip?: string;
  /** A town name, e.g. `Lausanne`. */
  town?: string;
  /** Coordinates (WGS 84), e.g. from the browser's location. */
  lat?: number;
  lng?: number;
  /** PickPost counters, My Post 24 terminals, or both (the default). */
  kinds?: readonly PickupPointKind[];
  /** How many points, nearest first; default 10, at most 50. */
  limit?: number;
  lang?: PointLanguage;
}

interface FindFields {
  id?: unknown;
  name?: unknown;
  type?: unknown;
  x?: unknown;
  y?: unknown;
  info?: { Street?: unknown; Zip?: unknown; City?: unknown };
  counters?: unknown;
}

/** A `Find` point already checked and mapped, with the fields it was made from. */
interface KnownPoint {
  type: unknown;
  name: unknown;
  x: unknown;
  y: unknown;
  street: unknown;
  zip: unknown;
  city: unknown;
  point: PickupPoint | null;
}

/** Search radii tried in turn until enough points are found. */
const RADII_KM = [6, 20, 60] as const;
const GEOCODE_TTL_MS = 24 * 3600 * 1000;
const GEOCODE_CACHE_SIZE = 5_000;
const POINT_CACHE_SIZE = 20_000;
const KM_PER_DEGREE_LAT = 111.32;

const SWISS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich' });

/** The calendar date in Switzerland, `YYYY-MM-DD`: opening periods are Swiss dates. */
function swissDate(epochMs: number): string {
  return SWISS_DATE.format(epochMs);
}

/** Great-circle distance in metres. */
export function distanceMeters(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}

function checkQuery(query: PointSearchQuery): {
  centre?: { lat: number; lng: number };
  text?: string;
  limit: number;
  kinds: PickupPointKind[];
  lang: PointLanguage;
} {
  const issues = [];
  const byPlace = query.zip !== undefined || query.town !== undefined;
  const byCoordinates = query.lat !== undefined || query.lng !== undefined;
  if (byPlace === byCoordinates || (query.zip !== undefined && query.town !== undefined)) {
    issues.push({
      path: '',
      message: 'give exactly one of zip, town, or lat and lng',
      code: 'invalid_query',
    });
  }
  if (query.zip !== undefined && !/^\d{4}$/.test(query.zip.trim())) {
    issues.push({
      path: 'zip',
      message: 'must be a Swiss postcode of 4 digits',
      code: 'invalid_zip',
    });
  }
  if (query.town !== undefined && (query.town.trim().length < 2 || query.town.length > 50)) {
    issues.push({ path: 'town', message: 'must be 2 to 50 characters', code: 'invalid_town' });
  }
  if (
    byCoordinates &&
    !(
      Number.isFinite(query.lat) &&
      Number.isFinite(query.lng) &&
      Math.abs(query.lat ?? 99) <= 90 &&
      Math.abs(query.lng ?? 999) <= 180
    )
  ) {
    issues.push({
      path: 'lat',
      message: 'lat and lng must both be coordinates',
      code: 'invalid_coordinates',
    });
  }
  const limit = query.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    issues.push({
      path: 'limit',
      message: 'must be a whole number from 1 to 50',
      code: 'invalid_limit',
    });
  }
  const kinds = [...new Set(query.kinds ?? PickupPointKindSchema.options)];
  if (kinds.length === 0 || kinds.some((kind) => !PickupPointKindSchema.options.includes(kind))) {
    issues.push({
      path: 'kinds',
      message: 'must list pickpost and/or mypost24',
      code: 'invalid_kinds',
    });
  }
  const lang = query.lang ?? 'de';
  if (!POINT_LANGUAGES.includes(lang)) {
    issues.push({ path: 'lang', message: 'must be de, fr, it or en', code: 'invalid_lang' });
  }
  if (issues.length > 0) throw new PickPostValidationError('point search', issues);
  return byCoordinates
    ? { centre: { lat: query.lat as number, lng: query.lng as number }, limit, kinds, lang }
    : { text: (query.zip ?? query.town ?? '').trim(), limit, kinds, lang };
}

/**
 * Reads `Find` points into pick-up points. Points change rarely and checkouts ask for the same
 * ones all day: an identical record is checked and mapped once (keyed on every field that goes
 * into the point; the live counter status is left out of the key).
 */
function createFindPointReader(logger: Logger) {
  const knownPoints = new Map<string | number, KnownPoint>();

  function toPoint(
    input: Record<string, unknown> | undefined,
    source: string,
  ): PickupPoint | undefined {
    if (input === undefined) return undefined;
    const parsed = PickupPointSchema.safeParse(input);
    if (parsed.success) return parsed.data;
    // One unusable point (a street too long for a label, say) must not break a checkout.
    logger.warn('skipped a pick-up point Swiss Post listed that cannot be addressed', {
      source,
      id: input.id,
      issues: parsed.error.issues.map(
        (issue) => `${formatIssuePath(issue.path)}: ${issue.message}`,
      ),
    });
    return undefined;
  }

  /**
   * A `Find` point as a pick-up point with its live counter status: the point is checked and
   * mapped once, the status (which changes by the hour) read from every answer.
   */
  function fromFind(poi: unknown, index: number, raw: RawPostResponse): PickupPoint | undefined {
    const point = knownOrMapped(poi, index, raw);
    if (point === undefined) return undefined;
    const status = findCounterStatus((poi as FindFields).counters);
    return status.openUntil === undefined && status.openAgain === undefined
      ? point
      : { ...point, ...status };
  }

  /** A `Find` point as a pick-up point: checked against the documented shape, then mapped. */
  function knownOrMapped(
    poi: unknown,
    index: number,
    raw: RawPostResponse,
  ): PickupPoint | undefined {
    const fields = (typeof poi === 'object' && poi !== null ? poi : {}) as FindFields;
    const info = fields.info ?? {};
    const known =
      typeof fields.id === 'string' || typeof fields.id === 'number'
        ? knownPoints.get(fields.id)
        : undefined;
    // Every field the mapping reads must be unchanged; the live counter status may differ.
    if (
      known !== undefined &&
      known.type === fields.type &&
      known.name === fields.name &&
      known.x === fields.x &&
      known.y === fields.y &&
      known.street === info.Street &&
      known.zip === info.Zip &&
      known.city === info.City
    ) {
      return known.point ?? undefined;
    }
    const parsed = parsePostResponse(FindPoiSchema, { ...raw, body: poi }, `pois[${index}]`);
    const point = toPoint(poiToPointInput(parsed), 'Find');
    if (knownPoints.size >= POINT_CACHE_SIZE)
      knownPoints.delete(knownPoints.keys().next().value as string | number);
    knownPoints.set(fields.id as string | number, {
      type: fields.type,
      name: fields.name,
      x: fields.x,
      y: fields.y,
      street: info.Street,
      zip: info.Zip,
      city: info.City,
      point: point ?? null,
    });
    return point;
  }

  return fromFind;
}

/**
 * The location search client: PickPost counters (T1) and My Post 24 terminals (T6) near a
 * postcode, a town or coordinates, nearest first, through the keyless location service behind
 * places.post.ch [C PLACES]: `Geocode` turns a postcode or town into coordinates (kept for a
 * day: they do not move), `Find` lists the points in a box around them, widened until enough
 * are found, and `Poi` gives one point with its opening hours.
 */
export function createLocationsApi(deps: {
  http: PostHttp;
  baseUrl: string;
  logger: Logger;
  clock: Clock;
}) {
  const geocodeCache = createTtlCache<{ lat: number; lng: number } | undefined>({
    ttlMs: GEOCODE_TTL_MS,
    maxEntries: GEOCODE_CACHE_SIZE,
    clock: deps.clock,
  });
  const fromFind = createFindPointReader(deps.logger);

  async function get(operation: string, searchParams: Record<string, string>) {
    const raw = await deps.http.send({
      service: 'locations',
      baseUrl: deps.baseUrl,
      path: operation,
      method: 'GET',
      searchParams,
      idempotent: true,
    });
    return raw;
  }

  function geocode(text: string, lang: string): Promise<{ lat: number; lng: number } | undefined> {
    return geocodeCache.get(`${lang}:${text.toLowerCase()}`, async () => {
      const raw = await get('Geocode', { query: text, lang, limit: '5' });
      const parsed = parsePostSuccess(GeocodeResponseSchema, raw);
      const city = parsed.locations.find((location) => location.type === 'city');
      return city === undefined ? undefined : { lng: city.pt[0], lat: city.pt[1] };
    });
  }

  return {
    /**
     * Pick-up points near a postcode, town or coordinates, nearest first, each with its
     * distance from the centre of the search.
     *
     * @example
     * const points = await post.locations.search({ zip: '8001', kinds: ['pickpost'], limit: 5 });
     */
    async search(query: PointSearchQuery): Promise<PickupPointSearchHit[]> {
      const { centre: given, text, limit, kinds, lang } = checkQuery(query);
      const centre = given ?? (await geocode(text ?? '', lang));
      if (centre === undefined) return [];
      const tags = kinds.map((kind) => POINT_TYPE_TAGS[kind].query).join(',');
      let hits: PickupPointSearchHit[] = [];
      for (const radiusKm of RADII_KM) {
        const dLat = radiusKm / KM_PER_DEGREE_LAT;
        const dLng = radiusKm / (KM_PER_DEGREE_LAT * Math.cos((centre.lat * Math.PI) / 180));
        const extent = [centre.lng - dLng, centre.lat - dLat, centre.lng + dLng, centre.lat + dLat]
          .map((value) => value.toFixed(5))
          .join(',');
        const raw = await get('Find', {
          extent,
          query: tags,
          clusterdist: '0',
          agglevel: '5',
          lod: '3',
          lang,
          maxpois: '200',
          encoding: 'UTF-8',
        });
        const parsed = parsePostSuccess(FindResponseSchema, raw);
        hits = [];
        parsed.pois.forEach((poi, index) => {
          const point = fromFind(poi, index, raw);
          if (point !== undefined && kinds.includes(point.kind)) {
            hits.push({ ...point, distanceMeters: distanceMeters(centre, point) });
          }
        });
        hits.sort((a, b) => a.distanceMeters - b.distanceMeters || (a.id < b.id ? -1 : 1));
        if (hits.length >= limit) break;
      }
      return hits.slice(0, limit);
    },

    /**
     * One pick-up point with its opening hours, or `undefined` when Swiss Post does not know
     * the id (any more).
     *
     * @example
     * const point = await post.locations.get('8001-T1-0');
     */
    async get(
      id: string,
      options: { lang?: PointLanguage } = {},
    ): Promise<PickupPoint | undefined> {
      if (typeof id !== 'string' || id.trim() === '' || id.length > 64) {
        throw new PickPostValidationError('point', [
          { path: 'id', message: 'must be a point id of 1 to 64 characters', code: 'invalid_id' },
        ]);
      }
      const raw = await get('Poi', { id, lang: options.lang ?? 'de' });
      if (raw.status === 404) return undefined;
      throwIfFailed(raw);
      const input = readPoiXml(typeof raw.body === 'string' ? raw.body : '', {
        today: swissDate(deps.clock.now()),
        lang: options.lang ?? 'de',
      });
      // A document that is no POI leaves no body: the schema check then reports the answer as malformed.
      return parsePostResponse(PickupPointSchema, { ...raw, body: input });
    },
  };
}

/** The client of Swiss Post's location service (`createLocationsApi`): pick-up point search. */
export type LocationsApi = ReturnType<typeof createLocationsApi>;
