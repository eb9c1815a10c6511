import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PickPostError } from '../errors/index';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { StateStore } from '../ports/state-store';
import type { Sender } from '../schemas/sender';
import type { DataTransferFileRules } from './file-options';
import type { ShipmentDataFormat } from './format';
import type { DataTransferItem } from './item';
import type { FlushReport } from './outbox';
import type { TransportSession } from './transport';
import type { WrittenFile } from './writer';
import { writeShipmentDataFile } from './writer';

/**
 * The steps of a DataTransfer flush: files written from claimed shipments, journalled before
 * they are sent, finished after a crash, never sent twice (see `createDataTransferOutbox`).
 */

/** What the steps of a flush share: the outbox's settings. */
export interface OutboxContext {
  store: StateStore;
  frankingLicense: string;
  sender: Sender;
  format: ShipmentDataFormat;
  /** File name and sidecar, from the file settings. */
  files: Pick<DataTransferFileRules, 'fileName' | 'sidecar'>;
  leaseMs: number;
  pageSize: number;
  clock: Clock;
  logger: Logger;
  workRoot: string;
  /** Store keys of file journals: this prefix and the file name. */
  journalPrefix: string;
}

/** What a flush writes down about a file before sending it, so a crash can be finished. */
export interface FileJournal {
  state: 'uploading' | 'uploaded';
  fileName: string;
  itemCount: number;
  sha256: string;
  size: number;
  claims: Array<{ token: string; ids: string[] }>;
}

/** A file written locally from claimed shipments, not yet sent. */
export interface WrittenOutboxFile {
  fileName: string;
  localPath: string;
  written: WrittenFile;
  claims: FileJournal['claims'];
}

const STALE_WORK_DIR_MS = 24 * 3600 * 1000;

function readItem(ctx: OutboxContext, id: string, payload: string): DataTransferItem {
  const { frankingLicense } = ctx;
  let parsed: { frankingLicense?: unknown; item?: unknown };
  try {
    parsed = JSON.parse(payload) as typeof parsed;
  } catch (error) {
    throw new PickPostError('STORE_FAILED', `Outbox entry ${id} is not readable`, {
      cause: error,
    });
  }
  if (parsed.frankingLicense !== frankingLicense) {
    throw new PickPostError(
      'DATATRANSFER_FAILED',
      `Outbox entry ${id} belongs to licence ${String(parsed.frankingLicense)}, not ${frankingLicense}: use one store per licence`,
    );
  }
  // Every record was checked against DataTransferItemSchema when it was queued.
  return parsed.item as DataTransferItem;
}

async function releaseAll(store: StateStore, claims: FileJournal['claims']): Promise<void> {
  for (const claim of claims) await store.outbox.release(claim.token, claim.ids).catch(() => 0);
}

async function markAll(
  store: StateStore,
  claims: FileJournal['claims'],
  fileName: string,
): Promise<number> {
  let marked = 0;
  for (const claim of claims)
    marked += await store.outbox.markDelivered(claim.token, claim.ids, fileName);
  return marked;
}

/**
 * Renames the file into place unless that happened already (by us before a crash, or by another
 * flush), then places its sidecar unless that is there: the data file first, the sidecar last,
 * so no sidecar ever stands without its file.
 */
async function commitOnce(
  ctx: OutboxContext,
  session: TransportSession,
  journal: FileJournal,
): Promise<void> {
  if (await session.hasPart(journal.fileName)) {
    try {
      await session.commit(journal.fileName);
    } catch (error) {
      if (await session.hasPart(journal.fileName)) throw error;
    }
  }
  const { sidecar } = ctx.files;
  if (sidecar === undefined) return;
  const name = sidecar.name(journal.fileName);
  if (!(await session.hasSidecar(journal.fileName, name))) {
    await session.putSidecar(journal.fileName, sidecar.content(journal), name);
  }
}

async function journals(
  ctx: OutboxContext,
): Promise<Array<{ key: string; version: number; journal: FileJournal }>> {
  const entries = await ctx.store.list(ctx.journalPrefix);
  return entries.map((entry) => ({
    key: entry.key,
    version: entry.version,
    journal: JSON.parse(entry.value) as FileJournal,
  }));
}

/** Finishes what interrupted flushes left: partial uploads removed, verified uploads completed. */
export async function recover(
  ctx: OutboxContext,
  session: TransportSession,
  report: FlushReport,
): Promise<void> {
  const { store, logger } = ctx;
  for (const { key, version, journal } of await journals(ctx)) {
    if (journal.state === 'uploading') {
      await session.removePart(journal.fileName);
      await releaseAll(store, journal.claims);
      await store.delete(key, version);
      logger.warn('removed a partial DataTransfer upload of an interrupted flush', {
        fileName: journal.fileName,
      });
      continue;
    }
    await commitOnce(ctx, session, journal);
    report.delivered += await markAll(store, journal.claims, journal.fileName);
    await store.delete(key, version);
    report.recovered.push({ fileName: journal.fileName, itemCount: journal.itemCount });
    logger.info('finished a DataTransfer file an interrupted flush had uploaded', {
      fileName: journal.fileName,
    });
  }
}

