import type { PointQuery } from './api';
import { PickPostRequestError } from './api';
import { h, isBusy, keepRanges, setBusy } from './dom';
import { ErrorBoxes } from './error-boxes';
import { formatAddress, formatWeek, swissTime, swissWeekday } from './format';
import { lastFirst, lastPointId, rememberPoint } from './last-point';
import type { PointMap } from './map';
import { loadMapScript } from './map-loader';
import type { Messages } from './messages';
import { messages, resolveLang } from './messages';
import { KIND_LABELS, renderOptions } from './option-list';
import { apiFor } from './request-options';
import { isPickPostMethod, pickPostActive, prefillRegistration, writeInputs } from './shop-form';
import { templateContent } from './template';
import type {
  ClearReason,
  CustomerInput,
  Lang,
  PickPostClearDetail,
  PickPostSelectDetail,
  PickupPoint,
  PointKind,
  PointSelection,
} from './types';

declare global {
  interface HTMLElementTagNameMap {
    'pickpost-point-picker': PickPostPointPicker;
  }
  interface HTMLElementEventMap {
    'pickpost:select': CustomEvent<PickPostSelectDetail>;
    'pickpost:clear': CustomEvent<PickPostClearDetail>;
  }
}

/** A text in the current language, computed again when `lang` changes. */
type Text = (m: Messages) => string;

const REGISTRATION_FIELDS = [
  'firstName',
  'name1',
  'street',
  'houseNo',
  'zip',
  'city',
  'email',
] as const satisfies readonly (keyof CustomerInput)[];
// setTimeout takes at most a signed 32-bit delay; a later expiry is far beyond any checkout.
const MAX_TIMER = 2 ** 31 - 1;
/** How many points the list shows before "Show more": the nearest, without an inner scroll box. */
const PAGE = 5;

// Lets the module load where there is no DOM (server rendering, Node tooling); the element only
// ever runs in a browser.
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * `<pickpost-point-picker>`: lets the shopper find and choose a PickPost point or My Post 24
 * terminal, gives the PickPost user ID in variants 1–3, and hands the shop a signed selection
 * (hidden inputs in the surrounding form and a `pickpost:select` event).
 *
 * @example
 * ```html
 * <form method="post" action="/checkout">
 *   <pickpost-point-picker endpoint="/pickpost" zip="8001" variant="1" required></pickpost-point-picker>
 *   <button>Place order</button>
 * </form>
 * ```
 */
export class PickPostPointPicker extends Base {
  static readonly observedAttributes = ['lang', 'zip', 'variant', 'heading-level'];

