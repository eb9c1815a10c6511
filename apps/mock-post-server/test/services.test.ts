import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALITIES } from '../src/fixtures/localities';
import { POINTS } from '../src/fixtures/points';
import type { MockPostServer } from '../src/server';
import { createMockPostServer } from '../src/server';
import { postJson, tokenFor } from './helpers';

let post: MockPostServer;
beforeAll(async () => {
  post = await createMockPostServer();
});
afterAll(() => post.close());

const hans = () => ({
  userDetails: { gender: 'MALE', firstName: 'Hans', lastName: 'Muster', language: 'DE' },
  address: {
    house: { street: 'Bellerivestrasse', houseNumber: '5' },
    zip: { zip: '8008', city: 'Zürich', countryCode: 'CH' },
  },
  notification: { notifyMode: 'EMAIL', email: 'hans.muster@example.ch' },
  service: 'PICKPOST',
});

describe('PickPost users', () => {
  it('creates a user once and returns the same ID for the same person, for either service', async () => {
    const token = await tokenFor(post, 'WEDEC_PICKPOST');
    const first = await postJson(`${post.baseUrls.pickpost}/users`, token, hans());
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: expect.stringMatching(/^PT\d{6}$/), verified: 'NONE' });
    const again = {
      ...hans(),
      service: 'MYPOST24',
      userDetails: { ...hans().userDetails, firstName: 'HANS' },
    };
    const second = await postJson(`${post.baseUrls.pickpost}/users`, token, again);
    expect(second.body.id).toBe(first.body.id);
    const other = {
      ...hans(),
      userDetails: { ...hans().userDetails, firstName: 'Anna', gender: 'FEMALE' },
    };
    expect((await postJson(`${post.baseUrls.pickpost}/users`, token, other)).body.id).not.toBe(
      first.body.id,
    );
  });

  it.each([
    [
      'userDetails.gender',
      (b: any) => {
        b.userDetails.gender = 'X';
      },
    ],
    [
      'userDetails.firstName',
      (b: any) => {
        delete b.userDetails.firstName;
      },
    ],
    [
      'address.house.houseNumber',
      (b: any) => {
        delete b.address.house.houseNumber;
      },
    ],
    [
      'address.zip.zip',
      (b: any) => {
        b.address.zip.zip = '80a1';
      },
    ],
    [
      'address.zip.countryCode',
      (b: any) => {
        b.address.zip.countryCode = 'DE';
      },
    ],
    [
      'notification.email',
      (b: any) => {
        b.notification.email = 'nope';
      },
    ],
    [
      'notification.mobile',
      (b: any) => {
        b.notification = { notifyMode: 'SMS' };
      },
    ],
    [
      'service',
      (b: any) => {
        b.service = 'LOCKER';
      },
    ],
  ])('400 naming %s', async (field, change) => {
    const token = await tokenFor(post, 'WEDEC_PICKPOST');
    const body = hans();
    change(body);
    const response = await postJson(`${post.baseUrls.pickpost}/users`, token, body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });
});

describe('location fixture', () => {
  it('holds at least 300 points in at least 100 localities, PickPost and My Post 24', () => {
    expect(POINTS.length).toBeGreaterThanOrEqual(300);
    expect(
      new Set(LOCALITIES.map((locality) => `${locality.zip} ${locality.town}`)).size,
    ).toBeGreaterThanOrEqual(100);
    expect(new Set(POINTS.map((point) => point.id)).size).toBe(POINTS.length);
    expect(POINTS.some((point) => point.typeTag === '001MP24')).toBe(true);
    for (const point of POINTS) {
      expect(point.zip).toMatch(/^\d{4}$/);
      expect(point.lat).toBeGreaterThan(45.8);
      expect(point.lat).toBeLessThan(47.9);
      expect(point.lng).toBeGreaterThan(5.9);
      expect(point.lng).toBeLessThan(10.6);
    }
  });
});

