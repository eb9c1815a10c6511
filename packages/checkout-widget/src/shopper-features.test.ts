// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createFakeApi,
  holdReply,
  listed,
  mountPicker,
  POINTS,
  resetPage,
} from '../test/fake-checkout-api';
import { keepRanges } from './dom';
import { formatOpenNow, swissTime } from './format';
import { messages } from './messages';
import type { PickupPoint } from './types';

afterEach(resetPage);

const counter = POINTS[0]!;
const en = messages.en;

describe('open now', () => {
  it('reads the Swiss clock, whatever the time zone of the browser', () => {
    // 08:05 UTC on 1 June is 10:05 in Zürich (summer time), 09:05 in January.
    expect(swissTime(new Date(Date.UTC(2026, 5, 1, 8, 5)))).toBe('10:05');
    expect(swissTime(new Date(Date.UTC(2026, 0, 5, 8, 5)))).toBe('09:05');
  });

  it("says until when a point is open, or when it opens again, from today's hours", () => {
    // Monday: 07:30–12:00 and 13:30–18:30.
    expect(formatOpenNow(counter, en, 'mon', '07:00')).toBe('Opens at 07:30');
    expect(formatOpenNow(counter, en, 'mon', '10:00')).toBe('Open until 12:00');
    expect(formatOpenNow(counter, en, 'mon', '12:00')).toBe('Opens at 13:30');
    expect(formatOpenNow(counter, messages.de, 'mon', '17:59')).toBe('Geöffnet bis 18:30');
    expect(formatOpenNow(counter, en, 'mon', '18:30')).toBeUndefined();
    const terminal = POINTS[1]!;
    // Capitalised as the line's other statuses, while the week table keeps "lun–dim ouvert …".
    expect(formatOpenNow(terminal, messages.fr, 'sun', '03:00')).toBe('Ouvert 24 h sur 24');
    expect(formatOpenNow(terminal, en, 'sun', '03:00')).toBe('Open 24 hours');
    expect(formatOpenNow(terminal, messages.de, 'sun', '03:00')).toBe('24 Stunden geöffnet');
  });

  it("falls back on the search's live status, and drops one the clock has passed", () => {
    const live: PickupPoint = { ...POINTS[2]!, openUntil: '18:00' };
    expect(POINTS[2]!.openingHours).toBeUndefined();
    expect(formatOpenNow(live, messages.it, 'tue', '09:00')).toBe('Aperto fino alle 18:00');
    // A cached search from the morning, read in the evening.
    expect(formatOpenNow(live, en, 'tue', '18:10')).toBeUndefined();
    const lunch: PickupPoint = { ...POINTS[2]!, openAgain: '13:30' };
    expect(formatOpenNow(lunch, en, 'tue', '12:15')).toBe('Opens at 13:30');
    expect(formatOpenNow(POINTS[2]!, en, 'tue', '12:15')).toBeUndefined();
  });

  it('keeps each time range on one line without changing the text', () => {
    const parts = keepRanges('Today: 07:30–12:00, 13:30–18:30');
    const span = document.createElement('span');
    span.append(...parts);
    expect(span.textContent).toBe('Today: 07:30–12:00, 13:30–18:30');
    expect([...span.querySelectorAll('.nw')].map((part) => part.textContent)).toEqual([
      'Today: 07:30–12:00',
      '13:30–18:30',
    ]);
  });
});

