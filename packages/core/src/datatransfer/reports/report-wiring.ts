import { join } from 'node:path';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { StateStore } from '../../ports/state-store';
import type { IntegrationConfig } from '../../schemas/integration-config';
import { sftpLoginOf } from '../sftp-connect';
import type { ReportFetcherOptions } from './fetch-reports';
import type { ReportSource } from './report-source';
import { directoryReportSource } from './report-source';
import { sftpReportSource } from './sftp-report-source';

/**
 * The report source a configuration names: the reports directory beside the delivery
 * transport, with the same login and pinned host key. `undefined` without
 * `dataTransfer.reports`.
 *
 * @example
 * const source = dataTransferReportSource(config);
 */
export function dataTransferReportSource(config: IntegrationConfig): ReportSource | undefined {
  const transport = config.dataTransfer?.transport;
  const reports = config.dataTransfer?.reports;
  if (transport === undefined || reports === undefined) return undefined;
  if (transport.type === 'directory')
    return directoryReportSource({ dir: reports.dir ?? join(transport.dir, 'reports') });
  return sftpReportSource({
    ...sftpLoginOf(transport),
    port: transport.port,
    reportsDir: reports.dir ?? '/out',
    hostKeySha256: transport.hostKeySha256,
    timeoutMs: transport.timeoutMs,
  });
}

/** The fetcher settings of a configuration (its reports section, or the defaults). */
export function reportFetcherOptions(
  config: IntegrationConfig,
  deps: { store: StateStore; clock: Clock; logger: Logger; source?: ReportSource | undefined },
): ReportFetcherOptions {
  const reports = config.dataTransfer?.reports;
  return {
    ...deps,
    source: deps.source ?? dataTransferReportSource(config),
    ...(reports === undefined
      ? {}
      : {
          eventStatus: reports.eventStatus,
          ...(reports.listingStatus === undefined ? {} : { listingStatus: reports.listingStatus }),
          reader: {
            timeZone: reports.timeZone,
            ...(reports.fields === undefined ? {} : { fields: reports.fields }),
            ...(reports.defaultReport === undefined
              ? {}
              : { defaultReport: reports.defaultReport }),
          },
          fileNamePattern: new RegExp(reports.fileNamePattern, 'i'),
          afterStore: reports.afterStore,
          maxFileBytes: reports.maxFileBytes,
        }),
  };
}
