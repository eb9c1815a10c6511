const SWISS_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Zurich',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `yyyyMMddHHmmss` in Swiss local time, the clock Swiss Post's systems run on. */
export function swissTimestamp(date: Date): string {
  const parts = Object.fromEntries(
    SWISS_TIME.formatToParts(date).map((part) => [part.type, part.value]),
  );
  return `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}`;
}

/**
 * `<licence>_<yyyyMMddHHmmss>_<sequence>.<extension>`; the sequence comes from a durable
 * counter, zero-padded to 6 digits so names sort in the order files were made.
 *
 * @example
 * dataTransferFileName('60013217', new Date('2026-11-30T03:00:00Z'), 7) // '60013217_20261130040000_000007.xml'
 */
export function dataTransferFileName(
  frankingLicense: string,
  createdAt: Date,
  sequence: number,
  extension = 'xml',
): string {
  return `${frankingLicense}_${swissTimestamp(createdAt)}_${String(sequence).padStart(6, '0')}.${extension}`;
}

/** The SHA-256 sidecar of a file, in `sha256sum` format: `<hex>  <name>\n`. */
export function sidecarContent(fileName: string, sha256: string): string {
  return `${sha256}  ${fileName}\n`;
}

export const sidecarName = (fileName: string) => `${fileName}.sha256`;
export const partName = (fileName: string) => `${fileName}.part`;
