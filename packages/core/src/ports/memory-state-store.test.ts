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
});
