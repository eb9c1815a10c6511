import type { ItemNumberAllocator, StateStore } from '@pickpost/core';
import {
  createItemNumberAllocator,
  createManualClock,
  isItemNumbersExhaustedError,
} from '@pickpost/core';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from './state-store-contract';

export interface ItemNumberAllocatorContractOptions {
  /** One store for the whole suite; every test uses its own franking licences in it. */
  create: () => Promise<StateStore>;
  cleanup?: (store: StateStore) => Promise<void>;
  /** Runs of the property test (default 60); fewer for stores with slow round trips. */
  numRuns?: number;
}

const DAY = 24 * 60 * 60 * 1000;
/** The allocator's default reuse window: 90 days (pick@home's rule; Swiss Post's parcels need 30). */
const WINDOW = 90 * DAY;
const START = Date.parse('2026-03-01T08:00:00Z');

type Step =
  | { kind: 'next'; slot: number }
  | { kind: 'nextMany'; slot: number; count: number }
  | { kind: 'together'; count: number }
  | { kind: 'crash'; slot: number }
  | { kind: 'advance'; ms: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('next' as const), slot: fc.nat(1) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('nextMany' as const),
      slot: fc.nat(1),
      count: fc.integer({ min: 1, max: 6 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('together' as const),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), slot: fc.nat(1) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      // Within a block lifetime, across a few days, or around the 90-day window.
      ms: fc.oneof(
        fc.integer({ min: 0, max: 2 * 60 * 60 * 1000 }),
        fc.integer({ min: 1, max: 12 }).map((days) => days * DAY),
        fc.integer({ min: WINDOW - 60 * 60 * 1000, max: WINDOW + 60 * 60 * 1000 }),
      ),
    }),
  },
);

/**
 * The rules of `createItemNumberAllocator` checked on a real store: a fast-check property over
 * any interleaving of `next`, `nextMany`, concurrent calls, crashes and clock moves, plus
 * exhaustion, wrap-around and concurrency cases.
 *
 * @example
 * describeItemNumberAllocatorContract('sqlite', { create: async () => createSqliteStateStore({ filename }) });
 */
