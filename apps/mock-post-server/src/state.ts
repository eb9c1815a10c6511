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
  /** Item numbers in use per franking licence. */
  itemNumbers: Map<string, Set<number>>;
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
    tokens: new Map(),
    count: (route) => state.requests.filter((request) => request.route === route).length,
    reset: ({ everything = false } = {}) => {
      state.requests.length = 0;
      state.shipments.length = 0;
      state.labels.clear();
      state.itemNumbers.clear();
      if (everything) {
        state.users.clear();
        state.tokens.clear();
      }
    },
  };
  return state;
}
