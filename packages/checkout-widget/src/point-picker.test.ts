// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CUSTOMER,
  createFakeApi,
  events,
  holdReply,
  key,
  listed,
  mountPicker,
  POINTS,
  refused,
  resetPage,
  search,
} from '../test/fake-checkout-api';

type Mounted = ReturnType<typeof mountPicker>;

function fill(m: Mounted, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    m.$<HTMLInputElement>(`[part=register-form] [name=${name}]`).value = value;
  }
}

/** What an option shows, part by part. */
const shown = (option: HTMLElement) =>
  Object.fromEntries(
    ['option-name', 'badge', 'distance', 'address', 'hours-today'].map((part) => [
      part,
      option.querySelector(`[part~=${part}]`)?.textContent,
    ]),
  );

const submitForm = (form: HTMLFormElement) => {
  const event = new Event('submit', { cancelable: true, bubbles: true });
  form.dispatchEvent(event);
  return event.defaultPrevented;
};

beforeEach(() => {
  document.documentElement.lang = '';
});

afterEach(() => {
  resetPage();
  vi.useRealTimers();
});

describe('searching', () => {
  it('searches the zip attribute at once and lists the points with distance, hours and type', async () => {
    // Monday 2 March 2026, 10:00 in Zürich.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
    const m = await listed();

    const [call] = m.api.callsTo('GET /points');
    expect(call?.query.get('zip')).toBe('8001');
    expect(call?.query.get('lang')).toBe('de');
    expect(call?.credentials).toBe('same-origin');
    expect(m.$<HTMLInputElement>('[part=query-input]').value).toBe('8001');
    expect(m.status()).toBe('3 Abholorte gefunden');

    // Unknown hours are left out rather than shown as "closed".
    expect(m.options().map(shown)).toEqual([
      {
        'option-name': 'PickPost Zürich Sihlpost',
        badge: 'PickPost',
        distance: '420 m',
        address: 'Kasernenstrasse 97, 8004 Zürich',
        'hours-today': 'Heute: 07:30–12:00, 13:30–18:30',
      },
      {
        'option-name': 'My Post 24 Zürich HB',
        badge: 'My Post 24',
        distance: '1.3 km',
        address: 'Bahnhofplatz, 8001 Zürich',
        'hours-today': 'Heute: 24 Stunden geöffnet',
      },
      {
        'option-name': 'PickPost Zürich Enge',
        badge: 'PickPost',
        distance: '2.4 km',
        address: 'Bederstrasse 1, 8002 Zürich',
        'hours-today': undefined,
      },
    ]);
  });

  it('says a point is closed today', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-08T09:00:00Z')); // a Sunday
    const m = await listed({ lang: 'en' });
    expect(shown(m.options()[0]!)['hours-today']).toBe('Closed today');
  });

  it('searches a town typed in the box, with the kinds, limit and language asked for', async () => {
    const m = mountPicker({ kinds: 'mypost24, toString', limit: '5', lang: 'fr' });
    expect(m.api.calls).toHaveLength(0);
    m.$<HTMLInputElement>('[part=query-input]').value = '  Lausanne ';
    // Enter in the box submits its form: that is the browser's; requestSubmit is the same path.
    m.$<HTMLFormElement>('[part=search]').requestSubmit();
    await vi.waitFor(() => expect(m.options()).toHaveLength(3));
    const query = m.api.calls[0]?.query;
    expect(Object.fromEntries(query ?? [])).toEqual({
      town: 'Lausanne',
      kinds: 'mypost24',
      limit: '5',
      lang: 'fr',
    });
    expect(m.status()).toBe('3 points de retrait trouvés');
  });

  it('asks for a postcode or town instead of searching for nothing', async () => {
    const m = mountPicker({ lang: 'en' });
    search(m, '   ');
    const input = m.$<HTMLInputElement>('[part=query-input]');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(m.root.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Enter a postcode or town.',
    );
    expect(m.api.calls).toHaveLength(0);
    search(m, '8001');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('says when no point is near the place searched', async () => {
    const api = createFakeApi();
    api.on('GET /points', () => ({ body: { points: [] } }));
    const m = mountPicker({ zip: '9999', lang: 'en' }, api);
    await vi.waitFor(() =>
      expect(m.status()).toBe(
        'No pick-up point near 9999. Try a neighbouring postcode or a larger town nearby.',
      ),
    );
    expect(m.$('[part=list]').hidden).toBe(true);
    expect(m.$('[part=error]').hidden).toBe(true);
  });

  it('takes an answer without a list as no points, without breaking', async () => {
    const api = createFakeApi();
    api.on('GET /points', () => ({ body: { points: 'nope' } }));
    const m = mountPicker({ zip: '8001', lang: 'en' }, api);
    await vi.waitFor(() => expect(m.status()).toMatch(/^No pick-up point near 8001\. Try /));
  });

  it('searches again when the shop changes the zip attribute, and keeps the newest answer', async () => {
    const api = createFakeApi();
    let release = () => {};
    api.on('GET /points', (call) =>
      call.query.get('zip') === '8001'
        ? new Promise((resolve) => {
            release = () => resolve({ body: { points: POINTS } });
          })
        : { body: { points: [POINTS[2]] } },
    );
    const m = mountPicker({ zip: '8001' }, api);
    m.picker.setAttribute('zip', '8002');
    await vi.waitFor(() => expect(m.options()).toHaveLength(1));
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(m.options()).toHaveLength(1);
    expect(m.$<HTMLInputElement>('[part=query-input]').value).toBe('8002');
    expect(m.api.callsTo('GET /points').map((call) => call.query.get('zip'))).toEqual([
      '8001',
      '8002',
    ]);
  });

  it("searches around the shopper's location, rounded to about 100 m", async () => {
    let answer: PositionCallback = () => {};
    vi.stubGlobal('navigator', {
      ...navigator,
      geolocation: {
        getCurrentPosition: (success: PositionCallback) => {
          answer = success;
        },
      },
    });
    const m = mountPicker({ lang: 'en' });
    const button = m.$<HTMLButtonElement>('[part=locate-button]');
    expect(button.hidden).toBe(false);
    expect(button.textContent).toBe('Use my location');
    button.click();
    expect(m.status()).toBe('Finding your location…');
    answer({ coords: { latitude: 47.377_912, longitude: 8.532_34 } } as GeolocationPosition);
    await vi.waitFor(() => expect(m.options()).toHaveLength(3));
    const query = m.api.calls[0]?.query;
    expect([query?.get('lat'), query?.get('lng'), query?.has('zip')]).toEqual([
      '47.378',
      '8.532',
      false,
    ]);
  });

  it('explains inside the element when the location is refused', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      geolocation: { getCurrentPosition: (_: unknown, failure: () => void) => failure() },
    });
    const m = mountPicker({ lang: 'en' });
    m.$('[part=locate-button]').click();
    expect(m.$('[part=error]').hidden).toBe(false);
    expect(m.$('[part=error] span').textContent).toMatch(/location is not available/);
    expect(m.status()).toBe('');
  });

  it('hides the location button where the browser cannot locate', () => {
    vi.stubGlobal('navigator', { ...navigator, geolocation: undefined });
    expect(mountPicker().$('[part=locate-button]').hidden).toBe(true);
  });

  it('sends cookies to an endpoint on another origin', async () => {
    const m = await listed({ endpoint: 'https://api.shop.test/pickpost/' });
    expect(m.api.fetch.mock.calls[0]?.[0]).toBe(
      'https://api.shop.test/pickpost/points?zip=8001&lang=de',
    );
    expect(m.api.calls[0]?.credentials).toBe('include');
  });
});

