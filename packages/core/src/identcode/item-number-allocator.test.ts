import { describe, expect, it } from 'vitest';
import { isPickPostError } from '../errors/index';
import { createManualClock } from '../ports/clock';
import { createMemoryStateStore } from '../ports/memory-state-store';
import type { StateStore } from '../ports/state-store';
import type { ItemNumberAllocatorOptions } from './item-number-allocator';
import {
  createItemNumberAllocator,
  ItemNumbersExhaustedError,
  isItemNumbersExhaustedError,
} from './item-number-allocator';

const DAY = 24 * 60 * 60 * 1000;
const LICENCE = '60013217';
const START = Date.parse('2026-03-01T08:00:00Z');

function setup(overrides: Partial<ItemNumberAllocatorOptions> = {}) {
  const clock = createManualClock(START);
  const store = createMemoryStateStore({ clock });
  const allocate = (more: Partial<ItemNumberAllocatorOptions> = {}) =>
    createItemNumberAllocator({ store, clock, frankingLicense: LICENCE, ...overrides, ...more });
  return { clock, store, allocate };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createItemNumberAllocator', () => {
  it('starts at the beginning of the range and counts up', async () => {
    const { allocate } = setup({ range: { from: 500, to: 99_999_999 }, blockSize: 3 });
    const allocator = allocate();
    expect(await allocator.nextMany(5)).toEqual([500, 501, 502, 503, 504]);
    expect(await allocator.next()).toBe(505);
  });

  it('hands out disjoint numbers to allocators sharing a store, and to concurrent callers', async () => {
    const { allocate } = setup({ blockSize: 7 });
    const allocators = [allocate(), allocate(), allocate()];
    const calls = Array.from({ length: 90 }, (_, index) =>
      index % 4 === 0
        ? allocators[index % 3]!.nextMany(3)
        : allocators[index % 3]!.next().then((n) => [n]),
    );
    const numbers = (await Promise.all(calls)).flat();
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('skips the unused rest of a block after a crash and never repeats a number', async () => {
    const { allocate } = setup({ blockSize: 10 });
    expect(await allocate().nextMany(3)).toEqual([1, 2, 3]);
    // The first allocator is gone (a crash): its reserved 4–10 are skipped, not reused.
    expect(await allocate().next()).toBe(11);
  });

  it('skips pooled numbers once the block lifetime is over', async () => {
    const { allocate, clock } = setup({ blockSize: 10, blockLifetimeMs: 60_000 });
    const allocator = allocate();
    expect(await allocator.next()).toBe(1);
    clock.advance(59_999);
    expect(await allocator.next()).toBe(2);
    clock.advance(1);
    expect(await allocator.next()).toBe(11);
  });

  it('waits 90 days before reusing a number by default, and 30 when told (Swiss Post’s minimum)', async () => {
    for (const [reuseAfterDays, days] of [
      [undefined, 90],
      [30, 30],
    ] as const) {
      const { allocate, clock } = setup({
        range: { from: 1, to: 1 },
        blockLifetimeMs: 1000,
        ...(reuseAfterDays === undefined ? {} : { reuseAfterDays }),
      });
      expect(await allocate().next()).toBe(1);
      clock.advance(days * DAY);
      expect(isItemNumbersExhaustedError(await rejection(allocate().next()))).toBe(true);
      clock.advance(1000);
      expect(await allocate().next()).toBe(1);
    }
  });

  it('throws the typed error when every number is inside its window, and wraps after it', async () => {
    const { allocate, clock } = setup({
      range: { from: 1, to: 5 },
      blockLifetimeMs: 1000,
      reuseAfterDays: 30,
    });
    const allocator = allocate();
    expect(await allocator.nextMany(5)).toEqual([1, 2, 3, 4, 5]);
    clock.advance(29 * DAY);
    const error = await rejection(allocator.next());
    expect(error).toBeInstanceOf(ItemNumbersExhaustedError);
    expect(isItemNumbersExhaustedError(error)).toBe(true);
    expect(isPickPostError(error) && error.code).toBe('ITEM_NUMBERS_EXHAUSTED');
    expect((error as ItemNumbersExhaustedError).freeFrom).toBe(START + 1000 + 30 * DAY);
    // Also a fresh allocator (another process) gets nothing.
    expect(isItemNumbersExhaustedError(await rejection(allocate().next()))).toBe(true);
    clock.set(START + 1000 + 30 * DAY);
    expect(await allocator.nextMany(5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('wraps only to numbers whose window has passed', async () => {
    const { allocate, clock } = setup({
      range: { from: 1, to: 4 },
      blockSize: 1,
      blockLifetimeMs: 1,
      reuseAfterDays: 30,
    });
    const allocator = allocate();
    expect(await allocator.nextMany(2)).toEqual([1, 2]);
    clock.advance(10 * DAY);
    expect(await allocator.nextMany(2)).toEqual([3, 4]);
    clock.advance(25 * DAY);
    // 1 and 2 are 35 days old, 3 and 4 only 25.
    expect(await allocator.nextMany(2)).toEqual([1, 2]);
    expect(isItemNumbersExhaustedError(await rejection(allocator.next()))).toBe(true);
    clock.advance(5 * DAY + 1);
    // The failed call used up the counter value for 3, so 3 comes back one lap later.
    expect(await allocator.next()).toBe(4);
    expect(isItemNumbersExhaustedError(await rejection(allocator.next()))).toBe(true);
  });

  it('gives nextMany all or nothing', async () => {
    const { allocate } = setup({ range: { from: 1, to: 5 }, blockSize: 2 });
    const allocator = allocate();
    expect(await allocator.nextMany(2)).toEqual([1, 2]);
    expect(isItemNumbersExhaustedError(await rejection(allocator.nextMany(4)))).toBe(true);
    // 3–5 were reserved for the failed call and stay with this allocator.
    expect(await allocator.nextMany(3)).toEqual([3, 4, 5]);
    expect(await allocator.nextMany(0)).toEqual([]);
  });

  it('never repeats a number held by a reserver that paused before logging its block', async () => {
    // Allocator A reserves 1–5 and stalls before writing its log entry; meanwhile B wraps around
    // and, finding no entry, hands out 1. A must not hand out 1 when it resumes.
    const { store, clock } = setup();
    let resume: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => {
      resume = resolve;
    });
    let stalls = 1;
    const stallingStore: StateStore = {
      ...store,
      async increment(name, by) {
        const value = await store.increment(name, by);
        if (stalls-- > 0) await stalled;
        return value;
      },
    };
    const options = { frankingLicense: LICENCE, clock, range: { from: 1, to: 5 }, blockSize: 5 };
    const a = createItemNumberAllocator({ ...options, store: stallingStore });
    const b = createItemNumberAllocator({ ...options, store });
    const fromA = a.next().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(await b.next()).toBe(1);
    resume();
    const outcome = await fromA;
    expect(outcome).toEqual({ error: expect.any(ItemNumbersExhaustedError) });
  });

  it('keeps its issue log to the blocks of the reuse window', async () => {
    const { allocate, clock, store } = setup({
      blockSize: 1,
      blockLifetimeMs: 1,
      reuseAfterDays: 30,
    });
    const allocator = allocate();
    for (let day = 0; day < 40; day += 1) {
      for (let parcel = 0; parcel < 5; parcel += 1) await allocator.next();
      clock.advance(DAY);
    }
    const log = await store.list(`pickpost:item-numbers:${LICENCE}:log:`);
    // Five one-number blocks a day for the last 30 days (plus the days pruning lags behind).
    expect(log.length).toBeGreaterThanOrEqual(30 * 5);
    expect(log.length).toBeLessThanOrEqual(32 * 5);
  });

  it('refuses a different range or window for the same licence and store', async () => {
    const { allocate } = setup({ range: { from: 1, to: 1000 } });
    await allocate().next();
    const error = await rejection(allocate({ range: { from: 1, to: 2000 } }).next());
    expect(isPickPostError(error) && error.name).toBe('ConfigError');
    const window = await rejection(allocate({ reuseAfterDays: 45 }).next());
    expect(isPickPostError(window) && window.name).toBe('ConfigError');
    // Another licence has its own numbers and range.
    expect(await allocate({ frankingLicense: '60013218', range: { from: 7, to: 9 } }).next()).toBe(
      7,
    );
  });

  it.each([
    [{ range: { from: 10, to: 9 } }, 'ConfigError'],
    [{ range: { from: 0, to: 100_000_000 } }, 'ConfigError'],
    // Swiss Post refuses item number 0 (E2011).
    [{ range: { from: 0, to: 10 } }, 'ConfigError'],
    [{ reuseAfterDays: 29 }, 'ConfigError'],
    [{ blockSize: 0 }, 'ConfigError'],
    [{ blockSize: 10_001 }, 'ConfigError'],
    [{ blockLifetimeMs: 0 }, 'ConfigError'],
    [{ frankingLicense: '6001321' }, 'IdentcodeError'],
  ])('rejects the options %j', (options, name) => {
    const { allocate } = setup();
    let thrown: unknown;
    try {
      allocate(options as Partial<ItemNumberAllocatorOptions>);
    } catch (error) {
      thrown = error;
    }
    expect(isPickPostError(thrown) && thrown.name).toBe(name);
  });

  it('rejects a bad count and passes store failures on as STORE_FAILED', async () => {
    const { allocate, store } = setup();
    const allocator = allocate();
    const badCount = await rejection(allocator.nextMany(-1));
    expect(isPickPostError(badCount) && badCount.code).toBe('VALIDATION_FAILED');
    await store.close();
    const closed = await rejection(allocator.next());
    expect(isPickPostError(closed) && closed.code).toBe('STORE_FAILED');
  });

  it('fails instead of looping when a reservation outlives the block lifetime', async () => {
    const { store, clock } = setup();
    const slowStore: StateStore = {
      ...store,
      async putIfAbsent(key, value) {
        clock.advance(5000);
        return store.putIfAbsent(key, value);
      },
    };
    const allocator = createItemNumberAllocator({
      store: slowStore,
      clock,
      frankingLicense: LICENCE,
      blockLifetimeMs: 1000,
    });
    const error = await rejection(allocator.next());
    expect(isPickPostError(error) && error.code).toBe('STORE_FAILED');
  });

  it('reports a corrupt issue log as STORE_FAILED', async () => {
    const { allocate, store } = setup({ range: { from: 1, to: 2 }, blockSize: 2 });
    await allocate().nextMany(2);
    const [entry] = await store.list(`pickpost:item-numbers:${LICENCE}:log:`);
    await store.compareAndSet(entry!.key, entry!.version, 'not json');
    const error = await rejection(allocate().next());
    expect(isPickPostError(error) && error.code).toBe('STORE_FAILED');
  });
});
