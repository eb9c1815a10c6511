import { describe, expect, it } from 'vitest';
import type { MetaRow } from './meta';
import { editMeta } from './meta';

const rows: MetaRow[] = [
  { id: 1, key: 'carrier', value: 'post' },
  { id: 2, key: 'carrier', value: 'dhl' },
  { id: 3, key: 'count', value: '2' },
];
const ids = () => {
  let next = 10;
  return () => next++;
};

describe('update_meta_data', () => {
  it('by key: the first row takes the value, the other rows of the key go', () => {
    const meta = editMeta(rows);
    meta.update('carrier', 'swiss-post');
    expect(meta.save(ids())).toEqual([
      { id: 1, key: 'carrier', value: 'swiss-post' },
      { id: 3, key: 'count', value: '2' },
    ]);
  });

  it('by id: that row only, and its key may change; an unknown id replaces every row of the key', () => {
    const byId = editMeta(rows);
    byId.update('carriers', 'dhl-express', '2');
    expect(byId.save(ids()).map((row) => [row.id, row.key, row.value])).toEqual([
      [1, 'carrier', 'post'],
      [2, 'carriers', 'dhl-express'],
      [3, 'count', '2'],
    ]);
    const unknown = editMeta(rows);
    unknown.update('carrier', 'ups', 99);
    expect(unknown.save(ids())).toEqual([
      { id: 3, key: 'count', value: '2' },
      { id: 10, key: 'carrier', value: 'ups' },
    ]);
  });

  it('deletes with null, adds new keys, stores scalars as strings, leaves the input alone', () => {
    const meta = editMeta(rows);
    meta.update('count', null);
    meta.update('parcels', 3);
    meta.update('nothing', null);
    expect(meta.save(ids())).toEqual([
      { id: 1, key: 'carrier', value: 'post' },
      { id: 2, key: 'carrier', value: 'dhl' },
      { id: 10, key: 'parcels', value: '3' },
    ]);
    expect(rows).toHaveLength(3);
  });
});
