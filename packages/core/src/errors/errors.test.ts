import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import {
  ConfigError,
  isConfigError,
  isPickPostError,
  isPickPostValidationError,
  isPostApiError,
  isPostAuthError,
  isPostNetworkError,
  isPostTimeoutError,
  PICKPOST_ERROR_CODES,
  PickPostError,
  PickPostValidationError,
  PostApiError,
  PostAuthError,
  PostNetworkError,
  PostTimeoutError,
  redactSecrets,
} from './index';

const SECRET = 'pRiv4te-s3cret-Value-0193';

/** A cause as a third-party library might throw it: quoting the request, credentials and all. */
function leakyCause(): Error {
  const cause = new Error(
    `POST https://api.post.ch/OAuth/token failed: client_secret=${SECRET} Authorization: Bearer ${SECRET}`,
  );
  (cause as Error & { code: string }).code = 'ECONNRESET';
  return cause;
}

const errorsWithSecretCauses = (): Array<[string, PickPostError]> => [
  ['PickPostError', new PickPostError('STORE_FAILED', undefined, { cause: leakyCause() })],
  ['PostApiError', new PostApiError({ status: 503, cause: leakyCause() })],
  [
    'PostAuthError',
    new PostAuthError({ status: 401, reason: 'invalid_client', cause: leakyCause() }),
  ],
  [
    'PostNetworkError',
    new PostNetworkError({
      method: 'POST',
      url: `https://h/x?client_secret=${SECRET}`,
      cause: leakyCause(),
    }),
  ],
  [
    'PostTimeoutError',
    new PostTimeoutError({
      method: 'GET',
      url: 'https://h/x',
      timeoutMs: 500,
      cause: leakyCause(),
    }),
  ],
  [
    'PickPostValidationError',
    new PickPostValidationError(
      'recipient',
      [{ path: 'name1', message: 'is required', code: 'required' }],
      { cause: leakyCause() },
    ),
  ],
  [
    'ConfigError',
    new ConfigError([{ path: 'post', message: 'is required', code: 'required' }], {
      cause: leakyCause(),
    }),
  ],
  [
    'nested',
    new PostAuthError({
      status: 401,
      cause: new PostNetworkError({ method: 'POST', url: 'https://h', cause: leakyCause() }),
    }),
  ],
];

