import type { FetchReportsResult, ParcelStatusRecord, PickPost } from '@pickpost/core';
import { humanIdentcode } from '@pickpost/core';
import { formatTable } from '../output/table';
import { withPickPost } from '../shop';

/** Every stored status, a page at a time (the store lists by key). */
async function allStatuses(pickpost: PickPost): Promise<ParcelStatusRecord[]> {
  const all: ParcelStatusRecord[] = [];
  for (;;) {
    const page = await pickpost.datatransfer.listStatuses({
      limit: 500,
      ...(all.length === 0 ? {} : { after: all[all.length - 1]?.identcode }),
    });
    all.push(...page);
    if (page.length < 500) return all;
  }
}

function fetchLines(result: FetchReportsResult): string[] {
  const lines = [
    `fetched from ${result.source}: ${result.stored.length} new report files${result.stored.length > 0 ? ` (${result.stored.join(', ')})` : ''}`,
  ];
  if (result.removed.length > 0)
    lines.push(`deleted at the source after storing: ${result.removed.length}`);
  for (const file of result.files.filter((f) => f.state !== 'applied'))
    lines.push(
      `${file.state}: ${file.fileName}${file.error === undefined ? '' : ` (${file.error})`}`,
    );
  for (const file of result.files)
    for (const skipped of file.skipped)
      lines.push(`skipped in ${file.fileName} at ${skipped.path}: ${skipped.reason}`);
  for (const { identcode, eventNumber, fileName } of result.unmapped)
    lines.push(
      `unmapped event ${eventNumber} for ${humanIdentcode(identcode)} in ${fileName}: add it to dataTransfer.reports.eventStatus`,
    );
  if (result.handlerErrors > 0) lines.push(`${result.handlerErrors} status handlers failed`);
  return lines;
}

/**
 * `pickpost datatransfer reports`: fetches Swiss Post's DataTransfer reports (unless
 * `--no-fetch`), stores them, and prints every parcel's status (a table, or JSON).
 *
 * @example
 * await runDataTransferReports({ config: 'pickpost.json' }, console.log);
 */
export async function runDataTransferReports(
  options: { config: string; 'no-fetch'?: boolean; json?: boolean },
  print: (line: string) => void,
): Promise<number> {
  return withPickPost(options.config, async (pickpost) => {
    const fetched =
      options['no-fetch'] === true ? undefined : await pickpost.datatransfer.fetchReports();
    const statuses = await allStatuses(pickpost);
    if (options.json === true) {
      print(JSON.stringify({ fetched, statuses }, null, 2));
      return 0;
    }
    if (fetched !== undefined) for (const line of fetchLines(fetched)) print(line);
    if (statuses.length === 0) {
      print('no parcel statuses yet');
      return 0;
    }
    const rows = statuses.map((record) => [
      humanIdentcode(record.identcode),
      record.status,
      record.description,
      record.at ?? '',
      record.orderRef === undefined ? '' : `${record.orderRef}/${record.parcelIndex ?? 0}`,
      `${record.report}`,
      record.fileName,
    ]);
    print(
      formatTable(['identcode', 'status', 'event', 'at (UTC)', 'order', 'report', 'file'], rows),
    );
    return 0;
  });
}
