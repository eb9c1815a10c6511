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
import type { PickupPoint } from './types';

afterEach(resetPage);

/** Twelve points: more than the list shows at first. */
const MANY: PickupPoint[] = Array.from({ length: 12 }, (_, i) => ({
  ...POINTS[0]!,
  id: `p${i}`,
  name: `Point ${i}`,
  distanceMeters: 100 * (i + 1),
}));

describe('accessibility details', () => {
  it('puts the summary heading at the heading-level the page asks for (default 3)', async () => {
    const m = await listed({ variant: '4a' });
    expect(m.$('#c-h').localName).toBe('h3');
    m.picker.setAttribute('heading-level', '2');
    expect(m.$('#c-h').localName).toBe('h2');
    expect(m.$('[part=chosen]').getAttribute('aria-labelledby')).toBe('c-h');
    m.options()[0]!.click();
    await vi.waitFor(() => expect(m.$('#c-h').textContent).toBe('Ihr Abholort'));
    m.picker.setAttribute('heading-level', '9');
    expect(m.$('#c-h').localName).toBe('h3');
  });

  it('marks Confirm busy with aria-disabled, never disabled, and sends one save', async () => {
    const api = createFakeApi();
    const release = holdReply(api, 'POST /selection', { selection: 'signed', point: POINTS[0] });
    const m = await listed({ variant: '1' }, api);
    m.options()[0]!.click();
    const confirm = m.$<HTMLButtonElement>('[part=confirm-button]');
    confirm.click();
    await vi.waitFor(() => expect(api.callsTo('POST /selection')).toHaveLength(1));
    expect(confirm.disabled).toBe(false);
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    confirm.click();
    release();
    await vi.waitFor(() => expect(m.hidden('pickpost_selection')).toBe('signed'));
    expect(api.callsTo('POST /selection')).toHaveLength(1);
    expect(confirm.hasAttribute('aria-disabled')).toBe(false);
  });

  it('shows the five nearest points, then five more per "Show more", focusing the first new one', async () => {
    const api = createFakeApi();
    api.on('GET /points', () => ({ body: { points: MANY } }));
    const m = mountPicker({ zip: '8001', variant: '1', lang: 'en' }, api);
    await vi.waitFor(() => expect(m.options()).toHaveLength(5));
    const options = () => m.options();
    const more = m.$<HTMLButtonElement>('[part=more-button]');
    expect(more.textContent).toBe('Show 5 more');
    more.click();
    expect(options()).toHaveLength(10);
    expect(m.root.activeElement?.id).toBe('o5');
    expect(more.textContent).toBe('Show 2 more');
    more.click();
    expect(options()).toHaveLength(12);
    expect(more.hidden).toBe(true);
  });

  it('folds the list and forms behind the summary once confirmed; Change opens them again', async () => {
    const m = await listed({ variant: '1', lang: 'en' });
    m.options()[1]!.click();
    m.$<HTMLInputElement>('[part=pickpost-id-input]').value = '12345678';
    m.$('[part=confirm-button]').click();
    await vi.waitFor(() => expect(m.picker.selection).not.toBeNull());
    expect(m.$('[part=list]').hidden).toBe(true);
    expect(m.$('[part=customer]').hidden).toBe(true);
    expect(m.$('[part=kind-filter]').hidden).toBe(true);
    expect(m.root.activeElement).toBe(m.$('[part=chosen]'));
    const change = m.$('[part=change-button]');
    expect(change.textContent).toBe('Change pick-up point');
    change.click();
    expect(m.$('[part=list]').hidden).toBe(false);
    expect(m.$('[part=customer]').hidden).toBe(false);
    // The choice stands until another is confirmed; the focus is back on it in the list.
    expect(m.picker.selection?.point.id).toBe('8001-MP24');
    expect(m.root.activeElement).toBe(m.options()[1]);
  });
});
