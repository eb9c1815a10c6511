import type { DataTransferFile, DataTransferFileInput } from '../schemas/datatransfer-file';
import { DataTransferFileSchema, SHA256_SIDECAR_CONTENT } from '../schemas/datatransfer-file';
import { validate } from '../schemas/validate';
import type { FileNameParts, SidecarFacts } from './file-name';
import { compileFileNamePattern, fillSidecar } from './file-name';
import type { ShipmentDataFormat } from './format';
import { createXmlShipmentDataFormat } from './format';

/** A control file written after its data file. */
export interface SidecarRule {
  /** The sidecar's name for a data file's name. */
  name(fileName: string): string;
  /** The sidecar's content for a data file (its checksum, say). */
  content(facts: SidecarFacts): string;
}

/** The file settings made ready for a writer: everything computed once, none per shipment. */
export interface DataTransferFileRules {
  settings: DataTransferFile;
  format: ShipmentDataFormat;
  /** The data file's name for one file's parts, by the configured pattern. */
  fileName(parts: FileNameParts): string;
  /** `undefined` when no sidecar is written. */
  sidecar: SidecarRule | undefined;
}

function sidecarRule(sidecar: DataTransferFile['sidecar']): SidecarRule | undefined {
  if (sidecar === 'none') return undefined;
  const { suffix, content } =
    sidecar === 'sha256' ? { suffix: '.sha256', content: SHA256_SIDECAR_CONTENT } : sidecar;
  return {
    name: (fileName) => `${fileName}${suffix}`,
    content: (facts) => fillSidecar(content, facts),
  };
}

/**
 * Checks DataTransfer file settings (a `PickPostValidationError` names each bad field) and
 * prepares them: the XML format, the file namer, the sidecar. Without settings: the defaults,
 * which write files exactly as earlier versions did, plus `PpFranking`.
 *
 * @example
 * const rules = dataTransferFileRules({ fileNamePattern: 'PP_{licence}_{sequence:8}.xml', sidecar: 'none' });
 */
export function dataTransferFileRules(
  input: DataTransferFileInput | undefined = {},
  format?: ShipmentDataFormat,
): DataTransferFileRules {
  const settings = validate(DataTransferFileSchema, input, 'DataTransfer file settings');
  return {
    settings,
    format:
      format ??
      createXmlShipmentDataFormat({
        namespace: settings.namespace,
        rootElement: settings.rootElement,
        encoding: settings.encoding,
        ppFranking: settings.ppFranking,
      }),
    fileName: compileFileNamePattern(settings.fileNamePattern),
    sidecar: sidecarRule(settings.sidecar),
  };
}
