import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VELO_SHOP } from '../../test/fixtures';
import { isConfigError } from '../errors/index';
import { parseIntegrationConfig } from './validate';

/**
 * Configurations with parts left out, as users write their first config file: whatever is
 * missing, parsing ends in a ConfigError that names every missing required field by its path,
 * and never in another error. The required fields are listed here from the README and the
 * reference, not read from the schema, so a rule dropped from the schema fails this test.
 */

const sftp = {
  type: 'sftp',
  host: 'sftp.example.post.ch',
  port: 22,
  username: 'shop',
  password: 'sftp-password-value',
  remoteDir: '/in',
  hostKeySha256: `SHA256:${Buffer.alloc(32, 7).toString('base64').replace(/=$/, '')}`,
};

const complete = {
  frankingLicense: '60013217',
  sender: VELO_SHOP,
  selectionSecret: 's'.repeat(32),
  post: {
    clientId: 'shop-client',
    clientSecret: 'client-secret-value-9f8e7d',
    baseUrls: { token: 'http://127.0.0.1:9/token', locations: 'http://127.0.0.1:9/loc' },
    retry: { attempts: 3, maxTotalMs: 10_000 },
  },
  itemNumbers: { from: 1, to: 50_000, reuseAfterDays: 90 },
  labels: { layout: 'A6', format: 'pdf' },
  returns: {
    address: { name1: 'Velo Shop Retouren', street: 'Postgasse 1', zip: '3011', city: 'Bern' },
  },
};

/** A complete configuration of each variant. */
const VARIANTS: Record<string, Record<string, unknown>> = {
  '1': { ...complete, variant: 1 },
  '2': { ...complete, variant: 2, dataTransfer: { transport: sftp, maxPerFile: 500 } },
  '3': { ...complete, variant: 3 },
  '4a': { ...complete, variant: '4a' },
  '4b': {
    ...complete,
    variant: '4b',
    dataTransfer: { transport: { type: 'directory', dir: './outbox' } },
  },
};

const SENDER_FIELDS = ['name1', 'street', 'zip', 'city'];

/** The fields a variant cannot do without, as dotted paths. */
function requiredPaths(variant: string): Set<string> {
  const required = [
    'variant',
    'frankingLicense',
    'selectionSecret',
    'sender',
    ...SENDER_FIELDS.map((field) => `sender.${field}`),
    ...SENDER_FIELDS.map((field) => `returns.address.${field}`),
  ];
  if (variant !== '4b') required.push('post', 'post.clientId', 'post.clientSecret');
  if (variant === '2' || variant === '4b') {
    required.push('dataTransfer', 'dataTransfer.transport', 'dataTransfer.transport.type');
    required.push(
      ...(variant === '2'
        ? ['host', 'username', 'hostKeySha256'].map((field) => `dataTransfer.transport.${field}`)
        : ['dataTransfer.transport.dir']),
    );
  }
  return new Set(required);
}

/** Every key path of an object, parents before children. */
function keyPaths(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return typeof child === 'object' && child !== null && !Array.isArray(child)
      ? [path, ...keyPaths(child as Record<string, unknown>, path)]
      : [path];
  });
}

function without(config: Record<string, unknown>, removed: readonly string[]): unknown {
  const copy = structuredClone(config);
  for (const path of removed) {
    const keys = path.split('.');
    let parent: Record<string, unknown> | undefined = copy;
    for (const key of keys.slice(0, -1)) {
      const next: unknown = parent?.[key];
      parent =
        typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : undefined;
    }
    if (parent !== undefined) delete parent[keys.at(-1) as string];
  }
  return copy;
}

/** The issues of parsing `input`; throws anything that is not a ConfigError. */
function issuesOf(input: unknown): Array<{ path: string; code: string; message: string }> {
  try {
    parseIntegrationConfig(input);
    return [];
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return [...error.issues];
  }
}

/** The removed required paths whose parent is still there: each must be reported as required. */
function expectedMissing(variant: string, removed: readonly string[]): string[] {
  const gone = new Set(removed);
  const isGone = (path: string) => {
    const keys = path.split('.');
    return keys.some((_key, index) => gone.has(keys.slice(0, index + 1).join('.')));
  };
  const parentOf = (path: string) => path.split('.').slice(0, -1).join('.');
  return [...requiredPaths(variant)].filter((path) => {
    if (!isGone(path)) return false;
    // A field of a missing parent is not reported: the parent is (or, if optional, is not needed).
    if (parentOf(path) !== '' && isGone(parentOf(path))) return false;
    // Without its `type`, a transport's other fields cannot be known (directory or SFTP).
    const transportField = path.startsWith('dataTransfer.transport.');
    return !(
      transportField &&
      path !== 'dataTransfer.transport.type' &&
      isGone('dataTransfer.transport.type')
    );
  });
}

function check(variant: string, removed: readonly string[]): void {
  const config = VARIANTS[variant] as Record<string, unknown>;
  const input = without(config, removed);
  // A removed variant leaves no variant rules to apply, so the variant's own needs are not expected.
  const needs = removed.includes('variant')
    ? expectedMissing(variant, removed).filter((path) => !/^(post|dataTransfer)(\.|$)/.test(path))
    : expectedMissing(variant, removed);
  const issues = issuesOf(input);
  for (const path of needs) {
    expect(issues, `${variant} without ${removed.join(', ')}: ${path}`).toContainEqual(
      expect.objectContaining({ path, code: 'required' }),
    );
  }
  for (const issue of issues) {
    expect(issue.message, issue.path).not.toBe('could not be read');
    expect(issue.message, issue.path).not.toMatch(/client-secret-value|sftp-password-value/);
  }
}

describe('a configuration with parts left out', () => {
  it('is accepted complete, for every variant', () => {
    for (const variant of Object.keys(VARIANTS)) expect(issuesOf(VARIANTS[variant])).toEqual([]);
  });

  it('names every missing required field, for every subset of the top-level keys', () => {
    for (const [variant, config] of Object.entries(VARIANTS)) {
      const keys = Object.keys(config);
      for (let mask = 1; mask < 2 ** keys.length; mask += 1) {
        check(
          variant,
          keys.filter((_key, index) => (mask >> index) & 1),
        );
      }
    }
  });

  it('names every missing required field, for random subsets of all keys at every depth', () => {
    const cases = fc.oneof(
      ...Object.entries(VARIANTS).map(([variant, config]) =>
        fc.record({
          variant: fc.constant(variant),
          removed: fc.subarray(keyPaths(config), { minLength: 1 }),
        }),
      ),
    );
    fc.assert(
      fc.property(cases, ({ variant, removed }) => check(variant, removed)),
      { seed: 20261202, numRuns: 3000 },
    );
  });

  it('says "is required" for the empty object and for a config missing only its sender', () => {
    expect(issuesOf({})).toEqual(
      expect.arrayContaining(
        ['variant', 'frankingLicense', 'sender', 'selectionSecret'].map((path) => ({
          path,
          code: 'required',
          message: 'is required',
        })),
      ),
    );
    const { sender: _sender, ...rest } = VARIANTS['2'] as Record<string, unknown>;
    expect(issuesOf(rest)).toEqual([{ path: 'sender', code: 'required', message: 'is required' }]);
  });
});
