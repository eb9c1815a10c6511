import type { ValidationIssue } from '../errors/index';
import {
  ConfigError,
  isPickPostErrorNamed,
  PickPostError,
  PickPostValidationError,
} from '../errors/index';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { StateStore, StoredEntry } from '../ports/state-store';
import { ItemNumberConfigSchema } from '../schemas/integration-config';
import { toValidationIssues } from '../schemas/validate';
import { assertParcelLicence } from './identcode';

const DEFAULT_BLOCK_SIZE = 100;
const DEFAULT_BLOCK_LIFETIME_MS = 10 * 60 * 1000;
/** Caps one reservation, and with it the size of one issue-log entry's reach. */
const MAX_BLOCK_SIZE = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Counter values reach beyond 8 digits after a few laps; 16 digits keep keys in number order. */
const COUNTER_DIGITS = 16;
const PAGE = 100;
/** Expired log entries removed per reservation, more than the one each reservation adds. */
const PRUNE_PER_RESERVATION = 8;
/** Reservations thrown away in a row (see `reserve`) before giving up. */
const MAX_DISCARDED_RESERVATIONS = 8;

/**
 * No item number of the range is free: every candidate was issued within the reuse window.
 * Nothing was reused; numbers become free again as their window ends (`freeFrom`).
 */
export class ItemNumbersExhaustedError extends PickPostError {
  override name = 'ItemNumbersExhaustedError' as const;
  readonly frankingLicense: string;
  readonly range: { from: number; to: number };
  readonly reuseAfterDays: number;
  /** When (epoch ms) the first of the checked numbers becomes free, when known. */
  readonly freeFrom: number | undefined;

  constructor(init: {
    frankingLicense: string;
    range: { from: number; to: number };
    reuseAfterDays: number;
    freeFrom?: number | undefined;
  }) {
    super(
      'ITEM_NUMBERS_EXHAUSTED',
      `No item number of ${init.range.from}–${init.range.to} is free for licence ` +
        `${init.frankingLicense}: all were issued in the last ${init.reuseAfterDays} days`,
    );
    this.frankingLicense = init.frankingLicense;
    this.range = { ...init.range };
    this.reuseAfterDays = init.reuseAfterDays;
    this.freeFrom = init.freeFrom;
  }

  protected override details(): Record<string, unknown> {
    return {
      frankingLicense: this.frankingLicense,
      range: this.range,
      reuseAfterDays: this.reuseAfterDays,
      freeFrom: this.freeFrom,
    };
  }
}

/** Whether `value` is an {@link ItemNumbersExhaustedError}, from any copy of core. */
export function isItemNumbersExhaustedError(value: unknown): value is ItemNumbersExhaustedError {
  return (
    value instanceof ItemNumbersExhaustedError ||
    isPickPostErrorNamed(value, 'ItemNumbersExhaustedError')
  );
}

export interface ItemNumberAllocatorOptions {
  /** Where the counter and the issue log live; shared by every process of the shop. */
  store: StateStore;
  /** The 8-digit franking licence the numbers belong to; each licence has its own numbers. */
  frankingLicense: string;
  /**
   * The item numbers to hand out, both ends included (default 1–99,999,999). Fixed per licence
   * and store, like `reuseAfterDays`: an allocator with other values for the same licence
   * throws `ConfigError` on its first call.
   */
  range?: { from: number; to: number };
  /**
   * A number is not handed out again within this many days: default 90 (pick@home refuses a
   * number used within 90 days [V DEV §9.3]), at least 30 (Swiss Post's parcel rule).
   */
  reuseAfterDays?: number;
  clock?: Clock;
  /**
   * Numbers reserved from the store at once and then handed out from memory (default 100, at
   * most 10,000). Larger blocks mean fewer store round trips; unused numbers of a block are
   * skipped when the process ends.
   */
  blockSize?: number;
  /**
   * How long numbers of a reserved block may still be handed out (default 10 minutes). The
   * issue log records this limit, so the reuse check needs no write per number.
   */
  blockLifetimeMs?: number;
}

export interface ItemNumberAllocator {
  readonly frankingLicense: string;
  readonly range: { readonly from: number; readonly to: number };
  /** The next free item number. Throws {@link ItemNumbersExhaustedError} when none is free. */
  next(): Promise<number>;
  /** `count` free item numbers, or none and {@link ItemNumbersExhaustedError}. */
  nextMany(count: number): Promise<number[]>;
}

/** One reserved block in the issue log: counter values `start`–`end`, handed out before `useBy`. */
interface IssueRecord {
  start: number;
  end: number;
  useBy: number;
}

/** The free numbers of one reserved block, handed out in order from `next` until `useBy`. */
interface PooledBlock {
  numbers: number[];
  next: number;
  useBy: number;
}

