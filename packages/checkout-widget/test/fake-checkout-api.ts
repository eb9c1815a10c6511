import { expect, vi } from 'vitest';
import { defineElement } from '../src/define';
import { WEEKDAYS } from '../src/format';
import type { PickPostPointPicker } from '../src/point-picker';
import type {
  CustomerInput,
  PickPostClearDetail,
  PickPostSelectDetail,
  PickupPoint,
} from '../src/types';

/** A shopper registering for PickPost, in French as the registration test speaks. */
export const CUSTOMER = {
  title: 'Madame',
  firstName: 'Anne',
  name1: 'Rochat',
  street: 'Avenue de la Gare',
  houseNo: '12',
  zip: '1003',
  city: 'Lausanne',
  email: 'anne@example.ch',
} satisfies CustomerInput;

/** Three points near 8001 Zürich: a counter, a terminal open round the clock, one without hours. */
export const POINTS: PickupPoint[] = [
  {
    id: '8001-01',
    kind: 'pickpost',
    name: 'PickPost Zürich Sihlpost',
    street: 'Kasernenstrasse',
    houseNo: '97',
    zip: '8004',
    city: 'Zürich',
    lat: 47.3779,
    lng: 8.5323,
    distanceMeters: 420,
    openingHours: {
      mon: [
        { from: '07:30', to: '12:00' },
        { from: '13:30', to: '18:30' },
      ],
      tue: [{ from: '07:30', to: '18:30' }],
      wed: [{ from: '07:30', to: '18:30' }],
      thu: [{ from: '07:30', to: '18:30' }],
      fri: [{ from: '07:30', to: '18:30' }],
      sat: [{ from: '08:00', to: '12:00' }],
    },
  },
  {
    id: '8001-MP24',
    kind: 'mypost24',
    name: 'My Post 24 Zürich HB',
    street: 'Bahnhofplatz',
    zip: '8001',
    city: 'Zürich',
    lat: 47.3782,
    lng: 8.5402,
    distanceMeters: 1260,
    openingHours: Object.fromEntries(
      WEEKDAYS.map((day) => [day, [{ from: '00:00', to: '24:00' }]]),
    ),
  },
  {
    id: '8002-02',
    kind: 'pickpost',
    name: 'PickPost Zürich Enge',
    street: 'Bederstrasse',
    houseNo: '1',
    zip: '8002',
    city: 'Zürich',
    lat: 47.3641,
    lng: 8.5311,
    distanceMeters: 2400,
  },
];

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  credentials: RequestCredentials | undefined;
}

/** What a handler answers: a JSON body with a status, or a network failure. */
export type Reply =
  | { status?: number; body?: unknown; headers?: Record<string, string> }
  | 'offline';

/** A 422 answer refusing `fields` (path → message). */
export function refused(message: string, fields: Record<string, string>): Reply {
  return {
    status: 422,
    body: {
      error: {
        code: 'VALIDATION_FAILED',
        message,
        fields: Object.entries(fields).map(([path, text]) => ({ path, message: text })),
      },
    },
  };
}

type Handler = (call: Call) => Reply | Promise<Reply>;

/**
 * A stand-in for the checkout API behind `fetch`: the contract's three routes with happy
 * answers, each replaceable with `on()`; every call is recorded.
 */
export function createFakeApi() {
  const calls: Call[] = [];
  const handlers = new Map<string, Handler>([
    ['GET /points', () => ({ body: { points: POINTS } })],
    ['POST /customers', () => ({ body: { pickpostId: 'PT011227', verified: false } })],
    [
      'POST /selection',
      (call) => ({
        body: {
          selection: `signed.${call.body.pointId}`,
          point: POINTS.find((point) => point.id === call.body.pointId),
          ...(call.body.pickpostId ? { pickpostId: call.body.pickpostId } : {}),
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        },
      }),
    ],
  ]);

  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://shop.test');
    const method = init.method ?? 'GET';
    const path = url.pathname.replace(/^\/pickpost/, '');
    const call: Call = {
      method,
      path,
      query: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    };
    calls.push(call);
    const handler = handlers.get(`${method} ${path}`);
    const reply: Reply = handler
      ? await handler(call)
      : { status: 404, body: { error: { code: 'not_found', message: 'No such route' } } };
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    if (reply === 'offline') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(reply.body ?? {}), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  });

  return {
    calls,
    fetch,
    /** Replaces the answer of `METHOD /path`. */
    on(route: string, handler: Handler) {
      handlers.set(route, handler);
    },
    /** The calls to `METHOD /path`. */
    callsTo(route: string) {
      return calls.filter((call) => `${call.method} ${call.path}` === route);
    },
  };
}

