import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDataTransferOutbox } from '@pickpost/core/datatransfer';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer } from '@pickpost/mock-post-server';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import { ORDER_1042, VELO_SHOP } from '@pickpost/test-utils/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickpostFromSource } from './run-child';

const xsd = (name: string) =>
  fileURLToPath(new URL(`../../core/test/fixtures/datatransfer/${name}`, import.meta.url));
const SAMPLES = fileURLToPath(new URL('./fixtures/datatransfer-samples', import.meta.url));

const pickpost = pickpostFromSource;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-cli-dt-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A variant 4b configuration: no web service credentials, a DataTransfer directory. */
async function config(name: string, dataTransfer: Record<string, unknown> = {}) {
  const path = join(dir, name);
  await writeFile(
    path,
    JSON.stringify({
      variant: '4b',
      frankingLicense: '60013217',
      sender: VELO_SHOP,
      selectionSecret: 's'.repeat(40),
      dataTransfer: { transport: { type: 'directory', dir: './outbox' }, ...dataTransfer },
      store: { type: 'sqlite', filename: join(dir, `${name}.db`) },
    }),
  );
  return path;
}

/** The report's blocks: element name → the problem lines under it. */
function blocks(stdout: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const lines = stdout.split('\n');
  let current: string[] | undefined;
  for (const line of lines.slice(lines.indexOf('Mismatches by element:') + 1)) {
    if (/^ {2}\S/.test(line)) {
      current = [];
      result.set(line.trim(), current);
    } else if (/^ {4}- /.test(line)) current?.push(line.slice(6));
    else if (line.trim() !== '') current = undefined;
  }
  return result;
}

