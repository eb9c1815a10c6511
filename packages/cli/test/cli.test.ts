import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPickPost } from '@pickpost/core';
import { createPostClient } from '@pickpost/core/post';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer } from '@pickpost/mock-post-server';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import { VELO_SHOP } from '@pickpost/test-utils/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rasterRects, readableBarcodes, readPng } from '../../core/test/label-readers';
import { runCliFromSource } from './run-child';

const SECRET = 'cli-test-secret-value-8f7e6d';

/** Runs the CLI from source in a child process, as `pnpm demo` does. */
const pickpost = runCliFromSource;

let dir: string;
let post: MockPostServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-cli-'));
  post = await createMockPostServer({
    clients: [
      {
        clientId: 'shop',
        clientSecret: SECRET,
        scopes: ['DCAPI_BARCODE_READ', 'WEDEC_PICKPOST', 'DCAPI_ADDRESS_VALIDATE'],
        frankingLicenses: ['60013217'],
      },
    ],
  });
});
afterAll(async () => {
  await post.close();
  await rm(dir, { recursive: true, force: true });
});

function configFile(change: Record<string, unknown> = {}) {
  return {
    variant: 3,
    frankingLicense: '60013217',
    sender: VELO_SHOP,
    post: { clientId: 'shop', clientSecret: 'env:PICKPOST_TEST_SECRET', baseUrls: post.baseUrls },
    selectionSecret: 'env:PICKPOST_TEST_SELECTION_SECRET',
    store: { type: 'sqlite', filename: join(dir, 'shop.db') },
    ...change,
  };
}
const env = { PICKPOST_TEST_SECRET: SECRET, PICKPOST_TEST_SELECTION_SECRET: 's'.repeat(40) };

async function writeConfig(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(content));
  return path;
}

describe('pickpost demo', () => {
  it('runs all five configurations and leaves PDF labels and DataTransfer files', async () => {
    const out = join(dir, 'demo');
    const { code, stdout } = await pickpost(['demo', '--out', out]);
    expect(code).toBe(0);
    for (const variant of ['1', '2', '3', '4a', '4b'])
      expect(stdout).toContain(`Variant ${variant}:`);
    expect(stdout.match(/Swiss Post calls: /g)).toHaveLength(5);
    expect(stdout).toMatch(/Variant 4b:[\s\S]*token 0, PickPost 0, Barcode 0/);
    expect(stdout).not.toContain('demo-secret');
    const files = (await readdir(out, { recursive: true })).map(String);
    const pdfs = files.filter((file) => file.endsWith('.pdf'));
    expect(pdfs).toHaveLength(20);
    expect((await readFile(join(out, pdfs[0] ?? ''))).subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      files
        .filter((file) => /datatransfer[\\/].*\.xml$/.test(file))
        .map((file) => file.split(/[\\/]/)[0])
        .sort(),
    ).toEqual(['variant-2', 'variant-4b']);
  });

  it('replaces only its own folders in --out, so other files there survive', async () => {
    const out = join(dir, 'demo-shared');
    await mkdir(join(out, 'variant-2', 'labels'), { recursive: true });
    await writeFile(join(out, 'notes.txt'), 'not the demo’s');
    await writeFile(join(out, 'variant-2', 'labels', 'stale.pdf'), 'from an earlier run');
    const { code, stdout } = await pickpost(['demo', '--out', out]);
    expect(code).toBe(0);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('not the demo’s');
    const files = (await readdir(out, { recursive: true })).map(String);
    expect(files.filter((file) => file.endsWith('.pdf'))).toHaveLength(20);
    expect(stdout).toContain('Wrote 20 labels and 2 DataTransfer files');
  });
});