function readOptions(options: ItemNumberAllocatorOptions) {
  assertParcelLicence(options.frankingLicense);
  const issues: ValidationIssue[] = [];
  const parsed = ItemNumberConfigSchema.safeParse({
    ...(options.range ?? {}),
    // Left out, the schema's default applies: 90 days (see DEFAULT_REUSE_AFTER_DAYS).
    reuseAfterDays: options.reuseAfterDays,
  });
  if (!parsed.success) issues.push(...toValidationIssues(parsed.error.issues));
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > MAX_BLOCK_SIZE) {
    issues.push({
      path: 'blockSize',
      message: `must be a whole number from 1 to ${MAX_BLOCK_SIZE}`,
      code: 'too_big',
    });
  }
  const blockLifetimeMs = options.blockLifetimeMs ?? DEFAULT_BLOCK_LIFETIME_MS;
  if (!Number.isSafeInteger(blockLifetimeMs) || blockLifetimeMs < 1) {
    issues.push({
      path: 'blockLifetimeMs',
      message: 'must be a whole number of at least 1',
      code: 'too_small',
    });
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const { from, to, reuseAfterDays } = parsed.data;
  return { from, to, reuseAfterDays, blockSize, blockLifetimeMs };
}

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

/**
 * Hands out item numbers for parcel identcodes so that no number is issued twice for a franking
 * licence within the reuse window (90 days by default), across every process that shares the `store` and
 * across crashes: a crash may skip numbers but never repeats one.
 *
 * How: a store counter grows monotonically; counter value `c` stands for item number
 * `from + (c - 1) mod size` in lap `floor((c - 1) / size)`. Each reserved block of counter values
 * is written to an issue log, with the time until which it may be handed out, *before* any of its
 * numbers leaves the allocator. Once the counter has wrapped (lap ≥ 1), a block's numbers are
 * checked against the log entries of earlier laps; numbers issued within the window are skipped,
 * and when none is left the allocator throws {@link ItemNumbersExhaustedError}. Log entries are
 * deleted once their window has passed, so the log holds about one entry per block of the
 * window.
 *
 * Assumes the clocks of the processes sharing a store agree within minutes (the window is days).
 *
 * @example
 * const allocator = createItemNumberAllocator({ store, frankingLicense: '60013217' });
 * const itemNumber = await allocator.next();
 * const identcode = formatIdentcode({ frankingLicense: '60013217', itemNumber });
 */
