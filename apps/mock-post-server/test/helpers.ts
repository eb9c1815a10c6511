import { DEMO_CLIENT } from '../src/clients';
import type { MockPostServer } from '../src/server';

/** A valid `generateAddressLabel` body: Swiss Post's own sample (DEV §8.14) to a PickPost point. */
export function sampleLabelRequest(): Record<string, any> {
  return {
    language: 'DE',
    frankingLicense: '60013217',
    customer: {
      name1: 'Velo Shop AG',
      street: 'Wankdorfallee 4',
      zip: '3030',
      city: 'Bern',
      domicilePostOffice: '3011 Bern',
      country: 'CH',
    },
    labelDefinition: {
      labelLayout: 'A6',
      printAddresses: 'RECIPIENT_AND_CUSTOMER',
      imageFileType: 'PDF',
      imageResolution: 300,
    },
    item: {
      itemID: 'order-1042-0',
      recipient: {
        firstName: 'Hans',
        name1: 'Muster',
        name2: 'PickPost 12345678',
        street: 'Bahnhofstrasse',
        houseNo: '67',
        zip: '5000',
        city: 'Aarau',
        country: 'CH',
      },
      attributes: { przl: ['PRI'], weight: 1200 },
    },
  };
}

export async function tokenFor(
  post: MockPostServer,
  scope: string,
  client = DEMO_CLIENT,
): Promise<string> {
  const response = await fetch(post.baseUrls.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope,
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export async function postJson(
  url: string,
  token: string | undefined,
  body: unknown,
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, body: parsed, headers: response.headers };
}
