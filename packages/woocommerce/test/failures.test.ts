import { describe, expect, it } from 'vitest';
import { META } from '../src/order-mapping';
import { metaOf, ownNotes, useJourneys } from './journey-kit';

const startJourney = useJourneys();

describe('failures are visible and nothing is lost', () => {
  it('retries a Barcode web service outage with backoff, noting it once, then makes the label', async () => {
    const j = await startJourney(1);
    let clock = Date.now();
    const sync = j.sync({ now: () => clock });
    const order = await j.checkout(1);
    j.post.setFaults('barcode', { errorRate: 1, errorStatus: 503 });

    expect(await sync.runOnce()).toMatchObject({ fulfilled: 0, retried: 1 });
    // Backed off: not due again at once.
    expect((await sync.work()).claimed).toBe(0);
    clock += 60_000;
    expect(await sync.work()).toMatchObject({ retried: 1 });
    const retryNotes = ownNotes(j.shop, order.id);
    expect(retryNotes).toHaveLength(1);
    expect(retryNotes[0]?.note).toContain('will be retried');
    expect(j.shop.state.order(order.id)?.status).toBe('processing');

    j.post.setFaults('barcode', undefined);
    clock += 120_000;
    expect(await sync.work()).toMatchObject({ fulfilled: 1 });
    expect(j.shop.state.order(order.id)?.status).toBe('completed');
    expect(metaOf(j.shop, order.id, META.transmission)).toBe('barcode-webservice');
    const notes = ownNotes(j.shop, order.id).map((note) => note.note);
    expect(notes).toHaveLength(2);
    expect(notes.filter((note) => note.includes('label created'))).toHaveLength(1);
  });

  it('holds an order Swiss Post cannot take, with a note naming the field, and lists it', async () => {
    const j = await startJourney('4b');
    const heavy = await j.checkout(1, {});
    j.shop.shop.updateMeta(heavy.id, (meta) => [
      ...meta,
      { id: 0, key: META.weightGrams, value: '45000' },
    ]);
    const sync = j.sync();
    expect(await sync.runOnce()).toMatchObject({ fulfilled: 0, held: 1 });
    expect(j.shop.state.order(heavy.id)?.status).toBe('on-hold');
    const [note] = ownNotes(j.shop, heavy.id);
    expect(note?.note).toContain('no label was made');
    expect(note?.note).toMatch(/parcel: .*45000 g/);
    expect(metaOf(j.shop, heavy.id, META.identcode)).toBeUndefined();
    const dead = await sync.queue.deadLetters();
    expect(dead).toEqual([expect.objectContaining({ orderId: heavy.id })]);

    // Fixed by the merchant and queued again from the dead letters: one label, no second hold note.
    j.shop.shop.updateMeta(heavy.id, (meta) =>
      meta.map((row) => (row.key === META.weightGrams ? { ...row, value: '1200' } : row)),
    );
    j.shop.shop.updateOrder(heavy.id, { status: 'processing' });
    const fixed = await j.woo.getOrder(heavy.id);
    expect(await sync.queue.revive(fixed, 'fulfil')).toBe(true);
    expect(await sync.work()).toMatchObject({ fulfilled: 1 });
    expect(j.shop.state.order(heavy.id)?.status).toBe('completed');
    expect(ownNotes(j.shop, heavy.id)).toHaveLength(2);
    expect(await sync.queue.deadLetters()).toEqual([]);
  });
});
