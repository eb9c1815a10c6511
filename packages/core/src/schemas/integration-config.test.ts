import { describe, expect, it } from 'vitest';
import { VELO_SHOP } from '../../test/fixtures';
import { ConfigError, isConfigError } from '../errors/index';
import { parseIntegrationConfig } from './validate';

const SECRET = 'client-secret-value-9f8e7d';
const base = {
  frankingLicense: '60013217',
  sender: VELO_SHOP,
  selectionSecret: 's'.repeat(32),
};
const post = { clientId: 'shop-client', clientSecret: SECRET };
const dataTransfer = { transport: { type: 'directory', dir: './outbox' } };

function problems(input: unknown): Array<[string, string]> {
  try {
    parseIntegrationConfig(input);
    return [];
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return error.issues.map((issue) => [issue.path, issue.code]);
  }
}

describe('IntegrationConfigSchema', () => {
  it.each([
    ['1', { variant: 1, post }],
    ['2', { variant: 2, post, dataTransfer }],
    ['3', { variant: 3, post }],
    ['4a', { variant: '4a', post }],
    ['4b', { variant: '4b', dataTransfer }],
    [
      '4b with its own location endpoint and no credentials',
      { variant: '4b', dataTransfer, post: { baseUrls: { locations: 'http://127.0.0.1:9/' } } },
    ],
    ['1 with fallback', { variant: 1, post, dataTransfer, fallback: 'self-generated' }],
    ['4a with fallback', { variant: '4A', post, dataTransfer, fallback: 'self-generated' }],
    ['"2" from a text file', { variant: '2', post, dataTransfer }],
  ])('accepts a complete variant %s configuration', (_name, change) => {
    expect(problems({ ...base, ...change })).toEqual([]);
  });

  it('fills in defaults and normalises the licence', () => {
    const config = parseIntegrationConfig({ ...base, frankingLicense: '013217', variant: 3, post });
    expect(config.frankingLicense).toBe('00013217');
    expect(config.defaultPrzl).toEqual(['PRI']);
    expect(config.trackingUrlTemplate).toContain('{identcode}');
    expect(config.post?.timeoutMs).toBe(15_000);
  });

  it.each([
    ['variant 2 without DataTransfer', { variant: 2, post }, ['dataTransfer', 'required']],
    ['variant 4b without DataTransfer', { variant: '4b' }, ['dataTransfer', 'required']],
    ['variant 1 without credentials', { variant: 1 }, ['post', 'required']],
    ['variant 3 without credentials', { variant: 3 }, ['post', 'required']],
    [
      'variant 1 with endpoints but no client ID',
      { variant: 1, post: { clientSecret: SECRET, baseUrls: {} } },
      ['post.clientId', 'required'],
    ],
    [
      'variant 4a with endpoints but no client secret',
      { variant: '4a', post: { clientId: 'shop-client' } },
      ['post.clientSecret', 'required'],
    ],
    [
      'variant 3 with DataTransfer',
      { variant: 3, post, dataTransfer },
      ['dataTransfer', 'not_in_variant'],
    ],
    [
      'variant 1 with DataTransfer but no fallback',
      { variant: 1, post, dataTransfer },
      ['dataTransfer', 'not_in_variant'],
    ],
    [
      'variant 2 with a fallback',
      { variant: 2, post, dataTransfer, fallback: 'self-generated' },
      ['fallback', 'not_in_variant'],
    ],
    [
      'variant 1 with a fallback but no DataTransfer',
      { variant: 1, post, fallback: 'self-generated' },
      ['dataTransfer', 'required'],
    ],
    ['an unknown variant', { variant: 5, post }, ['variant', 'invalid_union']],
    [
      'a misspelt setting',
      { variant: 3, post, datatransfer: dataTransfer },
      ['datatransfer', 'unrecognized_key'],
    ],
    [
      'a short selection secret',
      { variant: 3, post, selectionSecret: 'short' },
      ['selectionSecret', 'too_small'],
    ],
    [
      'a 7-digit licence',
      { variant: 3, post, frankingLicense: '1234567' },
      ['frankingLicense', 'invalid_franking_license'],
    ],
    [
      'an item-number window under 30 days',
      { variant: 3, post, itemNumbers: { reuseAfterDays: 7 } },
      ['itemNumbers.reuseAfterDays', 'too_small'],
    ],
    [
      'SFTP without a host key',
      {
        variant: 2,
        post,
        dataTransfer: {
          transport: {
            type: 'sftp',
            host: 'sftp.post.ch',
            username: 'shop',
            password: 'pw-123456',
          },
        },
      },
      ['dataTransfer.transport.hostKeySha256', 'required'],
    ],
    [
      'SFTP with both password and key',
      {
        variant: 2,
        post,
        dataTransfer: {
          transport: {
            type: 'sftp',
            host: 'h',
            username: 'u',
            password: 'p',
            privateKey: 'k',
            hostKeySha256: 'a'.repeat(64),
          },
        },
      },
      ['dataTransfer.transport.password', 'sftp_credentials'],
    ],
  ])('refuses %s, naming the field', (_name, change, expected) => {
    expect(problems({ ...base, ...change })).toContainEqual(expected);
  });

  it('lists the variant rules together with broken fields, all at once', () => {
    const found = problems({ ...base, variant: 2, post, selectionSecret: undefined });
    expect(found).toContainEqual(['selectionSecret', 'required']);
    expect(found).toContainEqual(['dataTransfer', 'required']);
  });

  it('says why a variant needs a field', () => {
    expect(() => parseIntegrationConfig({ ...base, variant: 2, post })).toThrowError(
      /dataTransfer: is required in variant 2: shipment data goes to Swiss Post by DataTransfer/,
    );
  });

  it('normalises an OpenSSH SHA256 host key fingerprint to hex', () => {
    const fingerprint = Buffer.alloc(32, 7);
    const config = parseIntegrationConfig({
      ...base,
      variant: '4b',
      dataTransfer: {
        transport: {
          type: 'sftp',
          host: 'h',
          username: 'u',
          password: 'pw',
          hostKeySha256: `SHA256:${fingerprint.toString('base64').replace(/=$/, '')}`,
        },
      },
    });
    const transport = config.dataTransfer?.transport;
    expect(transport?.type === 'sftp' && transport.hostKeySha256).toBe(fingerprint.toString('hex'));
  });

  it('never echoes a secret when refusing a configuration', () => {
    let thrown: unknown;
    try {
      parseIntegrationConfig({
        ...base,
        variant: 9,
        post: { ...post, extra: SECRET },
        selectionSecret: SECRET.slice(0, 10),
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET.slice(0, 10));
  });
});
