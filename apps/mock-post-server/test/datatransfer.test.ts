import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type SftpClient from 'ssh2-sftp-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockPostServer } from '../src/server';
import { createMockPostServer } from '../src/server';
import type { MockSftpServer } from '../src/sftp/sftp-server';
import {
  dataTransferFile,
  deliver,
  identcodeOf,
  LICENCE,
  sidecarFor,
  testItem,
} from './datatransfer-files';
import { postJson, sampleLabelRequest, tokenFor } from './helpers';
import { connectSftp } from './sftp-helpers';

let post: MockPostServer;
let sftp: MockSftpServer;
const clients: SftpClient[] = [];
let sequence = 0;

beforeAll(async () => {
  post = await createMockPostServer({
    now: () => Date.parse('2026-11-30T04:05:00.000Z'),
    sftp: {
      accounts: [
        { username: 'shop', password: 'shop-pass', frankingLicenses: [LICENCE] },
        { username: 'other', password: 'other-pass', frankingLicenses: ['35900034'] },
      ],
    },
  });
  sftp = post.sftp!;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.end().catch(() => {})));
});
afterAll(() => post.close());

async function shop(username = 'shop', password = 'shop-pass') {
  const client = await connectSftp(sftp, username, { password });
  clients.push(client);
  return client;
}

/** Item numbers unique across the tests of this file, so files do not collide by accident. */
let nextNumber = 100;
const numbers = (count: number) => Array.from({ length: count }, () => nextNumber++);

const fileFor = (items: Parameters<typeof dataTransferFile>[0]['items'], change = {}) =>
  dataTransferFile({ items, sequence: ++sequence, ...change });

const reportParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  isArray: (name) => ['Item', 'Error'].includes(name),
});

interface ReportError {
  code: string;
  field?: string;
  '#text': string;
}
interface Report {
  Status: string;
  ItemCount: string;
  Accepted: string;
  Rejected: string;
  FileErrors?: { Error: ReportError[] };
  RejectedItems?: {
    Item: { index: string; ItemID?: string; IdentCode?: string; Error: ReportError[] }[];
  };
}

async function reportOf(fileName: string, account = 'shop', dir = ''): Promise<Report> {
  const xml = await readFile(join(sftp.accountDir(account), dir, `${fileName}.report.xml`), 'utf8');
  return reportParser.parse(xml).ProcessingReport as Report;
}

const recordOf = (fileName: string) =>
  post.state.dataTransferFiles.filter((record) => record.fileName === fileName);

