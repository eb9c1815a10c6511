import { describe, expect, it } from 'vitest';
import { AARAU_POINT, HANS_MUSTER, VELO_SHOP } from '../../test/fixtures';
import { readableBarcodes, readPdf, readSvg } from '../../test/label-readers';
import { formatIdentcode } from '../identcode/identcode';
import { createManualClock } from '../ports/clock';
import { createMemoryStateStore } from '../ports/memory-state-store';
import type { StateStore } from '../ports/state-store';
import type { Variant } from '../schemas/variants';
import { createPickPost } from './create-pickpost';
import { signSelection } from './selection';

/**
 * Identcodes from the shop's own shipping system (variants 2, 3 and 4b) and the barcode for
 * the shop's own documents, through `fulfil`.
 */
const LICENCE = '60013217';
const SECRET = 's'.repeat(32);
const clock = createManualClock(Date.parse('2026-12-02T09:00:00Z'));
const own = (itemNumber: number, licence = LICENCE) =>
  formatIdentcode({ frankingLicense: licence, itemNumber });

function shopOf(variant: Variant = 2, store: StateStore = createMemoryStateStore({ clock })) {
  const pickpost = createPickPost(
    {
      variant,
      frankingLicense: LICENCE,
      sender: VELO_SHOP,
      selectionSecret: SECRET,
      post: { clientId: 'shop', clientSecret: 'secret-value' },
      ...(variant === 2 || variant === '4b'
        ? { dataTransfer: { transport: { type: 'directory', dir: '/tmp/unused-by-these-tests' } } }
        : {}),
      itemNumbers: { from: 100, to: 999 },
    },
    { store, clock },
  );
  const now = Math.floor(clock.now() / 1000);
  const selection = signSelection(
    {
      v: 1,
      customerRef: 'c-17',
      variant,
      point: { ...AARAU_POINT, country: 'CH' },
      ...(variant === '4a' || variant === '4b' ? {} : { pickpostId: '12345678' }),
      iat: now,
      exp: now + 3600,
    },
    SECRET,
  );
  const orderFor = (orderRef: string) => ({
    orderRef,
    selection,
    customerRef: 'c-17',
    recipient: HANS_MUSTER,
    parcel: { weightGrams: 1200, przl: ['PRI'] },
  });
  return { pickpost, orderFor, store };
}

const refusalOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { issues?: Array<{ path: string; code: string }> }) => error.issues?.[0],
  );

describe('fulfil with an identcode the shop printed itself', () => {
  it('records it, queues its DataTransfer record and draws no label unless asked', async () => {
    const { pickpost, orderFor } = shopOf(2);
    const identcode = own(500);
    const made = await pickpost.fulfil({ ...orderFor('3001'), identcode: `99.60.013217.00000500` });
    expect(made.identcode).toBe(identcode);
    expect(made.itemNumber).toBe(500);
    expect(made.label).toBeUndefined();
    expect(made.transmission).toBe('datatransfer');
    expect(await pickpost.dataTransferCounts()).toMatchObject({ pending: 1 });
    // A repeat is the same parcel; asked for, its label is drawn, the same each time.
    const again = await pickpost.fulfil({ ...orderFor('3001'), identcode, label: true });
    expect(again.identcode).toBe(identcode);
    expect(again.label?.format).toBe('pdf');
    const found = await pickpost.findByIdentcode(identcode);
    expect(Buffer.from(found?.label.data ?? []).equals(Buffer.from(again.label.data))).toBe(true);
    expect(await pickpost.dataTransferCounts()).toMatchObject({ pending: 1 });
    // The same order with another identcode is another request.
    await expect(
      pickpost.fulfil({ ...orderFor('3001'), identcode: own(501) }),
    ).rejects.toMatchObject({
      name: 'IdempotencyConflictError',
      differences: ['identcode'],
    });
  });

  it.each([3, '4b'] as const)('works in variant %s too', async (variant) => {
    const { pickpost, orderFor } = shopOf(variant);
    const made = await pickpost.fulfil({ ...orderFor('3002'), identcode: own(640) });
    expect(made.identcode).toBe(own(640));
  });

  it('refuses a foreign licence, a number outside the range, a reuse, and the web service variants', async () => {
    const { pickpost, orderFor } = shopOf(2);
    expect(
      await refusalOf(pickpost.fulfil({ ...orderFor('1'), identcode: own(500, '60099999') })),
    ).toMatchObject({
      path: 'identcode',
      code: 'foreign_licence',
    });
    expect(
      await refusalOf(pickpost.fulfil({ ...orderFor('2'), identcode: own(50) })),
    ).toMatchObject({
      path: 'identcode',
      code: 'outside_range',
    });
    expect(
      await refusalOf(pickpost.fulfil({ ...orderFor('3'), identcode: '99601321700000' })),
    ).toMatchObject({
      path: 'identcode',
      code: 'invalid_identcode',
    });
    await pickpost.fulfil({ ...orderFor('4'), identcode: own(700) });
    expect(
      await refusalOf(pickpost.fulfil({ ...orderFor('5'), identcode: own(700) })),
    ).toMatchObject({
      path: 'identcode',
      code: 'reused',
    });
    // Within Swiss Post's 90 days the number stays taken; after them it may be used again.
    clock.advance(91 * 24 * 3600 * 1000);
    const later = shopOf(2, undefined);
    expect(
      (await later.pickpost.fulfil({ ...later.orderFor('6'), identcode: own(700) })).itemNumber,
    ).toBe(700);
    for (const variant of [1, '4a'] as const) {
      const web = shopOf(variant);
      expect(
        await refusalOf(web.pickpost.fulfil({ ...web.orderFor('7'), identcode: own(701) })),
      ).toMatchObject({
        path: 'identcode',
        code: 'not_for_variant',
      });
    }
  });

  it('a reused number is free again after the window, on the same store', async () => {
    const store = createMemoryStateStore({ clock });
    const { pickpost, orderFor } = shopOf(2, store);
    await pickpost.fulfil({ ...orderFor('10'), identcode: own(710) });
    clock.advance(91 * 24 * 3600 * 1000);
    const renewed = shopOf(2, store);
    expect(
      (await renewed.pickpost.fulfil({ ...renewed.orderFor('11'), identcode: own(710) }))
        .itemNumber,
    ).toBe(710);
  });

  it('never collides with numbers the SDK allocates, also concurrently from two instances', async () => {
    const store = createMemoryStateStore({ clock });
    const [first, second] = [shopOf(2, store), shopOf(2, store)];
    // The SDK takes numbers from 100 up in blocks of 100; the shop's system uses 150–349.
    const calls: Promise<{ identcode: string } | { refused: string }>[] = [];
    for (let index = 0; index < 200; index += 1) {
      const instance = index % 2 === 0 ? first : second;
      calls.push(
        instance.pickpost.fulfil({ ...instance.orderFor(`sdk-${index}`), label: false }),
        instance.pickpost
          .fulfil({ ...instance.orderFor(`own-${index}`), identcode: own(150 + index) })
          .catch((error: { issues: Array<{ code: string }> }) => ({
            refused: error.issues[0]?.code ?? 'unknown',
          })),
      );
    }
    const outcomes = await Promise.all(calls);
    const identcodes = outcomes.flatMap((outcome) =>
      'identcode' in outcome ? [outcome.identcode] : [],
    );
    expect(new Set(identcodes).size).toBe(identcodes.length);
    const refusals = outcomes.flatMap((outcome) => ('refused' in outcome ? [outcome.refused] : []));
    expect(new Set(refusals)).toEqual(new Set(refusals.length > 0 ? ['issued_by_sdk'] : []));
    // All 200 SDK parcels were made; every own number the SDK had not taken was accepted.
    expect(identcodes.length + refusals.length).toBe(400);
    expect(refusals.length).toBeLessThan(200);
    // And the SDK goes on past the claimed numbers without issuing one of them.
    const more = await first.pickpost.fulfil({ ...first.orderFor('sdk-more'), label: false });
    expect(identcodes).not.toContain(more.identcode);
  });
});