describe('accessibility', () => {
  it('labels every control and lists the points as a listbox of options', async () => {
    const m = await listed({ lang: 'en' });
    const input = m.$<HTMLInputElement>('[part=query-input]');
    expect(m.root.querySelector(`label[for=${input.id}]`)?.textContent).toBe('Postcode or town');
    expect(m.$('[part=search-button]').textContent).toBe('Search');
    expect(m.$('[part=status]').getAttribute('role')).toBe('status');
    expect(m.$('[part=status]').getAttribute('aria-live')).toBe('polite');
    expect(m.$('[part=error]').getAttribute('role')).toBe('alert');

    const list = m.$('[part=list]');
    expect(list.getAttribute('role')).toBe('listbox');
    expect(list.getAttribute('aria-label')).toBe('Pick-up points');
    for (const option of m.options()) {
      expect(option.getAttribute('role')).toBe('option');
      expect(option.getAttribute('aria-selected')).toBe('false');
      // The name is the visible text (WCAG 2.5.3): no aria-label(ledby) that could differ.
      expect(option.hasAttribute('aria-labelledby')).toBe(false);
      expect(option.hasAttribute('aria-label')).toBe(false);
    }
    // Name, type and address, with pauses: two counters of one name still differ.
    expect(m.options()[0]!.textContent).toMatch(
      /^PickPost Zürich Sihlpost, PickPost, 420 m, Kasernenstrasse 97, 8004 Zürich/,
    );
    expect(m.options().map((option) => option.getAttribute('tabindex'))).toEqual(['0', '-1', '-1']);
  });

  it('moves the focus with the arrow keys, Home and End, keeping one option tabbable', async () => {
    const m = await listed();
    const focused = () => m.options().indexOf(m.root.activeElement as HTMLElement);
    const tabbable = () => m.options().filter((option) => option.tabIndex === 0).length;
    m.options()[0]!.focus();
    key(m.options()[0]!, 'ArrowDown');
    expect(focused()).toBe(1);
    key(m.options()[1]!, 'ArrowDown');
    key(m.options()[2]!, 'ArrowDown');
    expect(focused()).toBe(2);
    key(m.options()[2]!, 'Home');
    expect(focused()).toBe(0);
    key(m.options()[0]!, 'ArrowUp');
    expect(focused()).toBe(0);
    key(m.options()[0]!, 'End');
    expect(focused()).toBe(2);
    key(m.options()[2]!, 'ArrowUp');
    expect(focused()).toBe(1);
    expect(m.options()[1]!.getAttribute('tabindex')).toBe('0');
    expect(tabbable()).toBe(1);
    // Moving does not choose: only Enter, Space or a click does.
    expect(m.api.callsTo('POST /selection')).toHaveLength(0);
    expect(m.options().every((option) => option.getAttribute('aria-selected') === 'false')).toBe(
      true,
    );
  });

  it('chooses the focused option with Enter or Space', async () => {
    const m = await listed({ variant: '4a' });
    key(m.options()[0]!, 'End');
    key(m.options()[2]!, 'Enter');
    await vi.waitFor(() => expect(m.hidden('pickpost_point_id')).toBe('8002-02'));
    expect(m.options()[2]!.getAttribute('aria-selected')).toBe('true');
    key(m.options()[2]!, 'Home');
    const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    m.options()[0]!.dispatchEvent(space);
    expect(space.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(m.hidden('pickpost_point_id')).toBe('8001-01'));
    expect(m.options().map((option) => option.getAttribute('aria-selected'))).toEqual([
      'true',
      'false',
      'false',
    ]);
  });
});

