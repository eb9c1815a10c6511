import { ConfigError, PickPostError } from '../errors/index';
import type { Clock } from '../ports/clock';
import type { StateStore, StoredEntry } from '../ports/state-store';

/**
 * The issue log behind `createItemNumberAllocator`: a store counter, one log entry per reserved
 * block, a seal that orders reservations against reuse checks, and the check of earlier laps.
 * Every function works on one {@link IssueLogContext}; see the allocator for the design.
 */

/** Counter values reach beyond 8 digits after a few laps; 16 digits keep keys in number order. */
const COUNTER_DIGITS = 16;
const PAGE = 100;
/** Expired log entries removed per reservation, more than the one each reservation adds. */
const PRUNE_PER_RESERVATION = 8;
/** Reservations thrown away in a row (see `reserveBlock`) before giving up. */
const MAX_DISCARDED_RESERVATIONS = 8;

/** One reserved block in the issue log: counter values `start`–`end`, handed out before `useBy`. */
interface IssueRecord {
  start: number;
  end: number;
  useBy: number;
}

/** The free numbers of one reserved block, handed out in order from `next` until `useBy`. */
export interface PooledBlock {
  numbers: number[];
  next: number;
  useBy: number;
}

/** An allocator's settings and store keys. */
export interface IssueLogContext {
  store: StateStore;
  clock: Clock;
  frankingLicense: string;
  from: number;
  to: number;
  /** `to - from + 1`: counter value `c` stands for item number `from + (c - 1) mod size`. */
  size: number;
  reuseAfterDays: number;
  windowMs: number;
  blockLifetimeMs: number;
  keys: {
    counter: string;
    settings: string;
    seal: string;
    logPrefix: string;
    claimPrefix: string;
  };
  /** The error for a range with no free number, free again from `freeFrom`. */
  exhausted(freeFrom?: number): Error;
}

/** The store keys of a licence's counter, settings, seal and log. */
export function issueLogKeys(frankingLicense: string): IssueLogContext['keys'] {
  const base = `pickpost:item-numbers:${frankingLicense}:`;
  return {
    counter: `${base}counter`,
    settings: `${base}settings`,
    seal: `${base}sealed`,
    logPrefix: `${base}log:`,
    claimPrefix: `${base}own:`,
  };
}

const logKey = (ctx: IssueLogContext, counter: number) =>
  `${ctx.keys.logPrefix}${String(counter).padStart(COUNTER_DIGITS, '0')}`;

const isExpired = (ctx: IssueLogContext, record: IssueRecord, now: number) =>
  now >= record.useBy + ctx.windowMs;

function unreadable(key: string, cause?: unknown): PickPostError {
  return new PickPostError('STORE_FAILED', `The allocator record ${key} is unreadable`, { cause });
}

function parseRecord(entry: StoredEntry): IssueRecord {
  try {
    const record = JSON.parse(entry.value) as Partial<IssueRecord>;
    if (
      Number.isSafeInteger(record.start) &&
      Number.isSafeInteger(record.end) &&
      Number.isFinite(record.useBy)
    ) {
      return record as IssueRecord;
    }
  } catch (error) {
    throw unreadable(entry.key, error);
  }
  throw unreadable(entry.key);
}

// The counter maps to numbers through the range, so a second range for the same counter would
// issue numbers that the first range's log does not cover; and a shorter window in one
// process would prune log entries that a longer one in another still relies on.
export async function checkSettings(ctx: IssueLogContext): Promise<void> {
  const { from, to, reuseAfterDays, frankingLicense } = ctx;
  const wanted = JSON.stringify({ from, to, reuseAfterDays });
  const stored = await ctx.store.putIfAbsent(ctx.keys.settings, wanted);
  if (stored.value !== wanted) {
    throw new ConfigError([
      {
        path: 'range',
        message: `and reuseAfterDays must stay ${stored.value} for licence ${frankingLicense} in this store`,
        code: 'settings_changed',
      },
    ]);
  }
}

export async function readSeal(
  ctx: IssueLogContext,
): Promise<{ value: number; version: number } | undefined> {
  const found = await ctx.store.get(ctx.keys.seal);
  if (found === undefined) return undefined;
  const value = Number(found.value);
  if (!Number.isSafeInteger(value)) throw unreadable(ctx.keys.seal);
  return { value, version: found.version };
}

/**
 * Publishes "the log up to counter `value` is being trusted". A reserver that finds the seal
 * at or past its block after writing its log entry discards the block: a checker may have
 * read the log before the entry arrived. Write-then-read on both sides means one of the two
 * always sees the other.
 */
async function raiseSeal(ctx: IssueLogContext, value: number): Promise<void> {
  const { store } = ctx;
  for (;;) {
    const found = await readSeal(ctx);
    if (found === undefined) {
      if ((await store.putIfAbsent(ctx.keys.seal, String(value))).created) return;
      continue;
    }
    if (found.value >= value) return;
    if ((await store.compareAndSet(ctx.keys.seal, found.version, String(value))) !== undefined)
      return;
  }
}

