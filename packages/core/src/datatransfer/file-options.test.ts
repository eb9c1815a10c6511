import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORDER_1042, VELO_SHOP } from '../../test/fixtures';
import { isConfigError, isPickPostValidationError } from '../errors/index';
import { createMemoryStateStore } from '../ports/memory-state-store';
import type { DataTransferFileInput } from '../schemas/datatransfer-file';
import { parseIntegrationConfig } from '../schemas/validate';
import { directoryTransport } from './directory-transport';
import { fileNamePatternRegex } from './file-name';
import { dataTransferFileRules } from './file-options';
import { createDataTransferOutbox } from './outbox';
import { readShipmentDataFile } from './shipment-reader';
import { validateShipmentDataFile } from './validate-file';
import { PICKPOST_DATATRANSFER_XSD } from './xsd';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/datatransfer/${name}`, import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-dt-options-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const LICENCE = '60013217';

/** Flushes `count` shipments with the settings into a directory and returns what is there. */
async function flushWith(file: DataTransferFileInput, count: number, maxPerFile = 10_000) {
  const outbox = createDataTransferOutbox({
    store: createMemoryStateStore(),
    frankingLicense: LICENCE,
    sender: VELO_SHOP,
    file,
    workDir: dir,
  });
  for (let index = 1; index <= count; index += 1) {
    await outbox.enqueue({
      ...ORDER_1042,
      orderRef: `order-${index}`,
      // Ł is not in ISO-8859-1, ü is; AddressSuffix must never reach the file.
      recipient: { ...ORDER_1042.recipient, firstName: 'Łukasz', addressSuffix: 'c/o Suffix' },
      identcode: `99${LICENCE}${String(index).padStart(8, '0')}`,
    });
  }
  const out = join(dir, 'out');
  const report = await outbox.flush({ transport: directoryTransport({ dir: out }), maxPerFile });
  return { out, report, names: (await readdir(out)).sort() };
}

const CASES: Array<{ name: string; file: DataTransferFileInput; xsd: string }> = [
  { name: 'the defaults', file: {}, xsd: 'sdk-default.xsd' },
  {
    name: 'another namespace, root and file name, no sidecar',
    file: {
      namespace: 'urn:example:post:parcel:2',
      rootElement: 'ParcelDelivery',
      fileNamePattern: 'PP_{licence}_{date}_{time}_{sequence:4}.{extension}',
      sidecar: 'none',
    },
    xsd: 'custom-namespace.xsd',
  },
  {
    name: 'no namespace, ISO-8859-1, PpFranking true, an own control file',
    file: {
      namespace: null,
      rootElement: 'Delivery',
      encoding: 'ISO-8859-1',
      ppFranking: true,
      sidecar: { suffix: '.ok', content: '{fileName};{itemCount};{size};{sha256}\n' },
      fileNamePattern: '{licence}-{sequence:8}.XML',
    },
    xsd: 'no-namespace.xsd',
  },
];

describe('DataTransfer file settings', () => {
  it('keeps the exported XSD and its fixture the same', async () => {
    expect(await readFile(fixture('sdk-default.xsd'), 'utf8')).toBe(PICKPOST_DATATRANSFER_XSD);
  });

  it.each(CASES)(
    'writes files that validate against an XSD of the same shape: $name',
    async ({ file, xsd }) => {
      const rules = dataTransferFileRules(file);
      const { out, names } = await flushWith(file, 3, 2);
      const pattern = fileNamePatternRegex(rules.settings.fileNamePattern);
      const dataFiles = names.filter((name) => pattern.test(name));
      // Items per file: 3 shipments at 2 a file.
      expect(dataFiles).toHaveLength(2);
      const others = names.filter((name) => !dataFiles.includes(name));
      for (const name of dataFiles) {
        const path = join(out, name);
        const validation = await validateShipmentDataFile(path, { xsd: fixture(xsd) });
        expect(validation).toEqual({ valid: true, errors: [] });
        const bytes = await readFile(path);
        const text = bytes.toString('latin1');
        expect(text).not.toContain('AddressSuffix');
        expect(text).not.toContain('c/o Suffix');
        expect(text).toContain(`<PpFranking>${rules.settings.ppFranking}</PpFranking>`);
        const read = await readShipmentDataFile(path);
        expect(read.root).toEqual({
          name: rules.settings.rootElement,
          namespace: rules.settings.namespace,
        });
        expect(read.encoding).toBe(rules.settings.encoding);
        expect(read.items[0]?.recipient.firstName).toBe('Łukasz');
        expect(read.items[0]?.recipient.city).toBe('Aarau');
        expect(read.info.ppFranking).toBe(rules.settings.ppFranking);
        if (rules.settings.encoding === 'ISO-8859-1') {
          expect(text).toContain('&#321;ukasz');
          expect(bytes.includes(Buffer.from('Zürich', 'utf8'))).toBe(false);
        }
        const sidecar = rules.sidecar;
        if (sidecar === undefined) continue;
        const facts = {
          fileName: name,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          itemCount: read.items.length,
          size: bytes.length,
        };
        expect(await readFile(join(out, sidecar.name(name)), 'utf8')).toBe(sidecar.content(facts));
      }
      // Nothing but the data files and their sidecars (none with sidecar "none").
      expect(others).toEqual(
        rules.sidecar === undefined ? [] : dataFiles.map((name) => rules.sidecar?.name(name)),
      );
    },
  );

  it('is checked by the XSD: a file of another shape does not validate against the default', async () => {
    const { out, names } = await flushWith(CASES[1]?.file ?? {}, 1);
    const validation = await validateShipmentDataFile(join(out, names[0] ?? ''), {
      xsd: fixture('sdk-default.xsd'),
    });
    expect(validation.valid).toBe(false);
    expect(validation.errors.join('\n')).toContain('ParcelDelivery');
  });

  it('writes the default names and the sha256sum sidecar as before', async () => {
    const { out, names } = await flushWith({}, 1);
    expect(names).toHaveLength(2);
    const [data, sidecar] = names as [string, string];
    expect(data).toMatch(/^60013217_\d{14}_000001\.xml$/);
    expect(sidecar).toBe(`${data}.sha256`);
    const hash = createHash('sha256')
      .update(await readFile(join(out, data)))
      .digest('hex');
    expect(await readFile(join(out, sidecar), 'utf8')).toBe(`${hash}  ${data}\n`);
  });

  it.each([
    [{ fileNamePattern: '{licence}.xml' }, 'fileNamePattern', 'must contain {sequence}'],
    [{ fileNamePattern: '{licence}_{seq}.xml' }, 'fileNamePattern', '{seq} is not a placeholder'],
    [{ fileNamePattern: 'out/{sequence}.xml' }, 'fileNamePattern', 'only letters'],
    [{ fileNamePattern: '{sequence}.xml.part' }, 'fileNamePattern', '.part'],
    [{ rootElement: '1Envelope' }, 'rootElement', 'XML element name'],
    [{ namespace: 'urn:a b' }, 'namespace', 'URI'],
    [{ sidecar: 'md5' }, 'sidecar', '"none", "sha256" or { suffix, content }'],
    [{ sidecar: { suffix: 'ok', content: '' } }, 'sidecar.suffix', 'must be "."'],
    [{ sidecar: { suffix: '.ok', content: '{md5}' } }, 'sidecar.content', '{md5}'],
    [{ encoding: 'UTF-16' }, 'encoding', 'ISO-8859-1'],
    [{ ppFranking: 'yes' }, 'ppFranking', 'true or false'],
    [{ itemsPerFile: 3 }, 'itemsPerFile', 'not a known setting'],
  ])('refuses %j with an error naming %s', (file, path, message) => {
    try {
      dataTransferFileRules(file as DataTransferFileInput);
      expect.unreachable();
    } catch (error) {
      expect(isPickPostValidationError(error)).toBe(true);
      const issue = (error as { issues: Array<{ path: string; message: string }> }).issues.find(
        (entry) => entry.path === path,
      );
      expect(issue?.message).toContain(message);
    }
  });

  it('names the field inside the integration configuration', () => {
    try {
      parseIntegrationConfig({
        variant: '4b',
        frankingLicense: LICENCE,
        sender: VELO_SHOP,
        selectionSecret: 's'.repeat(40),
        dataTransfer: {
          transport: { type: 'directory', dir: dir },
          maxPerFile: 0,
          file: { rootElement: 'a b', sidecar: 'md5' },
          check: { xsd: '' },
        },
      });
      expect.unreachable();
    } catch (error) {
      expect(isConfigError(error)).toBe(true);
      const paths = (error as { issues: Array<{ path: string }> }).issues.map(
        (issue) => issue.path,
      );
      expect(paths).toEqual(
        expect.arrayContaining([
          'dataTransfer.maxPerFile',
          'dataTransfer.file.rootElement',
          'dataTransfer.file.sidecar',
          'dataTransfer.check.xsd',
        ]),
      );
    }
  });
});