export type FakeApi = ReturnType<typeof createFakeApi>;

/** Makes `route` answer `body` only once the returned function is called. */
export function holdReply(api: FakeApi, route: string, body: Record<string, unknown>) {
  let release = () => {};
  api.on(
    route,
    () =>
      new Promise((resolve) => {
        release = () => resolve({ body });
      }),
  );
  return () => release();
}

/**
 * Puts a picker with `attributes` into a checkout form with two shipping methods and returns
 * handles on it. `fetch` is the fake API's.
 */
export function mountPicker(attributes: Record<string, string> = {}, api = createFakeApi()) {
  vi.stubGlobal('fetch', api.fetch);
  defineElement();
  const form = document.createElement('form');
  form.innerHTML = `
    <label><input type="radio" name="shipping_method" value="home"> Home delivery</label>
    <label><input type="radio" name="shipping_method" value="pickpost:3" checked> PickPost</label>
    <button type="submit">Place order</button>`;
  const picker = document.createElement('pickpost-point-picker') as PickPostPointPicker;
  for (const [name, value] of Object.entries(attributes)) picker.setAttribute(name, value);
  form.append(picker);
  document.body.append(form);
  const root = picker.shadowRoot!;
  const $ = <T extends HTMLElement = HTMLElement>(selector: string) =>
    root.querySelector<T>(selector)!;
  const options = () => [...root.querySelectorAll<HTMLElement>('[role=option]')];
  const status = () => $('[part=status]').textContent ?? '';
  const hidden = (name: string) =>
    form.querySelector<HTMLInputElement>(`input[type=hidden][name="${name}"]`)?.value;
  return { api, form, picker, root, $, options, status, hidden };
}

/** Leaves the page as a test found it: no picker, no stubbed fetch, no remembered point. */
export function resetPage(): void {
  // happy-dom keeps a removed element as the document's focus and then fails on it: blur first.
  for (const picker of document.querySelectorAll('pickpost-point-picker')) {
    (picker.shadowRoot?.activeElement as HTMLElement | null)?.blur();
  }
  document.body.replaceChildren();
  vi.unstubAllGlobals();
  localStorage.clear();
}

/** Types `text` into the search box and presses the search button. */
export function search(mounted: ReturnType<typeof mountPicker>, text: string) {
  mounted.$<HTMLInputElement>('[part=query-input]').value = text;
  mounted.$('[part=search-button]').click();
}

export function key(target: Element, keyName: string) {
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key: keyName, bubbles: true, composed: true }),
  );
}

/** Mounts a picker that searched 8001 and lists the three fixture points. */
export async function listed(attributes: Record<string, string> = {}, api = createFakeApi()) {
  const mounted = mountPicker({ zip: '8001', ...attributes }, api);
  await vi.waitFor(() => expect(mounted.options()).toHaveLength(POINTS.length));
  return mounted;
}

/** Records the picker's `pickpost:select` and `pickpost:clear` events on `target`. */
export function events(target: EventTarget) {
  const selected: PickPostSelectDetail[] = [];
  const cleared: PickPostClearDetail[] = [];
  target.addEventListener('pickpost:select', (event) => {
    selected.push((event as CustomEvent<PickPostSelectDetail>).detail);
  });
  target.addEventListener('pickpost:clear', (event) => {
    cleared.push((event as CustomEvent<PickPostClearDetail>).detail);
  });
  return { selected, cleared };
}
