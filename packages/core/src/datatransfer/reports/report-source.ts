import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PickPostError } from '../../errors/index';

/** A report file waiting at the Post (or in a local folder). */
export interface AvailableReport {
  name: string;
  size: number;
}

/**
 * Where DataTransfer reports come from: Swiss Post's SFTP server (its outgoing directory) or a
 * local folder another tool fills. One session per fetch, like the delivery transports.
 */
export interface ReportSource {
  /** For logs and output; never holds a password. */
  readonly description: string;
  /** Opens a session (an SFTP connection, say) for one fetch. */
  open(): Promise<ReportSession>;
}

/**
 * An open connection to a report source, for one fetch: list, read and (when configured) remove
 * report files.
 */
export interface ReportSession {
  /** Files in the reports directory (plain files only; temporary `.part` names left out). */
  list(): Promise<AvailableReport[]>;
  /** A file's whole content. */
  read(name: string): Promise<Uint8Array>;
  /** Called only for a file the fetcher has stored durably, and only when configured. */
  remove(name: string): Promise<void>;
  /** Ends the session; called once per fetch, also after a failure. */
  close(): Promise<void>;
}

/** A name a report source may hand out: one path component, no temporary upload. */
export function isReportName(name: string): boolean {
  return (
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\]/.test(name) &&
    !name.endsWith('.part') &&
    !name.startsWith('.')
  );
}

/**
 * Reports from a local directory (a mounted share, or a folder an SFTP client of the shop's own
 * fills).
 *
 * @example
 * const { files } = await pickpost.datatransfer.fetchReports({ source: directoryReportSource({ dir: '/var/spool/post-out' }) });
 */
export function directoryReportSource(options: { dir: string }): ReportSource {
  const dir = resolve(options.dir);
  const failed = (what: string, cause: unknown) =>
    new PickPostError('DATATRANSFER_FAILED', `Could not ${what} in ${dir}`, { cause });
  const session: ReportSession = {
    async list() {
      try {
        const entries = await readdir(dir, { withFileTypes: true });
        const files = entries.filter((entry) => entry.isFile() && isReportName(entry.name));
        return await Promise.all(
          files.map(async (entry) => ({
            name: entry.name,
            size: (await stat(join(dir, entry.name))).size,
          })),
        );
      } catch (error) {
        throw failed('list reports', error);
      }
    },
    async read(name) {
      if (!isReportName(name)) throw failed(`read ${JSON.stringify(name)}`, undefined);
      return readFile(join(dir, name)).catch((error: unknown) => {
        throw failed(`read ${name}`, error);
      });
    },
    async remove(name) {
      if (!isReportName(name)) throw failed(`remove ${JSON.stringify(name)}`, undefined);
      // Already gone (another instance removed it after storing it too): nothing to do.
      await rm(join(dir, name), { force: true }).catch((error: unknown) => {
        throw failed(`remove ${name}`, error);
      });
    },
    async close() {},
  };
  return { description: dir, open: async () => session };
}
