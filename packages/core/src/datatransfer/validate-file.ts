import { execFile } from 'node:child_process';
import { PickPostError } from '../errors/index';

/** The outcome of checking a shipment data file against Swiss Post's XSD. */
export interface ShipmentDataFileValidation {
  valid: boolean;
  /** What xmllint reported, one line per problem (file:line: element: message). */
  errors: string[];
}

/**
 * Validates a shipment data file against an XSD the caller supplies — Swiss Post's official
 * DataTransfer XSD, which is published separately, or `PICKPOST_DATATRANSFER_XSD` for this
 * SDK's own format — with `xmllint` (libxml2). Throws a clear error when xmllint is not
 * installed rather than pretending the file is fine.
 *
 * @example
 * const { valid, errors } = await validateShipmentDataFile('out/60013217_20261130040000_000001.xml', { xsd: 'datatransfer.xsd' });
 */
export function validateShipmentDataFile(
  path: string,
  options: { xsd: string; xmllintPath?: string },
): Promise<ShipmentDataFileValidation> {
  const binary = options.xmllintPath ?? 'xmllint';
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      ['--noout', '--nonet', '--schema', options.xsd, path],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        const failure = error as (NodeJS.ErrnoException & { code?: string | number }) | null;
        if (failure?.code === 'ENOENT') {
          reject(
            new PickPostError(
              'DATATRANSFER_FAILED',
              `xmllint was not found (${binary}): install libxml2's tools (Debian and Ubuntu: apt-get install libxml2-utils; macOS: it ships with the system) or validate with another XSD validator`,
            ),
          );
          return;
        }
        const lines = stderr
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '' && !/ validates$/.test(line));
        if (failure !== null && lines.length === 0) {
          reject(
            new PickPostError('DATATRANSFER_FAILED', `xmllint could not check ${path}`, {
              cause: failure,
            }),
          );
          return;
        }
        const errors = lines.filter((line) => !/ fails to validate$/.test(line));
        resolve({ valid: failure === null, errors });
      },
    );
  });
}
