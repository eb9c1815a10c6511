export { ALL_SCOPES, DEMO_CLIENT, type MockClient, SCOPES } from './clients';
export { type FaultConfig, type FaultPlan, ROUTES, type RouteName } from './faults';
export { LOCALITIES, type Locality } from './fixtures/localities';
export { type MockPoint, POINTS, type PointTypeTag } from './fixtures/points';
export {
  createMockPostServer,
  LOCATIONS_PREFIX,
  type MockBaseUrls,
  type MockPostServer,
  type MockPostServerOptions,
} from './server';
export type {
  IssuedLabel,
  MockPostState,
  PickPostUser,
  ReceivedShipment,
  RequestRecord,
} from './state';