describe('languages', () => {
  const expected = {
    de: {
      label: 'PLZ oder Ort',
      button: 'Suchen',
      list: 'Abholorte',
      found: '3 Abholorte gefunden',
    },
    fr: {
      label: 'NPA ou localité',
      button: 'Rechercher',
      list: 'Points de retrait',
      found: '3 points de retrait trouvés',
    },
    it: {
      label: 'NPA o località',
      button: 'Cerca',
      list: 'Punti di ritiro',
      found: '3 punti di ritiro trovati',
    },
    en: {
      label: 'Postcode or town',
      button: 'Search',
      list: 'Pick-up points',
      found: '3 pick-up points found',
    },
  };

  for (const [lang, texts] of Object.entries(expected)) {
    it(`speaks ${lang}`, async () => {
      const m = await listed({ lang, variant: '1' });
      expect(m.root.querySelector('label[for=q]')?.textContent).toBe(texts.label);
      expect(m.$('[part=search-button]').textContent).toBe(texts.button);
      expect(m.$('[part=list]').getAttribute('aria-label')).toBe(texts.list);
      expect(m.status()).toBe(texts.found);
      expect(m.api.calls[0]?.query.get('lang')).toBe(lang);
      const titles = [...m.root.querySelectorAll('#r-title option')].map((o) => o.textContent);
      expect(titles).toEqual(
        {
          de: ['Herr', 'Frau'],
          fr: ['Monsieur', 'Madame'],
          it: ['Signor', 'Signora'],
          en: ['Mr', 'Mrs'],
        }[lang as 'de'],
      );
    });
  }

  it("takes the page's language, and German when the page's is not one it speaks", async () => {
    document.documentElement.lang = 'it-CH';
    expect((await listed()).status()).toBe('3 punti di ritiro trovati');
    document.body.replaceChildren();
    document.documentElement.lang = 'rm';
    expect((await listed()).status()).toBe('3 Abholorte gefunden');
  });

  it('switches language when the lang attribute changes', async () => {
    const m = await listed({ lang: 'de' });
    m.picker.setAttribute('lang', 'fr');
    expect(m.$('[part=search-button]').textContent).toBe('Rechercher');
    expect(m.status()).toBe('3 points de retrait trouvés');
  });
});

