import { OptionsError } from './errors';

/**
 * The shop's time zone (WordPress's `timezone_string`). WooCommerce stores every date twice, as
 * store-local wall time and as GMT, and the REST API shows both (`date_created`,
 * `date_created_gmt`); filters compare against the local column unless `dates_are_gmt` is set.
 * "Wall time" here is a number of milliseconds read as if the local clock were UTC.
 */
export interface StoreZone {
  readonly name: string;
  /** The zone's offset from UTC at an instant, in ms. */
  offsetAt(utcMs: number): number;
  /** The local wall time at an instant. */
  toLocal(utcMs: number): number;
  /**
   * The instant a local wall time names. An ambiguous time (the repeated hour in autumn) is its
   * first occurrence and a time in the spring gap moves forward, as PHP's DateTime does.
   */
  fromLocal(wallMs: number): number;
}

const QUARTER_HOUR = 15 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

/**
 * A store time zone from an IANA name such as `Europe/Zurich`, or `UTC`.
 *
 * @example
 * const zone = createStoreZone('Europe/Zurich');
 * formatWall(zone.toLocal(Date.UTC(2026, 6, 1, 10))); // '2026-07-01T12:00:00'
 */
export function createStoreZone(name: string): StoreZone {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw new OptionsError('timezone', `"${name}" is not an IANA time zone name`);
  }
  // Offsets only change on quarter-hour boundaries, so one Intl call per quarter hour serves
  // every order in it: filtering 100,000 orders by local date stays a map lookup each.
  const cache = new Map<number, number>();
  const offsetAt = (utcMs: number): number => {
    const bucket = Math.floor(utcMs / QUARTER_HOUR);
    const cached = cache.get(bucket);
    if (cached !== undefined) return cached;
    const at = bucket * QUARTER_HOUR;
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(at))) parts[part.type] = Number(part.value);
    const wall = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    const offset = wall - at;
    cache.set(bucket, offset);
    return offset;
  };
  const toLocal = (utcMs: number) => utcMs + offsetAt(utcMs);
  return {
    name,
    offsetAt,
    toLocal,
    fromLocal(wallMs) {
      const before = wallMs - offsetAt(wallMs - DAY);
      const after = wallMs - offsetAt(wallMs + DAY);
      const candidates = [before, after].filter((utc) => toLocal(utc) === wallMs);
      if (candidates.length > 0) return Math.min(...candidates);
      return before;
    },
  };
}

/**
 * A wall time (or a UTC instant) as WordPress writes dates in REST answers: `YYYY-MM-DDTHH:mm:ss`,
 * no zone, no fraction.
 *
 * @example
 * formatWall(Date.UTC(2026, 0, 2, 3, 4, 5)); // '2026-01-02T03:04:05'
 */
export function formatWall(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** A date the REST API accepts, as `rest_parse_date` reads it. */
export type RestDate = { kind: 'wall'; wallMs: number } | { kind: 'instant'; utcMs: number };

// rest_parse_date's pattern (wp-includes/rest-api.php): date, time to the second, an optional
// fraction and an optional zone.
const REST_DATE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|z|[+-]\d{2}(?::\d{2})?)?$/;

/**
 * Parses an ISO 8601 date the way WordPress validates `after`, `before` and `modified_*`:
 * seconds are required, a zone is optional. `undefined` when WordPress would say "Invalid date.".
 *
 * @example
 * parseRestDate('2026-03-01T10:00:00'); // { kind: 'wall', wallMs: Date.UTC(2026, 2, 1, 10) }
 */
export function parseRestDate(text: string): RestDate | undefined {
  const match = REST_DATE.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, zone] = match;
  // strtotime() rolls an impossible day over (February 30 is March 2) but refuses hours past 24,
  // minutes and seconds past 59 and months or days out of range.
  const fields = [mo, d, h, mi, s].map(Number) as [number, number, number, number, number];
  const [month, day, hour, minute, second] = fields;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 59) {
    return undefined;
  }
  const wallMs = Date.UTC(Number(y), month - 1, day, hour, minute, second);
  if (zone === undefined) return { kind: 'wall', wallMs };
  if (zone === 'Z' || zone === 'z') return { kind: 'instant', utcMs: wallMs };
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6) || '0');
  return { kind: 'instant', utcMs: wallMs - sign * offsetMinutes * 60_000 };
}

/**
 * The store-local wall time WordPress's date query compares a filter value with
 * (`WP_Date_Query::build_mysql_datetime`): a value without a zone is taken as it is; a value with
 * a zone is converted to the store's local time, even when the comparison is against the GMT
 * column (`dates_are_gmt=true`), so `…Z` values then miss by the store's offset.
 *
 * @example
 * filterWallTime({ kind: 'instant', utcMs: Date.UTC(2026, 6, 1, 10) }, zurich); // 12:00 wall
 */
export function filterWallTime(date: RestDate, zone: StoreZone): number {
  return date.kind === 'wall' ? date.wallMs : zone.toLocal(date.utcMs);
}

/** A timestamp floored to the second, as MySQL `datetime` columns keep it. */
export const toSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;
