import { createHash } from 'node:crypto';
import type SftpClient from 'ssh2-sftp-client';

/**
 * Test-only writer of DataTransfer files in the exact format the SDK writes (see the README),
 * independent of the SDK's own writer so the simulator is checked against the format, not
 * against one implementation of it.
 */

export const LICENCE = '60013217';

const escapeText = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!,
  );

/** An element with text, omitted when the value is empty, as the SDK does. */
const element = (name: string, value: string | number | undefined, indent: string) =>
  value === undefined || value === ''
    ? ''
    : `${indent}<${name}>${escapeText(String(value))}</${name}>\n`;

const RECIPIENT_ORDER = [
  'Title',
  'Firstname',
  'Name1',
  'Name2',
  'Name3',
  'Street',
  'HouseNo',
  'POBox',
  'ZIP',
  'City',
  'Country',
  'Phone',
  'Mobile',
  'EMail',
] as const;

export type RecipientElements = Partial<Record<(typeof RECIPIENT_ORDER)[number], string>>;

export interface TestItem {
  itemId: string;
  itemNumber: number | string;
  /** Default: `99` + licence + item number in 8 digits. */
  identcode?: string;
  recipient: RecipientElements;
  przl?: string[];
  weight?: number | string;
  freeText?: string;
  additionalData?: { type: string; value: string }[];
}

