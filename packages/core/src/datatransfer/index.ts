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
export {
  createDataTransferReports,
  type DataTransferReports,
  type FetchedReportFile,
  type FetchReportsResult,
  type ReportFetcherOptions,
  type StatusHandler,
} from './reports/fetch-reports';
export type { ReportFileState, StoredReportFile } from './reports/report-files';
export {
  DEFAULT_REPORT_FIELDS,
  type ParsedReport,
  type ReportEvent,
  type ReportFields,
  type ReportNumber,
  type ReportReaderOptions,
  type ReportRecord,
  readDataTransferReport,
  type SkippedEntry,
} from './reports/report-reader';
export {
  type AvailableReport,
  directoryReportSource,
  type ReportSession,
  type ReportSource,
} from './reports/report-source';
export { dataTransferReportSource } from './reports/report-wiring';
export {
  type DataTransferReportsConfig,
  DataTransferReportsConfigSchema,
} from './reports/reports-config';
export { type SftpReportSourceOptions, sftpReportSource } from './reports/sftp-report-source';
export type { ParcelStatusRecord, StatusChange, StoredEvent } from './reports/status-records';
export {
  createEventMapper,
  DEFAULT_EVENT_STATUS,
  DEFAULT_LISTING_STATUS,
  type EventMapper,
  type EventStatusRow,
  PARCEL_STATUSES,
  type ParcelStatus,
} from './reports/vocabulary';
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
