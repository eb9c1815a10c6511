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
 * The line the Post prints top left on its labels as `WSBC 2.4.14 / date / system`: here the
 * SDK name and version and the date of printing (ISO, Swiss time), so a label found in the
 * sorting centre says what produced it.
 *
 * @example
 * applicationLine(new Date('2026-12-02T08:00:00Z')); // 'PickPost SDK 0.1.0 / 2026-12-02'
 */
export function applicationLine(printedAt: Date = new Date()): string {
  const parts = Object.fromEntries(
    dateParts.formatToParts(printedAt).map((part) => [part.type, part.value]),
  );
  return `${SDK_NAME} ${SDK_VERSION} / ${parts.year}-${parts.month}-${parts.day}`;
}