export async function cleanStaleWorkDirs(ctx: OutboxContext): Promise<void> {
  const { workRoot, clock } = ctx;
  const names = await readdir(workRoot).catch(() => [] as string[]);
  for (const name of names.filter((candidate) => candidate.startsWith('pickpost-dt-'))) {
    const path = join(workRoot, name);
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && clock.now() - info.mtimeMs > STALE_WORK_DIR_MS)
      await rm(path, { recursive: true, force: true });
  }
}

/**
 * Claims up to `maxPerFile` shipments page by page and streams them into a new file. Shipments
 * that belong to a file another (crashed) flush already uploaded are not written again: they
 * are marked delivered with that file once it is finished.
 */
export async function writeNextFile(
  ctx: OutboxContext,
  session: TransportSession,
  workDir: string,
  maxPerFile: number,
  report: FlushReport,
): Promise<WrittenOutboxFile | undefined> {
  const { store, frankingLicense, format, clock, sender } = ctx;
  const uploaded = new Map<string, FileJournal>();
  for (const { journal } of await journals(ctx)) {
    if (journal.state === 'uploaded')
      for (const claim of journal.claims) for (const id of claim.ids) uploaded.set(id, journal);
  }
  const sequence = await store.increment(`datatransfer:${frankingLicense}:file-sequence`);
  const createdAt = new Date(clock.now());
  const fileName = ctx.files.fileName({
    frankingLicense,
    createdAt,
    sequence,
    extension: format.extension,
  });
  const claims: FileJournal['claims'] = [];
  const late: Array<{ token: string; id: string; journal: FileJournal }> = [];

  async function* items(): AsyncGenerator<DataTransferItem> {
    let remaining = maxPerFile;
    while (remaining > 0) {
      const requested = Math.min(ctx.pageSize, remaining);
      const claim = await store.outbox.claim({ limit: requested, leaseMs: ctx.leaseMs });
      if (claim.items.length === 0) return;
      const ids: string[] = [];
      claims.push({ token: claim.token, ids });
      for (const entry of claim.items) {
        const earlier = uploaded.get(entry.id);
        if (earlier !== undefined) {
          late.push({ token: claim.token, id: entry.id, journal: earlier });
          continue;
        }
        const item = readItem(ctx, entry.id, entry.payload);
        ids.push(entry.id);
        remaining -= 1;
        yield item;
      }
      if (claim.items.length < requested) return;
    }
  }

  const localPath = join(workDir, fileName);
  let written: WrittenFile;
  try {
    written = await writeShipmentDataFile({
      path: localPath,
      format,
      info: { frankingLicense, fileName, createdAt, sender },
      items: items(),
    });
  } catch (error) {
    await releaseAll(store, claims);
    throw error;
  }
  for (const { token, id, journal } of late) {
    await commitOnce(ctx, session, journal);
    report.delivered += await store.outbox.markDelivered(token, [id], journal.fileName);
  }
  if (written.itemCount === 0) {
    await rm(localPath, { force: true });
    return undefined;
  }
  return { fileName, localPath, written, claims };
}

export async function deliver(
  ctx: OutboxContext,
  session: TransportSession,
  file: WrittenOutboxFile,
  report: FlushReport,
): Promise<void> {
  const { store, logger } = ctx;
  const { fileName, written, claims } = file;
  const key = `${ctx.journalPrefix}${fileName}`;
  const journal: FileJournal = {
    state: 'uploading',
    fileName,
    itemCount: written.itemCount,
    sha256: written.sha256,
    size: written.size,
    claims,
  };
  const created = await store.putIfAbsent(key, JSON.stringify(journal));
  try {
    await session.putPart(file.localPath, fileName, {
      size: written.size,
      sha256: written.sha256,
    });
  } catch (error) {
    // Nothing is visible to the Post yet: undo and give the shipments back at once.
    await session.removePart(fileName).catch(() => undefined);
    await store.delete(key, created.version).catch(() => false);
    await releaseAll(store, claims);
    throw error;
  }
  const uploadedVersion = await store.compareAndSet(
    key,
    created.version,
    JSON.stringify({ ...journal, state: 'uploaded' }),
  );
  if (uploadedVersion === undefined) {
    throw new PickPostError('STORE_FAILED', `The journal of ${fileName} changed under this flush`);
  }
  // From here on the file is only ever finished: a failure leaves the journal for recovery.
  await commitOnce(ctx, session, journal);
  report.delivered += await markAll(store, claims, fileName);
  await store.delete(key, uploadedVersion);
  report.files.push({
    fileName,
    itemCount: written.itemCount,
    sha256: written.sha256,
    size: written.size,
  });
  logger.info('delivered a DataTransfer file', { fileName, itemCount: written.itemCount });
}