describe('pickpost doctor', () => {
  it('passes for a healthy configuration without asking for a label, and says what it did not check', async () => {
    const path = await writeConfig('healthy.json', configFile({ variant: 1 }));
    const labelsBefore = post.state.count('barcode');
    const { code, stdout } = await pickpost(['doctor', '--config', path], env);
    expect(stdout).toContain('✔ credentials for the PickPost web service');
    expect(stdout).toContain('✔ credentials for the Barcode web service');
    // doctor checks the SQLite file's folder and leaves no database behind.
    expect(stdout).toContain(`✔ store (sqlite): ${join(dir, 'shop.db')} does not exist yet`);
    expect(stdout).toContain(
      'ℹ franking licence 60013217: not checked with Swiss Post: no request can check a licence without the risk of making a real label',
    );
    expect(code).toBe(0);
    // Nothing reached the Barcode web service: no request that could make a label.
    expect(post.state.count('barcode')).toBe(labelsBefore);
  });

  it('with --specimen asks for exactly one SPECIMEN label, saying so, with an item number of the shop’s own range', async () => {
    const path = await writeConfig(
      'specimen.json',
      configFile({
        variant: 1,
        itemNumbers: { from: 777_000, to: 777_999 },
        store: { type: 'sqlite', filename: join(dir, 'specimen.db') },
      }),
    );
    const labelsBefore = post.state.count('barcode');
    const { code, stdout } = await pickpost(['doctor', '--config', path, '--specimen'], env);
    expect(stdout).toContain("→ --specimen: asking Swiss Post's Barcode web service");
    expect(stdout).toMatch(
      /✔ franking licence \(SPECIMEN label\): licence 60013217 is authorised for client shop: Swiss Post made SPECIMEN label 99600132170077700(0|1)/,
    );
    expect(code).toBe(0);
    expect(post.state.count('barcode')).toBe(labelsBefore + 1);
    const made = [...post.state.labels.values()].at(-1);
    expect(made?.printPreview).toBe(true);
    expect(made?.identcode).toMatch(/^996001321700777\d{3}$/);
  });

  it('names every missing field of an empty or sender-less configuration, and exits non-zero without a secret', async () => {
    const empty = await pickpost(['doctor', '--config', await writeConfig('empty.json', {})], env);
    expect(empty.code).toBe(1);
    for (const field of ['variant', 'frankingLicense', 'sender', 'selectionSecret'])
      expect(empty.stdout).toContain(`    ${field}: is required`);
    const { sender: _sender, ...withoutSender } = configFile({ variant: 1 });
    const noSender = await pickpost(
      ['doctor', '--config', await writeConfig('no-sender.json', withoutSender)],
      env,
    );
    expect(noSender.code).toBe(1);
    expect(noSender.stdout).toContain('    sender: is required');
    expect(noSender.stdout).not.toContain('could not be read');
    expect(noSender.stdout).not.toContain(SECRET);
    expect(noSender.stdout).not.toContain(env.PICKPOST_TEST_SELECTION_SECRET);
  });

  it('names every problem of a broken configuration and exits non-zero, without the secret', async () => {
    const path = await writeConfig(
      'broken.json',
      configFile({ variant: 2, selectionSecret: 'env:PICKPOST_NOT_SET_ANYWHERE' }),
    );
    const { code, stdout } = await pickpost(['doctor', '--config', path], env);
    expect(code).toBe(1);
    expect(stdout).toContain('✖ configuration');
    expect(stdout).toContain(
      'selectionSecret: environment variable PICKPOST_NOT_SET_ANYWHERE is not set',
    );
    expect(stdout).toContain('dataTransfer: is required in variant 2');
    expect(stdout).not.toContain(SECRET);
  });

  it('reports refused credentials and an unauthorised licence', async () => {
    const path = await writeConfig(
      'wrong.json',
      configFile({ variant: 1, frankingLicense: '35900034' }),
    );
    const wrongSecret = await pickpost(['doctor', '--config', path], {
      ...env,
      PICKPOST_TEST_SECRET: 'not-the-secret-123',
    });
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stdout).toMatch(
      /✖ credentials for the PickPost web service: Swiss Post refused the credentials \(HTTP 401\)/,
    );
    expect(wrongSecret.stdout).not.toContain('not-the-secret-123');
    const unauthorised = await pickpost(['doctor', '--config', path, '--specimen'], env);
    expect(unauthorised.code).toBe(1);
    expect(unauthorised.stdout).toContain(
      '✖ franking licence (SPECIMEN label): franking licence 35900034 is not authorised for client shop (E2010)',
    );
  });
});

