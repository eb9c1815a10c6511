/**
 * Event times in reports. Whether Swiss Post writes them with an offset is not documented here
 * (Appendix 3 field tables not read) [G]: a time with an offset or `Z` is taken as written; one
 * without is read as Swiss local time (Europe/Zurich by default, `timeZone` to change), since the
 * events happen in Swiss sorting centres and pick-up points.
 */

const DATE_FORMS: readonly RegExp[] = [
  /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})$/,
  /^(?<d>\d{2})\.(?<m>\d{2})\.(?<y>\d{4})$/,
  /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
];
const TIME_FORM = /^(?<h>\d{2}):?(?<min>\d{2})(?::?(?<s>\d{2}))?(?:\.\d+)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

const TWO_DIGITS = Object.fromEntries(
  ['month', 'day', 'hour', 'minute', 'second'].map((part) => [part, '2-digit']),
) as Intl.DateTimeFormatOptions;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone is ahead of UTC at `instant`. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      ...TWO_DIGITS,
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function localToInstant(fields: number[], timeZone: string): number {
  const [y = 0, m = 1, d = 1, h = 0, min = 0, s = 0] = fields;
  const wall = Date.UTC(y, m - 1, d, h, min, s);
  // Twice: the first guess may sit on the other side of a daylight-saving change.
  const first = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(first, timeZone);
}

/**
 * An event's instant as ISO 8601 UTC, from one date-time value or a date and a time, or
 * `undefined` when none of the accepted forms matches.
 *
 * @example
 * eventInstant({ date: '03.12.2026', time: '08:15' }); // '2026-12-03T07:15:00.000Z'
 */
export function eventInstant(
  value: { dateTime?: string | undefined; date?: string | undefined; time?: string | undefined },
  timeZone = 'Europe/Zurich',
): string | undefined {
  const dateTime = value.dateTime?.trim();
  if (dateTime !== undefined && dateTime !== '') {
    if (HAS_OFFSET.test(dateTime)) {
      const instant = Date.parse(dateTime);
      return Number.isNaN(instant) ? undefined : new Date(instant).toISOString();
    }
    const [date, time] = dateTime.split(/[T ]/);
    return eventInstant({ date, time }, timeZone);
  }
  const date = value.date?.trim();
  if (date === undefined || date === '') return undefined;
  const dateMatch = DATE_FORMS.map((form) => form.exec(date)).find((match) => match !== null);
  if (dateMatch?.groups === undefined) return undefined;
  const time = value.time?.trim() ?? '';
  const timeMatch = time === '' ? undefined : TIME_FORM.exec(time);
  if (time !== '' && timeMatch?.groups === undefined) return undefined;
  const { y, m, d } = dateMatch.groups;
  const fields = [y, m, d, timeMatch?.groups?.h, timeMatch?.groups?.min, timeMatch?.groups?.s].map(
    (part) => Number(part ?? 0),
  );
  const instant = localToInstant(fields, timeZone);
  return Number.isNaN(instant) ? undefined : new Date(instant).toISOString();
}