describe('DataTransfer ingestion', () => {
  it('takes in a file delivered as .part + sidecar + rename, item by item', async () => {
    const [a, b, c] = numbers(3) as [number, number, number];
    const file = fileFor([
      testItem(a),
      testItem(b, {
        recipient: {
          Name1: 'Meier',
          Name2: 'MyPost24 87654321',
          POBox: 'Postfach',
          ZIP: '8000',
          City: 'Zürich',
        },
        przl: ['PRI', 'SA'],
        additionalData: [{ type: 'NN_BETRAG', value: '12.50' }],
      }),
      testItem(c, { weight: 250 }),
    ]);
    const client = await shop();
    await client.mkdir('/in');
    await deliver(client, file, { dir: '/in' });
    await sftp.settled();

    const received = post.state.shipments.filter((s) => s.fileName === file.fileName);
    expect(received.map((s) => s.identcode)).toEqual([a, b, c].map((n) => identcodeOf(LICENCE, n)));
    expect(received[0]).toMatchObject({
      source: 'datatransfer',
      frankingLicense: LICENCE,
      itemNumber: a,
      itemId: `order-${1000 + a}-0`,
      przl: ['PRI'],
      weightGrams: 1200,
      receivedAt: Date.parse('2026-11-30T04:05:00.000Z'),
    });
    expect(received[0]?.recipient).toMatchObject({ name2: 'PickPost 12345678', zip: '5000' });
    expect(received[1]).toMatchObject({ przl: ['PRI', 'SA'] });
    expect(received[1]?.recipient).toMatchObject({ pobox: 'Postfach', city: 'Zürich' });
    expect(received[2]?.weightGrams).toBe(250);

    expect(recordOf(file.fileName)).toEqual([
      expect.objectContaining({
        account: 'shop',
        path: `/in/${file.fileName}`,
        status: 'processed',
        frankingLicense: LICENCE,
        itemCount: 3,
        accepted: 3,
        rejected: [],
        reportName: `${file.fileName}.report.xml`,
      }),
    ]);
    const report = await reportOf(file.fileName, 'shop', 'in');
    expect(report).toMatchObject({
      Status: 'PROCESSED',
      ItemCount: '3',
      Accepted: '3',
      Rejected: '0',
    });
    // The report is readable over SFTP, where the shop looks for it.
    const listed = (await client.list('/in')).map((entry) => entry.name);
    expect(listed).toEqual(
      [file.fileName, `${file.fileName}.report.xml`, `${file.fileName}.sha256`].sort(),
    );
  });

  it('never ingests a file under a temporary .part name', async () => {
    const file = fileFor([testItem(numbers(1)[0]!)]);
    const before = post.state.dataTransferFiles.length;
    const client = await shop();
    await client.put(file.bytes, `/${file.fileName}.part`);
    await client.rename(`/${file.fileName}.part`, `/${file.fileName}.again.part`);
    await client.put(sidecarFor(file.fileName, file.bytes), `/${file.fileName}.sha256.part`);
    await sftp.settled();
    expect(post.state.dataTransferFiles.length).toBe(before);
    expect(post.state.shipments.some((s) => s.fileName === file.fileName)).toBe(false);
    expect(await client.exists(`/${file.fileName}.report.xml`)).toBe(false);
    await client.delete(`/${file.fileName}.again.part`);
    await client.delete(`/${file.fileName}.sha256.part`);
  });

  it('ingests a file written directly under its final name once it is closed', async () => {
    const file = fileFor([testItem(numbers(1)[0]!)]);
    const client = await shop();
    await client.put(file.bytes, `/${file.fileName}`);
    await sftp.settled();
    expect(recordOf(file.fileName)).toEqual([expect.objectContaining({ accepted: 1 })]);
  });

  it('refuses the whole file when the sidecar does not match', async () => {
    const [n] = numbers(1) as [number];
    const file = fileFor([testItem(n)]);
    const client = await shop();
    await deliver(client, file, { sidecar: sidecarFor(file.fileName, Buffer.from('other bytes')) });
    await sftp.settled();
    expect(post.state.shipments.some((s) => s.itemNumber === n)).toBe(false);
    expect(recordOf(file.fileName)[0]).toMatchObject({
      status: 'rejected',
      accepted: 0,
      fileErrors: [expect.objectContaining({ code: 'CHECKSUM' })],
    });
    const report = await reportOf(file.fileName);
    expect(report.Status).toBe('REJECTED');
    expect(report.FileErrors?.Error.map((error) => error.code)).toEqual(['CHECKSUM']);
  });

  it('reports each bad item with its codes and accepts the good ones', async () => {
    const [good1, long, forbidden, noZip, badService, wrongIdent, heavy, good2] = numbers(
      8,
    ) as number[] as [number, number, number, number, number, number, number, number];
    const base = testItem(0).recipient;
    const file = fileFor([
      testItem(good1),
      testItem(long, { recipient: { ...base, Name1: 'A'.repeat(36) } }),
      testItem(forbidden, { recipient: { ...base, Name1: 'Muster <GmbH>' } }),
      testItem(noZip, { recipient: { ...base, ZIP: undefined } }),
      testItem(badService, { przl: ['PRI', 'XYZ'] }),
      testItem(wrongIdent, { identcode: identcodeOf('35900034', wrongIdent) }),
      testItem(heavy, { weight: 100_000 }),
      testItem(good2),
    ]);
    expect(file.bytes.toString('utf8')).toContain('Muster &lt;GmbH&gt;');
    const client = await shop();
    await deliver(client, file);
    await sftp.settled();

    const accepted = post.state.shipments.filter((s) => s.fileName === file.fileName);
    expect(accepted.map((s) => s.itemNumber)).toEqual([good1, good2]);
    const report = await reportOf(file.fileName);
    expect(report).toMatchObject({
      Status: 'PROCESSED',
      ItemCount: '8',
      Accepted: '2',
      Rejected: '6',
    });
    const byId = Object.fromEntries(
      (report.RejectedItems?.Item ?? []).map((item) => [
        item.ItemID,
        item.Error.map((error) => [error.code, error.field ?? '', error['#text']]),
      ]),
    );
    const id = (n: number) => `order-${1000 + n}-0`;
    expect(byId[id(long)]).toEqual([
      ['SCHEMA', 'Item.Recipient.Name1', 'size must be between 0 and 35'],
    ]);
    expect(byId[id(forbidden)]).toEqual([
      ['SCHEMA', 'Item.Recipient.Name1', 'must not contain any of * \\ { } [ ] = < > |'],
    ]);
    expect(byId[id(noZip)]).toEqual([['E2032', '', 'Postcode required for domestic items']]);
    expect(byId[id(badService)]).toEqual([['E1015', '', 'No service found']]);
    expect(byId[id(wrongIdent)]?.[0]?.[0]).toBe('IDENTCODE');
    expect(byId[id(heavy)]).toEqual([
      ['E2036', '', 'Weight has more than 5 digits or is over the maximum'],
    ]);
    expect(report.RejectedItems?.Item.map((item) => item.index)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    expect(report.RejectedItems?.Item[4]?.IdentCode).toBe(identcodeOf('35900034', wrongIdent));
    const record = recordOf(file.fileName)[0]!;
    expect(record.rejected.map((item) => item.itemId)).toEqual(
      [long, forbidden, noZip, badService, wrongIdent, heavy].map(id),
    );
  });

  it('keeps umlauts, apostrophes, ampersands and quotes intact', async () => {
    const [n] = numbers(1) as [number];
    const name1 = 'Müller & Söhne "Velo" l\'Atelier';
    const file = fileFor([
      testItem(n, {
        recipient: {
          Firstname: 'Zoë',
          Name1: name1,
          Name2: 'PickPost 12345678',
          Street: "Rue de l'Hôpital",
          HouseNo: '3a',
          ZIP: '1700',
          City: 'Fribourg',
        },
      }),
    ]);
    expect(file.bytes.toString('utf8')).toContain(
      'Müller &amp; Söhne &quot;Velo&quot; l&apos;Atelier',
    );
    const client = await shop();
    await deliver(client, file);
    await sftp.settled();
    const received = post.state.shipments.find((s) => s.fileName === file.fileName);
    expect(received?.recipient).toMatchObject({
      firstName: 'Zoë',
      name1,
      street: "Rue de l'Hôpital",
      city: 'Fribourg',
    });
  });

  it('refuses an identcode the Post already has with E2016 and records it exactly once', async () => {
    const [first, repeated, fresh, viaBarcode] = numbers(4) as [number, number, number, number];
    const token = await tokenFor(post, 'DCAPI_BARCODE_READ');
    const label = sampleLabelRequest();
    label.item.itemNumber = String(viaBarcode);
    expect(
      (await postJson(`${post.baseUrls.barcode}/generateAddressLabel`, token, label)).status,
    ).toBe(200);

    const client = await shop();
    const earlier = fileFor([testItem(first), testItem(repeated)]);
    await deliver(client, earlier);
    const later = fileFor([
      testItem(repeated),
      testItem(fresh),
      testItem(fresh, { itemId: 'order-again-1' }),
      testItem(viaBarcode),
    ]);
    await deliver(client, later);
    await sftp.settled();

    for (const n of [first, repeated, fresh, viaBarcode]) {
      expect(
        post.state.shipments.filter((s) => s.identcode === identcodeOf(LICENCE, n)),
      ).toHaveLength(1);
    }
    expect(
      post.state.shipments.find((s) => s.identcode === identcodeOf(LICENCE, viaBarcode))?.source,
    ).toBe('barcode-webservice');
    expect(
      post.state.dataTransferDuplicates
        .filter((duplicate) => duplicate.fileName === later.fileName)
        .map((duplicate) => [duplicate.identcode, duplicate.itemId]),
    ).toEqual([
      [identcodeOf(LICENCE, repeated), `order-${1000 + repeated}-0`],
      [identcodeOf(LICENCE, fresh), 'order-again-1'],
      [identcodeOf(LICENCE, viaBarcode), `order-${1000 + viaBarcode}-0`],
    ]);
    const report = await reportOf(later.fileName);
    expect(report).toMatchObject({ Accepted: '1', Rejected: '3' });
    expect(report.RejectedItems?.Item.map((item) => [item.index, item.Error[0]?.code])).toEqual([
      ['0', 'E2016'],
      ['2', 'E2016'],
      ['3', 'E2016'],
    ]);
    // The Barcode web service now refuses the item number a file brought in.
    const again = sampleLabelRequest();
    again.item.itemNumber = String(fresh);
    const answer = await postJson(`${post.baseUrls.barcode}/generateAddressLabel`, token, again);
    expect(answer.body.item.errors).toEqual([expect.objectContaining({ code: 'E2016' })]);
  });

  it('refuses a file whose licence the account may not use with E2010', async () => {
    const file = fileFor([testItem(numbers(1)[0]!)]);
    const client = await shop('other', 'other-pass');
    await deliver(client, file);
    await sftp.settled();
    expect(recordOf(file.fileName)[0]).toMatchObject({
      account: 'other',
      status: 'rejected',
      fileErrors: [expect.objectContaining({ code: 'E2010' })],
    });
    expect((await reportOf(file.fileName, 'other')).FileErrors?.Error[0]?.code).toBe('E2010');
  });

  it.each([
    [
      'a truncated file',
      () => {
        const file = fileFor([testItem(nextNumber++), testItem(nextNumber++)]);
        return { ...file, bytes: file.bytes.subarray(0, Math.floor(file.bytes.length * 0.7)) };
      },
      'MALFORMED',
    ],
    [
      'an item count that disagrees',
      () => fileFor([testItem(nextNumber++)], { itemCount: 2 }),
      'MALFORMED',
    ],
    [
      'a broken tag inside an item',
      () => {
        const file = fileFor([testItem(nextNumber++)]);
        const text = file.bytes.toString('utf8').replace('<City>Aarau</City>', '<City>Aarau</Cty>');
        return { ...file, bytes: Buffer.from(text) };
      },
      'MALFORMED',
    ],
    [
      'an HTML entity',
      () => {
        const file = fileFor([testItem(nextNumber++)]);
        const text = file.bytes.toString('utf8').replace('Aarau', 'Aarau&nbsp;');
        return { ...file, bytes: Buffer.from(text) };
      },
      'MALFORMED',
    ],
    [
      'bytes that are not UTF-8',
      () => {
        const file = fileFor([testItem(nextNumber++)]);
        const text = file.bytes.toString('latin1').replace('Aarau', 'Z\u00fcrich');
        return { ...file, bytes: Buffer.from(text, 'latin1') };
      },
      'MALFORMED',
    ],
    [
      'another namespace',
      () => {
        const file = fileFor([testItem(nextNumber++)]);
        const text = file.bytes.toString('utf8').replace('datatransfer:1', 'datatransfer:2');
        return { ...file, bytes: Buffer.from(text) };
      },
      'MALFORMED',
    ],
    [
      'a FileName that is not the file',
      () =>
        fileFor([testItem(nextNumber++)], {
          fileNameInside: `${LICENCE}_20261130040000_999999.xml`,
        }),
      'FILENAME',
    ],
    [
      'a name off the pattern',
      () => fileFor([testItem(nextNumber++)], { fileName: 'shipments.xml' }),
      'FILENAME',
    ],
    [
      'an incomplete sender',
      () => fileFor([testItem(nextNumber++)], { customer: { Street: '' } }),
      'E2017',
    ],
  ])('refuses the whole file for %s', async (_case, make, code) => {
    const file = make();
    const client = await shop();
    await deliver(client, file);
    await sftp.settled();
    const record = recordOf(file.fileName).at(-1)!;
    expect(record.status).toBe('rejected');
    expect(record.fileErrors.map((error) => error.code)).toContain(code);
    expect(post.state.shipments.some((s) => s.fileName === file.fileName)).toBe(false);
    const report = await reportOf(file.fileName);
    expect(report.Status).toBe('REJECTED');
    expect(report.FileErrors?.Error.map((error) => error.code)).toContain(code);
  });
});
