import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { META } from '../src/order-mapping';
import { metaOf, ownNotes, useJourneys } from './journey-kit';

const startJourney = useJourneys();

/** An identcode of the journeys' franking licence, as a shop's own shipping system prints it. */
const own = (itemNumber: number) => `9960013217${String(itemNumber).padStart(8, '0')}`;

describe('an identcode from the shop’s own shipping system (order meta)', () => {
  it('is the parcel’s, beside SDK identcodes, once in the DataTransfer file; a reuse is held naming it', async () => {
    const j = await startJourney(2);
    const printed = own(97_000_001);
    const mine = await j.checkout(1);
    const again = await j.checkout(2);
    const sdk = await j.checkout(3);
    for (const order of [mine, again]) {
      j.shop.shop.updateMeta(order.id, (meta) => [
        ...meta,
        { id: 0, key: META.ownIdentcode, value: printed },
      ]);
    }
    const sync = j.sync({
      barcodeUrl: (identcode) => `https://sync.example.ch/pickpost/barcodes/${identcode}`,
    });
    expect(await sync.runOnce()).toMatchObject({ fulfilled: 2, held: 1 });

    // Both orders carry the number: whichever the batch fulfilled first has it, the other is
    // on hold, its note naming the field and why.
    const [taker, refused] =
      metaOf(j.shop, mine.id, META.identcode) === printed ? [mine, again] : [again, mine];
    expect(metaOf(j.shop, taker.id, META.identcode)).toBe(printed);
    expect(metaOf(j.shop, taker.id, META.barcodeUrl)).toBe(
      `https://sync.example.ch/pickpost/barcodes/${printed}`,
    );
    expect(j.shop.state.order(refused.id)?.status).toBe('on-hold');
    expect(metaOf(j.shop, refused.id, META.identcode)).toBeUndefined();
    expect(ownNotes(j.shop, refused.id)[0]?.note).toMatch(/no label was made.*identcode/s);
    const sdkIdentcode = metaOf(j.shop, sdk.id, META.identcode) as string;
    expect(sdkIdentcode).toMatch(/^9960013217\d{8}$/);
    expect(sdkIdentcode).not.toBe(printed);

    const report = await j.pickpost.flushDataTransfer();
    expect(report.delivered).toBe(2);
    const files = readdirSync(j.dir).map((name) => readFileSync(join(j.dir, name), 'utf8'));
    expect(files.join('\n').split(printed)).toHaveLength(2);
    expect(files.join('\n')).toContain(sdkIdentcode);
  });

  it('is refused when of another franking licence, naming it', async () => {
    const j = await startJourney('4b');
    const order = await j.checkout(1);
    j.shop.shop.updateMeta(order.id, (meta) => [
      ...meta,
      { id: 0, key: META.ownIdentcode, value: '996009999997000002' },
    ]);
    expect(await j.sync().runOnce()).toMatchObject({ fulfilled: 0, held: 1 });
    expect(ownNotes(j.shop, order.id)[0]?.note).toMatch(/identcode.*licen/is);
  });
});