describe('errors never carry a secret out', () => {
  it.each(errorsWithSecretCauses())(
    '%s: message, toJSON, JSON.stringify and inspect',
    (_name, error) => {
      expect(error.message).not.toContain(SECRET);
      expect(JSON.stringify(error.toJSON())).not.toContain(SECRET);
      expect(JSON.stringify(error)).not.toContain(SECRET);
      expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
      expect(String(error)).not.toContain(SECRET);
      // The original cause stays available to code that needs it.
      expect(error.cause).toBeDefined();
    },
  );

  it('keeps what is safe about a foreign cause: its class and error code', () => {
    const error = new PostNetworkError({ method: 'POST', url: 'https://h/x', cause: leakyCause() });
    expect(error.toJSON().cause).toEqual({ name: 'Error', code: 'ECONNRESET' });
  });

  it('redacts credentials that a caller put into a message', () => {
    const error = new PickPostError(
      'POST_AUTH_FAILED',
      `token request with client_secret=${SECRET} failed`,
    );
    expect(error.message).toBe('token request with client_secret=[redacted] failed');
    const apiError = new PostApiError({
      status: 400,
      postCode: 'E9999',
      postMessage: `bad token=${SECRET}`,
    });
    expect(JSON.stringify(apiError)).not.toContain(SECRET);
  });

  it.each([
    [`Authorization: Bearer ${SECRET}`, 'Authorization: Bearer [redacted]'],
    [
      `{"access_token":"${SECRET}","expires_in":60}`,
      '{"access_token":"[redacted]","expires_in":60}',
    ],
    [`sftp://shop:${SECRET}@sftp.post.ch/in`, 'sftp://shop:[redacted]@sftp.post.ch/in'],
    [`password: ${SECRET}`, 'password: [redacted]'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----', '[redacted]'],
    ['nothing to hide here', 'nothing to hide here'],
  ])('redactSecrets(%j)', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('redacts listed secret values wherever they appear', () => {
    expect(redactSecrets(`the key is ${SECRET}.`, [SECRET])).toBe('the key is [redacted].');
  });
});

describe('error classes', () => {
  it('carry a code from the closed map, a literal name and their details', () => {
    const error = new PostApiError({
      status: 200,
      postCode: 'E2016',
      postMessage: 'Item number not unique',
      field: 'itemNumber',
    });
    expect(error.code).toBe('POST_API_ERROR');
    expect(error.code in PICKPOST_ERROR_CODES).toBe(true);
    expect(error.name).toBe('PostApiError');
    expect(error.message).toBe(
      'Swiss Post rejected the request: E2016 Item number not unique (field itemNumber) (HTTP 200)',
    );
    expect(error.toJSON()).toMatchObject({ status: 200, postCode: 'E2016', field: 'itemNumber' });
    expect(error.retryable).toBe(false);
    expect(new PostApiError({ status: 503 }).retryable).toBe(true);
    expect(new PostApiError({ status: 404 }).retryable).toBe(false);
  });

  it('drop the query string of URLs, which may hold credentials', () => {
    const error = new PostTimeoutError({
      method: 'GET',
      url: 'https://shop/wp-json/wc/v3/orders?consumer_secret=cs_1',
      timeoutMs: 100,
    });
    expect(error.url).toBe('https://shop/wp-json/wc/v3/orders');
  });

  it('list every validation issue and its path', () => {
    const error = new PickPostValidationError('recipient', [
      { path: 'name1', message: 'must be at most 35 characters (has 36)', code: 'too_long' },
      { path: 'zip', message: 'must be 4 digits', code: 'invalid_zip' },
    ]);
    expect(error.paths).toEqual(['name1', 'zip']);
    expect(error.message).toBe(
      'Invalid recipient: name1: must be at most 35 characters (has 36); zip: must be 4 digits',
    );
    expect(Object.isFrozen(error.issues)).toBe(true);
  });

  it('are told apart by their guards', () => {
    const all = [
      new PostApiError({ status: 500 }),
      new PostAuthError({ status: 401 }),
      new PostNetworkError({ method: 'GET', url: 'u' }),
      new PostTimeoutError({ method: 'GET', url: 'u', timeoutMs: 1 }),
      new PickPostValidationError('x', []),
      new ConfigError([]),
    ];
    const guards = [
      isPostApiError,
      isPostAuthError,
      isPostNetworkError,
      isPostTimeoutError,
      isPickPostValidationError,
      isConfigError,
    ];
    guards.forEach((guard, index) => {
      expect(all.map((error) => guard(error))).toEqual(all.map((_, other) => other === index));
    });
    for (const error of all) expect(isPickPostError(error)).toBe(true);
    for (const other of [
      new Error('x'),
      { name: 'PostApiError' },
      null,
      'PostApiError',
      { name: 'PostApiError', code: 'NOPE', isPickPostError: true },
    ]) {
      expect(isPickPostError(other)).toBe(false);
    }
  });
});

describe('guards across two copies of @pickpost/core', () => {
  it('recognise errors from a second instance of the module', async () => {
    // Emptying the module registry makes the next import evaluate every module again: the same
    // situation as two copies of the package in one node_modules.
    vi.resetModules();
    const copy = await import('./index');
    expect(copy.PostApiError).not.toBe(PostApiError);
    const foreign = new copy.PostApiError({ status: 502 });
    expect(foreign instanceof PostApiError).toBe(false);
    expect(isPickPostError(foreign)).toBe(true);
    expect(isPostApiError(foreign)).toBe(true);
    expect(isPostAuthError(foreign)).toBe(false);
    const ours = new PickPostValidationError('recipient', []);
    expect(copy.isPickPostError(ours)).toBe(true);
    expect(copy.isPickPostValidationError(ours)).toBe(true);
  });
});
