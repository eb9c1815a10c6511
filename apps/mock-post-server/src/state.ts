import type { RouteName } from './faults';

/** One HTTP request the simulator received. */
export interface RequestRecord {
  route: RouteName | 'unknown';
  method: string;
  path: string;
  status: number | 'dropped';
  clientId?: string | undefined;
  at: number;
}

/** A shipment the Post has received data for, by the Barcode web service or DataTransfer. */
export interface ReceivedShipment {
  source: 'barcode-webservice' | 'datatransfer';
  frankingLicense: string;
  itemNumber: number;
  identcode: string;
  itemId?: string | undefined;
  recipient: Record<string, unknown>;
  przl: string[];
  weightGrams?: number | undefined;
  receivedAt: number;
  /** For DataTransfer: the file it arrived in. */
  fileName?: string | undefined;
}

/**
 * One finding in a DataTransfer processing report: a Swiss Post E-code from the same rules as the
 * Barcode web service, or one of the simulator's own file and schema codes (see
 * `DATATRANSFER_CODES`). `field` names the element for schema findings (`Item.Recipient.Name1`).
 */
export interface DataTransferMessage {
  code: string;
  message: string;
  field?: string | undefined;
}

/** An item of a DataTransfer file the Post refused, with every reason. */
export interface RejectedDataTransferItem {
  /** Position of the item in its file, from 0. */
  index: number;
  itemId?: string | undefined;
  identcode?: string | undefined;
  errors: DataTransferMessage[];
}

/** A DataTransfer file the simulated Post ingested, whether it accepted it or not. */
export interface DataTransferFileRecord {
  /** The SFTP account it was delivered to. */
  account: string;
  fileName: string;
  /** Where it lies in the account's directory, as the SFTP client sees it (`/in/….xml`). */
  path: string;
  /** `rejected`: a file-level error (see `fileErrors`) refused the whole file, no item counted. */
  status: 'processed' | 'rejected';
  fileErrors: DataTransferMessage[];
  frankingLicense?: string | undefined;
  /** Items found in the file (0 when it was refused before its items were read). */
  itemCount: number;
  accepted: number;
  rejected: RejectedDataTransferItem[];
  /** The processing report written beside the file. */
  reportName: string;
  receivedAt: number;
}

/** An identcode the Post had already received, refused with E2016 and not recorded again. */
export interface DataTransferDuplicate {
  identcode: string;
  itemId?: string | undefined;
  account: string;
  fileName: string;
  at: number;
}

/** A label the Barcode web service produced. */
export interface IssuedLabel {
  identcode: string;
  imageFileType: string;
  bytes: Uint8Array;
  printPreview: boolean;
}

/** A PickPost user: one per person, whatever the service. */
export interface PickPostUser {
  id: string;
  personKey: string;
  firstName: string;
  lastName: string;
  zip: string;
  services: Set<string>;
  verified: 'NONE';
}

/**
 * Everything the simulated Post has seen and holds. Tests read it to assert exactly which calls
 * the SDK made and what the Post received.
 */
export interface MockPostState {
  requests: RequestRecord[];
  shipments: ReceivedShipment[];
  labels: Map<string, IssuedLabel>;
  users: Map<string, PickPostUser>;
  /**
   * Item numbers in use per franking licence, whichever way the Post received them: an identcode
   * is `99` + licence + item number, so this is also the set of identcodes already received.
   */
  itemNumbers: Map<string, Set<number>>;
  /**
   * Marks an item number of the licence as used, as both the Barcode web service and
   * DataTransfer do on accepting an item. Returns `false`, changing nothing, when it already was.
   */
  claimItemNumber(frankingLicense: string, itemNumber: number): boolean;
  /** DataTransfer files ingested from the SFTP server, in the order they were processed. */
  dataTransferFiles: DataTransferFileRecord[];
  /** Every identcode a DataTransfer file repeated (E2016), in the order they were refused. */
  dataTransferDuplicates: DataTransferDuplicate[];
  /** Tokens issued and their expiry (epoch ms); invalidated tokens are removed. */
  tokens: Map<string, { clientId: string; scopes: string[]; expiresAt: number }>;
  /** How many requests each route received (dropped ones included). */
  count(route: RouteName): number;
  /** Clears what was recorded; issued tokens and users stay unless `everything` is set. */
  reset(options?: { everything?: boolean }): void;
}

export function createMockPostState(): MockPostState {
  const state: MockPostState = {
    requests: [],
    shipments: [],
    labels: new Map(),
    users: new Map(),
    itemNumbers: new Map(),
    dataTransferFiles: [],
    dataTransferDuplicates: [],
    tokens: new Map(),
    claimItemNumber: (frankingLicense, itemNumber) => {
      const used = state.itemNumbers.get(frankingLicense) ?? new Set<number>();
      if (used.has(itemNumber)) return false;
      used.add(itemNumber);
      state.itemNumbers.set(frankingLicense, used);
      return true;
    },
    count: (route) => state.requests.filter((request) => request.route === route).length,
    reset: ({ everything = false } = {}) => {
      state.requests.length = 0;
      state.shipments.length = 0;
      state.labels.clear();
      state.itemNumbers.clear();
      state.dataTransferFiles.length = 0;
      state.dataTransferDuplicates.length = 0;
      if (everything) {
        state.users.clear();
        state.tokens.clear();
      }
    },
  };
  return state;
}