export interface TestFile {
  licence?: string;
  sequence?: number;
  createdAt?: Date;
  /** Default: the name built from licence, creation time and sequence. */
  fileName?: string;
  /** The name written into FileInfos; default `fileName`. */
  fileNameInside?: string;
  customer?: Partial<
    Record<
      'Name1' | 'Name2' | 'Street' | 'POBox' | 'ZIP' | 'City' | 'Country' | 'DomicilePostOffice',
      string
    >
  >;
  items: TestItem[];
  /** Default: the number of items. */
  itemCount?: number;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** `<licence>_<yyyyMMddHHmmss>_<sequence>.xml` in UTC. */
export function dataTransferFileName(licence: string, at: Date, sequence: number): string {
  const stamp = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1, 2)}${pad(at.getUTCDate(), 2)}${pad(
    at.getUTCHours(),
    2,
  )}${pad(at.getUTCMinutes(), 2)}${pad(at.getUTCSeconds(), 2)}`;
  return `${licence}_${stamp}_${pad(sequence, 6)}.xml`;
}

export function identcodeOf(licence: string, itemNumber: number): string {
  return `99${licence}${pad(itemNumber, 8)}`;
}

/** A valid item addressed to a PickPost point, numbered `n`. */
export function testItem(n: number, change: Partial<TestItem> = {}): TestItem {
  return {
    itemId: `order-${1000 + n}-0`,
    itemNumber: n,
    recipient: {
      Firstname: 'Hans',
      Name1: 'Muster',
      Name2: 'PickPost 12345678',
      Street: 'Bahnhofstrasse',
      HouseNo: '67',
      ZIP: '5000',
      City: 'Aarau',
      Country: 'CH',
    },
    przl: ['PRI'],
    weight: 1200,
    ...change,
  };
}

function itemXml(item: TestItem, licence: string): string {
  const recipient = RECIPIENT_ORDER.map((name) =>
    element(name, item.recipient[name], '        '),
  ).join('');
  const additional =
    item.additionalData === undefined || item.additionalData.length === 0
      ? ''
      : `      <AdditionalINFOS>\n${item.additionalData
          .map(
            (entry) =>
              `        <AdditionalData>\n${element('Type', entry.type, '          ')}${element('Value', entry.value, '          ')}        </AdditionalData>\n`,
          )
          .join('')}      </AdditionalINFOS>\n`;
  const attributes = `      <Attributes>\n${(item.przl ?? [])
    .map((code) => element('PRZL', code, '        '))
    .join('')}${element('FreeText', item.freeText, '        ')}${
    item.weight === undefined
      ? ''
      : `        <Dimensions>\n${element('Weight', item.weight, '          ')}        </Dimensions>\n`
  }      </Attributes>\n`;
  const identcode =
    item.identcode ??
    (typeof item.itemNumber === 'number' ? identcodeOf(licence, item.itemNumber) : '');
  return `    <Item>\n${element('ItemID', item.itemId, '      ')}${element('ItemNumber', item.itemNumber, '      ')}${element('IdentCode', identcode, '      ')}      <Recipient>\n${recipient}      </Recipient>\n${additional}${attributes}    </Item>\n`;
}

/** The sender of the examples: Swiss Post's own sample customer. */
const SENDER = {
  Name1: 'Velo Shop AG',
  Street: 'Wankdorfallee 4',
  ZIP: '3030',
  City: 'Bern',
  Country: 'CH',
  DomicilePostOffice: '3011 Bern',
};

/** Writes a DataTransfer file; returns its name and bytes. */
export function dataTransferFile(file: TestFile): { fileName: string; bytes: Buffer } {
  const licence = file.licence ?? LICENCE;
  const createdAt = file.createdAt ?? new Date('2026-11-30T04:00:00.000Z');
  const fileName = file.fileName ?? dataTransferFileName(licence, createdAt, file.sequence ?? 1);
  const customer = { ...SENDER, ...file.customer };
  const customerXml = (
    ['Name1', 'Name2', 'Street', 'POBox', 'ZIP', 'City', 'Country', 'DomicilePostOffice'] as const
  )
    .map((name) => element(name, customer[name as keyof typeof customer], '      '))
    .join('');
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Envelope xmlns="urn:pickpost-sdk:datatransfer:1">\n' +
    '  <FileInfos>\n' +
    element('FrankingLicense', licence, '    ') +
    element('FileName', file.fileNameInside ?? fileName, '    ') +
    element('CreatedAt', createdAt.toISOString(), '    ') +
    `    <Customer>\n${customerXml}    </Customer>\n` +
    '  </FileInfos>\n' +
    '  <Data><Provider><Sending>\n' +
    file.items.map((item) => itemXml(item, licence)).join('') +
    '  </Sending></Provider></Data>\n' +
    `  <Summary><ItemCount>${file.itemCount ?? file.items.length}</ItemCount></Summary>\n` +
    '</Envelope>\n';
  return { fileName, bytes: Buffer.from(xml, 'utf8') };
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The sidecar in sha256sum format. */
export function sidecarFor(fileName: string, bytes: Buffer): Buffer {
  return Buffer.from(`${sha256Hex(bytes)}  ${fileName}\n`, 'utf8');
}

/**
 * Delivers a file the way the SDK does: upload under `.part`, check its size and read it back,
 * upload the sidecar as `.sha256.part` and rename it, then posix-rename the data file to its
 * final name (the commit point).
 */
export async function deliver(
  client: SftpClient,
  file: { fileName: string; bytes: Buffer },
  options: { dir?: string; sidecar?: Buffer | false } = {},
): Promise<void> {
  const dir = options.dir ?? '/';
  const path = `${dir.replace(/\/$/, '')}/${file.fileName}`;
  await client.put(file.bytes, `${path}.part`);
  const stats = await client.stat(`${path}.part`);
  if (stats.size !== file.bytes.length) throw new Error('size mismatch after upload');
  const readBack = (await client.get(`${path}.part`)) as Buffer;
  if (sha256Hex(readBack) !== sha256Hex(file.bytes)) throw new Error('hash mismatch after upload');
  if (options.sidecar !== false) {
    await client.put(
      options.sidecar ?? sidecarFor(file.fileName, file.bytes),
      `${path}.sha256.part`,
    );
    await client.posixRename(`${path}.sha256.part`, `${path}.sha256`);
  }
  await client.posixRename(`${path}.part`, path);
}