describe('counter or terminal filter', () => {
  it('offers the filter when both kinds are listed and filters the list on it', async () => {
    const m = await listed({ lang: 'en', variant: '4a' });
    const filter = m.$('[part=kind-filter]');
    expect(filter.hidden).toBe(false);
    expect(filter.querySelector('legend')?.textContent).toBe('Show');
    const terminals = filter.querySelector<HTMLInputElement>('[value=mypost24]')!;
    terminals.checked = true;
    terminals.dispatchEvent(new Event('change', { bubbles: true }));
    expect(m.options().map((option) => option.dataset.pointId)).toEqual(['8001-MP24']);
    expect(m.status()).toBe('1 pick-up point found');
    // The roving focus and Enter act on the filtered list.
    m.options()[0]!.click();
    await vi.waitFor(() => expect(m.hidden('pickpost_point_id')).toBe('8001-MP24'));
    const all = filter.querySelector<HTMLInputElement>('[value=""]')!;
    all.checked = true;
    all.dispatchEvent(new Event('change', { bubbles: true }));
    expect(m.options()).toHaveLength(3);
  });

  it('hides the filter when the answer holds one kind only', async () => {
    const api = createFakeApi();
    api.on('GET /points', () => ({ body: { points: [POINTS[0], POINTS[2]] } }));
    const m = mountPicker({ zip: '8001' }, api);
    await vi.waitFor(() => expect(m.options()).toHaveLength(2));
    expect(m.$('[part=kind-filter]').hidden).toBe(true);
  });
});

describe('the last chosen point', () => {
  it('is remembered after a confirmed choice and listed first, marked, next time', async () => {
    const first = await listed({ variant: '4a', lang: 'en' });
    first.options()[2]!.click();
    await vi.waitFor(() => expect(first.hidden('pickpost_point_id')).toBe('8002-02'));
    // Only the point's ID is kept.
    expect(localStorage.getItem('pickpost-point-picker:last-point')).toBe('8002-02');
    document.body.replaceChildren();

    const next = await listed({ variant: '4a', lang: 'en' });
    expect(next.options()[0]?.dataset.pointId).toBe('8002-02');
    expect(next.options()[0]?.querySelector('[part=last-used]')?.textContent).toBe('Last used');
    expect(next.options()[0]?.getAttribute('tabindex')).toBe('0');
    // Remembered is not chosen: nothing is in the form until the shopper confirms.
    expect(next.hidden('pickpost_selection')).toBeUndefined();
  });

  it('is neither kept nor read with no-remember, and an earlier one is forgotten', async () => {
    localStorage.setItem('pickpost-point-picker:last-point', '8002-02');
    const m = await listed({ variant: '4a', 'no-remember': '' });
    expect(localStorage.getItem('pickpost-point-picker:last-point')).toBeNull();
    expect(m.options()[0]?.dataset.pointId).toBe('8001-01');
    m.options()[1]!.click();
    await vi.waitFor(() => expect(m.hidden('pickpost_point_id')).toBe('8001-MP24'));
    expect(localStorage.getItem('pickpost-point-picker:last-point')).toBeNull();
  });
});

describe("the shop's checkout form", () => {
  it('pre-fills the registration from the checkout fields named in customer-inputs', async () => {
    const m = await listed({
      variant: '1',
      'customer-inputs':
        '{"firstName":"first_name","name1":"last_name","email":"email","bogus":"x"}',
    });
    m.form.insertAdjacentHTML(
      'afterbegin',
      '<input name="first_name" value=" Anne "><input name="last_name" value="Rochat"><input name="email" value="">',
    );
    m.options()[0]!.click();
    m.$<HTMLInputElement>('#r-name1').value = 'Typed';
    m.$('[part=register-toggle]').click();
    expect(m.$<HTMLInputElement>('#r-firstName').value).toBe('Anne');
    // What the shopper typed into the registration is never overwritten.
    expect(m.$<HTMLInputElement>('#r-name1').value).toBe('Typed');
    expect(m.$<HTMLInputElement>('#r-email').value).toBe('');
  });

  it('holds the order back while a choice is being saved', async () => {
    const api = createFakeApi();
    const release = holdReply(api, 'POST /selection', { selection: 'signed', point: POINTS[0] });
    const m = await listed({ variant: '4a', lang: 'en' }, api);
    m.options()[0]!.click();
    await vi.waitFor(() => expect(api.callsTo('POST /selection')).toHaveLength(1));
    const submit = new Event('submit', { cancelable: true });
    m.form.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(m.status()).toBe('Saving your choice…');
    release();
    await vi.waitFor(() => expect(m.hidden('pickpost_selection')).toBe('signed'));
    const after = new Event('submit', { cancelable: true });
    m.form.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
  });
});