describe('pickpost doctor and DataTransfer', () => {
  it('checks the SFTP server and refuses one whose host key is not the pinned one', async () => {
    const sftpPost = await createMockPostServer({
      clients: [
        {
          clientId: 'shop',
          clientSecret: SECRET,
          scopes: ['WEDEC_PICKPOST'],
          frankingLicenses: ['60013217'],
        },
      ],
      sftp: {
        accounts: [
          { username: 'shop', password: 'sftp-secret-pw-1', frankingLicenses: ['60013217'] },
        ],
      },
    });
    try {
      const sftp = sftpPost.sftp as NonNullable<MockPostServer['sftp']>;
      const transport = {
        type: 'sftp',
        host: sftp.host,
        port: sftp.port,
        username: 'shop',
        password: 'env:PICKPOST_TEST_SFTP_PASSWORD',
        hostKeySha256: sftp.hostKeyFingerprint,
      };
      const config = (hostKeySha256: string) =>
        configFile({
          variant: 2,
          post: {
            clientId: 'shop',
            clientSecret: 'env:PICKPOST_TEST_SECRET',
            baseUrls: sftpPost.baseUrls,
          },
          dataTransfer: { transport: { ...transport, hostKeySha256 } },
        });
      const sftpEnv = { ...env, PICKPOST_TEST_SFTP_PASSWORD: 'sftp-secret-pw-1' };
      const good = await pickpost(
        [
          'doctor',
          '--config',
          await writeConfig('sftp-good.json', config(sftp.hostKeyFingerprint)),
        ],
        sftpEnv,
      );
      expect(good.stdout).toContain('✔ DataTransfer SFTP server and host key: reachable');
      expect(good.code).toBe(0);
      const pinned = `SHA256:${Buffer.alloc(32, 1).toString('base64').replace(/=+$/, '')}`;
      const bad = await pickpost(
        ['doctor', '--config', await writeConfig('sftp-bad.json', config(pinned))],
        sftpEnv,
      );
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain(
        `✖ DataTransfer SFTP server and host key: The SFTP server ${sftp.host} presented host key ${sftp.hostKeyFingerprint}`,
      );
      expect(bad.stdout).not.toContain('sftp-secret-pw-1');
    } finally {
      await sftpPost.close();
    }
  });
});