/** Deletes expired entries from the head of the log; returns the first live entry's start. */
export async function pruneHead(
  ctx: IssueLogContext,
  now: number,
  { limit, pages }: { limit: number; pages: number },
): Promise<number | undefined> {
  let after: string | undefined;
  for (let page = 0; page < pages; page += 1) {
    const entries = await ctx.store.list(ctx.keys.logPrefix, { after, limit });
    for (const entry of entries) {
      const record = parseRecord(entry);
      if (!isExpired(ctx, record, now)) return record.start;
      await ctx.store.delete(entry.key, entry.version);
    }
    if (entries.length < limit) return undefined;
    after = entries[entries.length - 1]?.key;
  }
  return undefined;
}

/**
 * Which counter values of `[start, end]` stand for numbers still inside their window from an
 * earlier lap, and when the first of them becomes free.
 */
export async function checkEarlierLaps(
  ctx: IssueLogContext,
  start: number,
  end: number,
  now: number,
): Promise<{ blocked: boolean[]; freeFrom: number | undefined }> {
  const { size, windowMs } = ctx;
  const blocked = new Array<boolean>(end - start + 1).fill(false);
  let freeFrom: number | undefined;
  await raiseSeal(ctx, end - size);
  const oldest = await pruneHead(ctx, now, { limit: PAGE, pages: Number.POSITIVE_INFINITY });
  if (oldest === undefined) return { blocked, freeFrom };
  for (let lap = 1; end - lap * size >= Math.max(1, oldest); lap += 1) {
    const low = Math.max(1, start - lap * size);
    const high = end - lap * size;
    // Log keys are block ends, so the first entry after `low - 1` is the one covering `low`.
    let after = logKey(ctx, low - 1);
    scan: for (;;) {
      const entries = await ctx.store.list(ctx.keys.logPrefix, { after, limit: PAGE });
      for (const entry of entries) {
        const record = parseRecord(entry);
        if (record.start > high) break scan;
        if (isExpired(ctx, record, now)) continue;
        freeFrom = Math.min(freeFrom ?? Number.POSITIVE_INFINITY, record.useBy + windowMs);
        const first = Math.max(low, record.start) + lap * size - start;
        const last = Math.min(high, record.end) + lap * size - start;
        for (let index = first; index <= last; index += 1) blocked[index] = true;
      }
      if (entries.length < PAGE) break;
      after = entries[entries.length - 1]?.key ?? after;
    }
  }
  return { blocked, freeFrom };
}

/**
 * Reserves a block of `count` counter values and returns the numbers of it that are free, with
 * the time until which they may be handed out. The block is logged before it is returned.
 */
export async function reserveBlock(ctx: IssueLogContext, count: number): Promise<PooledBlock> {
  const { store, clock, size } = ctx;
  // Counter values passed over because the shop's own system had claimed all their numbers.
  let passedOver = 0;
  for (let attempt = 0; attempt < MAX_DISCARDED_RESERVATIONS; attempt += 1) {
    const end = await store.increment(ctx.keys.counter, count);
    const start = end - count + 1;
    const now = clock.now();
    const record: IssueRecord = { start, end, useBy: now + ctx.blockLifetimeMs };
    const key = logKey(ctx, end);
    // Logged before any number of the block is handed out: a crash after this line skips
    // the block, a crash before it skips counter values that map to nothing issued.
    const written = await store.putIfAbsent(key, JSON.stringify(record));
    if (!written.created) throw unreadable(key);
    await pruneHead(ctx, now, { limit: PRUNE_PER_RESERVATION, pages: 1 });
    if (((await readSeal(ctx))?.value ?? 0) >= start) {
      // A checker of a later lap may have trusted the log before this entry was written.
      await store.delete(key, written.version);
      continue;
    }
    const { blocked, freeFrom } =
      end > size
        ? await checkEarlierLaps(ctx, start, end, now)
        : { blocked: [] as boolean[], freeFrom: undefined };
    // Logged first, read after: a number claimed by the shop's own system is either seen here
    // or sees this block (see `claimOwnNumber`).
    const claimed = await liveClaims(ctx, start, end, now);
    const free: number[] = [];
    for (let counter = start; counter <= end; counter += 1) {
      const itemNumber = ctx.from + ((counter - 1) % size);
      if (blocked[counter - start] !== true && !claimed.has(itemNumber)) free.push(itemNumber);
    }
    if (free.length === 0) {
      // Nothing of it was issued, so later laps need not wait for these numbers.
      await store.delete(key, written.version);
      const allClaimed = claimed.size > 0 && blocked.every((isBlocked) => !isBlocked);
      passedOver += count;
      // A block the shop's numbers fill is passed over (not a failed attempt) until a lap.
      if (allClaimed && passedOver < size) {
        attempt -= 1;
        continue;
      }
      throw ctx.exhausted(freeFrom);
    }
    return { numbers: free, next: 0, useBy: record.useBy };
  }
  throw new PickPostError(
    'STORE_FAILED',
    'Item-number reservations kept overlapping a concurrent reuse check; try again',
  );
}

