import type { SftpEndpointOptions } from '../sftp-connect';
import { sftpEndpoint } from '../sftp-connect';
import { joinRemote } from '../sftp-transport';
import type { ReportSource } from './report-source';
import { isReportName } from './report-source';

/**
 * Where and how the SFTP report source logs in: the DataTransfer login, the port and the reports
 * directory.
 */
export interface SftpReportSourceOptions extends SftpEndpointOptions {
  /**
   * The directory Swiss Post puts reports in. Which one is assigned at registration [G: not
   * documented here]; the default `/out` is the simulator's and only a guess.
   */
  reportsDir?: string;
}

/**
 * Reports from Swiss Post's SFTP server (File Delivery Services): the same login and pinned host
 * key as the delivery transport, reading from the reports directory. It only lists, reads and —
 * when the fetcher says a file is stored and the shop chose `afterStore: 'delete'` — removes.
 *
 * @example
 * const source = sftpReportSource({ host, username: 'shop', privateKey, hostKeySha256, reportsDir: '/out' });
 */
export function sftpReportSource(options: SftpReportSourceOptions): ReportSource {
  const reportsDir = options.reportsDir ?? '/out';
  const { description, failed, connect } = sftpEndpoint(options, reportsDir);
  const path = (name: string) => {
    if (!isReportName(name)) throw failed(`access to ${JSON.stringify(name)}`);
    return joinRemote(reportsDir, name);
  };
  return {
    description,
    async open() {
      const client = await connect();
      return {
        async list() {
          try {
            const entries = await client.list(reportsDir);
            return entries
              .filter((entry) => entry.type === '-' && isReportName(entry.name))
              .map((entry) => ({ name: entry.name, size: entry.size }));
          } catch (error) {
            throw failed('listing of reports', error);
          }
        },
        async read(name) {
          try {
            const data = await client.get(path(name));
            if (!Buffer.isBuffer(data)) throw new Error('no buffer returned');
            return new Uint8Array(data);
          } catch (error) {
            throw failed(`download of ${name}`, error);
          }
        },
        async remove(name) {
          // `true`: a file already gone (another instance removed it) is not an error.
          await client.delete(path(name), true).catch((error: unknown) => {
            throw failed(`removal of ${name}`, error);
          });
        },
        async close() {
          await client.end().catch(() => undefined);
        },
      };
    },
  };
}
