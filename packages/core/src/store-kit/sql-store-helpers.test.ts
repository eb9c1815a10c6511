import { describe, expect, it } from 'vitest';
import { PickPostError } from '../errors/index';
import { outboxEntryFromRow, toStoreFailure } from './sql-store-helpers';

describe('SQL store helpers', () => {
  it('wraps driver errors in STORE_FAILED with their code but not their message', () => {
    const driverError = Object.assign(new Error('connect postgres://u:pw-123@db failed'), {
      code: 'ECONNREFUSED',
    });
    const error = toStoreFailure(driverError, 'Postgres');
    expect(error.code).toBe('STORE_FAILED');
    expect(error.message).toBe('The Postgres state store failed (ECONNREFUSED)');
    expect(error.cause).toBe(driverError);
    expect(JSON.stringify(error)).not.toContain('pw-123');
    const own = new PickPostError('STORE_FAILED', 'The state store is closed');
    expect(toStoreFailure(own, 'SQLite')).toBe(own);
  });

  it('maps outbox rows, bigint strings included, without empty fields', () => {
    const base = { id: 'a', payload: 'p', state: 'pending' as const, attempts: 0 };
    expect(
      outboxEntryFromRow({
        ...base,
        enqueued_at: '1700000000000',
        receipt: null,
        delivered_at: null,
      }),
    ).toEqual({ ...base, enqueuedAt: 1_700_000_000_000 });
    expect(
      Object.keys(
        outboxEntryFromRow({ ...base, enqueued_at: 1, receipt: null, delivered_at: null }),
      ),
    ).not.toContain('receipt');
    expect(
      outboxEntryFromRow({
        ...base,
        state: 'delivered',
        enqueued_at: 1,
        receipt: 'f',
        delivered_at: '2',
      }),
    ).toEqual({ ...base, state: 'delivered', enqueuedAt: 1, receipt: 'f', deliveredAt: 2 });
  });
});
