import type { MockBaseUrls } from './server';
/**
 * OAuth scopes of the Digital Commerce API. `DCAPI_BARCODE_READ` and `DCAPI_ADDRESS_VALIDATE`
 * are documented [V DEV]; the PickPost web service only with the WEDEC scope `WEDEC_PICKPOST`
 * [V DEV §2.1, §Z]: no public client uses a DCAPI PickPost scope, so the simulator knows none.
 */
export const SCOPES = {
  barcode: 'DCAPI_BARCODE_READ',
  pickpost: 'WEDEC_PICKPOST',
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

/**
 * The `post` options of a PickPost configuration that talk to `server` as the demo client:
 * what every test and benchmark against the mock gives `createPickPost`.
 *
 * @example
 * createPickPost({ ...config, post: demoPostOptions(server) }, { store });
 */
export function demoPostOptions(server: { baseUrls: MockBaseUrls }) {
  return {
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    baseUrls: server.baseUrls,
  };
}
