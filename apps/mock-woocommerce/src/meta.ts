// `meta_data` semantics of WooCommerce objects (woocommerce/woocommerce:
// plugins/woocommerce/includes/abstracts/abstract-wc-data.php, update_meta_data, add_meta_data,
// save_meta_data), shared by orders and order items.
import { metaRoundTrip, phpEmpty } from './php';

/** One meta row as REST shows it: `{ id, key, value }`. */
export interface MetaRow {
  id: number;
  key: string;
  value: unknown;
}

/** A row changed in memory; `id` 0 until it is saved, `value` null when it will be deleted. */
interface PendingRow {
  id: number;
  key: string;
  value: unknown;
}

/**
 * The meta rows of one object being edited: `update` as WooCommerce's `update_meta_data` does it,
 * `save` as `save_meta_data` then writes them.
 */
export interface MetaEditor {
  /**
   * - with an `id` that exists: that row gets the key and value (its key may change);
   * - with an `id` that does not: every row with the key is deleted, one new row is added;
   * - without an `id`: the first row with the key gets the value and every other row with the key
   *   is deleted (duplicates collapse), or a row is added;
   * - a `null` value deletes.
   */
  update(key: string, value: unknown, id?: unknown): void;
  /** The rows as saved: deleted ones gone, new ones numbered, values as the database returns them. */
  save(nextId: () => number): MetaRow[];
}

/**
 * Starts editing a list of meta rows (the list itself is not changed).
 *
 * @example
 * const meta = editMeta([{ id: 1, key: 'a', value: 'x' }, { id: 2, key: 'a', value: 'y' }]);
 * meta.update('a', 'z');
 * meta.save(() => 3); // [{ id: 1, key: 'a', value: 'z' }]
 */
export function editMeta(rows: readonly MetaRow[]): MetaEditor {
  const pending: PendingRow[] = rows.map((row) => ({ ...row }));
  const add = (key: string, value: unknown) => {
    // add_meta_data( $key, $value, $unique = true ) removes the key first.
    for (const row of pending) if (row.key === key) row.value = null;
    pending.push({ id: 0, key, value });
  };
  return {
    update(key, value, id) {
      const normalized = value === undefined ? null : value;
      if (!phpEmpty(id)) {
        // PHP compares the ids loosely: "12" finds row 12.
        const row = pending.find(
          (candidate) => candidate.id !== 0 && String(candidate.id) === String(id),
        );
        if (row !== undefined) {
          row.key = key;
          row.value = normalized;
        } else {
          add(key, normalized);
        }
        return;
      }
      const matches = pending.filter((row) => row.key === key);
      if (matches.length === 0) {
        add(key, normalized);
        return;
      }
      for (const row of matches) row.value = null;
      (matches[0] as PendingRow).value = normalized;
    },
    save(nextId) {
      return pending
        .filter((row) => row.value !== null)
        .map((row) => ({
          id: row.id === 0 ? nextId() : row.id,
          key: row.key,
          value: metaRoundTrip(row.value),
        }));
    },
  };
}
