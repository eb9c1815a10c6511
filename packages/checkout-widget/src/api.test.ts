// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { CUSTOMER } from '../test/fake-checkout-api';
import { createCheckoutApi, PickPostRequestError } from './api';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createCheckoutApi', () => {
  it('builds the point search from the query and options, without a trailing slash', async () => {
    const fetch = vi.fn(async () => json({ points: [] }));
    const api = createCheckoutApi('/pickpost/', fetch);
    await api.points(
      { lat: 46.5, lng: 6.6 },
      { kinds: ['pickpost', 'mypost24'], limit: 10, lang: 'fr' },
    );
    expect(fetch).toHaveBeenCalledWith(
      '/pickpost/points?lat=46.5&lng=6.6&kinds=pickpost%2Cmypost24&limit=10&lang=fr',
      expect.objectContaining({
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      }),
    );
  });

  it('posts JSON, and includes cookies for an endpoint on another origin', async () => {
    const fetch = vi.fn(async () => json({ pickpostId: 'PT011227', verified: false }));
    const api = createCheckoutApi('https://checkout.example.ch/pickpost', fetch);
    expect(await api.registerCustomer(CUSTOMER, 'pickpost')).toEqual({
      pickpostId: 'PT011227',
      verified: false,
    });
    expect(fetch).toHaveBeenCalledWith('https://checkout.example.ch/pickpost/customers', {
      method: 'POST',
      body: JSON.stringify({ customer: CUSTOMER, service: 'pickpost' }),
      credentials: 'include',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
    });
  });

  it("sends the shop's headers and credentials, keeping its own accept and content-type", async () => {
    const fetch = vi.fn(async () => json({ selection: 'a.b' }));
    const api = createCheckoutApi('/pickpost', fetch, {
      headers: { 'X-WP-Nonce': 'n0nce', 'content-type': 'text/plain' },
      credentials: 'include',
    });
    await api.select({ pointId: '8001-01' });
    expect(fetch).toHaveBeenCalledWith('/pickpost/selection', {
      method: 'POST',
      body: JSON.stringify({ pointId: '8001-01' }),
      credentials: 'include',
      headers: {
        'X-WP-Nonce': 'n0nce',
        accept: 'application/json',
        'content-type': 'application/json',
      },
    });
  });

  it('turns an error answer into a PickPostRequestError with its fields', async () => {
    const api = createCheckoutApi(
      '/pickpost',
      vi.fn(async () =>
        json(
          {
            error: {
              code: 'validation',
              message: 'Invalid selection',
              fields: [{ path: 'pickpostId', message: 'is required' }, 'junk', { path: 'x' }],
            },
          },
          422,
        ),
      ),
    );
    const error = await api.select({ pointId: '8001-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PickPostRequestError);
    expect(error).toMatchObject({
      name: 'PickPostRequestError',
      status: 422,
      code: 'validation',
      message: 'Invalid selection',
      fields: [{ path: 'pickpostId', message: 'is required' }],
      retryable: false,
    });
  });

  it('reads a status without a JSON body, and a failed request as a network error', async () => {
    const gateway = createCheckoutApi(
      '/pickpost',
      vi.fn(async () => new Response('Bad Gateway', { status: 504 })),
    );
    await expect(gateway.points({ zip: '8001' })).rejects.toMatchObject({
      status: 504,
      code: 'http_504',
      message: '',
      retryable: true,
    });
    const offline = createCheckoutApi(
      '/pickpost',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(offline.points({ zip: '8001' })).rejects.toMatchObject({
      status: 0,
      code: 'network',
      retryable: true,
    });
  });

  it('lets an abort through as it is, so the caller can tell it from a failure', async () => {
    const abort = new AbortController();
    const fetch = vi.fn(async () => {
      abort.abort();
      throw new DOMException('aborted', 'AbortError');
    });
    const error = await createCheckoutApi('/pickpost', fetch)
      .points({ town: 'Bern' }, { signal: abort.signal })
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PickPostRequestError);
    expect((error as Error).name).toBe('AbortError');
  });
});
