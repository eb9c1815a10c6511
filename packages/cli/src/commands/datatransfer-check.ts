import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntegrationConfig } from '@pickpost/core';
import type { DataTransferItem } from '@pickpost/core/datatransfer';
import {
  dataTransferFileRules,
  validateShipmentDataFile,
  writeShipmentDataFile,
} from '@pickpost/core/datatransfer';
import { UsageError } from '../command-spec';
import { loadCliConfig } from '../config-file';
import { userPath } from '../user-path';
import { checkSamples } from './check-samples';
import type { Mismatches } from './check-xsd';
import { compareWithXsd, groupXmllintErrors, readXsdOutline } from './check-xsd';

/** What the check found; `ok` when the written file validates and nothing mismatches. */
export interface DataTransferCheckResult {
  ok: boolean;
  fileName: string;
  mismatches: Mismatches;
  notes: string[];
  samples: number;
}

/**
 * Two records that between them fill every element the SDK writes: a PickPost parcel and a
 * P.O.-box parcel with every optional field (street and P.O. box are never both given).
 */
function checkItems(licence: string): DataTransferItem[] {
  const identcode = (itemNumber: number) =>
    `99${licence.padStart(8, '0')}${String(itemNumber).padStart(8, '0')}`;
  return [
    {
      itemId: 'check-1',
      itemNumber: 1,
      identcode: identcode(1),
      recipient: {
        firstName: 'Anna',
        name1: 'Muster',
        name2: 'PickPost 12345678',
        street: 'Bahnhofstrasse',
        houseNo: '1',
        zip: '8001',
        city: 'Zürich',
        country: 'CH',
        email: 'anna@example.ch',
      },
      przl: ['PRI'],
      weightGrams: 1200,
    },
    {
      itemId: 'check-2',
      itemNumber: 2,
      identcode: identcode(2),
      recipient: {
        title: 'Frau',
        firstName: 'Zoë',
        name1: 'Müller-Lüdenscheidt',
        name2: 'Atelier',
        name3: 'Abteilung Einkauf',
        pobox: 'Postfach 12',
        zip: '3000',
        city: 'Bern',
        country: 'CH',
        phone: '031 123 45 67',
        mobile: '079 123 45 67',
        email: 'zoe@example.ch',
      },
      przl: ['ECO', 'SI'],
      weightGrams: 800,
      freeText: 'Bitte nicht stürzen',
      additionalData: [{ type: 'NN_BETRAG', value: '12.50' }],
    },
  ];
}

/**
 * Writes a fresh file with the configured DataTransfer settings, validates it against `xsd`
 * with xmllint, compares the configured shape with the XSD element by element and, with
 * `samples`, reads Swiss Post's sample files with the SDK's reader. Prints as it goes.
 */
export async function checkDataTransferFiles(
  config: IntegrationConfig,
  options: { xsd: string; samples?: string },
  print: (line: string) => void,
): Promise<DataTransferCheckResult> {
  const rules = dataTransferFileRules(config.dataTransfer?.file);
  const { settings } = rules;
  const mismatches: Mismatches = new Map();
  const outline = await readXsdOutline(options.xsd);
  const notes = compareWithXsd(outline, settings, mismatches);
  const work = await mkdtemp(join(tmpdir(), 'pickpost-dt-check-'));
  try {
    const createdAt = new Date();
    const fileName = rules.fileName({
      frankingLicense: config.frankingLicense,
      createdAt,
      sequence: 1,
      extension: rules.format.extension,
    });
    const path = join(work, fileName);
    const written = await writeShipmentDataFile({
      path,
      format: rules.format,
      info: { frankingLicense: config.frankingLicense, fileName, createdAt, sender: config.sender },
      items: checkItems(config.frankingLicense),
    });
    const sidecar = rules.sidecar;
    print(
      `Wrote ${fileName} (${written.itemCount} items, ${written.size} bytes, ${settings.encoding})${sidecar === undefined ? ', no control file' : `; control file ${sidecar.name(fileName)}: ${JSON.stringify(sidecar.content({ ...written, fileName }))}`}`,
    );
    const validation = await validateShipmentDataFile(path, { xsd: options.xsd });
    print(
      validation.valid
        ? `✔ ${fileName} validates against ${options.xsd}`
        : `✖ ${fileName} does not validate against ${options.xsd}`,
    );
    groupXmllintErrors(validation.errors, mismatches);
    const samples =
      options.samples === undefined
        ? 0
        : await checkSamples(options.samples, { settings, xsd: options.xsd }, print, mismatches);
    return { ok: validation.valid && mismatches.size === 0, fileName, mismatches, notes, samples };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The mismatch report: one block per element, its problems under it. */
export function formatMismatches(result: DataTransferCheckResult): string[] {
  if (result.mismatches.size === 0) return ['✔ No mismatches between the files and the XSD.'];
  const lines = ['', 'Mismatches by element:'];
  for (const [element, problems] of [...result.mismatches].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${element}`);
    for (const problem of problems) lines.push(`    - ${problem}`);
  }
  const count = [...result.mismatches.values()].reduce((sum, list) => sum + list.length, 0);
  lines.push(`\n✖ ${count} mismatch(es) in ${result.mismatches.size} element(s).`);
  return lines;
}

/**
 * `pickpost datatransfer check [--xsd <file>] [--samples <dir>] --config <file>`: the onboarding
 * check. `--xsd` and `--samples` default to `dataTransfer.check` in the configuration.
 */
export async function runDataTransferCheck(
  values: { config: string; xsd?: string; samples?: string },
  print: (line: string) => void,
): Promise<number> {
  const { config } = await loadCliConfig(values.config);
  const configured = config.dataTransfer?.check;
  const xsd = values.xsd === undefined ? configured?.xsd : userPath(values.xsd);
  if (xsd === undefined) {
    throw new UsageError(
      'Give --xsd <file> (the XSD Swiss Post sent you), or set dataTransfer.check.xsd in the configuration.',
    );
  }
  const samples = values.samples === undefined ? configured?.samples : userPath(values.samples);
  print(`DataTransfer check against ${xsd}`);
  const result = await checkDataTransferFiles(
    config,
    { xsd, ...(samples === undefined ? {} : { samples }) },
    print,
  );
  for (const line of formatMismatches(result)) print(line);
  if (result.notes.length > 0) {
    print('\nNotes (not mismatches):');
    for (const note of result.notes) print(`  ${note}`);
  }
  return result.ok ? 0 : 1;
}
