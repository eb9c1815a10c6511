// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, listed, POINTS, refused, resetPage } from '../test/fake-checkout-api';
import { PickPostRequestError } from './api';
import { messages } from './messages';
import { errorText } from './server-errors';

afterEach(resetPage);

const error = (status: number, code: string) =>
  new PickPostRequestError('English text for developers', status, code);
const plain = { marked: false, selecting: false };

describe('errorText', () => {
  it("maps the checkout API's codes to the shopper's language, never the server's text", () => {
    const cases: [PickPostRequestError, keyof typeof messages.de][] = [
      [error(504, 'POST_TIMEOUT'), 'postDown'],
      [error(502, 'POST_NETWORK_ERROR'), 'postDown'],
      [error(502, 'POST_AUTH_FAILED'), 'postDown'],
      [error(502, 'POST_API_ERROR'), 'postDown'],
      [error(422, 'POST_API_ERROR'), 'postRefused'],
      [error(422, 'SELECTION_EXPIRED'), 'expired'],
      [error(429, 'RATE_LIMITED'), 'busy'],
      [error(0, 'network'), 'network'],
      [error(500, 'INTERNAL_ERROR'), 'failed'],
      [error(409, 'NOT_IN_VARIANT'), 'failed'],
    ];
    for (const lang of ['de', 'fr', 'it', 'en'] as const) {
      const m = messages[lang];
      for (const [failure, key] of cases) {
        const text = errorText(failure, m, plain);
        expect([failure.code, text]).toEqual([failure.code, m[key]]);
        expect(text).not.toContain('English');
      }
    }
  });

  it('asks to check the fields only when one is marked, and names a vanished point', () => {
    const m = messages.fr;
    expect(errorText(error(422, 'VALIDATION_FAILED'), m, plain)).toBe(m.failed);
    expect(errorText(error(422, 'VALIDATION_FAILED'), m, { ...plain, marked: true })).toBe(
      'Veuillez vérifier les champs signalés.',
    );
    expect(errorText(error(404, 'NOT_FOUND'), m, { ...plain, selecting: true })).toBe(m.pointGone);
    // A 404 of the point search is a wrong endpoint, not a vanished point.
    expect(errorText(error(404, 'NOT_FOUND'), m, plain)).toBe(m.failed);
  });
});

describe('error boxes and messages in the element', () => {
  it('shows one error box at a time and clears both when the choice is saved', async () => {
    const api = createFakeApi();
    api.on('POST /selection', () => refused('Invalid selection', { pickpostId: 'is required' }));
    const m = await listed(
      {
        variant: '1',
        lang: 'it',
        required: '',
        'shipping-method-input': 'shipping_method',
        'shipping-method-value': 'pickpost:3',
      },
      api,
    );
    m.form.requestSubmit();
    expect(m.$('[part=error] span').textContent).toBe('Scegli un punto di ritiro.');
    m.options()[0]!.click();
    m.$('[part=confirm-button]').click();
    await vi.waitFor(() => expect(m.$('[part=customer-error]').hidden).toBe(false));
    // The newer message replaces the older: never two boxes at once.
    expect(m.$('[part=error]').hidden).toBe(true);
    expect(m.root.getElementById('pid-e')?.textContent).toBe(messages.it.idMissing);
    expect(m.$('[part=customer-error] span').textContent).toBe(messages.it.checkFields);

    api.on('POST /selection', () => ({
      body: { selection: 'signed', point: POINTS[0], pickpostId: '12345678' },
    }));
    m.$<HTMLInputElement>('[part=pickpost-id-input]').value = '12345678';
    m.$('[part=confirm-button]').click();
    await vi.waitFor(() => expect(m.hidden('pickpost_selection')).toBe('signed'));
    expect(m.$('[part=customer-error]').hidden).toBe(true);
    expect(m.$('[part=error]').hidden).toBe(true);
    expect(m.root.getElementById('pid-e')?.textContent).toBe('');
  });

  it('forgets "… selected" and "please choose" when the shopper switches to home delivery', async () => {
    const m = await listed({
      variant: '4a',
      lang: 'en',
      'shipping-method-input': 'shipping_method',
      'shipping-method-value': 'pickpost:3',
    });
    m.options()[0]!.click();
    await vi.waitFor(() => expect(m.status()).toBe('PickPost Zürich Sihlpost selected.'));
    const home = m.form.querySelector<HTMLInputElement>('input[value=home]')!;
    home.checked = true;
    home.dispatchEvent(new Event('change', { bubbles: true }));
    expect(m.status()).toBe('');
    expect(m.$('[part=error]').hidden).toBe(true);
  });

  it('forgets "please choose" when the shopper switches to home delivery, and on a save', async () => {
    const m = await listed({
      variant: '4a',
      lang: 'en',
      required: '',
      'shipping-method-input': 'shipping_method',
      'shipping-method-value': 'pickpost:3',
    });
    const placeOrder = () =>
      m.form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    const box = m.$('[part=error]');
    expect(placeOrder()).toBe(false);
    expect(box.hidden).toBe(false);
    expect(box.querySelector('span')!.textContent).toBe('Please choose a pick-up point.');
    const home = m.form.querySelector<HTMLInputElement>('input[value=home]')!;
    home.checked = true;
    home.dispatchEvent(new Event('change', { bubbles: true }));
    expect(box.hidden).toBe(true);

    const pickpost = m.form.querySelector<HTMLInputElement>('input[value="pickpost:3"]')!;
    pickpost.checked = true;
    pickpost.dispatchEvent(new Event('change', { bubbles: true }));
    expect(placeOrder()).toBe(false);
    expect(box.hidden).toBe(false);
    m.options()[0]!.click();
    await vi.waitFor(() => expect(m.status()).toBe('PickPost Zürich Sihlpost selected.'));
    expect(box.hidden).toBe(true);
  });
});
