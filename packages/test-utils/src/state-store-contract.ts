import type { Clock, StateStore } from '@pickpost/core';
import { createManualClock, isPickPostError } from '@pickpost/core';
import type { OutboxEntry } from '@pickpost/core/store-kit';
import { MAX_STATE_KEY_LENGTH } from '@pickpost/core/store-kit';
import { afterEach, describe, expect, it } from 'vitest';

export interface StateStoreContractOptions {
  /** A new, empty store whose outbox timestamps and leases read `clock`. */
  create: (options: { clock: Clock }) => Promise<StateStore>;
  /** Runs after each test, once the store is closed (drop a schema, delete a file…). */
  cleanup?: (store: StateStore) => Promise<void>;
}

const START = Date.parse('2026-03-01T08:00:00Z');

/** Resolves to the error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be rejected');
}

async function expectStoreFailed(promise: Promise<unknown>): Promise<void> {
  const error = await rejectionOf(promise);
  expect(isPickPostError(error) && error.code).toBe('STORE_FAILED');
}

/** A deterministic pseudo-random sequence, so a failing run can be repeated. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * The one contract every {@link StateStore} implementation passes: call it from a test file of
 * the store's package.
 *
 * @example
 * describeStateStoreContract('sqlite', {
 *   create: async ({ clock }) => createSqliteStateStore({ filename: tempFile(), clock }),
 * });
 */
