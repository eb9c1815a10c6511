import { describe, expect, it } from 'vitest';
import { isPickPostValidationError } from '../errors/index';
import { createManualClock } from '../ports/clock';
import { silentLogger } from '../ports/logger';
import type { PostHttp, PostRequest } from './http';
import type { PointSearchQuery } from './locations';
import { createLocationsApi } from './locations';

/** A location service that knows no place: every `Geocode` finds nothing. */
function fakeLocations() {
  const calls: PostRequest[] = [];
  const http: PostHttp = {
    async send(request) {
      calls.push(request);
      return { service: 'locations', status: 200, headers: new Headers(), body: { locations: [] } };
    },
  };
  const clock = createManualClock(Date.UTC(2026, 0, 5));
  const api = createLocationsApi({
    http,
    baseUrl: 'http://post.test',
    logger: silentLogger,
    clock,
  });
  return { api, clock, geocodes: () => calls.filter((call) => call.path === 'Geocode').length };
}

describe('locations.search', () => {
  it('geocodes a postcode once for concurrent searches, and again after a day', async () => {
    const { api, clock, geocodes } = fakeLocations();
    const results = await Promise.all([api.search({ zip: '8001' }), api.search({ zip: '8001' })]);
    expect(results).toEqual([[], []]);
    expect(geocodes()).toBe(1);
    clock.advance(24 * 3600 * 1000 - 1);
    await api.search({ zip: '8001' });
    expect(geocodes()).toBe(1);
    clock.advance(1);
    await api.search({ zip: '8001' });
    expect(geocodes()).toBe(2);
  });

  it('refuses a language the location service does not answer in, before calling it', async () => {
    const { api, geocodes } = fakeLocations();
    const error = await api
      .search({ zip: '8001', lang: 'es' } as unknown as PointSearchQuery)
      .catch((caught: unknown) => caught);
    expect(isPickPostValidationError(error) && error.issues).toEqual([
      { path: 'lang', message: 'must be de, fr, it or en', code: 'invalid_lang' },
    ]);
    expect(geocodes()).toBe(0);
  });
});