describe('fulfil with the barcode for the shop’s own documents', () => {
  it('gives it beside the label, with the service codes when asked', async () => {
    const { pickpost, orderFor } = shopOf(2);
    const made = await pickpost.fulfil({
      ...orderFor('4001'),
      barcode: { format: 'svg', services: true },
    });
    expect(made.label.format).toBe('pdf');
    expect(made.barcode?.fileName).toBe(`${made.identcode}-barcode.svg`);
    const svg = readSvg(Buffer.from(made.barcode?.data ?? []).toString());
    expect(
      readableBarcodes(svg.rects)
        .map((code) => code.digits)
        .sort(),
    ).toEqual(['0509', made.identcode].sort());
    // Without the option there is none; the parcel is the same.
    const again = await pickpost.fulfil(orderFor('4001'));
    expect(again.barcode).toBeUndefined();
    expect(again.identcode).toBe(made.identcode);
  });
});

describe('bulkLabels of parcels drawn here', () => {
  it('lays them out on A4 sheets from a start position, without drawing each first', async () => {
    const { pickpost, orderFor } = shopOf(2);
    const identcodes: string[] = [];
    for (const orderRef of ['5001', '5002', '5003']) {
      identcodes.push((await pickpost.fulfil({ ...orderFor(orderRef), label: false })).identcode);
    }
    const { stream, mediaType } = await pickpost.bulkLabels(identcodes, {
      sheet: 'a4',
      startPosition: 3,
    });
    expect(mediaType).toBe('application/pdf');
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    // Slots 3 and 4 of the first sheet, slot 1 of the second.
    const pages = readPdf(Buffer.concat(chunks)).pages;
    expect(pages).toHaveLength(2);
    expect(pages[0]?.width).toBeCloseTo(210, 0);
    await expect(
      pickpost.bulkLabels(identcodes, { startPosition: 5, sheet: 'a4' }),
    ).rejects.toThrow(/startPosition/);
  });

  it('tells onLabel as each label is drawn, while the stream is read', async () => {
    const { pickpost, orderFor } = shopOf(2);
    const identcodes: string[] = [];
    for (const orderRef of ['5101', '5102', '5103'])
      identcodes.push((await pickpost.fulfil({ ...orderFor(orderRef), label: false })).identcode);
    const told: string[] = [];
    const { stream } = await pickpost.bulkLabels(identcodes, {
      onLabel: (done, total) => told.push(`${done}/${total}`),
    });
    // Nothing is drawn before the stream is read.
    expect(told).toEqual([]);
    const seen: number[] = [];
    for await (const _chunk of stream) seen.push(told.length);
    expect(told).toEqual(['1/3', '2/3', '3/3']);
    // Reported along the way, not all at the end.
    expect(seen[0]).toBeLessThan(3);
  });
});
