import { describe, expect, it } from 'vitest';
import { PostApiError, PostAuthError } from '../errors/index';
import { parseRetryAfter, toPostError } from './response-errors';

const raw = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  service: 'barcode' as const,
  status,
  body,
  headers: new Headers(headers),
});

describe('toPostError', () => {
  it('is undefined for a success without E-codes', () => {
    expect(
      toPostError(
        raw(200, { item: { identCode: '99', warnings: [{ code: 'W9997', message: 'x' }] } }),
      ),
    ).toBeUndefined();
  });

  it('reads E-codes from an HTTP 200 body', () => {
    const error = toPostError(
      raw(200, {
        item: {
          errors: [
            { code: 'E2016', message: 'Item number not unique' },
            { code: 'E2041', message: 'E-mail' },
          ],
        },
      }),
    );
    expect(error).toBeInstanceOf(PostApiError);
    expect(error).toMatchObject({
      status: 200,
      postCode: 'E2016',
      postErrors: [{ code: 'E2016' }, { code: 'E2041' }],
    });
  });

  it('reads field errors from a 400', () => {
    const error = toPostError(
      raw(400, {
        errors: [{ field: 'item.recipient.name1', error: 'size must be between 0 and 35' }],
      }),
    );
    expect(error).toMatchObject({
      status: 400,
      field: 'item.recipient.name1',
      postMessage: 'size must be between 0 and 35',
    });
  });

  it('maps 401 and 403 to PostAuthError', () => {
    expect(toPostError(raw(401, { error: 'invalid_token' }))).toBeInstanceOf(PostAuthError);
    expect(toPostError(raw(403, { error: 'insufficient_scope' }))).toMatchObject({
      status: 403,
      message: expect.stringContaining('insufficient_scope'),
    });
  });

  it('keeps Retry-After and the request id of a 429', () => {
    const error = toPostError(raw(429, undefined, { 'retry-after': '7', 'x-request-id': 'req-1' }));
    expect(error).toMatchObject({
      status: 429,
      retryAfterSeconds: 7,
      requestId: 'req-1',
      retryable: true,
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('12')).toBe(12);
    expect(
      parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')),
    ).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