describe('pickpost points, recommend, label, labels', () => {
  it('lists points near a postcode', async () => {
    const path = await writeConfig('points.json', configFile());
    const { code, stdout } = await pickpost(
      ['points', '3011', '--limit', '3', '--config', path],
      env,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/3011 Bern/);
    expect(stdout.trim().split('\n')).toHaveLength(5);
  });

  it('recommends a variant', async () => {
    const { code, stdout } = await pickpost(['recommend', '--parcels', '30', '--no-web-services']);
    expect(code).toBe(0);
    expect(stdout).toContain('Recommended: variant 4a');
  });

  it('writes the identcode barcode alone, read back at Swiss Post size, and refuses a bad one', async () => {
    const out = join(dir, 'note-barcode.png');
    const { code, stdout } = await pickpost([
      'barcode',
      '99.60.013217.00005959',
      '--format',
      'png',
      '--resolution',
      '600',
      '--services',
      'PRI',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('99.60.013217.00005959');
    const { raster } = readPng(await readFile(out));
    const found = readableBarcodes(rasterRects(raster, 600 / 25.4));
    const identcode = found.find((barcode) => barcode.digits.length === 18);
    expect(identcode?.digits).toBe('996001321700005959');
    expect(identcode?.length).toBeGreaterThanOrEqual(68);
    expect(identcode?.length).toBeLessThanOrEqual(69);
    expect(found.map((barcode) => barcode.digits)).toContain('0509');
    // The file is kept unless --overwrite, and a wrong identcode is named.
    expect((await pickpost(['barcode', '996001321700005959', '--out', out])).code).not.toBe(0);
    const bad = await pickpost(['barcode', '9960013217']);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/identcode/);
  });

  it('prints one label and a merged PDF of many, idempotently', async () => {
    const config = configFile({ store: { type: 'sqlite', filename: join(dir, 'labels.db') } });
    const path = await writeConfig('labels.json', config);
    // The checkout part happens in the shop: select points and sign selections with the same secret.
    const store = createSqliteStateStore({ filename: join(dir, 'labels.db') });
    const { store: _file, ...integration } = config;
    const shop = createPickPost(
      {
        ...integration,
        post: { clientId: 'shop', clientSecret: SECRET, baseUrls: post.baseUrls },
        selectionSecret: env.PICKPOST_TEST_SELECTION_SECRET,
      } as never,
      {
        store,
        post: createPostClient({ clientId: 'shop', clientSecret: SECRET, baseUrls: post.baseUrls }),
      },
    );
    const [point] = await shop.checkout.findPoints({ zip: '8001', kinds: ['pickpost'] });
    const recipient = {
      title: 'Frau',
      firstName: 'Anna',
      name1: 'Meier',
      street: 'Seestrasse',
      houseNo: '1',
      zip: '8002',
      city: 'Zürich',
      email: 'anna@example.ch',
    };
    const { pickpostId } = await shop.checkout.registerCustomer(recipient, { customerRef: 'anna' });
    const { selection } = await shop.checkout.selectPoint({
      pointId: point?.id ?? '',
      pickpostId,
      customerRef: 'anna',
    });
    await store.close();
    const orders = Array.from({ length: 3 }, (_, index) => ({
      orderRef: `20${index}`,
      selection,
      customerRef: 'anna',
      recipient,
      parcel: { weightGrams: 900 },
    }));
    await writeFile(join(dir, 'order.json'), JSON.stringify(orders[0]));
    await writeFile(
      join(dir, 'orders.ndjson'),
      `${orders.map((order) => JSON.stringify(order)).join('\n')}\n`,
    );

    const one = await pickpost(
      [
        'label',
        '--order',
        join(dir, 'order.json'),
        '--out',
        join(dir, 'one.pdf'),
        '--config',
        path,
      ],
      env,
    );
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/99\.60\.013217\.\d{8} {2}none/);
    const many = await pickpost(
      [
        'labels',
        '--orders',
        join(dir, 'orders.ndjson'),
        '--out',
        join(dir, 'all.pdf'),
        '--config',
        path,
      ],
      env,
    );
    expect(many.code).toBe(0);
    expect(many.stdout).toContain('3 labels in');
    const pdf = (await readFile(join(dir, 'all.pdf'))).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(3);
    // The first order was fulfilled by `label` already: the same identcode, not a new one.
    const again = await pickpost(
      [
        'label',
        '--order',
        join(dir, 'order.json'),
        '--out',
        join(dir, 'again.pdf'),
        '--config',
        path,
      ],
      env,
    );
    expect(again.stdout.split(' ')[0]).toBe(one.stdout.split(' ')[0]);

    // A failing order: the existing merged PDF stays as it was, no temporary file is left, and
    // the report names the failed order and the ones that were fulfilled.
    const before = await readFile(join(dir, 'all.pdf'));
    const broken = [...orders, { ...orders[0], orderRef: '299', parcel: { weightGrams: 45_000 } }];
    await writeFile(
      join(dir, 'broken.ndjson'),
      `${broken.map((order) => JSON.stringify(order)).join('\n')}\n`,
    );
    const failing = await pickpost(
      [
        'labels',
        '--orders',
        join(dir, 'broken.ndjson'),
        '--out',
        join(dir, 'all.pdf'),
        '--overwrite',
        '--config',
        path,
      ],
      env,
    );
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(
      '1 of 4 orders could not be fulfilled; no label file was written',
    );
    expect(failing.stdout).toMatch(/order 299 \(line 4\): parcel: does not suit the chosen point/);
    expect(failing.stdout).toContain('3 orders were fulfilled (200, 201, 202)');
    expect(await readFile(join(dir, 'all.pdf'))).toEqual(before);
    expect((await readdir(dir)).filter((name) => name.endsWith('.part'))).toEqual([]);

    // An existing file is not replaced without --overwrite, and a planted symlink not followed.
    const refused = await pickpost(
      [
        'labels',
        '--orders',
        join(dir, 'orders.ndjson'),
        '--out',
        join(dir, 'all.pdf'),
        '--config',
        path,
      ],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).toContain('exists: refusing to replace it');
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'not yours');
    await symlink(victim, join(dir, 'planted.pdf'));
    const planted = await pickpost(
      [
        'label',
        '--order',
        join(dir, 'order.json'),
        '--out',
        join(dir, 'planted.pdf'),
        '--overwrite',
        '--config',
        path,
      ],
      env,
    );
    expect(planted.code).toBe(1);
    expect(await readFile(victim, 'utf8')).toBe('not yours');
    // What is written is the owner's alone.
    const written = await pickpost(
      [
        'labels',
        '--orders',
        join(dir, 'orders.ndjson'),
        '--out-dir',
        join(dir, 'private'),
        '--config',
        path,
      ],
      env,
    );
    expect(written.code).toBe(0);
    expect((await stat(join(dir, 'private'))).mode & 0o777).toBe(0o700);
    const [first] = await readdir(join(dir, 'private'));
    expect((await stat(join(dir, 'private', first ?? ''))).mode & 0o777).toBe(0o600);
  });
});
