import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { escapeXml } from '@pickpost/core/datatransfer';
import type { DataTransferFileRecord, DataTransferMessage } from '../state';

/** The namespace of the simulator's processing report (our format; Swiss Post's is not public). */
export const REPORT_NAMESPACE = 'urn:pickpost-sdk:mock-post:datatransfer-report:1';

function errorElement(error: DataTransferMessage, indent: string): string {
  const field = error.field === undefined ? '' : ` field="${escapeXml(error.field)}"`;
  return `${indent}<Error code="${escapeXml(error.code)}"${field}>${escapeXml(error.message)}</Error>\n`;
}

function* reportLines(record: DataTransferFileRecord): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<ProcessingReport xmlns="${REPORT_NAMESPACE}">\n`;
  yield `  <FileName>${escapeXml(record.fileName)}</FileName>\n`;
  yield `  <Account>${escapeXml(record.account)}</Account>\n`;
  yield `  <ReceivedAt>${new Date(record.receivedAt).toISOString()}</ReceivedAt>\n`;
  yield `  <Status>${record.status === 'processed' ? 'PROCESSED' : 'REJECTED'}</Status>\n`;
  if (record.frankingLicense !== undefined)
    yield `  <FrankingLicense>${escapeXml(record.frankingLicense)}</FrankingLicense>\n`;
  yield `  <ItemCount>${record.itemCount}</ItemCount>\n`;
  yield `  <Accepted>${record.accepted}</Accepted>\n`;
  yield `  <Rejected>${record.rejected.length}</Rejected>\n`;
  if (record.fileErrors.length > 0) {
    yield '  <FileErrors>\n';
    for (const error of record.fileErrors) yield errorElement(error, '    ');
    yield '  </FileErrors>\n';
  }
  if (record.rejected.length > 0) {
    yield '  <RejectedItems>\n';
    for (const item of record.rejected) {
      yield `    <Item index="${item.index}">\n`;
      if (item.itemId !== undefined) yield `      <ItemID>${escapeXml(item.itemId)}</ItemID>\n`;
      if (item.identcode !== undefined)
        yield `      <IdentCode>${escapeXml(item.identcode)}</IdentCode>\n`;
      for (const error of item.errors) yield errorElement(error, '      ');
      yield '    </Item>\n';
    }
    yield '  </RejectedItems>\n';
  }
  yield '</ProcessingReport>\n';
}

/**
 * Writes the processing report of an ingested file (format in the package README), streamed so
 * a report on 100,000 rejected items is never one string, under a temporary `.part` name first
 * so a client polling for the report never reads half of it.
 *
 * @example
 * await writeProcessingReport('/srv/shop/60013217_20261130040000_000001.xml.report.xml', record);
 */
export async function writeProcessingReport(
  path: string,
  record: DataTransferFileRecord,
): Promise<void> {
  const temporary = `${path}.part`;
  const out = createWriteStream(temporary, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  // Keeps a rejection of `failed` that nobody awaits (the write went well) from being unhandled.
  failed.catch(() => {});
  for (const line of reportLines(record)) {
    if (!out.write(line)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  await rename(temporary, path);
}