export function createItemNumberAllocator(
  options: ItemNumberAllocatorOptions,
): ItemNumberAllocator {
  const { store, frankingLicense } = options;
  const clock = options.clock ?? systemClock;
  const { from, to, reuseAfterDays, blockSize, blockLifetimeMs } = readOptions(options);
  const size = to - from + 1;
  const windowMs = reuseAfterDays * DAY_MS;
  const base = `pickpost:item-numbers:${frankingLicense}:`;
  const counterName = `${base}counter`;
  const settingsKey = `${base}settings`;
  const sealKey = `${base}sealed`;
  const logPrefix = `${base}log:`;
  const logKey = (counter: number) =>
    `${logPrefix}${String(counter).padStart(COUNTER_DIGITS, '0')}`;
  const itemNumberOf = (counter: number) => from + ((counter - 1) % size);
  const expired = (record: IssueRecord, now: number) => now >= record.useBy + windowMs;

  let pool: PooledBlock[] = [];
  let settingsChecked: Promise<void> | undefined;
  // One reservation at a time per allocator: callers in this process share its pool.
  let queue: Promise<unknown> = Promise.resolve();

  const exhausted = (freeFrom?: number) =>
    new ItemNumbersExhaustedError({
      frankingLicense,
      range: { from, to },
      reuseAfterDays,
      freeFrom,
    });

  // The counter maps to numbers through the range, so a second range for the same counter would
  // issue numbers that the first range's log does not cover; and a shorter window in one
  // process would prune log entries that a longer one in another still relies on.
  async function checkSettings(): Promise<void> {
    const wanted = JSON.stringify({ from, to, reuseAfterDays });
    const stored = await store.putIfAbsent(settingsKey, wanted);
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

  async function readSeal(): Promise<{ value: number; version: number } | undefined> {
    const found = await store.get(sealKey);
    if (found === undefined) return undefined;
    const value = Number(found.value);
    if (!Number.isSafeInteger(value)) throw unreadable(sealKey);
    return { value, version: found.version };
  }

  /**
   * Publishes "the log up to counter `value` is being trusted". A reserver that finds the seal
   * at or past its block after writing its log entry discards the block: a checker may have
   * read the log before the entry arrived. Write-then-read on both sides means one of the two
   * always sees the other.
   */
  async function raiseSeal(value: number): Promise<void> {
    for (;;) {
      const found = await readSeal();
      if (found === undefined) {
        if ((await store.putIfAbsent(sealKey, String(value))).created) return;
        continue;
      }
      if (found.value >= value) return;
      if ((await store.compareAndSet(sealKey, found.version, String(value))) !== undefined) return;
    }
  }

  /** Deletes expired entries from the head of the log; returns the first live entry's start. */
  async function pruneHead(
    now: number,
    { limit, pages }: { limit: number; pages: number },
  ): Promise<number | undefined> {
    let after: string | undefined;
    for (let page = 0; page < pages; page += 1) {
      const entries = await store.list(logPrefix, { after, limit });
      for (const entry of entries) {
        const record = parseRecord(entry);
        if (!expired(record, now)) return record.start;
        await store.delete(entry.key, entry.version);
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
  async function checkEarlierLaps(start: number, end: number, now: number) {
    const blocked = new Array<boolean>(end - start + 1).fill(false);
    let freeFrom: number | undefined;
    await raiseSeal(end - size);
    const oldest = await pruneHead(now, { limit: PAGE, pages: Number.POSITIVE_INFINITY });
    if (oldest === undefined) return { blocked, freeFrom };
    for (let lap = 1; end - lap * size >= Math.max(1, oldest); lap += 1) {
      const low = Math.max(1, start - lap * size);
      const high = end - lap * size;
      // Log keys are block ends, so the first entry after `low - 1` is the one covering `low`.
      let after = logKey(low - 1);
      scan: for (;;) {
        const entries = await store.list(logPrefix, { after, limit: PAGE });
        for (const entry of entries) {
          const record = parseRecord(entry);
          if (record.start > high) break scan;
          if (expired(record, now)) continue;
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
   * Reserves a block of `count` counter values and pools the numbers that are free. Returns
   * until when they may be handed out.
   */
  async function reserve(count: number): Promise<number> {
    settingsChecked ??= checkSettings().catch((error: unknown) => {
      settingsChecked = undefined;
      throw error;
    });
    await settingsChecked;
    for (let attempt = 0; attempt < MAX_DISCARDED_RESERVATIONS; attempt += 1) {
      const end = await store.increment(counterName, count);
      const start = end - count + 1;
      const now = clock.now();
      const record: IssueRecord = { start, end, useBy: now + blockLifetimeMs };
      const key = logKey(end);
      // Logged before any number of the block is handed out: a crash after this line skips
      // the block, a crash before it skips counter values that map to nothing issued.
      const written = await store.putIfAbsent(key, JSON.stringify(record));
      if (!written.created) throw unreadable(key);
      await pruneHead(now, { limit: PRUNE_PER_RESERVATION, pages: 1 });
      if (((await readSeal())?.value ?? 0) >= start) {
        // A checker of a later lap may have trusted the log before this entry was written.
        await store.delete(key, written.version);
        continue;
      }
      const { blocked, freeFrom } =
        end > size
          ? await checkEarlierLaps(start, end, now)
          : { blocked: [] as boolean[], freeFrom: undefined };
      const free: number[] = [];
      for (let counter = start; counter <= end; counter += 1) {
        if (blocked[counter - start] !== true) free.push(itemNumberOf(counter));
      }
      if (free.length === 0) {
        // Nothing of it was issued, so later laps need not wait for these numbers.
        await store.delete(key, written.version);
        throw exhausted(freeFrom);
      }
      pool.push({ numbers: free, next: 0, useBy: record.useBy });
      return record.useBy;
    }
    throw new PickPostError(
      'STORE_FAILED',
      'Item-number reservations kept overlapping a concurrent reuse check; try again',
    );
  }

  async function take(count: number): Promise<number[]> {
    // Kept per block, so expiry is checked per block rather than per pooled number.
    const taken: PooledBlock[] = [];
    let takenCount = 0;
    try {
      while (takenCount < count) {
        const now = clock.now();
        pool = pool.filter((block) => now < block.useBy);
        const block = pool[0];
        if (block === undefined) {
          const wanted = Math.max(blockSize, count - takenCount);
          const useBy = await reserve(Math.min(wanted, size, MAX_BLOCK_SIZE));
          if (clock.now() >= useBy) {
            // Reserving again would only outlive the next block too.
            throw new PickPostError(
              'STORE_FAILED',
              `Reserving item numbers took longer than blockLifetimeMs (${blockLifetimeMs} ms)`,
            );
          }
          continue;
        }
        const numbers = block.numbers.slice(block.next, block.next + count - takenCount);
        block.next += numbers.length;
        if (block.next === block.numbers.length) pool.shift();
        taken.push({ numbers, next: 0, useBy: block.useBy });
        takenCount += numbers.length;
      }
    } catch (error) {
      // All or nothing: what was taken stays usable by the next call (it is logged already).
      pool.unshift(...taken);
      throw error;
    }
    return taken.flatMap((piece) => piece.numbers);
  }

  function serialised<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    frankingLicense,
    range: Object.freeze({ from, to }),
    async next() {
      const [itemNumber] = await serialised(() => take(1));
      return itemNumber as number;
    },
    async nextMany(count) {
      if (!Number.isSafeInteger(count) || count < 0) {
        throw new PickPostValidationError('item-number request', [
          { path: 'count', message: 'must be a whole number of at least 0', code: 'invalid_count' },
        ]);
      }
      return count === 0 ? [] : serialised(() => take(count));
    },
  };
}