export function describeItemNumberAllocatorContract(
  name: string,
  options: ItemNumberAllocatorContractOptions,
): void {
  describe(`item-number allocator on ${name}`, () => {
    let store: StateStore;
    let licences = 10_000_000;
    // Each test and each property run takes a licence of its own, so one store serves all.
    const nextLicence = () => {
      licences += 1;
      return String(licences);
    };

    beforeAll(async () => {
      store = await options.create();
    });
    afterAll(async () => {
      await store?.close();
      if (store !== undefined) await options.cleanup?.(store);
    });

    it('never repeats a number within the 90-day default window, whatever the interleaving', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            size: fc.integer({ min: 1, max: 12 }),
            from: fc.integer({ min: 1, max: 99_999_900 }),
            blockSizes: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
            blockLifetimeMs: fc.integer({ min: 1, max: 3 * 60 * 60 * 1000 }),
            steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 40 }),
          }),
          async ({ size, from, blockSizes, blockLifetimeMs, steps }) => {
            const clock = createManualClock(START);
            const range = { from, to: from + size - 1 };
            const frankingLicense = nextLicence();
            const open = (slot: number) =>
              createItemNumberAllocator({
                store,
                clock,
                frankingLicense,
                range,
                blockSize: blockSizes[slot] ?? 1,
                blockLifetimeMs,
              });
            const slots: ItemNumberAllocator[] = [open(0), open(1)];
            const issuedAt = new Map<number, number>();

            const record = (numbers: number[]) => {
              const now = clock.now();
              expect(new Set(numbers).size).toBe(numbers.length);
              for (const number of numbers) {
                expect(number).toBeGreaterThanOrEqual(range.from);
                expect(number).toBeLessThanOrEqual(range.to);
                const previous = issuedAt.get(number);
                if (previous !== undefined) expect(now - previous).toBeGreaterThanOrEqual(WINDOW);
                issuedAt.set(number, now);
              }
            };
            const attempt = async (call: Promise<number[]>) => {
              try {
                return await call;
              } catch (error) {
                // Running out is allowed; any other failure is a bug.
                if (!isItemNumbersExhaustedError(error)) throw error;
                return [];
              }
            };
            const at = (slot: number) => slots[slot] as ItemNumberAllocator;

            for (const step of steps) {
              switch (step.kind) {
                case 'next':
                  record(
                    await attempt(
                      at(step.slot)
                        .next()
                        .then((n) => [n]),
                    ),
                  );
                  break;
                case 'nextMany': {
                  const numbers = await attempt(at(step.slot).nextMany(step.count));
                  expect([0, step.count]).toContain(numbers.length);
                  record(numbers);
                  break;
                }
                case 'together': {
                  const results = await Promise.all([
                    attempt(at(0).nextMany(step.count)),
                    attempt(at(1).nextMany(step.count)),
                  ]);
                  record(results.flat());
                  break;
                }
                case 'crash':
                  slots[step.slot] = open(step.slot);
                  break;
                case 'advance':
                  clock.advance(step.ms);
                  break;
              }
            }
            // Once every window has passed, numbers are free again.
            clock.advance(WINDOW + blockLifetimeMs);
            record([await open(0).next()]);
          },
        ),
        { numRuns: options.numRuns ?? 60 },
      );
    });

    it('throws ItemNumbersExhaustedError rather than reuse, and wraps once the window passed', async () => {
      const clock = createManualClock(START);
      const allocator = createItemNumberAllocator({
        store,
        clock,
        frankingLicense: nextLicence(),
        range: { from: 41, to: 50 },
        blockSize: 4,
        blockLifetimeMs: 1000,
      });
      const first = await allocator.nextMany(10);
      expect(first).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
      clock.advance(WINDOW - 1);
      const error = await rejectionOf(allocator.next());
      expect(isItemNumbersExhaustedError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'ITEM_NUMBERS_EXHAUSTED', range: { from: 41, to: 50 } });
      clock.advance(1000 + 1);
      const again = await allocator.nextMany(10);
      expect([...again].sort((a, b) => a - b)).toEqual(first);
    });

    it('gives concurrent allocators on one store disjoint numbers', async () => {
      const frankingLicense = nextLicence();
      const allocators = [1, 3, 20, 100].map((blockSize) =>
        createItemNumberAllocator({ store, frankingLicense, blockSize }),
      );
      const numbers = await Promise.all(
        allocators.flatMap((allocator) => Array.from({ length: 150 }, () => allocator.next())),
      );
      expect(new Set(numbers).size).toBe(600);
    });

    it('never issues a number the shop claimed for its own identcode, nor lets it claim an issued one', async () => {
      const clock = createManualClock(START);
      const frankingLicense = nextLicence();
      const open = () =>
        createItemNumberAllocator({
          store,
          clock,
          frankingLicense,
          range: { from: 1, to: 60 },
          blockSize: 5,
        });
      const [sdk, shop] = [open(), open()];
      // Numbers 11–30 claimed by the shop's own system, all of blocks 11–15 … 26–30 among them.
      for (let itemNumber = 11; itemNumber <= 30; itemNumber += 1) {
        await shop.claim(itemNumber, `own-${itemNumber}`);
      }
      await shop.claim(11, 'own-11'); // the same parcel again: accepted
      expect(await rejectionOf(shop.claim(11, 'other'))).toMatchObject({
        issues: [expect.objectContaining({ path: 'identcode', code: 'reused' })],
      });
      const issued = await sdk.nextMany(40);
      expect(issued.filter((itemNumber) => itemNumber >= 11 && itemNumber <= 30)).toEqual([]);
      expect(new Set(issued).size).toBe(40);
      expect(await rejectionOf(shop.claim(issued[0] as number, 'late'))).toMatchObject({
        issues: [expect.objectContaining({ code: 'issued_by_sdk' })],
      });
      expect(await rejectionOf(shop.claim(61, 'outside'))).toMatchObject({
        issues: [expect.objectContaining({ code: 'outside_range' })],
      });
    });

    it('claims made while other allocators issue numbers never meet them', async () => {
      const frankingLicense = nextLicence();
      const open = (blockSize: number) =>
        createItemNumberAllocator({
          store,
          frankingLicense,
          range: { from: 1, to: 2000 },
          blockSize,
        });
      const [small, large, shop] = [open(5), open(20), open(10)];
      // Each SDK instance holds a block already, as a running shop does; then at once: the
      // shop's system claims the odd numbers 1–299 while the SDK issues 150 more.
      const first = [await small.next(), await large.next()];
      const claims = Array.from({ length: 150 }, (_, index) => {
        const itemNumber = 1 + index * 2;
        return shop.claim(itemNumber, `own-${itemNumber}`).then(
          () => ({ itemNumber }),
          (error: { issues?: Array<{ code: string }> }) => ({
            refused: error.issues?.[0]?.code ?? String(error),
          }),
        );
      });
      const issued = [small, large].flatMap((allocator) =>
        Array.from({ length: 75 }, () => allocator.next()),
      );
      const [outcomes, numbers] = await Promise.all([Promise.all(claims), Promise.all(issued)]);
      const claimed = outcomes.flatMap((outcome) =>
        'itemNumber' in outcome ? [outcome.itemNumber] : [],
      );
      const refusals = outcomes.flatMap((outcome) =>
        'refused' in outcome ? [outcome.refused] : [],
      );
      numbers.push(...first);
      expect(new Set(numbers).size).toBe(152);
      expect(numbers.filter((itemNumber) => claimed.includes(itemNumber))).toEqual([]);
      // A claim is refused only because the SDK had the number first, and then it issued it or
      // holds it in a reserved block.
      expect(new Set(refusals)).toEqual(new Set(refusals.length > 0 ? ['issued_by_sdk'] : []));
      expect(claimed.length + refusals.length).toBe(150);
    });
  });
}
