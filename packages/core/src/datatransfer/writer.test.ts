import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORDER_1042, VELO_SHOP } from '../../test/fixtures';
import { isPickPostError } from '../errors/index';
import { SenderSchema } from '../schemas/sender';
import { ShipmentSchema } from '../schemas/shipment';
import { dataTransferFileName, sidecarContent } from './file-name';
import { xmlShipmentDataFormat } from './format';
import type { DataTransferItem } from './item';
import { toDataTransferItem } from './item';
import { validateShipmentDataFile } from './validate-file';
import { writeShipmentDataFile } from './writer';
import { PICKPOST_DATATRANSFER_XSD } from './xsd';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-writer-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const sender = SenderSchema.parse(VELO_SHOP);
const info = (fileName = 'test.xml') => ({
  frankingLicense: '60013217',
  fileName,
  createdAt: new Date('2026-11-30T03:00:00Z'),
  sender,
});

function item(
  index: number,
  change: Partial<Parameters<typeof ShipmentSchema.parse>[0]> = {},
): DataTransferItem {
  const shipment = ShipmentSchema.parse({ ...ORDER_1042, orderRef: `order-${index}`, ...change });
  return toDataTransferItem({
    ...shipment,
    identcode: `9960013217${String(index).padStart(8, '0')}`,
  });
}

const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => name === 'Item' || name === 'PRZL',
});

describe('writeShipmentDataFile', () => {
  it('writes well-formed UTF-8 XML whose checksum and count are right', async () => {
    const path = join(dir, 'a.xml');
    const written = await writeShipmentDataFile({
      path,
      format: xmlShipmentDataFormat,
      info: info(),
      items: [item(1), item(2)],
    });
    const bytes = await readFile(path);
    expect(written).toMatchObject({ itemCount: 2, size: bytes.length });
    expect(written.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const document = parser.parse(bytes.toString('utf8'));
    const items = document.Envelope.Data.Provider.Sending.Item;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      ItemID: 'order-1-0',
      ItemNumber: '1',
      IdentCode: '996001321700000001',
      Recipient: {
        Firstname: 'Hans',
        Name1: 'Muster',
        Name2: 'PickPost 12345678',
        Street: 'Bahnhofstrasse',
        HouseNo: '67',
        ZIP: '5000',
        City: 'Aarau',
        Country: 'CH',
      },
      Attributes: { PRZL: ['PRI'], Dimensions: { Weight: '1200' } },
    });
    expect(document.Envelope.Summary.ItemCount).toBe('2');
    expect(document.Envelope.FileInfos.Customer).toMatchObject({
      Name1: 'Velo Shop AG',
      ZIP: '3030',
    });
  });

  it('keeps umlauts, apostrophes, ampersands and quotes intact', async () => {
    const tricky = item(3, {
      recipient: {
        firstName: 'Zoë "Zo"',
        name1: "D'Âlessandro & Söhne",
        street: 'Rue de l’Église',
        houseNo: '1',
        zip: '1003',
        city: 'Lausanne',
      },
    });
    const path = join(dir, 'b.xml');
    await writeShipmentDataFile({
      path,
      format: xmlShipmentDataFormat,
      info: info(),
      items: [tricky],
    });
    const text = await readFile(path, 'utf8');
    expect(text).toContain('D&apos;Âlessandro &amp; Söhne');
    const recipient = parser.parse(text).Envelope.Data.Provider.Sending.Item[0].Recipient;
    expect(recipient.Firstname).toBe('Zoë "Zo"');
    expect(recipient.Name1).toBe("D'Âlessandro & Söhne");
  });

  it('streams from an async iterable of any length and refuses to overwrite', async () => {
    async function* many() {
      for (let index = 0; index < 2_500; index += 1) yield item(index);
    }
    const path = join(dir, 'c.xml');
    expect(
      (
        await writeShipmentDataFile({
          path,
          format: xmlShipmentDataFormat,
          info: info(),
          items: many(),
        })
      ).itemCount,
    ).toBe(2_500);
    await expect(
      writeShipmentDataFile({ path, format: xmlShipmentDataFormat, info: info(), items: [] }),
    ).rejects.toSatisfy(isPickPostError);
  });

  it('writes a file of many chunks byte for byte, and removes it when items fail after chunks', async () => {
    // Enough shipments for several 256 KiB chunks, so writes overlap the formatting.
    const items = Array.from({ length: 3_000 }, (_, index) =>
      item(index, { recipient: { ...ORDER_1042.recipient, name1: `Zoë Fässler ${index} & Co` } }),
    );
    const path = join(dir, 'chunks.xml');
    const written = await writeShipmentDataFile({
      path,
      format: xmlShipmentDataFormat,
      info: info(),
      items,
    });
    const expected = Buffer.from(
      xmlShipmentDataFormat.header(info()) +
        items.map((one) => xmlShipmentDataFormat.item(one)).join('') +
        xmlShipmentDataFormat.footer(items.length),
      'utf8',
    );
    expect(expected.length).toBeGreaterThan(4 * 256 * 1024);
    const bytes = await readFile(path);
    expect(bytes.equals(expected)).toBe(true);
    expect(written.size).toBe(expected.length);
    expect(written.sha256).toBe(createHash('sha256').update(expected).digest('hex'));

    function* failingLate() {
      yield* items;
      throw new Error('store went away');
    }
    const failedPath = join(dir, 'failed.xml');
    await expect(
      writeShipmentDataFile({
        path: failedPath,
        format: xmlShipmentDataFormat,
        info: info(),
        items: failingLate(),
      }),
    ).rejects.toThrow(/Could not write/);
    await expect(readFile(failedPath)).rejects.toThrow(/ENOENT/);
  });

  it('leaves no half-written file when the items fail', async () => {
    async function* broken() {
      yield item(1);
      throw new Error('store went away');
    }
    const path = join(dir, 'd.xml');
    await expect(
      writeShipmentDataFile({ path, format: xmlShipmentDataFormat, info: info(), items: broken() }),
    ).rejects.toThrow(/Could not write/);
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });
});

