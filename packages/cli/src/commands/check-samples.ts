import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataTransferFile } from '@pickpost/core/datatransfer';
import {
  fileNamePatternRegex,
  readShipmentDataFile,
  SDK_FIELD_MAP,
  validateShipmentDataFile,
} from '@pickpost/core/datatransfer';
import { errorText } from '../output/error-text';
import { formatTable } from '../output/table';
import type { Mismatches } from './check-xsd';
import { addMismatch } from './check-xsd';

const leafName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Where the SDK has an element of that name, for an element of a sample the SDK does not know. */
function hint(path: string): string {
  const name = leafName(path);
  const same = SDK_FIELD_MAP.filter((entry) => leafName(entry.path) === name);
  return same.length === 0
    ? '✖ not read by the SDK'
    : `✖ not read here; the SDK has ${name} at ${same.map((entry) => entry.path).join(', ')}`;
}

/**
 * Reads each sample file with the SDK's own reader and prints which of its elements map to
 * which SDK field, which it would not read, and which SDK fields it lacks; a sample whose name
 * does not follow the configured pattern, or which the XSD refuses, is said so too.
 */
export async function checkSamples(
  dir: string,
  context: { settings: DataTransferFile; xsd: string },
  print: (line: string) => void,
  mismatches: Mismatches,
): Promise<number> {
  const names = (await readdir(dir)).filter((name) => /\.xml$/i.test(name)).sort();
  if (names.length === 0) {
    addMismatch(mismatches, '(samples)', `no .xml files in ${dir}`);
    return 0;
  }
  const pattern = fileNamePatternRegex(context.settings.fileNamePattern);
  for (const name of names) {
    const path = join(dir, name);
    print(`\nSample ${name}`);
    if (!pattern.test(name)) {
      addMismatch(
        mismatches,
        '(file name)',
        `sample ${name} does not follow dataTransfer.file.fileNamePattern ${context.settings.fileNamePattern}`,
      );
    }
    let content: Awaited<ReturnType<typeof readShipmentDataFile>>;
    try {
      content = await readShipmentDataFile(path);
    } catch (error) {
      addMismatch(mismatches, '(samples)', `${name}: ${errorText(error)}`);
      print(`  ✖ ${errorText(error)}`);
      continue;
    }
    print(
      `  ${content.encoding}, root ${content.root.name}, namespace ${content.root.namespace ?? '(none)'}, ${content.items.length} item(s)`,
    );
    const rows = content.elements.map((element) => [
      element.path,
      element.known ? (element.field ?? '(holds other elements)') : hint(element.path),
      element.example ?? '',
    ]);
    print(
      formatTable(['element', 'SDK field', 'first value'], rows)
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
    );
    for (const element of content.elements.filter((entry) => !entry.known)) {
      addMismatch(
        mismatches,
        leafName(element.path),
        `sample ${name} has ${element.path}, which the SDK does not write`,
      );
    }
    const seen = new Set(content.elements.map((element) => element.path));
    const missing = SDK_FIELD_MAP.filter(
      (entry) => entry.field !== undefined && !seen.has(entry.path),
    ).map((entry) => entry.field);
    if (missing.length > 0) print(`  SDK fields this sample does not have: ${missing.join(', ')}`);
    const validation = await validateShipmentDataFile(path, { xsd: context.xsd });
    print(
      validation.valid
        ? '  ✔ the sample validates against the XSD'
        : `  ✖ the sample does not validate against the XSD (${validation.errors.length} problem(s)): is it the XSD that belongs to these samples?`,
    );
  }
  return names.length;
}