// ---------------------------------------------------------------------------------------------
// Item numbers of identcodes the shop's own shipping system printed

/** Item numbers have 8 digits: padded, claim keys list in number order. */
const claimKey = (ctx: IssueLogContext, itemNumber: number) =>
  `${ctx.keys.claimPrefix}${String(itemNumber).padStart(8, '0')}`;

/** A claimed number: when, and for which parcel (its operation key). */
interface OwnClaim {
  at: number;
  owner: string;
}

function parseClaim(key: string, value: string): OwnClaim {
  try {
    const claim = JSON.parse(value) as Partial<OwnClaim>;
    if (Number.isFinite(claim.at) && typeof claim.owner === 'string') return claim as OwnClaim;
  } catch (error) {
    throw unreadable(key, error);
  }
  throw unreadable(key);
}

/** The numbers that counter values `start`–`end` stand for, claimed within the window. */
async function liveClaims(
  ctx: IssueLogContext,
  start: number,
  end: number,
  now: number,
): Promise<Set<number>> {
  const claimed = new Set<number>();
  // The block's numbers run from `first` up, wrapping past `to` to `from` at most once.
  const first = ctx.from + ((start - 1) % ctx.size);
  const last = ctx.from + ((end - 1) % ctx.size);
  const spans: Array<[number, number]> =
    end - start + 1 >= ctx.size
      ? [[ctx.from, ctx.to]]
      : first <= last
        ? [[first, last]]
        : [
            [first, ctx.to],
            [ctx.from, last],
          ];
  for (const [low, high] of spans) {
    let after = claimKey(ctx, low - 1);
    scan: for (;;) {
      const entries = await ctx.store.list(ctx.keys.claimPrefix, { after, limit: PAGE });
      for (const entry of entries) {
        const itemNumber = Number(entry.key.slice(ctx.keys.claimPrefix.length));
        if (itemNumber > high) break scan;
        if (now < parseClaim(entry.key, entry.value).at + ctx.windowMs) claimed.add(itemNumber);
      }
      if (entries.length < PAGE) break;
      after = entries[entries.length - 1]?.key ?? after;
    }
  }
  return claimed;
}

/** Whether a live issue-log entry covers one of the counter values standing for `itemNumber`. */
async function issuedBySdk(
  ctx: IssueLogContext,
  itemNumber: number,
  now: number,
): Promise<boolean> {
  // Counter value `value` of each lap stands for `itemNumber`; log keys are block ends, so the
  // first entry after `value - 1` is the block that holds it, if any does. No entry at all
  // means the counter never got that far.
  for (let value = itemNumber - ctx.from + 1; ; value += ctx.size) {
    const [entry] = await ctx.store.list(ctx.keys.logPrefix, {
      after: logKey(ctx, value - 1),
      limit: 1,
    });
    if (entry === undefined) return false;
    const record = parseRecord(entry);
    if (record.start <= value && !isExpired(ctx, record, now)) return true;
  }
}

/** Why an identcode of the shop's own system cannot be recorded. */
export type OwnNumberRefusal = 'reused' | 'issued_by_sdk';

/**
 * Records that the shop's own system used `itemNumber` for the parcel `owner`, so that the
 * SDK never issues it within the window; or says why it may not be used. The claim is written
 * before the issue log is read, as the SDK writes its log before it reads claims: of a claim
 * and a block reserved at the same time, at least one sees the other. A claim that finds the
 * number issued by the SDK is withdrawn. A claim by the same `owner` (a retried parcel) stands.
 */
export async function claimOwnNumber(
  ctx: IssueLogContext,
  itemNumber: number,
  owner: string,
): Promise<OwnNumberRefusal | undefined> {
  const key = claimKey(ctx, itemNumber);
  const now = ctx.clock.now();
  const wanted = JSON.stringify({ at: now, owner } satisfies OwnClaim);
  let written = await ctx.store.putIfAbsent(key, wanted);
  if (!written.created) {
    const earlier = parseClaim(key, written.value);
    if (earlier.owner === owner) return undefined;
    if (now < earlier.at + ctx.windowMs) return 'reused';
    const version = await ctx.store.compareAndSet(key, written.version, wanted);
    if (version === undefined) return 'reused';
    written = { created: false, value: wanted, version };
  }
  if (await issuedBySdk(ctx, itemNumber, now)) {
    await ctx.store.delete(key, written.version);
    return 'issued_by_sdk';
  }
  return undefined;
}