export function describeStateStoreContract(name: string, options: StateStoreContractOptions): void {
  describe(`StateStore contract: ${name}`, () => {
    const opened: StateStore[] = [];
    const setup = async () => {
      const clock = createManualClock(START);
      const store = await options.create({ clock });
      opened.push(store);
      return { clock, store };
    };

    afterEach(async () => {
      for (const store of opened.splice(0)) {
        await store.close();
        await options.cleanup?.(store);
      }
    });

    describe('values', () => {
      it('creates a value once and reports the existing one afterwards', async () => {
        const { store } = await setup();
        expect(await store.get('k')).toBeUndefined();
        expect(await store.putIfAbsent('k', 'a')).toEqual({
          created: true,
          value: 'a',
          version: 1,
        });
        expect(await store.putIfAbsent('k', 'b')).toEqual({
          created: false,
          value: 'a',
          version: 1,
        });
        expect(await store.get('k')).toEqual({ value: 'a', version: 1 });
      });

      it('compare-and-set moves the version by one and refuses stale or missing versions', async () => {
        const { store } = await setup();
        expect(await store.compareAndSet('missing', 1, 'x')).toBeUndefined();
        expect(await store.get('missing')).toBeUndefined();
        await store.putIfAbsent('k', 'v1');
        expect(await store.compareAndSet('k', 1, 'v2')).toBe(2);
        expect(await store.compareAndSet('k', 1, 'stale')).toBeUndefined();
        expect(await store.compareAndSet('k', 3, 'future')).toBeUndefined();
        expect(await store.compareAndSet('k', 2, 'v3')).toBe(3);
        expect(await store.get('k')).toEqual({ value: 'v3', version: 3 });
      });

      it('deletes unconditionally or only at the expected version', async () => {
        const { store } = await setup();
        expect(await store.delete('missing')).toBe(false);
        await store.putIfAbsent('k', 'a');
        await store.compareAndSet('k', 1, 'b');
        expect(await store.delete('k', 1)).toBe(false);
        expect(await store.get('k')).toEqual({ value: 'b', version: 2 });
        expect(await store.delete('k', 2)).toBe(true);
        expect(await store.get('k')).toBeUndefined();
        expect(await store.delete('k')).toBe(false);
        await store.putIfAbsent('k', 'again');
        expect(await store.get('k')).toEqual({ value: 'again', version: 1 });
        expect(await store.delete('k')).toBe(true);
      });

      it('keeps unicode, empty and large JSON values exactly', async () => {
        const { store } = await setup();
        const unicode = 'Zürich · Genève · ☃ · 😀 · 日本語 · e\u0301 · \u{10FFFF} · \t\r\n "\'\\';
        const large = JSON.stringify({
          items: Array.from({ length: 20_000 }, (_, index) => ({
            index,
            name: `Stück ${index} 📦`,
          })),
        });
        expect(large.length).toBeGreaterThan(500_000);
        await store.putIfAbsent('unicode', unicode);
        await store.putIfAbsent('empty', '');
        await store.putIfAbsent('large', large);
        expect((await store.get('unicode'))?.value).toBe(unicode);
        expect((await store.get('empty'))?.value).toBe('');
        expect((await store.get('large'))?.value).toBe(large);
        expect(await store.compareAndSet('large', 1, unicode)).toBe(2);
        expect((await store.get('large'))?.value).toBe(unicode);
      });

      it('accepts keys of 1 to 512 characters and refuses others', async () => {
        const { store } = await setup();
        const longest = 'é'.repeat(MAX_STATE_KEY_LENGTH);
        expect((await store.putIfAbsent(longest, 'x')).created).toBe(true);
        expect(await store.get(longest)).toEqual({ value: 'x', version: 1 });
        await expectStoreFailed(store.putIfAbsent(`${longest}a`, 'x'));
        await expectStoreFailed(store.get(`${longest}a`));
        await expectStoreFailed(store.putIfAbsent('', 'x'));
        await expectStoreFailed(store.increment('c'.repeat(MAX_STATE_KEY_LENGTH + 1)));
        await expectStoreFailed(store.outbox.enqueue('i'.repeat(MAX_STATE_KEY_LENGTH + 1), 'p'));
      });

      it('refuses U+0000 and lone surrogates, which UTF-8 databases cannot keep', async () => {
        const { store } = await setup();
        await expectStoreFailed(store.putIfAbsent('a\u0000b', 'x'));
        await expectStoreFailed(store.putIfAbsent('k', 'a\u0000b'));
        await expectStoreFailed(store.putIfAbsent('\uD800', 'x'));
        await expectStoreFailed(store.putIfAbsent('k', 'x\uDC00'));
        await store.putIfAbsent('k', 'ok');
        await expectStoreFailed(store.compareAndSet('k', 1, '\uD83D'));
        await expectStoreFailed(store.outbox.enqueue('id', '\u0000'));
        expect(await store.get('k')).toEqual({ value: 'ok', version: 1 });
        expect(await store.outbox.counts()).toEqual({ pending: 0, claimed: 0, delivered: 0 });
      });

      it('lets exactly one of many concurrent writers create or replace a value', async () => {
        const { store } = await setup();
        const creators = await Promise.all(
          Array.from({ length: 20 }, (_, index) => store.putIfAbsent('k', `v${index}`)),
        );
        const created = creators.filter((result) => result.created);
        expect(created).toHaveLength(1);
        for (const result of creators) expect(result.value).toBe(created[0]?.value);
        const replaced = await Promise.all(
          Array.from({ length: 20 }, (_, index) => store.compareAndSet('k', 1, `w${index}`)),
        );
        expect(replaced.filter((version) => version === 2)).toHaveLength(1);
        expect(replaced.filter((version) => version === undefined)).toHaveLength(19);
      });
    });

    describe('list', () => {
      const keys = ['p:b', 'p:a', 'p:é', 'p:😀', 'p:\uFFFD', 'p:a:1', 'p%x', 'p_x', 'q:a', 'o:z'];

      it('lists a prefix in code-point order, after a key and up to a limit', async () => {
        const { store } = await setup();
        for (const key of keys) await store.putIfAbsent(key, `value of ${key}`);
        await store.compareAndSet('p:a', 1, 'changed');
        const listed = await store.list('p:');
        // Code-point order (= UTF-8 byte order): é (U+E9) < U+FFFD < 😀 (U+1F600).
        expect(listed.map((entry) => entry.key)).toEqual([
          'p:a',
          'p:a:1',
          'p:b',
          'p:é',
          'p:\uFFFD',
          'p:😀',
        ]);
        expect(listed[0]).toEqual({ key: 'p:a', value: 'changed', version: 2 });
        expect(listed[1]).toEqual({ key: 'p:a:1', value: 'value of p:a:1', version: 1 });
        expect((await store.list('p:', { after: 'p:a:1' })).map((entry) => entry.key)).toEqual([
          'p:b',
          'p:é',
          'p:\uFFFD',
          'p:😀',
        ]);
        expect(
          (await store.list('p:', { after: 'p:b', limit: 2 })).map((entry) => entry.key),
        ).toEqual(['p:é', 'p:\uFFFD']);
        expect(await store.list('p:', { limit: 0 })).toEqual([]);
        // Keys before the prefix and an `after` outside it.
        expect((await store.list('p:', { after: 'a' })).length).toBe(6);
        expect(await store.list('p:', { after: 'z' })).toEqual([]);
      });

      it('treats the prefix literally and lists everything for an empty prefix', async () => {
        const { store } = await setup();
        for (const key of keys) await store.putIfAbsent(key, 'v');
        expect((await store.list('p%')).map((entry) => entry.key)).toEqual(['p%x']);
        expect((await store.list('p_')).map((entry) => entry.key)).toEqual(['p_x']);
        expect((await store.list('p:a')).map((entry) => entry.key)).toEqual(['p:a', 'p:a:1']);
        expect(await store.list('nothing')).toEqual([]);
        expect((await store.list('')).length).toBe(keys.length);
        await store.putIfAbsent('\u{10FFFF}a', 'v');
        await store.putIfAbsent('\u{10FFFF}', 'v');
        expect((await store.list('\u{10FFFF}')).map((entry) => entry.key)).toEqual([
          '\u{10FFFF}',
          '\u{10FFFF}a',
        ]);
      });

      it('refuses a negative or fractional limit', async () => {
        const { store } = await setup();
        await expectStoreFailed(store.list('p', { limit: -1 }));
        await expectStoreFailed(store.list('p', { limit: 1.5 }));
      });
    });

    describe('increment', () => {
      it('starts at 0, grows by the step and keeps counters apart', async () => {
        const { store } = await setup();
        expect(await store.increment('a')).toBe(1);
        expect(await store.increment('a', 10)).toBe(11);
        expect(await store.increment('b', 3)).toBe(3);
        expect(await store.increment('a')).toBe(12);
        // Counters are not values.
        expect(await store.get('a')).toBeUndefined();
      });

      it('refuses steps that are not whole numbers of at least 1', async () => {
        const { store } = await setup();
        for (const step of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
          await expectStoreFailed(store.increment('a', step));
        }
        expect(await store.increment('a')).toBe(1);
      });

      it('hands 200 concurrent callers disjoint blocks', async () => {
        const { store } = await setup();
        const random = seededRandom(4);
        const steps = Array.from({ length: 200 }, () => 1 + Math.floor(random() * 50));
        const ends = await Promise.all(steps.map((step) => store.increment('blocks', step)));
        const blocks = ends
          .map((end, index) => ({ start: end - (steps[index] ?? 0) + 1, end }))
          .sort((a, b) => a.start - b.start);
        const total = steps.reduce((sum, step) => sum + step, 0);
        // Disjoint and gap-free: each block starts right after the previous one ends.
        let expectedStart = 1;
        for (const block of blocks) {
          expect(block.start).toBe(expectedStart);
          expectedStart = block.end + 1;
        }
        expect(expectedStart - 1).toBe(total);
        expect(await store.increment('blocks')).toBe(total + 1);
      });
    });

    describe('writeGroups', () => {
      it('writes a group entirely: creates, updates and outbox items together', async () => {
        const { store } = await setup();
        await store.putIfAbsent('order', 'running');
        expect(
          await store.writeGroups([
            [
              { op: 'update', key: 'order', expectedVersion: 1, value: 'done' },
              { op: 'create', key: 'pointer', value: 'order' },
              { op: 'enqueue', id: 'parcel-1', payload: 'p1' },
            ],
          ]),
        ).toEqual([true]);
        expect(await store.get('order')).toEqual({ value: 'done', version: 2 });
        expect(await store.get('pointer')).toEqual({ value: 'order', version: 1 });
        expect((await store.outbox.get('parcel-1'))?.payload).toBe('p1');
      });

      it('leaves a group unwritten, all of it, when one condition fails, and the other groups written', async () => {
        const { store } = await setup();
        await store.putIfAbsent('taken', 'first');
        await store.putIfAbsent('versioned', 'v1');
        const written = await store.writeGroups([
          [
            { op: 'create', key: 'a', value: 'a' },
            { op: 'enqueue', id: 'with-a', payload: 'x' },
            { op: 'create', key: 'taken', value: 'second' },
          ],
          [{ op: 'create', key: 'b', value: 'b' }],
          [
            { op: 'enqueue', id: 'with-c', payload: 'y' },
            { op: 'update', key: 'versioned', expectedVersion: 7, value: 'stale' },
          ],
          [{ op: 'update', key: 'missing', expectedVersion: 1, value: 'x' }],
          [],
        ]);
        expect(written).toEqual([false, true, false, false, true]);
        expect(await store.get('a')).toBeUndefined();
        expect(await store.get('taken')).toEqual({ value: 'first', version: 1 });
        expect(await store.get('b')).toEqual({ value: 'b', version: 1 });
        expect(await store.get('versioned')).toEqual({ value: 'v1', version: 1 });
        expect(await store.get('missing')).toBeUndefined();
        expect(await store.outbox.get('with-a')).toBeUndefined();
        expect(await store.outbox.get('with-c')).toBeUndefined();
        expect(await store.outbox.counts()).toEqual({ pending: 0, claimed: 0, delivered: 0 });
      });

      it('takes an outbox id enqueued before as no failure and keeps its first payload', async () => {
        const { store } = await setup();
        await store.outbox.enqueue('parcel', 'first');
        expect(
          await store.writeGroups([
            [
              { op: 'enqueue', id: 'parcel', payload: 'second' },
              { op: 'create', key: 'k', value: 'v' },
            ],
          ]),
        ).toEqual([true]);
        expect((await store.outbox.get('parcel'))?.payload).toBe('first');
        expect(await store.get('k')).toEqual({ value: 'v', version: 1 });
      });

      it('lets exactly one of 40 concurrent groups create the same key', async () => {
        const { store } = await setup();
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, index) =>
            store.writeGroups([
              [
                { op: 'create', key: 'order:1042', value: `writer ${index}` },
                { op: 'enqueue', id: `identcode-${index}`, payload: `${index}` },
              ],
            ]),
          ),
        );
        const winners = results.flat().filter(Boolean);
        expect(winners).toHaveLength(1);
        const counts = await store.outbox.counts();
        expect(counts.pending).toBe(1);
        const stored = await store.get('order:1042');
        const winner = results.findIndex((result) => result[0] === true);
        expect(stored?.value).toBe(`writer ${winner}`);
      });

      it('refuses malformed writes before writing anything', async () => {
        const { store } = await setup();
        await expectStoreFailed(
          store.writeGroups([
            [{ op: 'create', key: 'ok', value: 'v' }],
            [{ op: 'create', key: '', value: 'v' }],
          ]),
        );
        await expectStoreFailed(
          store.writeGroups([[{ op: 'update', key: 'k', expectedVersion: 1.5, value: 'v' }]]),
        );
        await expectStoreFailed(
          store.writeGroups([[{ op: 'enqueue', id: 'i', payload: 'a\u0000' }]]),
        );
        expect(await store.get('ok')).toBeUndefined();
      });
    });

    describe('outbox', () => {
      it('withdraws a pending item only, and leaves claimed and delivered ones', async () => {
        const { store } = await setup();
        for (const id of ['pending', 'claimed', 'delivered']) await store.outbox.enqueue(id, id);
        const claim = await store.outbox.claim({ limit: 2, leaseMs: 60_000 });
        expect(claim.items.map((item) => item.id)).toEqual(['pending', 'claimed']);
        await store.outbox.release(claim.token, ['pending']);
        const again = await store.outbox.claim({ limit: 1, leaseMs: 60_000 });
        await store.outbox.markDelivered(again.token, ['pending'], 'file-1');
        // 'pending' was delivered; enqueue one more that stays pending.
        await store.outbox.enqueue('waiting', 'w');
        expect(await store.outbox.withdraw('waiting')).toBe(true);
        expect(await store.outbox.get('waiting')).toBeUndefined();
        expect(await store.outbox.withdraw('waiting')).toBe(false);
        expect(await store.outbox.withdraw('claimed')).toBe(false);
        expect(await store.outbox.withdraw('pending')).toBe(false);
        expect(await store.outbox.withdraw('never')).toBe(false);
        expect((await store.outbox.get('claimed'))?.state).toBe('claimed');
        const next = await store.outbox.claim({ limit: 10, leaseMs: 60_000 });
        expect(next.items.map((item) => item.id)).toEqual(['delivered']);
      });

      it('enqueues an id once, also after delivery, and keeps the first payload', async () => {
        const { store, clock } = await setup();
        expect(await store.outbox.enqueue('a', 'first')).toEqual({ enqueued: true });
        expect(await store.outbox.enqueue('a', 'second')).toEqual({ enqueued: false });
        expect(await store.outbox.get('a')).toEqual({
          id: 'a',
          payload: 'first',
          state: 'pending',
          attempts: 0,
          enqueuedAt: START,
        });
        const claim = await store.outbox.claim({ limit: 5, leaseMs: 1000 });
        clock.advance(10);
        expect(await store.outbox.markDelivered(claim.token, ['a'], 'file-1.xml')).toBe(1);
        expect(await store.outbox.enqueue('a', 'third')).toEqual({ enqueued: false });
        expect(await store.outbox.get('a')).toEqual({
          id: 'a',
          payload: 'first',
          state: 'delivered',
          attempts: 0,
          enqueuedAt: START,
          receipt: 'file-1.xml',
          deliveredAt: START + 10,
        });
        expect(await store.outbox.get('unknown')).toBeUndefined();
      });

      it('claims oldest first, up to the limit, with a lease from the clock', async () => {
        const { store, clock } = await setup();
        for (const id of ['m', 'c', 'x', 'a', 'k']) {
          await store.outbox.enqueue(id, `payload ${id}`);
          clock.advance(1);
        }
        const first = await store.outbox.claim({ limit: 2, leaseMs: 5000 });
        expect(first.items.map((item) => item.id)).toEqual(['m', 'c']);
        expect(first.items[0]).toMatchObject({ payload: 'payload m', state: 'claimed' });
        expect(first.leaseExpiresAt).toBe(START + 5 + 5000);
        const second = await store.outbox.claim({ limit: 10, leaseMs: 5000 });
        expect(second.items.map((item) => item.id)).toEqual(['x', 'a', 'k']);
        expect(second.token).not.toBe(first.token);
        const empty = await store.outbox.claim({ limit: 10, leaseMs: 5000 });
        expect(empty.items).toEqual([]);
        expect(await store.outbox.counts()).toEqual({ pending: 0, claimed: 5, delivered: 0 });
      });

      it('never gives two concurrent claims the same item', async () => {
        const { store } = await setup();
        for (let index = 0; index < 60; index += 1) {
          await store.outbox.enqueue(`item-${String(index).padStart(2, '0')}`, 'p');
        }
        const claims = await Promise.all(
          Array.from({ length: 12 }, () => store.outbox.claim({ limit: 7, leaseMs: 60_000 })),
        );
        const ids = claims.flatMap((claim) => claim.items.map((item) => item.id));
        expect(ids).toHaveLength(60);
        expect(new Set(ids).size).toBe(60);
        for (const claim of claims) {
          const claimed = claim.items.map((item) => item.id);
          expect(claimed).toEqual([...claimed].sort());
        }
      });

      it('lets a lapsed lease be taken over, and only the current holder mark or release', async () => {
        const { store, clock } = await setup();
        await store.outbox.enqueue('a', 'A');
        await store.outbox.enqueue('b', 'B');
        const first = await store.outbox.claim({ limit: 1, leaseMs: 100 });
        clock.advance(99);
        expect(
          (await store.outbox.claim({ limit: 5, leaseMs: 100 })).items.map((i) => i.id),
        ).toEqual(['b']);
        clock.advance(1);
        // Lapsed (leaseExpiresAt <= now): another worker takes it over.
        const second = await store.outbox.claim({ limit: 5, leaseMs: 100 });
        expect(second.items.map((item) => item.id)).toEqual(['a']);
        expect(second.items[0]?.attempts).toBe(0);
        expect(await store.outbox.markDelivered(first.token, ['a'], 'stale')).toBe(0);
        expect(await store.outbox.release(first.token)).toBe(0);
        expect(await store.outbox.markDelivered(second.token, ['a'], 'fresh')).toBe(1);
        expect(await store.outbox.get('a')).toMatchObject({ state: 'delivered', receipt: 'fresh' });
        expect(await store.outbox.markDelivered(second.token, ['a'], 'again')).toBe(0);
        expect(await store.outbox.release(second.token, ['a'])).toBe(0);
        expect(await store.outbox.get('a')).toMatchObject({ state: 'delivered', receipt: 'fresh' });
      });

      it('lets a holder mark items after its lease lapsed, while no one else claimed them', async () => {
        const { store, clock } = await setup();
        await store.outbox.enqueue('a', 'A');
        const claim = await store.outbox.claim({ limit: 1, leaseMs: 100 });
        clock.advance(1000);
        expect(await store.outbox.markDelivered(claim.token, ['a', 'unknown'], 'late')).toBe(1);
        expect(await store.outbox.counts()).toEqual({ pending: 0, claimed: 0, delivered: 1 });
      });

      it('releases items back to pending and counts an attempt', async () => {
        const { store } = await setup();
        for (const id of ['a', 'b', 'c']) await store.outbox.enqueue(id, id);
        const claim = await store.outbox.claim({ limit: 3, leaseMs: 1000 });
        expect(await store.outbox.release('not-a-token')).toBe(0);
        expect(await store.outbox.release(claim.token, ['b'])).toBe(1);
        expect(await store.outbox.get('b')).toMatchObject({ state: 'pending', attempts: 1 });
        expect(await store.outbox.counts()).toEqual({ pending: 1, claimed: 2, delivered: 0 });
        expect(await store.outbox.markDelivered(claim.token, ['a', 'b'], 'f')).toBe(1);
        // Without ids: everything this claim still holds.
        expect(await store.outbox.release(claim.token)).toBe(1);
        expect(await store.outbox.counts()).toEqual({ pending: 2, claimed: 0, delivered: 1 });
        const again = await store.outbox.claim({ limit: 3, leaseMs: 1000 });
        expect(again.items.map((item) => [item.id, item.attempts])).toEqual([
          ['b', 1],
          ['c', 1],
        ]);
        expect(await store.outbox.release(again.token)).toBe(2);
        const entries = await Promise.all(['b', 'c'].map((id) => store.outbox.get(id)));
        expect(entries.map((entry) => (entry as OutboxEntry).attempts)).toEqual([2, 2]);
      });

      it('refuses claims without a positive limit or lease', async () => {
        const { store } = await setup();
        await store.outbox.enqueue('a', 'A');
        await expectStoreFailed(store.outbox.claim({ limit: 0, leaseMs: 1000 }));
        await expectStoreFailed(store.outbox.claim({ limit: 1, leaseMs: 0 }));
        await expectStoreFailed(store.outbox.claim({ limit: 1.5, leaseMs: 1000 }));
        expect(await store.outbox.counts()).toEqual({ pending: 1, claimed: 0, delivered: 0 });
      });
    });

    describe('close', () => {
      it('makes every operation fail with STORE_FAILED, and may be called twice', async () => {
        const { store } = await setup();
        await store.putIfAbsent('k', 'v');
        await store.close();
        await expectStoreFailed(store.get('k'));
        await expectStoreFailed(store.putIfAbsent('k', 'v'));
        await expectStoreFailed(store.increment('c'));
        await expectStoreFailed(store.list(''));
        await expectStoreFailed(store.outbox.enqueue('a', 'A'));
        await expectStoreFailed(store.outbox.claim({ limit: 1, leaseMs: 1 }));
        await expectStoreFailed(store.outbox.counts());
        await store.close();
      });
    });
  });
}
