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

/** What a file name is made of. */
export interface FileNameParts {
  frankingLicense: string;
  createdAt: Date;
  sequence: number;
  extension: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Turns a checked `fileNamePattern` (see `DataTransferFileSchema`) into a function, once per
 * configuration, so naming a file does not re-read the pattern.
 *
 * @example
 * compileFileNamePattern('PP_{licence}_{date}_{sequence:4}.{extension}')(parts) // 'PP_60013217_20261130_0007.xml'
 */
export function compileFileNamePattern(pattern: string): (parts: FileNameParts) => string {
  const pieces: Array<string | ((parts: FileNameParts, stamp: string) => string)> = [];
  let last = 0;
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    pieces.push(pattern.slice(last, match.index));
    last = match.index + match[0].length;
    const [name = '', width = '6'] = (match[1] ?? '').split(':');
    if (name === 'licence') pieces.push((parts) => parts.frankingLicense);
    else if (name === 'timestamp') pieces.push((_parts, stamp) => stamp);
    else if (name === 'date') pieces.push((_parts, stamp) => stamp.slice(0, 8));
    else if (name === 'time') pieces.push((_parts, stamp) => stamp.slice(8));
    else if (name === 'extension') pieces.push((parts) => parts.extension);
    else if (name === 'sequence')
      pieces.push((parts) => String(parts.sequence).padStart(Number(width), '0'));
    else throw new Error(`unknown placeholder {${match[1]}} in ${pattern}`);
  }
  pieces.push(pattern.slice(last));
  return (parts) => {
    const stamp = swissTimestamp(parts.createdAt);
    return pieces
      .map((piece) => (typeof piece === 'string' ? piece : piece(parts, stamp)))
      .join('');
  };
}

/**
 * A regular expression matching the names a `fileNamePattern` makes, for checking that Swiss
 * Post's sample file names follow the configured pattern. `{extension}` matches any extension.
 *
 * @example
 * fileNamePatternRegex('{licence}_{sequence}.xml').test('60013217_000001.xml') // true
 */
export function fileNamePatternRegex(pattern: string): RegExp {
  const widths: Record<string, string> = {
    licence: '[A-Za-z0-9]{4,8}',
    timestamp: '\\d{14}',
    date: '\\d{8}',
    time: '\\d{6}',
    extension: '[A-Za-z0-9]+',
  };
  let source = '';
  let last = 0;
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    source += pattern.slice(last, match.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    last = match.index + match[0].length;
    const [name = '', width] = (match[1] ?? '').split(':');
    source += name === 'sequence' ? `\\d{${width ?? '6'},}` : (widths[name] ?? '');
  }
  source += pattern.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${source}$`);
}

/** What a sidecar's content may name: the data file as written. */
export interface SidecarFacts {
  fileName: string;
  sha256: string;
  itemCount: number;
  size: number;
}

/** Fills a sidecar `content` template (placeholders `{sha256}`, `{fileName}`, `{itemCount}`, `{size}`). */
export function fillSidecar(template: string, facts: SidecarFacts): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    name in facts ? String(facts[name as keyof SidecarFacts]) : whole,
  );
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
