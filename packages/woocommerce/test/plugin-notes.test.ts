import { afterEach, describe, expect, it } from 'vitest';
import { META } from '../src/order-mapping';
import { NOTE_META } from '../src/plugin-notes';
import { metaOf, ownNotes, requestsTo, startJourney } from './journey-kit';

type Journey = Awaited<ReturnType<typeof startJourney>>;
let j: Journey | undefined;
afterEach(async () => {
  await j?.close();
  j = undefined;
});

const NOTE_POSTS = /^\/wc\/v3\/orders\/\d+\/notes$/;
/** Batches that carried a note's text (the clean-up after no plugin sends the key with null). */
const pendingSent = (journey: Journey) =>
  journey.shop.state.requests.filter(
    (r) =>
      r.restRoute === '/wc/v3/orders/batch' &&
      JSON.stringify(r.body).includes(`"key":"${NOTE_META.pending}","value":"`),
  ).length;

async function ordersIn(journey: Journey, count: number) {
  const ids: number[] = [];
  for (let customer = 1; customer <= count; customer++)
    ids.push((await journey.checkout(customer)).id);
  return ids;
}

describe('notes in the batched write-back (the PickPost plugin)', () => {
  it('with the plugin: one note per order, written in the batch, no note request, no meta left', async () => {
    j = await startJourney('4b', { shop: { pickpostPlugin: true } });
    const ids = await ordersIn(j, 12);
    const sync = j.sync({ batchSize: 5 });
    expect(await sync.runOnce()).toMatchObject({ fulfilled: 12 });
    expect(requestsTo(j.shop, 'POST', NOTE_POSTS)).toBe(0);
    for (const id of ids) {
      const notes = ownNotes(j.shop, id);
      expect(notes).toHaveLength(1);
      expect(notes[0]?.note).toContain('PickPost label created');
      expect(metaOf(j.shop, id, NOTE_META.pending)).toBeUndefined();
      expect(metaOf(j.shop, id, META.identcode)).toMatch(/^\d{18}$/);
    }
    // `auto` kept the plugin for every batch (3 batches of ≤ 5).
    expect(pendingSent(j)).toBe(3);
  });

  it('a claim taken over after its batch was sent (written flag lost) adds no second note', async () => {
    j = await startJourney('4b', { shop: { pickpostPlugin: true } });
    const [id] = await ordersIn(j, 1);
    const first = j.sync({ notes: { via: 'plugin' }, leaseMs: 50 });
    await first.poll();
    // The batch goes out, then the process "dies" before it records the write: the store's
    // commit after the batch is refused once.
    const save = first.queue.save;
    let refused = false;
    first.queue.save = async (items) => {
      if (!refused && items.some((c) => c.item.written === true)) {
        refused = true;
        throw new Error('killed after the batch');
      }
      return save(items);
    };
    await expect(first.work()).rejects.toThrow('killed after the batch');
    expect(ownNotes(j.shop, id as number)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const second = j.sync({ notes: { via: 'plugin' } });
    expect(await second.work()).toMatchObject({ claimed: 1, fulfilled: 1 });
    expect(ownNotes(j.shop, id as number)).toHaveLength(1);
    expect(metaOf(j.shop, id as number, NOTE_META.pending)).toBeUndefined();
    expect(pendingSent(j)).toBe(2);
  });

  it('auto without the plugin: the first batch finds out, its notes go over REST and its meta is deleted; later batches send none', async () => {
    j = await startJourney('4b');
    const ids = await ordersIn(j, 10);
    expect(await j.sync({ batchSize: 4 }).runOnce()).toMatchObject({ fulfilled: 10 });
    expect(pendingSent(j)).toBe(1);
    expect(requestsTo(j.shop, 'POST', NOTE_POSTS)).toBe(10);
    for (const id of ids) {
      expect(ownNotes(j.shop, id)).toHaveLength(1);
      expect(metaOf(j.shop, id, NOTE_META.pending)).toBeUndefined();
      expect(metaOf(j.shop, id, NOTE_META.customer)).toBeUndefined();
    }
  });

  it('rest: never sends the meta, one note request per order, also with the plugin there', async () => {
    j = await startJourney('4b', { shop: { pickpostPlugin: true } });
    const ids = await ordersIn(j, 3);
    expect(await j.sync({ notes: { via: 'rest' } }).runOnce()).toMatchObject({ fulfilled: 3 });
    expect(pendingSent(j)).toBe(0);
    expect(requestsTo(j.shop, 'POST', NOTE_POSTS)).toBe(3);
    for (const id of ids) expect(ownNotes(j.shop, id)).toHaveLength(1);
  });

  it('a held order’s note goes with its batch item too', async () => {
    j = await startJourney('4b', { shop: { pickpostPlugin: true } });
    const bad = await j.checkout(1, { meta_data: [{ key: '_pickpost_selection', value: '' }] });
    await j.sync().runOnce();
    expect(requestsTo(j.shop, 'POST', NOTE_POSTS)).toBe(0);
    const notes = ownNotes(j.shop, bad.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.note).toContain('no label was made');
  });
});
