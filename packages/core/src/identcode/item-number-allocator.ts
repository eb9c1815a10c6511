import type { ValidationIssue } from '../errors/index';
import {
  ConfigError,
  isPickPostErrorNamed,
  PickPostError,
  PickPostValidationError,
} from '../errors/index';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { StateStore } from '../ports/state-store';
import { ItemNumberConfigSchema } from '../schemas/integration-config';
import { toValidationIssues } from '../schemas/validate';
import { assertParcelLicence } from './identcode';
import type { IssueLogContext, PooledBlock } from './issue-log';
import { checkSettings, claimOwnNumber, issueLogKeys, reserveBlock } from './issue-log';

const DEFAULT_BLOCK_SIZE = 100;
const DEFAULT_BLOCK_LIFETIME_MS = 10 * 60 * 1000;
/** Caps one reservation, and with it the size of one issue-log entry's reach. */
const MAX_BLOCK_SIZE = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

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

/**
 * What the item number allocator needs: the shared store, the licence, its number range and how
 * long numbers stay in use.
 */
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

/**
 * Hands out item numbers of one franking licence so that no number is issued twice within the reuse
 * period, across processes.
 */
export interface ItemNumberAllocator {
  readonly frankingLicense: string;
  readonly range: { readonly from: number; readonly to: number };
  /** The next free item number. Throws {@link ItemNumbersExhaustedError} when none is free. */
  next(): Promise<number>;
  /** `count` free item numbers, or none and {@link ItemNumbersExhaustedError}. */
  nextMany(count: number): Promise<number[]>;
  /**
   * Records an item number the shop's own shipping system used, for the parcel `owner` (its
   * operation key), so that this allocator never issues it within the reuse window. Refuses,
   * with a `PickPostValidationError` at `identcode`, a number outside the range, one used
   * within the window, or one this allocator has issued. Claiming again for the same owner
   * is accepted (a retried parcel).
   */
  claim(itemNumber: number, owner: string): Promise<void>;
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

/** `ItemNumberAllocator.claim`: the range checked, then the claim written or refused. */
async function claimOwnItemNumber(
  log: IssueLogContext,
  itemNumber: number,
  owner: string,
  settingsOnce: () => Promise<void>,
): Promise<void> {
  const { from, to, reuseAfterDays } = log;
  const refuse = (code: string, message: string) =>
    new PickPostValidationError('identcode', [{ path: 'identcode', message, code }]);
  if (!Number.isSafeInteger(itemNumber) || itemNumber < from || itemNumber > to) {
    throw refuse(
      'outside_range',
      `has item number ${itemNumber}, outside the configured range ${from}–${to} (itemNumbers.from/to)`,
    );
  }
  await settingsOnce();
  const refusal = await claimOwnNumber(log, itemNumber, owner);
  if (refusal === 'reused') {
    throw refuse(
      'reused',
      `has item number ${itemNumber}, already used for another parcel within ${reuseAfterDays} days (Swiss Post refuses a repeat)`,
    );
  }
  if (refusal === 'issued_by_sdk') {
    throw refuse(
      'issued_by_sdk',
      `has item number ${itemNumber}, which the SDK has issued (or reserved) within ${reuseAfterDays} days: give your shipping system numbers the SDK does not use`,
    );
  }
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
  const log: IssueLogContext = {
    store,
    clock,
    frankingLicense,
    from,
    to,
    size,
    reuseAfterDays,
    windowMs: reuseAfterDays * DAY_MS,
    blockLifetimeMs,
    keys: issueLogKeys(frankingLicense),
    exhausted: (freeFrom) =>
      new ItemNumbersExhaustedError({
        frankingLicense,
        range: { from, to },
        reuseAfterDays,
        freeFrom,
      }),
  };

  let pool: PooledBlock[] = [];
  let settingsChecked: Promise<void> | undefined;
  // One reservation at a time per allocator: callers in this process share its pool.
  let queue: Promise<unknown> = Promise.resolve();

  function settingsOnce(): Promise<void> {
    settingsChecked ??= checkSettings(log).catch((error: unknown) => {
      settingsChecked = undefined;
      throw error;
    });
    return settingsChecked;
  }

  /** Reserves a block (settings checked once per allocator) and pools its free numbers. */
  async function reserve(count: number): Promise<number> {
    await settingsOnce();
    const block = await reserveBlock(log, count);
    pool.push(block);
    return block.useBy;
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
    async claim(itemNumber, owner) {
      await claimOwnItemNumber(log, itemNumber, owner, settingsOnce);
    },
  };
}
