import {
  AARAU_POINT,
  HANS_MUSTER,
  HANS_PICKPOST_ID,
  ORDER_1042,
  VELO_SHOP,
} from '@pickpost/test-utils/fixtures';
import { DEMO_CLIENT } from '../src/clients';
import type { MockPostServer } from '../src/server';

/**
 * A valid `generateAddressLabel` body in the shape of Swiss Post's own sample (DEV §8.14): order
 * 1042 from the Velo Shop to Hans Muster at the Aarau PickPost counter.
 */
export function sampleLabelRequest(): Record<string, any> {
  const { firstName, name1 } = HANS_MUSTER;
  const { street, houseNo, zip, city } = AARAU_POINT;
  return {
    language: 'DE',
    frankingLicense: '60013217',
    customer: { ...VELO_SHOP, country: 'CH' },
    labelDefinition: {
      labelLayout: 'A6',
      printAddresses: 'RECIPIENT_AND_CUSTOMER',
      imageFileType: 'PDF',
      imageResolution: 300,
    },
    item: {
      itemID: 'order-1042-0',
      recipient: {
        firstName,
        name1,
        name2: HANS_PICKPOST_ID,
        street,
        houseNo,
        zip,
        city,
        country: 'CH',
      },
      attributes: { przl: [...ORDER_1042.parcel.przl], weight: ORDER_1042.parcel.weightGrams },
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
