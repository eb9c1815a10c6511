import type { Messages } from './messages';
import type { Lang, OpeningInterval, PickupPoint, Weekday } from './types';

/** The weekdays in the order a week is shown, Monday first. */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The weekday in Switzerland: the points' "today", wherever the shopper's clock is set. */
export function swissWeekday(now: Date = new Date()): Weekday {
  try {
    const day = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'Europe/Zurich' })
      .format(now)
      .toLowerCase();
    if ((WEEKDAYS as readonly string[]).includes(day)) return day as Weekday;
  } catch {
    // A browser without time zone data: the local day is right for nearly every shopper.
  }
  return WEEKDAYS[(now.getDay() + 6) % 7]!;
}

/** `HH:MM` in Switzerland now, the clock the points' hours are in. */
export function swissTime(now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Europe/Zurich',
    }).format(now);
  } catch {
    return now.toTimeString().slice(0, 5);
  }
}

/**
 * "Open until 18:30" or "Opens at 13:30", from today's opening hours when the point has them,
 * else from the search's live counter status; undefined when closed for the rest of the day or
 * unknown. A status the clock has passed (a cached search) is not shown.
 */
export function formatOpenNow(
  point: PickupPoint,
  m: Messages,
  day: Weekday,
  time: string,
): string | undefined {
  const today = point.openingHours?.[day];
  let until = point.openUntil;
  let again = point.openAgain;
  if (point.openingHours) {
    until = today?.find(({ from, to }) => from <= time && time < to)?.to;
    again = today?.find(({ from }) => from > time)?.from;
  }
  // "open 24 hours" is written for the week table's rows; on its own line it starts as
  // "Open until" does.
  const allDay = () => m.allDay[0]!.toUpperCase() + m.allDay.slice(1);
  if (until !== undefined && until > time) return until === '24:00' ? allDay() : m.openUntil(until);
  if (again !== undefined && again > time) return m.opensAt(again);
  return undefined;
}

/** One number format per language: a list formats a distance for every point. */
const kilometres = new Map<Lang, Intl.NumberFormat>();

/** `350 m`, `1.2 km` (`1,2 km` in French). */
export function formatDistance(meters: number, lang: Lang): string {
  const rounded = Math.round(meters / 10) * 10;
  if (rounded < 1000) return `${rounded} m`;
  let format = kilometres.get(lang);
  if (format === undefined) {
    format = new Intl.NumberFormat(`${lang}-CH`, { maximumFractionDigits: 1 });
    kilometres.set(lang, format);
  }
  return `${format.format(meters / 1000)} km`;
}

/** `Bahnhofstrasse 67, 5000 Aarau`. */
export function formatAddress(point: PickupPoint): string {
  return `${`${point.street} ${point.houseNo ?? ''}`.trim()}, ${point.zip} ${point.city}`;
}

function formatIntervals(intervals: OpeningInterval[] | undefined, m: Messages): string {
  if (!intervals?.length) return m.closed;
  if (intervals.length === 1 && intervals[0]?.from === '00:00' && intervals[0].to === '24:00') {
    return m.allDay;
  }
  return intervals.map(({ from, to }) => `${from}–${to}`).join(', ');
}

/** `Today: 07:30–12:00, 13:30–18:00`, `Closed today`, or undefined when the hours are unknown. */
export function formatToday(point: PickupPoint, m: Messages, day: Weekday): string | undefined {
  const hours = point.openingHours;
  if (!hours) return undefined;
  const today = hours[day];
  return today?.length ? `${m.today}: ${formatIntervals(today, m)}` : m.closedToday;
}

/**
 * The week in rows, days with the same hours run together: `[['Mo–Fr', '07:30–18:30'],
 * ['Sa', '08:00–12:00'], ['So', 'geschlossen']]`.
 */
export function formatWeek(point: PickupPoint, m: Messages, lang: Lang): [string, string][] {
  const hours = point.openingHours;
  if (!hours) return [];
  const dayName = new Intl.DateTimeFormat(`${lang}-CH`, { weekday: 'short', timeZone: 'UTC' });
  // 1 January 2024 was a Monday.
  const names = WEEKDAYS.map((_, i) => dayName.format(Date.UTC(2024, 0, 1 + i)));
  const rows: { first: string; last: string; text: string }[] = [];
  WEEKDAYS.forEach((day, i) => {
    const text = formatIntervals(hours[day], m);
    const previous = rows[rows.length - 1];
    if (previous?.text === text) previous.last = names[i]!;
    else rows.push({ first: names[i]!, last: names[i]!, text });
  });
  return rows.map(({ first, last, text }) => [first === last ? first : `${first}–${last}`, text]);
}
