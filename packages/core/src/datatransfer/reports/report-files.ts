import { createHash } from 'node:crypto';
import { PickPostError } from '../../errors/index';
import type { StateStore } from '../../ports/state-store';
import type { ReportNumber } from './report-reader';

/**
 * Report files kept in the StateStore before anything else happens to them: the bytes (base64,
 * so nothing of them is lost whatever their encoding), their SHA-256, and how far processing
 * got. `dt-report:<name>` holds the file; `dt-report-pending:<name>` marks one stored and not
 * yet applied, written in the same atomic group, so a crash after storing is finished by the
 * next fetch from the stored copy, whether or not the Post still has the file.
 */

export const REPORT_FILE_PREFIX = 'dt-report:';
export const REPORT_PENDING_PREFIX = 'dt-report-pending:';

/**
 * Where a fetched report file stands: stored but not yet read, applied, or unreadable (kept, never
 * read again).
 */
export type ReportFileState = 'stored' | 'applied' | 'unreadable';

/**
 * A report file as the store keeps it, so a crash between fetch and apply loses nothing and a file
 * is never applied twice.
 */
export interface StoredReportFile {
  fileName: string;
  /** The name at the source (differs from `fileName` when the Post reused a name for new content). */
  remoteName: string;
  size: number;
  sha256: string;
  storedAt: string;
  state: ReportFileState;
  report?: ReportNumber | undefined;
  parcels?: number | undefined;
  error?: string | undefined;
  contentBase64: string;
}

const fileKey = (name: string) => `${REPORT_FILE_PREFIX}${name}`;
const pendingKey = (name: string) => `${REPORT_PENDING_PREFIX}${name}`;

export async function readReportFile(
  store: StateStore,
  name: string,
): Promise<{ file: StoredReportFile; version: number } | undefined> {
  const stored = await store.get(fileKey(name));
  if (stored === undefined) return undefined;
  return { file: JSON.parse(stored.value) as StoredReportFile, version: stored.version };
}

/**
 * Stores a fetched file durably (file and pending marker in one group). Returns the stored
 * name, or `undefined` when this exact content was stored before. A name seen before with
 * other content is stored beside it as `<name>@<sha256 prefix>`.
 */
export async function storeReportFile(
  store: StateStore,
  remoteName: string,
  bytes: Uint8Array,
  now: number,
): Promise<string | undefined> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const earlier = await readReportFile(store, remoteName);
  if (earlier?.file.sha256 === sha256) return undefined;
  const fileName = earlier === undefined ? remoteName : `${remoteName}@${sha256.slice(0, 16)}`;
  if (earlier !== undefined && (await readReportFile(store, fileName)) !== undefined)
    return undefined;
  const record: StoredReportFile = {
    fileName,
    remoteName,
    size: bytes.byteLength,
    sha256,
    storedAt: new Date(now).toISOString(),
    state: 'stored',
    contentBase64: Buffer.from(bytes).toString('base64'),
  };
  const [written] = await store.writeGroups([
    [
      { op: 'create', key: fileKey(fileName), value: JSON.stringify(record) },
      { op: 'create', key: pendingKey(fileName), value: remoteName },
    ],
  ]);
  // Another fetcher stored it first: it is stored, which is all that matters here.
  return written === true ? fileName : undefined;
}

/** Whether the source's file `remoteName` is stored here with this size (so it may be deleted). */
export async function isStored(store: StateStore, remoteName: string): Promise<boolean> {
  return (await readReportFile(store, remoteName)) !== undefined;
}

/** Names stored and not yet applied, oldest name first. */
export async function pendingReportFiles(store: StateStore): Promise<string[]> {
  const entries = await store.list(REPORT_PENDING_PREFIX);
  return entries.map((entry) => entry.key.slice(REPORT_PENDING_PREFIX.length));
}

/** Drops the pending marker of a file processed before. */
export async function dropPending(store: StateStore, name: string): Promise<void> {
  await store.delete(pendingKey(name));
}

/** Records how a stored file was processed and drops its pending marker. */
export async function finishReportFile(
  store: StateStore,
  name: string,
  outcome: Pick<StoredReportFile, 'state' | 'report' | 'parcels' | 'error'>,
): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const current = await readReportFile(store, name);
    if (current === undefined) break;
    const next = { ...current.file, ...outcome };
    if (
      (await store.compareAndSet(fileKey(name), current.version, JSON.stringify(next))) !==
      undefined
    ) {
      await dropPending(store, name);
      return;
    }
  }
  throw new PickPostError('STORE_FAILED', `Could not record the processing of report ${name}`);
}

/** The stored report files, by name (without their content). */
export async function listReportFiles(
  store: StateStore,
  options: { after?: string; limit?: number } = {},
): Promise<Omit<StoredReportFile, 'contentBase64'>[]> {
  const entries = await store.list(REPORT_FILE_PREFIX, {
    ...(options.after === undefined ? {} : { after: fileKey(options.after) }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
  return entries.map((entry) => {
    const { contentBase64: _content, ...file } = JSON.parse(entry.value) as StoredReportFile;
    return file;
  });
}
