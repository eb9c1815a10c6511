import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VELO_SHOP } from '../../test/fixtures';
import { SenderSchema } from '../schemas/sender';
import { SDK_FIELD_MAP } from './field-map';
import { createXmlShipmentDataFormat } from './format';
import type { DataTransferItem } from './item';
import { readShipmentDataFile } from './shipment-reader';
import { writeShipmentDataFile } from './writer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-dt-reader-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const FULL: DataTransferItem = {
  itemId: 'order-7-0',
  itemNumber: 7,
  identcode: '996001321700000007',
  recipient: {
    title: 'Frau',
    firstName: 'Zoë',
    name1: 'Müller & Söhne <AG>',
    name2: 'PickPost 12345678',
    name3: 'Einkauf',
    street: 'Bahnhofstrasse',
    houseNo: '1a',
    zip: '8001',
    city: 'Zürich',
    country: 'CH',
    phone: '044 123 45 67',
    mobile: '079 123 45 67',
    email: 'zoe@example.ch',
  },
  przl: ['PRI', 'SI'],
  weightGrams: 1500,
  freeText: 'Fragile',
  additionalData: [
    { type: 'NN_BETRAG', value: '12.50' },
    { type: 'NN_IBAN', value: 'CH9300762011623852957' },
  ],
};

const { street: _street, houseNo: _houseNo, ...poBoxRecipient } = FULL.recipient;
// Street or P.O. box, never both: the second record fills the P.O. box.
const POBOX: DataTransferItem = {
  ...FULL,
  itemNumber: 8,
  identcode: '996001321700000008',
  recipient: { ...poBoxRecipient, pobox: 'Postfach 12' },
};

describe('readShipmentDataFile', () => {
  it.each([
    ['UTF-8', {}],
    [
      'ISO-8859-1, no namespace, own root',
      { encoding: 'ISO-8859-1', namespace: null, rootElement: 'Delivery' },
    ],
  ] as const)(
    'reads back every field the writer wrote (%s), and maps every element',
    async (_name, options) => {
      const path = join(dir, 'a.xml');
      const format = createXmlShipmentDataFormat({ ...options, ppFranking: true });
      const sender = SenderSchema.parse({
        ...VELO_SHOP,
        name2: 'Versand',
        poBox: 'Postfach 9',
        country: 'CH',
        domicilePostOffice: '3011 Bern',
      });
      const createdAt = new Date('2026-11-30T03:00:00Z');
      await writeShipmentDataFile({
        path,
        format,
        info: { frankingLicense: '60013217', fileName: 'a.xml', createdAt, sender },
        items: [FULL, POBOX],
      });
      const read = await readShipmentDataFile(path);
      expect(read.items[0]).toEqual(FULL);
      expect(read.items[1]).toEqual(POBOX);
      expect(read.itemCount).toBe(2);
      expect(read.info).toMatchObject({
        frankingLicense: '60013217',
        ppFranking: true,
        fileName: 'a.xml',
        createdAt: createdAt.toISOString(),
        sender: { name1: sender.name1, name2: 'Versand', poBox: 'Postfach 9', zip: sender.zip },
      });
      // Every element the SDK writes is one the map knows, and the file holds all of them.
      expect(read.elements.every((element) => element.known)).toBe(true);
      const paths = new Set(read.elements.map((element) => element.path));
      const absent = SDK_FIELD_MAP.filter((entry) => !paths.has(entry.path)).map((e) => e.path);
      expect(absent).toEqual([]);
    },
  );

  it('reads a sample of another shape: prefixes dropped, unknown elements listed, not lost', async () => {
    const path = join(dir, 'sample.xml');
    await writeFile(
      path,
      `<?xml version="1.0" encoding="UTF-8"?>
<p:Delivery xmlns:p="urn:example:post">
  <p:FileInfos><p:FrankingLicense>60013217</p:FrankingLicense><p:CustomerSystem>ERP</p:CustomerSystem></p:FileInfos>
  <p:Data><p:Provider><p:Sending>
    <p:Item><p:IdentCode>996001321700000001</p:IdentCode><p:Recipient><p:Name1>Muster</p:Name1><p:PostCode>8001</p:PostCode></p:Recipient></p:Item>
  </p:Sending></p:Provider></p:Data>
</p:Delivery>`,
    );
    const read = await readShipmentDataFile(path);
    expect(read.root).toEqual({ name: 'Delivery', namespace: 'urn:example:post' });
    expect(read.items).toEqual([
      { identcode: '996001321700000001', recipient: { name1: 'Muster' }, przl: [] },
    ]);
    expect(
      read.elements.filter((element) => !element.known).map((element) => element.path),
    ).toEqual(['FileInfos/CustomerSystem', 'Data/Provider/Sending/Item/Recipient/PostCode']);
    expect(read.elements.find((element) => element.path.endsWith('PostCode'))?.example).toBe(
      '8001',
    );
  });

  it('refuses a file that is not well-formed, naming it', async () => {
    const path = join(dir, 'broken.xml');
    await writeFile(path, '<Envelope><FileInfos></Envelope>');
    await expect(readShipmentDataFile(path)).rejects.toThrow(/broken\.xml is not well-formed XML/);
  });
});