describe('pickpost datatransfer check', () => {
  it('passes for the default settings against the XSD of the SDK’s own shape', async () => {
    const result = await pickpost([
      'datatransfer',
      'check',
      '--xsd',
      xsd('sdk-default.xsd'),
      '--config',
      await config('default.json'),
    ]);
    expect(result.stdout).toMatch(/✔ 60013217_\d{14}_000001\.xml validates against/);
    expect(result.stdout).toContain('✔ No mismatches between the files and the XSD.');
    expect(result.code).toBe(0);
  });

  it('passes for configured settings against an XSD of their shape, and fails against the default', async () => {
    const file = { namespace: 'urn:example:post:parcel:2', rootElement: 'ParcelDelivery' };
    const path = await config('custom.json', { file });
    const good = await pickpost([
      'datatransfer',
      'check',
      '--xsd',
      xsd('custom-namespace.xsd'),
      '--config',
      path,
    ]);
    expect(good.stdout).toContain('✔ No mismatches');
    expect(good.code).toBe(0);
    const bad = await pickpost([
      'datatransfer',
      'check',
      '--xsd',
      xsd('sdk-default.xsd'),
      '--config',
      path,
    ]);
    expect(bad.code).toBe(1);
    const root = blocks(bad.stdout).get('ParcelDelivery') ?? [];
    expect(root.join('\n')).toContain("the XSD's root element is Envelope, not ParcelDelivery");
    expect(root.join('\n')).toContain(
      'set dataTransfer.file.namespace to "urn:pickpost-sdk:datatransfer:1"',
    );
  });

  it('reports each mismatch with a deliberately different XSD by element, and maps the samples', async () => {
    const result = await pickpost([
      'datatransfer',
      'check',
      '--xsd',
      xsd('different.xsd'),
      '--samples',
      SAMPLES,
      '--config',
      await config('different.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ 60013217_\d{14}_000001\.xml does not validate/);
    const report = blocks(result.stdout);
    const expected: Array<[element: string, problems: string[]]> = [
      // FileInfos requires CustomerSystem: xmllint stops at the next element, the outline says why.
      ['CustomerSystem', ['the XSD requires it; the SDK never writes it']],
      ['FileName', ['xmllint: This element is not expected. Expected is ( CustomerSystem ).']],
      // Recipient has PostCode where the SDK writes ZIP.
      [
        'PostCode',
        [
          'the XSD requires it; the SDK never writes it',
          'sample 60013217_20261130040000_000001.xml has Data/Provider/Sending/Item/Recipient/PostCode',
        ],
      ],
      ['ZIP', ['xmllint: This element is not expected. Expected is ( PostCode ).']],
      // No FreeText in the XSD at all.
      [
        'FreeText',
        [
          'the SDK writes it (Data/Provider/Sending/Item/Attributes/FreeText, item.freeText); the XSD declares no such element',
          'xmllint: This element is not expected.',
        ],
      ],
      // PRZL from a short list: SI is refused.
      ['PRZL', ["[facet 'enumeration'] The value 'SI' is not an element of the set"]],
    ];
    for (const [element, problems] of expected) {
      const block = (report.get(element) ?? []).join('\n');
      for (const problem of problems) expect(block, element).toContain(problem);
    }
    // Nothing else mismatches: the report names exactly these elements.
    expect([...report.keys()].sort()).toEqual(expected.map(([element]) => element).sort());
    // The sample read by the SDK's reader: which element maps to which field.
    expect(result.stdout).toContain('Sample 60013217_20261130040000_000001.xml');
    expect(result.stdout).toMatch(/FileInfos\/FrankingLicense\s+frankingLicense\s+60013217/);
    expect(result.stdout).toMatch(
      /Data\/Provider\/Sending\/Item\/Recipient\/Name2\s+item\.recipient\.name2\s+PickPost 12345678/,
    );
    expect(result.stdout).toMatch(
      /FileInfos\/CustomerSystem\s+✖ not read by the SDK\s+Sample ERP 4\.2/,
    );
    expect(result.stdout).toContain('SDK fields this sample does not have:');
    expect(result.stdout).toContain('item.recipient.zip');
    expect(result.stdout).toContain('✔ the sample validates against the XSD');
    // The sample's name follows the default pattern: no file name mismatch.
    expect(report.has('(file name)')).toBe(false);
  });

  it('says where to give the XSD when there is none', async () => {
    const result = await pickpost(['datatransfer', 'check', '--config', await config('none.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Give --xsd <file>');
  });
});

describe('pickpost doctor with dataTransfer.check', () => {
  it('runs the check when an XSD is configured, relative to the configuration file', async () => {
    const good = await pickpost([
      'doctor',
      '--config',
      await config('doctor-good.json', {
        check: { xsd: xsd('sdk-default.xsd') },
      }),
    ]);
    expect(good.stdout).toMatch(
      /✔ DataTransfer files against .*sdk-default\.xsd: a fresh file \(60013217_\d{14}_000001\.xml\) validates$/m,
    );
    await writeFile(
      join(dir, 'post.xsd'),
      await (await import('node:fs/promises')).readFile(xsd('different.xsd')),
    );
    const bad = await pickpost([
      'doctor',
      '--config',
      await config('doctor-bad.json', { check: { xsd: 'post.xsd' } }),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(
      `✖ DataTransfer files against ${join(dir, 'post.xsd')}: mismatches in`,
    );
    expect(bad.stdout).toMatch(/mismatches in [^\n]*CustomerSystem/);
    // Swiss Post's samples of another shape than the configured one fail the check too.
    const samples = await pickpost([
      'doctor',
      '--config',
      await config('doctor-samples.json', {
        check: { xsd: xsd('sdk-default.xsd'), samples: SAMPLES },
      }),
    ]);
    expect(samples.stdout).toMatch(
      /✖ DataTransfer files against .*: mismatches in CustomerSystem, PostCode/,
    );
    const none = await pickpost(['doctor', '--config', await config('doctor-none.json')]);
    expect(none.stdout).not.toContain('DataTransfer files against');
  });
});

describe('DataTransfer settings reach the mock Post server', () => {
  let post: MockPostServer;
  const FILE = {
    namespace: 'urn:example:post:parcel:2',
    rootElement: 'ParcelDelivery',
    fileNamePattern: 'PP-{licence}-{date}-{sequence:8}.xml',
    sidecar: { suffix: '.ok', content: '{sha256}\n' },
    encoding: 'ISO-8859-1',
    ppFranking: true,
  };
  beforeAll(async () => {
    post = await createMockPostServer({
      sftp: {
        accounts: [
          { username: 'plain', password: 'sftp-pw-plain-1', frankingLicenses: ['60013217'] },
          {
            username: 'agreed',
            password: 'sftp-pw-agreed-1',
            frankingLicenses: ['60013217'],
            // What the simulated Post agreed with this customer, in the simulator's own terms.
            dataTransfer: {
              fileName: /^PP-(?<licence>\d{8})-\d{8}-\d{8}\.xml$/,
              namespace: 'urn:example:post:parcel:2',
              rootElement: 'ParcelDelivery',
              sidecar: { suffix: '.ok', content: /^(?<sha256>[0-9a-f]{64})\n$/ },
              encodings: ['ISO-8859-1'],
            },
          },
        ],
      },
    });
  });
  afterAll(() => post.close());
  let block = 0;

  async function flush(name: string, username: string, password: string, file?: object) {
    const sftp = post.sftp as NonNullable<MockPostServer['sftp']>;
    const path = await config(name, {
      transport: {
        type: 'sftp',
        host: sftp.host,
        port: sftp.port,
        username,
        password,
        hostKeySha256: sftp.hostKeyFingerprint,
      },
      ...(file === undefined ? {} : { file }),
    });
    const store = await createSqliteStateStore({ filename: join(dir, `${name}.db`) });
    const outbox = createDataTransferOutbox({
      store,
      frankingLicense: '60013217',
      sender: VELO_SHOP,
    });
    // Each flush its own item numbers: the simulated Post refuses a repeat (E2016).
    block += 1;
    for (let index = 1; index <= 3; index += 1) {
      await outbox.enqueue({
        ...ORDER_1042,
        orderRef: `${name}-${index}`,
        identcode: `9960013217${String(block * 100 + index).padStart(8, '0')}`,
      });
    }
    await store.close();
    const result = await pickpost(['datatransfer', 'flush', '--config', path]);
    await sftp.settled();
    return { result, files: await readdir(sftp.accountDir(username)) };
  }

  it('accepts the default files on a default account', async () => {
    const { result, files } = await flush('mock-default.json', 'plain', 'sftp-pw-plain-1');
    expect(result.stdout).toContain('3 shipments delivered');
    expect(files.some((name) => /^60013217_\d{14}_\d{6}\.xml\.sha256$/.test(name))).toBe(true);
    const record = post.state.dataTransferFiles.at(-1);
    expect(record).toMatchObject({ account: 'plain', status: 'processed', accepted: 3 });
  });

  it('accepts files of the configured shape on an account that agreed to it, and the default refuses them', async () => {
    const { result, files } = await flush('mock-agreed.json', 'agreed', 'sftp-pw-agreed-1', FILE);
    expect(result.stdout).toContain('3 shipments delivered');
    const data = files.find((name) => /^PP-60013217-\d{8}-\d{8}\.xml$/.test(name));
    expect(files).toContain(`${data}.ok`);
    expect(post.state.dataTransferFiles.at(-1)).toMatchObject({
      account: 'agreed',
      fileName: data,
      status: 'processed',
      accepted: 3,
      fileErrors: [],
    });
    const refused = await flush('mock-refused.json', 'plain', 'sftp-pw-plain-1', FILE);
    expect(refused.result.code).toBe(0);
    const record = post.state.dataTransferFiles.at(-1);
    expect(record?.status).toBe('rejected');
    expect(record?.fileErrors.map((error) => error.code)).toContain('FILENAME');
  });
});
