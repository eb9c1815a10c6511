// Order notes are WordPress comments of type `order_note` (woocommerce/woocommerce:
// plugins/woocommerce/includes/rest-api/Controllers/Version1…3/class-wc-rest-order-notes-*-controller.php).
import type { StoreZone } from '../dates';
import { datePair, link } from '../format';
import type { WcOrderNote } from '../types';

export interface NoteRecord {
  id: number;
  orderId: number;
  createdGmt: number;
  content: string;
  customerNote: boolean;
  /** `WooCommerce` for notes the shop wrote itself, else the user's display name. */
  author: string;
}

/** The comment author WooCommerce gives its own notes; REST shows it as `system`. */
export const SYSTEM_AUTHOR = 'WooCommerce';

export interface NoteStore {
  add(note: Omit<NoteRecord, 'id'>): NoteRecord;
  get(id: number): NoteRecord | undefined;
  /** Newest first, as `get_comments` orders them (date, then id, both descending). */
  forOrder(orderId: number): NoteRecord[];
  delete(id: number): void;
  deleteForOrder(orderId: number): void;
}

/**
 * An empty note store numbering notes from 1.
 *
 * @example
 * const notes = createNoteStore();
 * notes.add({ orderId: 7, createdGmt: Date.now(), content: 'Packed', customerNote: false, author: 'WooCommerce' });
 */
export function createNoteStore(): NoteStore {
  const byId = new Map<number, NoteRecord>();
  const byOrder = new Map<number, NoteRecord[]>();
  let nextId = 1;
  return {
    add(note) {
      const record = { ...note, id: nextId++ };
      byId.set(record.id, record);
      const list = byOrder.get(note.orderId) ?? [];
      list.push(record);
      byOrder.set(note.orderId, list);
      return record;
    },
    get: (id) => byId.get(id),
    forOrder: (orderId) =>
      [...(byOrder.get(orderId) ?? [])].sort((a, b) => b.createdGmt - a.createdGmt || b.id - a.id),
    delete(id) {
      const note = byId.get(id);
      if (note === undefined) return;
      byId.delete(id);
      byOrder.set(
        note.orderId,
        (byOrder.get(note.orderId) ?? []).filter((candidate) => candidate.id !== id),
      );
    },
    deleteForOrder(orderId) {
      for (const note of byOrder.get(orderId) ?? []) byId.delete(note.id);
      byOrder.delete(orderId);
    },
  };
}

/**
 * A note as v3 answers it: `author` is `system` for the shop's own notes, both dates, and links
 * to itself, its collection and its order.
 */
export function formatNote(note: NoteRecord, zone: StoreZone, origin: string): WcOrderNote {
  const [local, gmt] = datePair(zone, note.createdGmt);
  const base = `${origin}/wp-json/wc/v3/orders/${note.orderId}`;
  return {
    id: note.id,
    author: note.author === SYSTEM_AUTHOR ? 'system' : note.author,
    date_created: local as string,
    date_created_gmt: gmt as string,
    note: note.content,
    customer_note: note.customerNote,
    _links: {
      self: link(`${base}/notes/${note.id}`),
      collection: link(`${base}/notes`),
      up: link(base),
    },
  };
}
