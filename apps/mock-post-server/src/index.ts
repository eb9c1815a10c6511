// The namespace the simulator accepts by default is the SDK's own: Swiss Post's DataTransfer XSD is
// not public. An account may declare another (`SftpAccount.dataTransfer`).

export { ALL_SCOPES, DEMO_CLIENT, demoPostOptions, type MockClient, SCOPES } from './clients';
export {
  DATATRANSFER_CODES,
  type DataTransferCode,
  ingestDataTransferFile,
} from './datatransfer/ingest';
export {
  type DataTransferProfile,
  DEFAULT_DATATRANSFER_NAMESPACE as DATATRANSFER_NAMESPACE,
  DEFAULT_DATATRANSFER_PROFILE,
} from './datatransfer/profile';
export { REPORT_NAMESPACE } from './datatransfer/report';
export {
  type ParcelEventRecord,
  STATUS_REPORT_NAMESPACE,
  type StatusReports,
} from './datatransfer/status-reports';
export { createRandom, type FaultConfig, type FaultPlan, ROUTES, type RouteName } from './faults';
export { LOCALITIES, type Locality } from './fixtures/localities';
export { type MockPoint, POINTS, type PointTypeTag } from './fixtures/points';
export { LOCATIONS_PREFIX } from './post-routes';
export {
  PARCEL_EVENTS,
  type ParcelStage,
  PICKPOST_JOURNEY,
  REPORT_NUMBERS,
} from './rules/report-events';
export {
  createMockPostServer,
  type MockBaseUrls,
  type MockPostServer,
  type MockPostServerOptions,
} from './server';
export type { SftpFaults } from './sftp/sftp-faults';
export type { MockSftpOptions, MockSftpServer, SftpAccount } from './sftp/sftp-server';
export { generateSshKeyPair } from './sftp/ssh-keys';
export type {
  DataTransferDuplicate,
  DataTransferFileRecord,
  DataTransferMessage,
  IssuedLabel,
  MockPostState,
  PickPostUser,
  ReceivedShipment,
  RejectedDataTransferItem,
  RequestRecord,
} from './state';
