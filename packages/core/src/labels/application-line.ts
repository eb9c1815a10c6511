// The bundler inlines the one field; the published package carries package.json as well.
import { version } from '../../package.json';

/** The name the application line prints. */
export const SDK_NAME = 'PickPost SDK';

/** `@pickpost/core`'s version, read from its package.json when the package is built. */
export const SDK_VERSION: string = version;

// Labels are printed in Switzerland: the date is the Swiss one, also for a server on UTC.
const dateParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Zurich',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The last line made and the minute it is for: Swiss days start on a whole minute (the zone
 * has had whole-hour offsets since 1894), so within a minute the line cannot change, and a run
 * of labels formats its date once a minute instead of once a label.
 */
let last: { minute: number; line: string } | undefined;

/**
 * The line the Post prints top left on its labels as `WSBC 2.4.14 / date / system`: here the
 * SDK name and version and the date of printing (ISO, Swiss time), so a label found in the
 * sorting centre says what produced it.
 *
 * @example
 * applicationLine(new Date('2026-12-02T08:00:00Z')); // 'PickPost SDK 0.1.0 / 2026-12-02'
 */
export function applicationLine(printedAt: Date = new Date()): string {
  const minute = Math.floor(printedAt.getTime() / 60_000);
  if (last?.minute === minute) return last.line;
  const parts = Object.fromEntries(
    dateParts.formatToParts(printedAt).map((part) => [part.type, part.value]),
  );
  const line = `${SDK_NAME} ${SDK_VERSION} / ${parts.year}-${parts.month}-${parts.day}`;
  last = { minute, line };
  return line;
}
