import { TRACKING_META_KEY } from '@pickpost/mock-woocommerce';
import { describe, expect, it } from 'vitest';
import { META } from '../src/order-mapping';
import { metaOf, ownNotes, useJourneys } from './journey-kit';

const startJourney = useJourneys();

describe('tracking and cancellation', () => {
  it('adds a Shipment Tracking item when the shop has the extension, and a customer note when asked', async () => {
    const j = await startJourney('4b', { shop: { shipmentTracking: true } });
    const order = await j.checkout(1);
    await j.sync({ notes: { customer: true } }).runOnce();
    const identcode = metaOf(j.shop, order.id, META.identcode) as string;
    const items = JSON.stringify(metaOf(j.shop, order.id, TRACKING_META_KEY));
    expect(items).toContain(identcode);
    const [note] = ownNotes(j.shop, order.id);
    expect(note?.customer_note).toBe(true);
    expect(note?.note).toContain(j.pickpost.trackingUrl(identcode));
  });

  it('asks nothing of a shop without the extension after the first check', async () => {
    const j = await startJourney('4b');
    await j.checkout(1);
    await j.checkout(2);
    const sync = j.sync();
    await sync.runOnce();
    const probes = j.shop.state.requests.filter((r) => r.restRoute.includes('shipment-tracking'));
    expect(probes).toHaveLength(1);
    expect(probes[0]?.status).toBe(404);
  });

  it('withdraws the DataTransfer record of an order cancelled after its label, with one note', async () => {
    const j = await startJourney('4b');
    const order = await j.checkout(1);
    const sync = j.sync();
    await sync.runOnce();
    expect(await j.pickpost.dataTransferCounts()).toMatchObject({ pending: 1 });
    j.shop.shop.updateOrder(order.id, { status: 'cancelled' });
    expect(await sync.runOnce()).toMatchObject({ cancelled: 1 });
    expect(await j.pickpost.dataTransferCounts()).toMatchObject({ pending: 0 });
    const notes = ownNotes(j.shop, order.id).map((note) => note.note);
    expect(notes).toHaveLength(2);
    expect(notes.some((note) => note.includes('cancelled (withdrawn)'))).toBe(true);
    // Seen again (the poll's overlap): nothing more.
    expect(await sync.runOnce()).toMatchObject({ claimed: 0 });
    expect(ownNotes(j.shop, order.id)).toHaveLength(2);
  });
});
