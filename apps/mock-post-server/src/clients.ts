/**
 * OAuth scopes of the Digital Commerce API. `DCAPI_BARCODE_READ` and `DCAPI_ADDRESS_VALIDATE`
 * are documented [V DEV]; the PickPost scope of the DCAPI era is not (the WEDEC era used
 * `WEDEC_PICKPOST`), so `DCAPI_PICKPOST` is our guess [G] and the SDK lets shops configure it.
 */
export const SCOPES = {
  barcode: 'DCAPI_BARCODE_READ',
  pickpost: 'DCAPI_PICKPOST',
  address: 'DCAPI_ADDRESS_VALIDATE',
} as const;

export const ALL_SCOPES: readonly string[] = Object.values(SCOPES);

/** An API client registered with the simulated Post, as Swiss Post's sales team would set it up. */
export interface MockClient {
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  /** Franking licences this client may print labels for (8 digits); others get E2010. */
  frankingLicenses: readonly string[];
}

/** The client the demo and the examples use. */
export const DEMO_CLIENT: MockClient = {
  clientId: 'demo-shop',
  clientSecret: 'demo-secret',
  scopes: ALL_SCOPES,
  frankingLicenses: ['60013217', '35900034'],
};