describe('variant 4: no PickPost ID', () => {
  it('confirms the point at once: event, hidden inputs in the form, summary', async () => {
    const m = await listed({ variant: '4b', lang: 'en' });
    const seen = events(document);
    m.options()[1]!.click();
    await vi.waitFor(() => expect(seen.selected).toHaveLength(1));

    expect(m.api.callsTo('POST /selection')[0]?.body).toEqual({ pointId: '8001-MP24' });
    expect(seen.selected[0]).toEqual({
      selection: 'signed.8001-MP24',
      point: POINTS[1],
      pickpostId: null,
    });
    const data = new FormData(m.form);
    expect(data.get('pickpost_selection')).toBe('signed.8001-MP24');
    expect(data.get('pickpost_point_id')).toBe('8001-MP24');
    expect(data.get('pickpost_pickpost_id')).toBe('');
    // Light DOM, so a plain submit carries them.
    expect(m.form.querySelectorAll('input[type=hidden]')).toHaveLength(3);

    expect(m.$('[part=customer]').hidden).toBe(true);
    expect(m.$('[part=chosen]').hidden).toBe(false);
    expect(m.$('[part=chosen]').textContent).toContain('My Post 24 Zürich HB');
    expect(m.$('[part=chosen]').textContent).toContain('Bahnhofplatz, 8001 Zürich');
    expect(m.$('[part=hours] tbody').textContent).toBe('Mon–Sunopen 24 hours');
    expect(m.options()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(m.status()).toBe('My Post 24 Zürich HB selected.');
    expect(m.picker.selection).toMatchObject({
      selection: 'signed.8001-MP24',
      point: { id: '8001-MP24' },
      pickpostId: null,
    });
    expect(m.picker.selection?.expiresAt).toMatch(/^\d{4}-/);
  });

  it('fires a bubbling, composed event that leaves shadow roots', async () => {
    const m = await listed({ variant: '4a' });
    let event: Event | undefined;
    document.addEventListener('pickpost:select', (e) => {
      event = e;
    });
    m.options()[0]!.click();
    await vi.waitFor(() => expect(event).toBeDefined());
    expect([event?.bubbles, event?.composed, event?.target]).toEqual([true, true, m.picker]);
  });

  it('prefixes the hidden inputs with name and reuses inputs the page already has', async () => {
    const m = mountPicker({ variant: '4a', name: 'pp', zip: '8001' });
    m.form.insertAdjacentHTML(
      'afterbegin',
      '<input type="hidden" name="pp_selection" value="old">',
    );
    await vi.waitFor(() => expect(m.options()).toHaveLength(3));
    m.options()[0]!.click();
    await vi.waitFor(() => expect(m.hidden('pp_point_id')).toBe('8001-01'));
    expect(m.form.querySelectorAll('input[name=pp_selection]')).toHaveLength(1);
    expect(m.hidden('pp_selection')).toBe('signed.8001-01');
    expect(m.hidden('pickpost_selection')).toBeUndefined();
  });
});

describe('variants 1–3: PickPost user ID', () => {
  it('asks for the ID after the choice and sends it with the selection', async () => {
    const m = await listed({ variant: '1', lang: 'en' });
    const seen = events(m.form);
    m.options()[0]!.click();

    const section = m.$('[part=customer]');
    const input = m.$<HTMLInputElement>('[part=pickpost-id-input]');
    expect(section.hidden).toBe(false);
    expect(m.root.activeElement).toBe(input);
    expect(m.root.querySelector(`label[for=${input.id}]`)?.textContent).toBe('PickPost user ID');
    expect(m.options()[0]!.getAttribute('aria-selected')).toBe('true');
    expect(m.api.callsTo('POST /selection')).toHaveLength(0);
    expect(m.hidden('pickpost_selection')).toBeUndefined();

    input.value = ' PT011227 ';
    m.$('[part=confirm-button]').click();
    await vi.waitFor(() => expect(seen.selected).toHaveLength(1));
    expect(m.api.callsTo('POST /selection')[0]?.body).toEqual({
      pointId: '8001-01',
      pickpostId: 'PT011227',
    });
    expect(seen.selected[0]?.pickpostId).toBe('PT011227');
    expect(m.hidden('pickpost_pickpost_id')).toBe('PT011227');
    expect(m.$('[part=chosen]').textContent).toContain('PickPost user ID: PT011227');
    expect(m.$('[part=hours] tbody').textContent).toBe(
      'Mon07:30–12:00, 13:30–18:30Tue–Fri07:30–18:30Sat08:00–12:00Sunclosed',
    );
  });

  it('prefills the ID the shop knows from the pickpost-id attribute', async () => {
    const m = await listed({ variant: '2', 'pickpost-id': '12345678' });
    m.options()[2]!.click();
    expect(m.$<HTMLInputElement>('[part=pickpost-id-input]').value).toBe('12345678');
  });

  it('registers a new customer, then confirms the point with the ID the server returns', async () => {
    const m = await listed({ variant: '2', lang: 'fr' });
    const seen = events(document);
    m.options()[1]!.click();
    const toggle = m.$('[part=register-toggle]');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(m.$('[part=register-form]').hidden).toBe(false);
    expect(m.$('[part=register-form] legend').textContent).toBe("S'inscrire à PickPost");

    const { title, ...fields } = CUSTOMER;
    m.$<HTMLSelectElement>('#r-title').value = title;
    fill(m, fields);
    m.$('[part=register-button]').click();
    await vi.waitFor(() => expect(seen.selected).toHaveLength(1));

    expect(m.api.callsTo('POST /customers')[0]?.body).toEqual({
      customer: CUSTOMER,
      service: 'mypost24',
    });
    expect(m.api.callsTo('POST /selection')[0]?.body).toEqual({
      pointId: '8001-MP24',
      pickpostId: 'PT011227',
    });
    expect(m.$<HTMLInputElement>('[part=pickpost-id-input]').value).toBe('PT011227');
    expect(m.$('[part=register-form]').hidden).toBe(true);
    // Confirmed: the forms fold away and the focus is on the summary that replaced them.
    expect(m.$('[part=customer]').hidden).toBe(true);
    expect(m.root.activeElement).toBe(m.$('[part=chosen]'));
    expect(m.status()).toBe(
      'Inscription réussie. Votre numéro de client PickPost est PT011227. My Post 24 Zürich HB sélectionné.',
    );
    expect(seen.selected[0]).toMatchObject({
      pickpostId: 'PT011227',
      selection: 'signed.8001-MP24',
    });
  });

  it('checks the registration form before calling the server', async () => {
    const m = await listed({ variant: '3', lang: 'en' });
    m.options()[0]!.click();
    m.$('[part=register-toggle]').click();
    fill(m, { firstName: CUSTOMER.firstName, name1: CUSTOMER.name1 });
    m.$('[part=register-button]').click();
    const invalid = [...m.root.querySelectorAll('[part=register-form] [aria-invalid=true]')];
    expect(invalid.map((input) => input.getAttribute('name'))).toEqual([
      'street',
      'houseNo',
      'zip',
      'city',
      'email',
    ]);
    expect(m.root.getElementById('r-street-e')?.textContent).toBe('Please fill in this field.');
    expect(m.root.activeElement?.getAttribute('name')).toBe('street');
    expect(m.api.callsTo('POST /customers')).toHaveLength(0);
  });

  it("marks the server's 422 field errors at their fields, in the shopper's words", async () => {
    const api = createFakeApi();
    api.on('POST /customers', () =>
      refused('Please check the marked fields.', {
        'customer.zip': 'must be a Swiss postcode',
        'customer.email': 'must be an e-mail address',
      }),
    );
    const m = await listed({ variant: '1', lang: 'en' }, api);
    m.options()[0]!.click();
    m.$('[part=register-toggle]').click();
    const { title: _, ...fields } = CUSTOMER;
    fill(m, { ...fields, zip: '10030', email: 'anne' });
    m.$('[part=register-button]').click();
    await vi.waitFor(() => expect(m.$('[part=customer-error]').hidden).toBe(false));
    expect(m.$('[part=customer-error] span').textContent).toBe('Please check the marked fields.');
    expect(m.$('[part=customer-error] button').hidden).toBe(true);
    expect(m.$('#r-zip').getAttribute('aria-invalid')).toBe('true');
    // The server's developer text ("must be a Swiss postcode") is not the shopper's.
    expect(m.root.getElementById('r-zip-e')?.textContent).toBe('Please check this entry.');
    expect(m.root.getElementById('r-email-e')?.textContent).toBe('Please check this entry.');
    expect(m.root.activeElement?.id).toBe('r-zip');
    expect(m.$('#r-city').hasAttribute('aria-invalid')).toBe(false);
    expect(m.api.callsTo('POST /selection')).toHaveLength(0);
  });

  it('marks an ID the server refuses at its field', async () => {
    const api = createFakeApi();
    api.on('POST /selection', () =>
      refused('Invalid selection', { pickpostId: 'is required in variant 1' }),
    );
    const m = await listed({ variant: '1' }, api);
    m.options()[0]!.click();
    m.$('[part=confirm-button]').click();
    await vi.waitFor(() =>
      expect(m.$('[part=pickpost-id-input]').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(m.root.getElementById('pid-e')?.textContent).toBe(
      'Geben Sie Ihre PickPost-User-ID ein oder registrieren Sie sich unten.',
    );
    expect(m.$('[part=customer-error] span').textContent).toBe(
      'Bitte prüfen Sie die markierten Felder.',
    );
    expect(m.hidden('pickpost_selection')).toBeUndefined();
  });

  it('sends an empty ID on, for the server to take the one registered in this session', async () => {
    const api = createFakeApi();
    api.on('POST /selection', (call) => ({
      body: { selection: 'signed', point: POINTS[0], pickpostId: call.body.pickpostId ?? 'PT0042' },
    }));
    const m = await listed({ variant: '3' }, api);
    const seen = events(document);
    m.options()[0]!.click();
    m.$<HTMLFormElement>('[part=id-form]').requestSubmit();
    await vi.waitFor(() => expect(seen.selected).toHaveLength(1));
    expect(api.callsTo('POST /selection')[0]?.body).toEqual({ pointId: '8001-01' });
    expect(seen.selected[0]?.pickpostId).toBe('PT0042');
    expect(m.$<HTMLInputElement>('[part=pickpost-id-input]').value).toBe('PT0042');
    expect(m.hidden('pickpost_pickpost_id')).toBe('PT0042');
  });
});

describe('errors stay inside the element', () => {
  it('asks to try again shortly on 429, and the retry searches again', async () => {
    const api = createFakeApi();
    api.on('GET /points', () => ({
      status: 429,
      headers: { 'retry-after': '2' },
      body: { error: { code: 'rate_limited', message: 'Too Many Requests' } },
    }));
    const m = mountPicker({ zip: '8001', lang: 'en' }, api);
    await vi.waitFor(() => expect(m.$('[part=error]').hidden).toBe(false));
    expect(m.$('[part=error] span').textContent).toBe(
      'Too many requests. Please try again shortly.',
    );
    api.on('GET /points', () => ({ body: { points: POINTS } }));
    const retry = m.$<HTMLButtonElement>('[part=error] [part=retry-button]');
    expect(retry.hidden).toBe(false);
    expect(retry.textContent).toBe('Try again');
    retry.click();
    await vi.waitFor(() => expect(m.options()).toHaveLength(3));
    expect(m.$('[part=error]').hidden).toBe(true);
    expect(api.callsTo('GET /points')).toHaveLength(2);
  });

  it('offers a retry when the network fails, for the search and for the selection', async () => {
    const api = createFakeApi();
    api.on('GET /points', () => 'offline');
    const m = mountPicker({ zip: '8001', lang: 'de', variant: '4a' }, api);
    await vi.waitFor(() => expect(m.$('[part=error]').hidden).toBe(false));
    expect(m.$('[part=error] span').textContent).toBe(
      'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    );
    expect(m.status()).toBe('');
    api.on('GET /points', () => ({ body: { points: POINTS } }));
    m.$('[part=error] [part=retry-button]').click();
    await vi.waitFor(() => expect(m.options()).toHaveLength(3));

    api.on('POST /selection', () => 'offline');
    m.options()[0]!.click();
    await vi.waitFor(() => expect(m.$('[part=error]').hidden).toBe(false));
    expect(m.hidden('pickpost_selection')).toBeUndefined();
    api.on('POST /selection', () => ({ body: { selection: 'signed', point: POINTS[0] } }));
    m.$('[part=error] [part=retry-button]').click();
    await vi.waitFor(() => expect(m.hidden('pickpost_selection')).toBe('signed'));
  });

  it('says in its own words that a choice was refused, without a retry, and keeps the list', async () => {
    const api = createFakeApi();
    api.on('POST /selection', () => ({
      status: 409,
      body: { error: { code: 'point_unavailable', message: 'This point takes no parcels now.' } },
    }));
    const m = await listed({ variant: '4a' }, api);
    m.options()[0]!.click();
    await vi.waitFor(() => expect(m.$('[part=error]').hidden).toBe(false));
    expect(m.$('[part=error] span').textContent).toBe(
      'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    );
    expect(m.$('[part=error]').dataset.code).toBe('point_unavailable');
    expect(m.$('[part=error] [part=retry-button]').hidden).toBe(true);
    expect(m.options()).toHaveLength(3);
    expect(m.picker.isConnected).toBe(true);
    expect(m.picker.selection).toBeNull();
  });

  it('says something went wrong when a proxy answers 502 with HTML, and offers a retry', async () => {
    const api = createFakeApi();
    api.fetch.mockImplementationOnce(
      async () => new Response('<html>Bad Gateway</html>', { status: 502 }),
    );
    const m = mountPicker({ zip: '8001', lang: 'it' }, api);
    await vi.waitFor(() => expect(m.$('[part=error]').hidden).toBe(false));
    expect(m.$('[part=error] span').textContent).toBe('Si è verificato un errore. Riprova.');
    expect(m.$('[part=error] [part=retry-button]').hidden).toBe(false);
  });

  it('fills nothing in when a 200 answer carries no selection', async () => {
    const api = createFakeApi();
    api.on('POST /selection', () => ({ body: { point: POINTS[0] } }));
    const m = await listed({ variant: '4a', lang: 'en' }, api);
    m.options()[0]!.click();
    await vi.waitFor(() => expect(m.$('[part=error]').hidden).toBe(false));
    expect(m.$('[part=error] span').textContent).toBe('Something went wrong. Please try again.');
    expect(m.hidden('pickpost_selection')).toBeUndefined();
    expect(m.picker.selection).toBeNull();
  });
});

describe('clearing', () => {
  async function selected(attributes: Record<string, string> = {}) {
    const m = await listed({
      variant: '4a',
      'shipping-method-input': 'shipping_method',
      'shipping-method-value': 'pickpost:3',
      ...attributes,
    });
    m.options()[0]!.click();
    await vi.waitFor(() => expect(m.hidden('pickpost_selection')).toBe('signed.8001-01'));
    return m;
  }

  const choose = (m: Mounted, value: string) => {
    const radio = m.form.querySelector<HTMLInputElement>(`input[value="${value}"]`)!;
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
  };

  it('clears the selection when the shopper switches to another shipping method', async () => {
    const m = await selected();
    const seen = events(document);
    choose(m, 'home');
    expect(seen.cleared).toEqual([{ reason: 'shipping-method' }]);
    expect(m.hidden('pickpost_selection')).toBe('');
    expect(m.hidden('pickpost_point_id')).toBe('');
    expect(m.hidden('pickpost_pickpost_id')).toBe('');
    expect(m.picker.selection).toBeNull();
    expect(m.$('[part=chosen]').hidden).toBe(true);
    expect(m.options().every((option) => option.getAttribute('aria-selected') === 'false')).toBe(
      true,
    );
    // Coming back to PickPost clears nothing more; the list is still there to choose from.
    choose(m, 'pickpost:3');
    expect(seen.cleared).toHaveLength(1);
    expect(m.options()).toHaveLength(3);
  });

  it('clears on clear(), once', async () => {
    const m = await selected();
    const seen = events(m.picker);
    m.picker.clear();
    m.picker.clear();
    expect(seen.cleared).toEqual([{ reason: 'api' }]);
    expect(new FormData(m.form).get('pickpost_selection')).toBe('');
  });

  it('drops a late answer for a choice the shopper has left', async () => {
    const api = createFakeApi();
    const release = holdReply(api, 'POST /selection', { selection: 'late', point: POINTS[0] });
    const m = await listed({ variant: '4a' }, api);
    const seen = events(document);
    m.options()[0]!.click();
    m.picker.clear();
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.selected).toHaveLength(0);
    expect(m.hidden('pickpost_selection')).toBeUndefined();
  });

  it('never keeps the old point in the form while another one waits for its ID', async () => {
    const m = await listed({ variant: '1' });
    const seen = events(document);
    m.options()[0]!.click();
    m.$<HTMLInputElement>('[part=pickpost-id-input]').value = 'PT011227';
    m.$('[part=confirm-button]').click();
    await vi.waitFor(() => expect(m.hidden('pickpost_point_id')).toBe('8001-01'));
    m.options()[2]!.click();
    expect(seen.cleared).toEqual([{ reason: 'point-change' }]);
    expect(m.hidden('pickpost_point_id')).toBe('');
    // The ID stays filled in for the new point.
    expect(m.$<HTMLInputElement>('[part=pickpost-id-input]').value).toBe('PT011227');
    m.$('[part=confirm-button]').click();
    await vi.waitFor(() => expect(m.hidden('pickpost_point_id')).toBe('8002-02'));
  });

  it('keeps a confirmed point through a new search, without its ID form under the new list', async () => {
    const api = createFakeApi();
    const m = await listed({ variant: '1' }, api);
    m.options()[0]!.click();
    m.$<HTMLInputElement>('[part=pickpost-id-input]').value = 'PT011227';
    m.$('[part=confirm-button]').click();
    await vi.waitFor(() => expect(m.hidden('pickpost_point_id')).toBe('8001-01'));
    const lausanne = { ...POINTS[2]!, id: '1003-01', name: 'PickPost Lausanne Gare' };
    api.on('GET /points', () => ({ body: { points: [lausanne] } }));
    search(m, '1003');
    await vi.waitFor(() => expect(m.options()).toHaveLength(1));
    // The summary and the form still hold the Zürich point the shopper confirmed…
    expect(m.hidden('pickpost_point_id')).toBe('8001-01');
    expect(m.$('[part=chosen]').hidden).toBe(false);
    // …but no Confirm for it stands under the Lausanne list, as if it were about those points.
    expect(m.$('[part=customer]').hidden).toBe(true);
    m.options()[0]!.click();
    expect(m.$('[part=customer]').hidden).toBe(false);
    expect(m.$('.for').textContent).toBe('PickPost Lausanne Gare');
    expect(m.hidden('pickpost_point_id')).toBe('');
  });

  it('clears an expired selection and says so', async () => {
    const api = createFakeApi();
    api.on('POST /selection', () => ({
      body: {
        selection: 'short',
        point: POINTS[0],
        expiresAt: new Date(Date.now() + 30).toISOString(),
      },
    }));
    const m = await listed({ variant: '4a', lang: 'en' }, api);
    const seen = events(document);
    m.options()[0]!.click();
    await vi.waitFor(() => expect(seen.selected).toHaveLength(1));
    await vi.waitFor(() => expect(seen.cleared).toEqual([{ reason: 'expired' }]));
    expect(m.hidden('pickpost_selection')).toBe('');
    expect(m.$('[part=error] span').textContent).toBe(
      'Your choice has expired. Please choose the pick-up point again.',
    );
    // Only the expiry is said: "… selected." spoke of the choice that is gone.
    expect(m.status()).toBe('');
  });
});

describe('required', () => {
  it('stops the order without a point while PickPost is the shipping method', async () => {
    const m = await listed({
      variant: '4a',
      required: '',
      lang: 'en',
      'shipping-method-input': 'shipping_method',
      'shipping-method-value': 'express, pickpost:3',
    });
    expect(submitForm(m.form)).toBe(true);
    expect(m.$('[part=error] span').textContent).toBe('Please choose a pick-up point.');
    expect(m.root.activeElement).toBe(m.options()[0]);

    m.options()[0]!.click();
    await vi.waitFor(() => expect(m.picker.selection).not.toBeNull());
    expect(submitForm(m.form)).toBe(false);

    m.picker.clear();
    m.form.querySelector<HTMLInputElement>('input[value=home]')!.checked = true;
    expect(submitForm(m.form)).toBe(false);
  });

  it('lets the form go without the required attribute', async () => {
    const m = await listed({ variant: '4a' });
    expect(submitForm(m.form)).toBe(false);
  });
});
