import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock';
import { createMemoryStateStore } from './memory-state-store';

// The full contract suite for every StateStore lives in @pickpost/test-utils; these are the
// memory store's own smoke checks.
describe('createMemoryStateStore', () => {
  it('versions values and refuses a stale compare-and-set', async () => {
    const store = createMemoryStateStore();
    expect(await store.putIfAbsent('k', 'a')).toEqual({ created: true, value: 'a', version: 1 });
    expect(await store.putIfAbsent('k', 'b')).toEqual({ created: false, value: 'a', version: 1 });
    expect(await store.compareAndSet('k', 1, 'c')).toBe(2);
    expect(await store.compareAndSet('k', 1, 'd')).toBeUndefined();
    expect(await store.get('k')).toEqual({ value: 'c', version: 2 });
  });

  it('lets a lapsed claim be taken over, and only the new holder mark it', async () => {
    const clock = createManualClock(1000);
    const store = createMemoryStateStore({ clock });
    await store.outbox.enqueue('a', 'A');
    const first = await store.outbox.claim({ limit: 10, leaseMs: 100 });
    expect((await store.outbox.claim({ limit: 10, leaseMs: 100 })).items).toEqual([]);
    clock.advance(100);
    const second = await store.outbox.claim({ limit: 10, leaseMs: 100 });
    expect(second.items.map((item) => item.id)).toEqual(['a']);
    expect(await store.outbox.markDelivered(first.token, ['a'], 'f1')).toBe(0);
    expect(await store.outbox.markDelivered(second.token, ['a'], 'f2')).toBe(1);
    expect(await store.outbox.get('a')).toMatchObject({ state: 'delivered', receipt: 'f2' });
  });

  type Step =
    | { op: 'create' | 'delete' | 'list'; key: string }
    | { op: 'list-made'; pick: number; cut: number };

  it('lists by prefix as a plain scan would, for keys and prefixes of any length', async () => {
    const character = fc.constantFrom('a', 'b', ':', 'é', '\u{1F600}');
    const text = (maxLength: number) =>
      fc.array(character, { maxLength }).map((characters) => characters.join(''));
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ op: fc.constant('create' as const), key: text(22).filter(Boolean) }),
      fc.record({ op: fc.constant('delete' as const), key: text(22).filter(Boolean) }),
      fc.record({ op: fc.constant('list' as const), key: text(20) }),
      // A prefix of a key made earlier (its first `cut` UTF-16 units), at any length.
      fc.record({ op: fc.constant('list-made' as const), pick: fc.nat(), cut: fc.nat(30) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        const store = createMemoryStateStore();
        const model = new Set<string>();
        for (const current of steps) {
          const { op } = current;
          const key =
            current.op === 'list-made'
              ? ([...model][current.pick % Math.max(1, model.size)] ?? '').slice(0, current.cut)
              : current.key;
          if (op === 'create') {
            await store.putIfAbsent(key, 'v');
            model.add(key);
          } else if (op === 'delete') {
            await store.delete(key);
            model.delete(key);
          } else {
            const listed = (await store.list(key)).map((entry) => entry.key);
            const expected = [...model].filter((stored) => stored.startsWith(key));
            expect(listed.sort()).toEqual(expected.sort());
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