describe('file names and sidecars', () => {
  it('uses <licence>_<yyyyMMddHHmmss>_<sequence> in Swiss time', () => {
    expect(dataTransferFileName('60013217', new Date('2026-11-30T03:00:00Z'), 7)).toBe(
      '60013217_20261130040000_000007.xml',
    );
    expect(dataTransferFileName('60013217', new Date('2026-07-01T22:30:05Z'), 123456)).toBe(
      '60013217_20260702003005_123456.xml',
    );
  });

  it('writes the sidecar in sha256sum format', () => {
    expect(sidecarContent('a.xml', 'ab'.repeat(32))).toBe(`${'ab'.repeat(32)}  a.xml\n`);
  });
});

describe('validateShipmentDataFile (needs xmllint: apt-get install libxml2-utils)', () => {
  it('accepts what the writer writes and names what breaks the schema', async () => {
    const xsd = join(dir, 'pickpost.xsd');
    await writeFile(xsd, PICKPOST_DATATRANSFER_XSD);
    const good = join(dir, 'good.xml');
    await writeShipmentDataFile({
      path: good,
      format: xmlShipmentDataFormat,
      info: info(),
      items: [item(1), item(2, { parcel: { weightGrams: 99_999, przl: ['ECO', 'SI'] } })],
    });
    expect(await validateShipmentDataFile(good, { xsd })).toEqual({ valid: true, errors: [] });

    const bad = join(dir, 'bad.xml');
    await writeFile(
      bad,
      (await readFile(good, 'utf8')).replace('<ZIP>5000</ZIP>', '<ZIP>50a0</ZIP>'),
    );
    const result = await validateShipmentDataFile(bad, { xsd });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/ZIP.*50a0/);
  });

  it('says clearly when xmllint is missing', async () => {
    await expect(
      validateShipmentDataFile('x.xml', { xsd: 'y.xsd', xmllintPath: '/nonexistent/xmllint' }),
    ).rejects.toThrow(/apt-get install libxml2-utils/);
  });
});
