export { directoryTransport, sha256OfFile } from './directory-transport';
export { dataTransferFileName, sidecarContent, swissTimestamp } from './file-name';
export {
  escapeXml,
  PICKPOST_DATATRANSFER_NAMESPACE,
  type ShipmentDataFileInfo,
  type ShipmentDataFormat,
  xmlShipmentDataFormat,
} from './format';
export {
  type DataTransferItem,
  DataTransferItemSchema,
  returnDataTransferItem,
  toDataTransferItem,
} from './item';
export {
  createDataTransferOutbox,
  type DataTransferOutbox,
  type DataTransferOutboxOptions,
  type DeliveredFile,
  type FlushOptions,
  type FlushReport,
} from './outbox';
export { HostKeyMismatchError, type SftpTransportOptions, sftpTransport } from './sftp-transport';
export type { DataTransferTransport, TransportSession } from './transport';
export { type ShipmentDataFileValidation, validateShipmentDataFile } from './validate-file';
export { type WrittenFile, writeShipmentDataFile } from './writer';
export { PICKPOST_DATATRANSFER_XSD } from './xsd';