describe('locations', () => {
  const get = async (operation: string, params: Record<string, string>) => {
    const response = await fetch(
      `${post.baseUrls.locations}/${operation}?${new URLSearchParams(params)}`,
    );
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };

  it('geocodes a postcode and a town to coordinates', async () => {
    const byZip = JSON.parse((await get('Geocode', { query: '8001' })).text);
    expect(byZip.locations[0]).toMatchObject({
      name: '8001 Zürich',
      type: 'city',
      pt: [8.5423, 47.3717],
    });
    const byTown = JSON.parse((await get('Geocode', { query: 'lausanne' })).text);
    expect(byTown.locations[0].name).toBe('1003 Lausanne');
    expect(JSON.parse((await get('Geocode', { query: '9999' })).text).locations).toEqual([]);
  });

  it('finds only the requested types inside the extent', async () => {
    const found = JSON.parse(
      (await get('Find', { extent: '8.50,47.35,8.58,47.40', query: 'T6' })).text,
    );
    expect(found.pois.length).toBeGreaterThan(0);
    for (const poi of found.pois) {
      // Real Find answers name the type by its short tag [C PLACES, §Z].
      expect(poi.type).toBe('T6');
      expect(poi.x).toBeGreaterThanOrEqual(8.5);
      expect(poi.y).toBeLessThanOrEqual(47.4);
    }
    expect((await get('Find', { extent: 'nonsense', query: 'T1' })).status).toBe(400);
  });

  it('returns one point as XML with opening hours, and 404 for an unknown id', async () => {
    const point = POINTS[0];
    const answer = await get('Poi', { id: point?.id ?? '' });
    expect(answer.type).toContain('xml');
    expect(answer.text).toContain(`<POI Id="${point?.id}" POITypeId="001AG-PICK">`);
    expect(answer.text).toContain(
      '<OpeningPeriods><DateFrom>2020-01-01</DateFrom><DateTo>2099-12-31</DateTo><OpeningHours><Monday>true</Monday>',
    );
    expect(answer.text).toContain(
      '<Timeslice><TimeFrom>07:30:00</TimeFrom><TimeUntil>12:00:00</TimeUntil></Timeslice>',
    );
    expect(answer.text).not.toContain('<Period ');
    expect((await get('Poi', { id: 'missing' })).status).toBe(404);
  });
});

describe('address validation', () => {
  it.each([
    [{ street: 'Bahnhofstrasse', houseNumber: '1', zip: '8001', city: 'Zürich' }, 'CERTIFIED'],
    [{ street: 'Irgendweg', houseNumber: '3', zip: '8001', city: 'Zürich' }, 'VERIFIED'],
    [{ street: 'Irgendweg', houseNumber: '3', zip: '8001', city: 'zurich' }, 'FIXED'],
    [{ street: 'Irgendweg', houseNumber: '3', zip: '8001', city: 'Bern' }, 'COMPROMISED'],
    [{ street: 'Irgendweg', houseNumber: '3', zip: '1234', city: 'Somewhere' }, 'USABLE'],
    [{ street: 'Irgendweg', houseNumber: '3', zip: 'abcd', city: 'Zürich' }, 'UNUSABLE'],
  ])('%j is %s', async (address, quality) => {
    const token = await tokenFor(post, 'DCAPI_ADDRESS_VALIDATE');
    const response = await postJson(`${post.baseUrls.address}/addresses/validation`, token, {
      addressee: { firstName: 'Hans', lastName: 'Muster' },
      geographicLocation: {
        house: { street: address.street, houseNumber: address.houseNumber },
        zip: { zip: address.zip, city: address.city },
      },
    });
    expect(response.body.quality).toBe(quality);
  });
});

describe('start script', () => {
  it('serves on the requested port and prints its URL', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@pickpost/source', 'src/bin/start.ts', '--port', '0'],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const response = await fetch(
        `${url}/StandortSuche/StaoCacheServiceV2/api/v1/Geocode?query=3011`,
      );
      expect((await response.json()) as unknown).toMatchObject({
        ok: true,
        locations: [{ name: '3011 Bern' }],
      });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
