import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkSignature,
  checkTimestampAndNonce,
  collectOAuthParameters,
  signatureBaseString,
} from './oauth';
import { parsePhpQuery } from './php';

describe('WooCommerce’s OAuth 1.0a base string', () => {
  // RFC 5849 §3.4.1.1's example request: query b5, a3, c@, a2; form body c2, a3; the OAuth
  // parameters in the Authorization header.
  const query = parsePhpQuery('b5=%3D%253D&a3=a&c%40=&a2=r%20b');
  const form = parsePhpQuery('c2&a3=2+q');
  const header =
    'OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", ' +
    'oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", ' +
    'oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"';

  it('differs from RFC 5849 exactly where PHP does: one a3 (the body’s) and c2 before c@', () => {
    const collected = collectOAuthParameters(query, form, header);
    expect(collected.kind).toBe('present');
    if (collected.kind !== 'present') return;
    const rfc =
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7';
    const woo = signatureBaseString('POST', 'http://example.com/request', collected.params);
    expect(woo).toBe(
      rfc.replace('a3%3Da%26', '').replace('c%2540%3D%26c2%3D%26', 'c2%3D%26c%2540%3D%26'),
    );
  });

  it('verifies a signature made with consumer_secret& and refuses any other', () => {
    const params = parsePhpQuery(
      'oauth_consumer_key=ck&oauth_nonce=n1&oauth_timestamp=1&oauth_signature_method=HMAC-SHA256&status[0]=processing',
    );
    const base = signatureBaseString('GET', 'http://shop.test/wp-json/wc/v3/orders', params);
    expect(base).toContain('status%255B0%255D%3Dprocessing');
    params.oauth_signature = createHmac('sha256', 'cs_secret&').update(base).digest('base64');
    expect(
      checkSignature('GET', 'http://shop.test/wp-json/wc/v3/orders', params, 'cs_secret'),
    ).toEqual({ ok: true });
    expect(
      checkSignature('GET', 'http://shop.test/wp-json/wc/v3/orders', params, 'cs_other'),
    ).toMatchObject({ ok: false });
    expect(
      checkSignature('PUT', 'http://shop.test/wp-json/wc/v3/orders', params, 'cs_secret'),
    ).toMatchObject({ ok: false });
  });

  it('keeps timestamps within 15 minutes and every nonce of the window', () => {
    const ledger = new Map<string, number>();
    expect(checkTimestampAndNonce(ledger, '1000', 'a', 1000 + 900)).toEqual({ ok: true });
    expect(checkTimestampAndNonce(ledger, '1000', 'a', 1000)).toMatchObject({
      message: 'Invalid nonce - nonce has already been used.',
    });
    expect(checkTimestampAndNonce(ledger, '1000', 'b', 1000 + 901)).toMatchObject({
      message: 'Invalid timestamp.',
    });
    expect(checkTimestampAndNonce(ledger, 'soon', 'c', 1000)).toMatchObject({
      message: 'Invalid timestamp.',
    });
    // Same second, different nonce: both remembered (WooCommerce would forget the first).
    expect(checkTimestampAndNonce(ledger, '1000', 'd', 1000)).toEqual({ ok: true });
    expect(checkTimestampAndNonce(ledger, '1001', 'a', 1001)).toMatchObject({ ok: false });
  });
});
