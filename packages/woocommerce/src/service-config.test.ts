import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConfigError } from '@pickpost/core';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServiceConfig } from './service-config';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

import { VELO_SHOP as SENDER } from '@pickpost/test-utils/fixtures';

const ENV = {
  CK: 'ck_0123456789abcdef0123456789abcdef01234567',
  CS: 'cs_0123456789abcdef0123456789abcdef01234567',
  HOOK: 'webhook-secret-0123456789',
  SELECTION: 'selection-secret-0123456789abcdef',
};

function write(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pickpost-woo-config-'));
  dirs.push(dir);
  const file = join(dir, 'shop.json');
  writeFileSync(file, `// comment\n${JSON.stringify(config)}`);
  return file;
}

const valid = {
  pickpost: {
    variant: '4b',
    frankingLicense: '60013217',
    sender: SENDER,
    selectionSecret: 'env:SELECTION',
    dataTransfer: { transport: { type: 'directory', dir: 'out' } },
  },
  store: { type: 'sqlite', filename: 'state.db' },
  woocommerce: { url: 'https://shop.example.ch', consumerKey: 'env:CK', consumerSecret: 'env:CS' },
  service: {
    publicUrl: 'https://sync.example.ch',
    webhookSecret: 'env:HOOK',
    adminToken: 'admin-token-0123456789',
    sharedSecret: 'shared-secret-0123456789',
  },
};

describe('the service configuration', () => {
  it('reads secrets from the environment, fills defaults, puts relative paths beside the file', async () => {
    const file = write(valid);
    const config = await loadServiceConfig(file, ENV);
    expect(config.woocommerce.consumerSecret).toBe(ENV.CS);
    expect(config.store).toEqual({ type: 'sqlite', filename: join(file, '..', 'state.db') });
    expect(config.pickpost.dataTransfer?.transport).toMatchObject({ dir: join(file, '..', 'out') });
    expect(config.sync).toMatchObject({
      methodId: 'pickpost',
      statuses: ['processing'],
      completeStatus: 'completed',
      holdStatus: 'on-hold',
      batchSize: 100,
    });
    expect(config.secrets).toEqual(expect.arrayContaining([ENV.CS, ENV.HOOK]));
  });

  it('lists every problem at once, by setting, without values', async () => {
    const file = write({
      ...valid,
      woocommerce: { ...valid.woocommerce, consumerKey: 'not-a-key', consumerSecret: 'env:NOPE' },
      sync: { batchSize: 500 },
      extra: true,
    });
    const error = await loadServiceConfig(file, ENV).catch((thrown: unknown) => thrown);
    expect(isConfigError(error)).toBe(true);
    const paths = (error as { issues: { path: string }[] }).issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'woocommerce.consumerKey',
        'woocommerce.consumerSecret',
        'sync.batchSize',
        'extra',
      ]),
    );
    expect(String(error)).not.toContain(ENV.SELECTION);
  });
});
