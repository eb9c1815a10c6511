/**
 * `@pickpost/core/datatransfer`: DataTransfer below `createPickPost` — the shipment data format
 * (pluggable), the streaming file writer, the exactly-once outbox and the transports — for
 * shops that deliver files on their own schedule or write their own format.
 */

export {
  DataTransferCheckSchema,
  type DataTransferFile,
  type DataTransferFileInput,
  DataTransferFileSchema,
  DEFAULT_FILE_NAME_PATTERN,
  FILE_NAME_TOKENS,
  SHA256_SIDECAR_CONTENT,
  SIDECAR_TOKENS,
} from '../schemas/datatransfer-file';
export { dataTransferTransport } from '../variants/wiring';
export { directoryTransport, sha256OfFile } from './directory-transport';
export { type FieldMapping, SDK_ELEMENT_NAMES, SDK_FIELD_MAP } from './field-map';
export {
  compileFileNamePattern,
  type FileNameParts,
  fileNamePatternRegex,
  type SidecarFacts,
} from './file-name';
export {
  type DataTransferFileRules,
  dataTransferFileRules,
  type SidecarRule,
} from './file-options';
export {
  createXmlShipmentDataFormat,
  escapeXml,
  PICKPOST_DATATRANSFER_NAMESPACE,
  type ShipmentDataFileInfo,
  type ShipmentDataFormat,
  type XmlShipmentDataFormatOptions,
  xmlShipmentDataFormat,
} from './format';
export { type DataTransferItem, DataTransferItemSchema, toDataTransferItem } from './item';
export {
  createDataTransferOutbox,
  type DataTransferOutbox,
  type DataTransferOutboxOptions,
  type DeliveredFile,
  type FlushOptions,
  type FlushReport,
} from './outbox';
export { type SftpTransportOptions, sftpTransport } from './sftp-transport';
export {
  type ElementFound,
  type ReadItem,
  readShipmentDataFile,
  type ShipmentDataFileContent,
} from './shipment-reader';
export type { DataTransferTransport, TransportSession } from './transport';
export { type ShipmentDataFileValidation, validateShipmentDataFile } from './validate-file';
export { type WrittenFile, writeShipmentDataFile } from './writer';
export { PICKPOST_DATATRANSFER_XSD } from './xsd';