  readonly #root: ShadowRoot;
  readonly #errors: ErrorBoxes;
  #points: PickupPoint[] = [];
  #active = 0;
  /** How many of the listed points show. */
  #shown = PAGE;
  /** The kind the shopper filters the list on; `''` for all. */
  #kind = '';
  /** Confirmed: the list and the ID form fold away behind the summary and its "Change". */
  #collapsed = false;
  /** The shopper opened the map (`map-script`); `#map` once its script has loaded. */
  #mapOpen = false;
  #map: PointMap | null = null;
  /** The point marked in the list; confirmed once `#selection` holds it. */
  #chosen: PickupPoint | null = null;
  #selection: PointSelection | null = null;
  #status: Text | null = null;
  #searchAbort: AbortController | null = null;
  #searched: string | null = null;
  /** Bumped by every choice and clear, so a late answer for an older one is dropped. */
  #generation = 0;
  #expiry: ReturnType<typeof setTimeout> | undefined;
  #form: HTMLFormElement | null = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.appendChild(templateContent().cloneNode(true));
    this.#errors = new ErrorBoxes(this.#root, (part) => this.#focusAfter(part));
    const $ = this.#$.bind(this);
    $('.search').addEventListener('submit', (event) => {
      event.preventDefault();
      if (!isBusy($('[part=search-button]'))) this.#submitQuery();
    });
    $('[part=locate-button]').addEventListener('click', () => this.#locate());
    const list = $('[role=listbox]');
    list.addEventListener('click', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role=option]');
      if (option) this.#choose(Number(option.dataset.index));
    });
    list.addEventListener('keydown', (event) => this.#onListKey(event));
    $('.id-form').addEventListener('submit', (event) => {
      event.preventDefault();
      if (!isBusy($('[part=confirm-button]'))) void this.#confirm();
    });
    $('.register').addEventListener('submit', (event) => {
      event.preventDefault();
      if (!isBusy($('[part=register-button]'))) void this.#register();
    });
    $('[part=more-button]').addEventListener('click', () => this.#showMore());
    $('[part=map-button]').addEventListener('click', () => this.#toggleMap());
    $('[part=change-button]').addEventListener('click', () => {
      this.#setCollapsed(false);
      this.#focusOption(this.#active);
    });
    $('[part=kind-filter]').addEventListener('change', (event) => {
      this.#setKind((event.target as HTMLInputElement).value);
      this.#renderList();
      this.#setStatus((m) => m.found(this.#listed.length));
    });
    $('[part=register-toggle]').addEventListener('click', () =>
      this.#showRegistration($('.register').hidden),
    );
    // Browsers only locate on secure pages; elsewhere the button could only fail.
    $('[part=locate-button]').hidden = !(
      globalThis.navigator?.geolocation && globalThis.isSecureContext !== false
    );
    this.#translate();
  }

  /** The confirmed selection, or `null` while none is chosen and confirmed. */
  get selection(): PointSelection | null {
    return this.#selection ? { ...this.#selection } : null;
  }

  /**
   * Forgets the choice: empties the hidden inputs and unmarks the point; fires
   * `pickpost:clear` when a selection was confirmed. Call it when the shopper leaves PickPost
   * delivery by other means than the `shipping-method-input` radios.
   */
  clear(): void {
    this.#clear('api');
  }

  /**
   * Custom element hook: joins the surrounding form and the page's shipping radios, then searches
   * the `zip` attribute's points.
   */
  connectedCallback(): void {
    if (this.hasAttribute('no-remember')) rememberPoint(this, null);
    this.#form = this.closest('form');
    this.#form?.addEventListener('submit', this.#onFormSubmit);
    // Capture: the shop's own change handlers may stop propagation, the clearing must still run.
    document.addEventListener('change', this.#onShippingChange, true);
    this.#setHeadingLevel();
    this.#translate();
    this.#searchZip();
  }

  /** The summary's heading at the `heading-level` (2–6, default 3) the page's outline needs. */
  #setHeadingLevel(): void {
    const level = Number(this.getAttribute('heading-level'));
    const tag = `h${level >= 2 && level <= 6 ? Math.trunc(level) : 3}`;
    const heading = this.#$('#c-h');
    if (heading.localName === tag) return;
    const replacement = document.createElement(tag);
    for (const { name, value } of heading.attributes) replacement.setAttribute(name, value);
    replacement.textContent = heading.textContent;
    heading.replaceWith(replacement);
  }

  /** Custom element hook: lets go of the form and page listeners and aborts a search in flight. */
  disconnectedCallback(): void {
    this.#form?.removeEventListener('submit', this.#onFormSubmit);
    document.removeEventListener('change', this.#onShippingChange, true);
    this.#searchAbort?.abort();
  }

  /** Custom element hook: follows a change of `lang`, `zip`, `variant` or `heading-level`. */
  attributeChangedCallback(name: string): void {
    if (!this.isConnected) return;
    if (name === 'zip') this.#searchZip();
    else if (name === 'variant') this.#showCustomer();
    else if (name === 'heading-level') this.#setHeadingLevel();
    else this.#translate();
  }

  // --- language ------------------------------------------------------------------------------

  get #lang(): Lang {
    return resolveLang(
      this.getAttribute('lang') ||
        this.closest('[lang]')?.getAttribute('lang') ||
        document.documentElement.lang,
    );
  }

  get #m(): Messages {
    return messages[this.#lang];
  }

  #translate(): void {
    const m = this.#m;
    for (const element of this.#root.querySelectorAll<HTMLElement>('[data-t]')) {
      element.textContent = String(m[element.dataset.t as keyof Messages]);
    }
    for (const element of this.#root.querySelectorAll<HTMLElement>('[data-t-label]')) {
      element.setAttribute('aria-label', String(m[element.dataset.tLabel as keyof Messages]));
    }
    const title = this.#$<HTMLSelectElement>('#r-title');
    const chosenTitle = title.selectedIndex;
    title.replaceChildren(...m.titles.map((text) => h('option', { value: text }, text)));
    title.selectedIndex = Math.max(0, chosenTitle);
    this.#renderList();
    this.#renderChosen();
    this.#setStatus(this.#status);
  }

  // --- searching -----------------------------------------------------------------------------

  #searchZip(): void {
    const zip = this.getAttribute('zip')?.trim();
    if (!zip || zip === this.#searched) return;
    this.#$<HTMLInputElement>('#q').value = zip;
    this.#submitQuery();
  }

  #submitQuery(): void {
    const input = this.#$<HTMLInputElement>('#q');
    const text = input.value.trim();
    this.#errors.clearFields(this.#$('.search'));
    if (!text) {
      this.#errors.markField(input, this.#m.queryMissing);
      input.focus();
      return;
    }
    // Digits alone are a postcode, never a town: `800` or `0000` is a typo to point out, not a
    // place to search for and report "no pick-up point near".
    if (/^\d+$/.test(text) && !/^[1-9]\d{3}$/.test(text)) {
      this.#errors.markField(input, this.#m.zipInvalid);
      input.focus();
      return;
    }
    this.#searched = text;
    void this.#search(/^\d{4}$/.test(text) ? { zip: text } : { town: text }, text);
  }

  #locate(): void {
    this.#errors.show('error', null);
    this.#setStatus((m) => m.locating);
    // About 100 m is precise enough to find the nearest points and tells the shop no more.
    const round = (degrees: number) => Math.round(degrees * 1000) / 1000;
    navigator.geolocation.getCurrentPosition(
      ({ coords }) =>
        void this.#search({ lat: round(coords.latitude), lng: round(coords.longitude) }),
      () => {
        this.#setStatus(null);
        this.#errors.show('error', this.#m.geoFailed);
      },
      { timeout: 15_000, maximumAge: 300_000 },
    );
  }

  async #search(query: PointQuery, where?: string): Promise<void> {
    this.#searchAbort?.abort();
    const abort = new AbortController();
    this.#searchAbort = abort;
    const list = this.#$('[role=listbox]');
    // A choice not yet confirmed belongs to the old list: left standing, its ID form would
    // confirm a point of the earlier search under the new one. A confirmed one stays.
    if (this.#chosen && !this.#selection) this.#forgetChoice();
    this.#errors.hideAll();
    this.#setStatus((m) => m.searching);
    this.#setSearching(list, true);
    try {
      const kinds = (this.getAttribute('kinds') ?? '')
        .split(',')
        .map((kind) => kind.trim())
        .filter((kind): kind is PointKind => kind === 'pickpost' || kind === 'mypost24');
      const limit = Number(this.getAttribute('limit')) || undefined;
      const points = await apiFor(this).points(query, {
        kinds,
        lang: this.#lang,
        signal: abort.signal,
        ...(limit ? { limit } : {}),
      });
      if (abort.signal.aborted) return;
      this.#points = lastFirst(points, lastPointId(this));
      // A new list to choose from: nothing stays folded away.
      this.#collapsed = false;
      this.#showCustomer();
      this.#setKind(this.#kind);
      this.#renderList();
      this.#errors.retryDone();
      this.#setStatus((m) =>
        points.length ? m.found(points.length) : `${m.empty(where)} ${m.emptyHint}`,
      );
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#setStatus(null);
      this.#errors.fail(
        'error',
        error,
        () => void this.#search(query, where),
        this.#m,
        this.#$('.search'),
      );
    } finally {
      if (this.#searchAbort === abort) this.#setSearching(list, false);
    }
  }

  /** While a search runs, the list it will replace can be neither chosen from nor searched again. */
  #setSearching(list: HTMLElement, busy: boolean): void {
    list.toggleAttribute('aria-busy', busy);
    list.inert = busy;
    setBusy(this.#$('[part=search-button]'), busy);
  }

  // --- the list --------------------------------------------------------------------------------

  /** The points the list offers: those of the kind the shopper filters on, or all. */
  get #listed(): PickupPoint[] {
    const kind = this.#kind;
    return kind ? this.#points.filter((point) => point.kind === kind) : this.#points;
  }

  /**
   * Filters the list on `kind` (`''`: all). The filter is offered only when the answer holds
   * both kinds; the roving focus starts on the chosen point, else the first.
   */
  #setKind(kind: string): void {
    const both = new Set(this.#points.map((point) => point.kind)).size > 1;
    this.#kind = both ? kind : '';
    this.#$('[part=kind-filter]').hidden = !both || this.#collapsed;
    for (const radio of this.#root.querySelectorAll<HTMLInputElement>('[name=kind]')) {
      radio.checked = radio.value === this.#kind;
    }
    this.#active = Math.max(
      0,
      this.#listed.findIndex((point) => point.id === this.#chosen?.id),
    );
    // The nearest first; a chosen point further down stays in view.
    this.#shown = Math.max(PAGE, this.#active + 1);
  }

  #renderList(): void {
    const list = this.#$('[role=listbox]');
    // Read once: resolving the language walks up the document.
    const lang = this.#lang;
    const listed = this.#listed;
    list.hidden = listed.length === 0 || this.#collapsed;
    const more = listed.length - this.#shown;
    const button = this.#$('[part=more-button]');
    button.hidden = more <= 0 || this.#collapsed;
    button.textContent = more > 0 ? messages[lang].showMore(Math.min(more, PAGE)) : '';
    list.replaceChildren(
      ...renderOptions(listed.slice(0, this.#shown), {
        lang,
        m: messages[lang],
        today: swissWeekday(),
        time: swissTime(),
        active: this.#active,
        chosenId: this.#chosen?.id,
        lastId: lastPointId(this),
      }),
    );
    this.#renderMap(listed, messages[lang]);
  }

  /** Opens or closes the map; its script is loaded the first time only. */
  #toggleMap(): void {
    this.#mapOpen = !this.#mapOpen;
    this.#renderList();
    if (!this.#mapOpen || this.#map) return;
    loadMapScript(this.getAttribute('map-script') ?? '').then(
      (script) => {
        this.#map ??= script.mountPointMap(this.#$('#map'), {
          tiles: this.getAttribute('map-tiles') || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
          attribution:
            this.getAttribute('map-attribution') ||
            '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
          onChoose: (id) => this.#chooseOnMap(id),
        });
        this.#renderList();
      },
      (error: unknown) => {
        console.error(error);
        this.#mapOpen = false;
        this.#renderList();
        this.#errors.show('error', this.#m.mapFailed);
      },
    );
  }

  /** A marker chosen: the same as choosing its option, which is brought into the list first. */
  #chooseOnMap(pointId: string): void {
    const index = this.#listed.findIndex((point) => point.id === pointId);
    if (index < 0) return;
    if (index >= this.#shown) {
      this.#shown = index + 1;
      this.#renderList();
    }
    this.#choose(index);
  }

  /** The map button and the map, following the list. */
  #renderMap(listed: PickupPoint[], m: Messages): void {
    const button = this.#$('[part=map-button]');
    const can = this.hasAttribute('map-script') && listed.length > 0 && !this.#collapsed;
    const open = this.#mapOpen && can;
    button.hidden = !can;
    button.textContent = open ? m.hideMap : m.showMap;
    button.setAttribute('aria-expanded', String(open));
    this.#$('#map').hidden = !open;
    if (open) this.#map?.show(listed, this.#chosen?.id);
  }

  /** Shows the next points and puts the focus on the first of them. */
  #showMore(): void {
    const first = this.#shown;
    this.#shown += PAGE;
    this.#renderList();
    this.#focusOption(first);
  }

  #onListKey(event: KeyboardEvent): void {
    const last = Math.min(this.#listed.length, this.#shown) - 1;
    if (last < 0) return;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, this.#active + 1),
      ArrowUp: Math.max(0, this.#active - 1),
      Home: 0,
      End: last,
    };
    if (event.key === 'Enter' || event.key === ' ') {
      this.#choose(this.#active);
    } else if (event.key in moves) {
      this.#focusOption(moves[event.key]!);
    } else {
      return;
    }
    // Space would scroll the page, the arrows the list: the keys move the focus instead.
    event.preventDefault();
  }

  #focusOption(index: number): void {
    const options = this.#root.querySelectorAll<HTMLElement>('[role=option]');
    options[this.#active]?.setAttribute('tabindex', '-1');
    this.#active = index;
    const option = options[index];
    option?.setAttribute('tabindex', '0');
    option?.focus();
    option?.scrollIntoView?.({ block: 'nearest' });
  }

  #choose(index: number): void {
    const point = this.#listed[index];
    if (!point) return;
    this.#focusOption(index);
    if (point.id === this.#chosen?.id && (this.#selection || this.#needsId)) return;
    if (this.#selection) this.#dropSelection('point-change');
    this.#errors.dropRetry();
    this.#generation++;
    this.#chosen = point;
    this.#markChosen(point.id);
    this.#errors.hideAll();
    if (this.#needsId) {
      this.#showCustomer();
      this.#setStatus((m) => m.chosenFor(point.name));
      this.#$<HTMLInputElement>('#pid').focus();
    } else {
      void this.#confirm();
    }
  }

  // --- PickPost ID and registration (variants 1–3) -----------------------------------------------

  get #needsId(): boolean {
    return !/^4[ab]?$/i.test(this.getAttribute('variant')?.trim() ?? '');
  }

  #showCustomer(): void {
    const section = this.#$('.customer');
    const chosen = this.#chosen;
    // A confirmed point stays through a new search, but its ID form would stand under a list
    // it is not in, with a Confirm that seems to be about the points above.
    const listed = this.#points.some((point) => point.id === chosen?.id);
    section.hidden = !(this.#needsId && chosen && listed) || this.#collapsed;
    this.#$('.for').textContent = this.#chosen?.name ?? '';
    const id = this.getAttribute('pickpost-id');
    const input = this.#$<HTMLInputElement>('#pid');
    if (id && !input.value) input.value = id;
  }

  #showRegistration(open: boolean): void {
    if (open) prefillRegistration(this, this.#form, REGISTRATION_FIELDS);
    this.#$('.register').hidden = !open;
    this.#$('[part=register-toggle]').setAttribute('aria-expanded', String(open));
    if (open) this.#$<HTMLInputElement>('#r-title').focus();
  }

  async #register(): Promise<void> {
    const point = this.#chosen;
    const form = this.#$<HTMLFormElement>('.register');
    if (!point) return;
    this.#errors.clearFields(form);
    this.#errors.hideAll();
    const customer: CustomerInput = {
      title: this.#$<HTMLSelectElement>('#r-title').value,
      firstName: '',
      name1: '',
      street: '',
      houseNo: '',
      zip: '',
      city: '',
    };
    const missing: HTMLInputElement[] = [];
    for (const name of REGISTRATION_FIELDS) {
      const input = this.#$<HTMLInputElement>(`#r-${name}`);
      customer[name] = input.value.trim();
      if (!customer[name]) missing.push(input);
    }
    for (const input of missing) this.#errors.markField(input, this.#m.required);
    if (missing.length) {
      missing[0]!.focus();
      return;
    }
    const generation = this.#generation;
    const button = this.#$<HTMLButtonElement>('[part=register-button]');
    setBusy(button, true);
    this.#setStatus((m) => m.registering);
    try {
      const { pickpostId } = await apiFor(this).registerCustomer(customer, point.kind);
      const input = this.#$<HTMLInputElement>('#pid');
      input.value = pickpostId;
      // The form the focus was in closes: put the focus where the ID now stands first.
      input.focus();
      this.#showRegistration(false);
      this.#errors.retryDone();
      this.#setStatus((m) => m.registered(pickpostId));
      // The shopper chose the point before registering: confirm it with the new ID at once.
      if (generation === this.#generation) await this.#confirm((m) => m.registered(pickpostId));
    } catch (error) {
      this.#setStatus(null);
      this.#errors.fail('customer-error', error, () => void this.#register(), this.#m, form);
    } finally {
      setBusy(button, false);
    }
  }

  // --- the selection -----------------------------------------------------------------------------

  async #confirm(before?: Text): Promise<void> {
    const point = this.#chosen;
    if (!point) return;
    const generation = ++this.#generation;
    const needsId = this.#needsId;
    const box = needsId ? 'customer-error' : 'error';
    const input = this.#$<HTMLInputElement>('#pid');
    // An empty ID is sent on: the server knows it if the shopper registered in this session.
    const pickpostId = needsId ? input.value.trim() : '';
    const button = this.#$<HTMLButtonElement>('[part=confirm-button]');
    this.#errors.clearFields(this.#$('.id-form'));
    // A "please choose" or an earlier failure is answered by this attempt.
    this.#errors.hideAll();
    this.#setStatus((m) => m.saving);
    setBusy(button, true);
    try {
      const answer = await apiFor(this).select(
        pickpostId ? { pointId: point.id, pickpostId } : { pointId: point.id },
      );
      if (generation !== this.#generation) return;
      // Never fill the form with a token that is not there.
      if (typeof answer.selection !== 'string' || !answer.selection) {
        throw new PickPostRequestError('', 502, 'bad_answer');
      }
      const id = answer.pickpostId || pickpostId || null;
      if (id && needsId) input.value = id;
      this.#selection = {
        selection: answer.selection,
        point: answer.point ?? point,
        pickpostId: id,
        ...(answer.expiresAt ? { expiresAt: answer.expiresAt } : {}),
      };
      writeInputs(this, this.#form, [answer.selection, point.id, id ?? '']);
      rememberPoint(this, point.id);
      this.#errors.retryDone();
      this.#scheduleExpiry(answer.expiresAt);
      this.#renderChosen();
      this.#setCollapsed(true);
      // On a phone the summary would be far above: bring it, and the focus, to the shopper.
      const summary = this.#$('.chosen');
      summary.focus();
      summary.scrollIntoView?.({ block: 'nearest' });
      this.#setStatus((m) => `${before ? `${before(m)} ` : ''}${m.selected(point.name)}`);
      const detail: PickPostSelectDetail = {
        selection: answer.selection,
        point: this.#selection.point,
        pickpostId: id,
      };
      this.dispatchEvent(
        new CustomEvent('pickpost:select', { bubbles: true, composed: true, detail }),
      );
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#setStatus(null);
      this.#errors.fail(box, error, () => void this.#confirm(before), this.#m, this.#$('.id-form'));
    } finally {
      if (generation === this.#generation) setBusy(button, false);
    }
  }

  #scheduleExpiry(expiresAt: string | undefined): void {
    clearTimeout(this.#expiry);
    const left = expiresAt ? Date.parse(expiresAt) - Date.now() : Number.NaN;
    if (!Number.isFinite(left)) return;
    this.#expiry = setTimeout(
      () => {
        this.#clear('expired');
        this.#errors.show('error', this.#m.expired);
      },
      Math.min(Math.max(0, left), MAX_TIMER),
    );
  }

  /** Folds the list, its filter and the ID form away behind the summary, or opens them again. */
  #setCollapsed(collapsed: boolean): void {
    this.#collapsed = collapsed;
    this.#setKind(this.#kind);
    this.#renderList();
    this.#showCustomer();
  }

  #renderChosen(): void {
    const section = this.#$('.chosen');
    const selection = this.#selection;
    section.hidden = !selection;
    if (!selection) return;
    const { point, pickpostId } = selection;
    const m = this.#m;
    this.#$('.chosen-point').replaceChildren(
      h('strong', {}, point.name),
      ` (${KIND_LABELS[point.kind]})`,
      h('br', {}),
      formatAddress(point),
    );
    this.#$('.chosen-id').textContent = pickpostId ? `${m.idLabel}: ${pickpostId}` : '';
    const week = formatWeek(point, m, this.#lang);
    this.#$('[part=hours]').hidden = week.length === 0;
    this.#$('.chosen tbody').replaceChildren(
      ...week.map(([days, hours]) =>
        h('tr', {}, h('th', { scope: 'row' }, days), h('td', {}, ...keepRanges(hours))),
      ),
    );
  }

  #dropSelection(reason: ClearReason): void {
    clearTimeout(this.#expiry);
    if (!this.#selection) return;
    this.#selection = null;
    writeInputs(this, this.#form, ['', '', '']);
    this.#renderChosen();
    const detail: PickPostClearDetail = { reason };
    this.dispatchEvent(
      new CustomEvent('pickpost:clear', { bubbles: true, composed: true, detail }),
    );
  }

  /** Marks the option of the chosen point (none for `null`) as selected. */
  #markChosen(pointId: string | null): void {
    if (this.#mapOpen) this.#map?.show(this.#listed, pointId ?? undefined);
    for (const option of this.#root.querySelectorAll('[role=option]')) {
      option.setAttribute(
        'aria-selected',
        String(option.getAttribute('data-point-id') === pointId),
      );
    }
  }

  #clear(reason: ClearReason): void {
    // The summary goes: with the focus on it (an expiry), the focus would drop to the page.
    const refocus = this.#$('.chosen').contains(this.#root.activeElement);
    this.#setCollapsed(false);
    this.#dropSelection(reason);
    this.#forgetChoice();
    // "… selected." and "Please choose" speak of a choice that is gone.
    this.#setStatus(null);
    this.#errors.hideAll();
    if (refocus) this.#focusAfter('error');
  }

  /** Unmarks the chosen point and closes its ID form; a save still under way is dropped. */
  #forgetChoice(): void {
    this.#generation++;
    this.#chosen = null;
    this.#markChosen(null);
    this.#showCustomer();
    this.#errors.show('customer-error', null);
    setBusy(this.#$('[part=confirm-button]'), false);
  }

  // --- the shop's form -------------------------------------------------------------------------

  #onShippingChange = (event: Event): void => {
    const field = event.target as HTMLInputElement | null;
    const name = this.getAttribute('shipping-method-input');
    if (!name || field?.name !== name || (field.type === 'radio' && !field.checked)) return;
    if (!isPickPostMethod(this, field.value)) this.#clear('shipping-method');
  };

  // A `required` picker keeps the order from going out without a point (the server checks too).
  #onFormSubmit = (event: Event): void => {
    if (!pickPostActive(this, this.#form)) return;
    // A save under way would put its token into the form a moment after the order left.
    if (isBusy(this.#$('[part=confirm-button]')) || isBusy(this.#$('[part=register-button]'))) {
      event.preventDefault();
      this.#setStatus((m) => m.saving);
      return;
    }
    if (!this.hasAttribute('required') || this.#selection) return;
    event.preventDefault();
    this.#errors.show('error', this.#m.choose);
    const target =
      this.#root.querySelector<HTMLElement>('[role=option][tabindex="0"]') ?? this.#$('#q');
    target.focus();
  };

  // --- status and errors -----------------------------------------------------------------------

  #setStatus(text: Text | null): void {
    this.#status = text;
    this.#$('[part=status]').textContent = text ? text(this.#m) : '';
  }

  /** Where the focus goes when the error box holding it closes: to what the shopper does next. */
  #focusAfter(part: string): void {
    const confirm = this.#$('[part=confirm-button]');
    const target =
      part === 'customer-error' && confirm.offsetParent !== null
        ? confirm
        : (this.#root.querySelector<HTMLElement>('[role=option][tabindex="0"]') ?? this.#$('#q'));
    target.focus();
  }

  // --- helpers ---------------------------------------------------------------------------------

  #$<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.#root.querySelector<T>(selector)!;
  }
}
