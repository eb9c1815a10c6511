import { describe, expect, it } from 'vitest';
import { isPickPostError } from '../errors/index';
import type { StateStoreDriver } from './define-state-store';
import { defineStateStore } from './define-state-store';

/** A driver that records what reached it and answers from nothing. */
function recordingDriver(overrides: Partial<StateStoreDriver> = {}) {
  const calls: string[] = [];
  const record =
    <T>(name: string, answer: T) =>
    (...args: unknown[]) => {
      calls.push(
        `${name}(${args.map((arg) => (arg === undefined ? 'undefined' : JSON.stringify(arg))).join(',')})`,
      );
      return answer;
    };
  const driver: StateStoreDriver = {
    get: record('get', undefined),
    putIfAbsent: record('putIfAbsent', { created: true, value: 'v', version: 1 }),
    compareAndSet: record('compareAndSet', 2),
    delete: record('delete', true),
    list: record('list', []),
    increment: record('increment', 7),
    writeGroups: record('writeGroups', [true]),
    outbox: {
      enqueue: record('enqueue', { enqueued: true }),
      claim: record('claim', { token: 't', items: [], leaseExpiresAt: 0 }),
      markDelivered: record('markDelivered', 0),
      release: record('release', 0),
      get: record('outbox.get', undefined),
      counts: record('counts', { pending: 0, claimed: 0, delivered: 0 }),
      withdraw: record('withdraw', true),
    },
    close: record('close', undefined),
    ...overrides,
  };
  return { driver, calls };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('defineStateStore', () => {
  it('checks every argument before the driver sees it', async () => {
    const { driver, calls } = recordingDriver();
    const store = defineStateStore({ name: 'Test', driver });
    const refused = [
      store.get(''),
      store.get('x'.repeat(513)),
      store.putIfAbsent('k', 'a\u0000b'),
      store.putIfAbsent('k\uD800', 'v'),
      store.compareAndSet('', 1, 'v'),
      store.delete(''),
      store.list('p', { limit: -1 }),
      store.increment('n', 0),
      store.increment('n', 1.5),
      store.outbox.enqueue('', 'p'),
      store.outbox.claim({ limit: 0, leaseMs: 10 }),
      store.outbox.claim({ limit: 1, leaseMs: 0 }),
      store.outbox.markDelivered('t', ['a'], 'r\u0000'),
    ];
    for (const promise of refused) {
      const error = await failure(promise);
      expect(isPickPostError(error) && error.code).toBe('STORE_FAILED');
    }
    expect(calls).toEqual([]);
  });

  it('passes checked calls on, with the defaults of the port filled in', async () => {
    const { driver, calls } = recordingDriver();
    const store = defineStateStore({ name: 'Test', driver });
    expect(await store.increment('n')).toBe(7);
    await store.list('p');
    expect(await store.compareAndSet('k', 1.5, 'v')).toBeUndefined();
    await store.delete('k');
    expect(calls).toEqual(['increment("n",1)', 'list("p",{})', 'delete("k",undefined)']);
  });

  it('turns driver failures into STORE_FAILED naming the store, with the cause kept', async () => {
    const cause = Object.assign(new Error('disk I/O error at /secret/path'), {
      code: 'SQLITE_IOERR',
    });
    const { driver } = recordingDriver({
      get: () => {
        throw cause;
      },
    });
    const error = await failure(defineStateStore({ name: 'Test', driver }).get('k'));
    expect(isPickPostError(error) && error.message).toBe(
      'The Test state store failed (SQLITE_IOERR)',
    );
    expect((error as Error).cause).toBe(cause);
  });

  it('refuses calls once closed and closes the driver once', async () => {
    const { driver, calls } = recordingDriver();
    const store = defineStateStore({ name: 'Test', driver });
    await store.close();
    await store.close();
    const error = await failure(store.outbox.counts());
    expect(isPickPostError(error) && error.message).toBe('The state store is closed');
    expect(calls).toEqual(['close()']);
  });

  it('runs prepare once for all calls, and again after it failed', async () => {
    let runs = 0;
    let fail = true;
    const { driver } = recordingDriver();
    const store = defineStateStore({
      name: 'Test',
      driver,
      prepare: async () => {
        runs += 1;
        if (fail) throw new Error('migration failed');
      },
    });
    expect(isPickPostError(await failure(store.get('k')))).toBe(true);
    fail = false;
    await Promise.all([store.get('k'), store.get('l'), store.outbox.counts()]);
    await store.get('m');
    expect(runs).toBe(2);
  });
});
