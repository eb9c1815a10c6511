import type { MockClient } from './clients';
import { SCOPES } from './clients';
import { json } from './http';
import type { MockRoute } from './route-table';
import { handleValidateAddress } from './routes/address';
import { handleGenerateAddressLabel } from './routes/barcode';
import { handleLocations } from './routes/locations';
import { handleRegisterUser } from './routes/pickpost';
import { handleToken } from './routes/token';
import type { MockPostState } from './state';

export const LOCATIONS_PREFIX = '/StandortSuche/StaoCacheServiceV2/api/v1/';

export interface PostRoutesContext {
  clients: readonly MockClient[];
  state: MockPostState;
  tokenTtlSeconds: number;
}

/**
 * The services the simulator answers, one row each: method, path, the service its faults and
 * counter belong to, who may call it, and the handler. The server derives 404, 405 with `Allow`,
 * bearer and JSON checks, faults and the request log from these rows.
 *
 * @example
 * const match = createRouteMatcher(createPostRoutes({ clients, state, tokenTtlSeconds: 60 }));
 */
export function createPostRoutes(context: PostRoutesContext): readonly MockRoute[] {
  const { clients, state, tokenTtlSeconds } = context;
  return [
    {
      method: 'POST',
      path: '/OAuth/token',
      route: 'token',
      auth: 'none',
      handle: ({ request, body, at }) =>
        handleToken(request, body, { clients, state, tokenTtlSeconds, now: at }),
    },
    {
      method: 'POST',
      path: '/barcode/v1/generateAddressLabel',
      route: 'barcode',
      auth: 'bearer',
      scope: SCOPES.barcode,
      handle: ({ payload, client, at }) =>
        handleGenerateAddressLabel(payload, { client, state, now: at }),
    },
    {
      method: 'POST',
      path: '/pickpost/v1/users',
      route: 'pickpost',
      auth: 'bearer',
      scope: SCOPES.pickpost,
      handle: ({ payload }) => handleRegisterUser(payload, state),
    },
    {
      method: 'POST',
      path: '/address/v1/addresses/validation',
      route: 'address',
      auth: 'bearer',
      scope: SCOPES.address,
      handle: ({ payload }) => handleValidateAddress(payload, state),
    },
    {
      // Keyless, like the service behind places.post.ch [C PLACES].
      method: 'GET',
      path: `${LOCATIONS_PREFIX}:operation`,
      route: 'locations',
      auth: 'none',
      handle: ({ url, params, at }) => ({
        answer:
          handleLocations(params.operation ?? '', url.searchParams, new Date(at)) ??
          json(404, { ok: false, error: 'unknown operation' }),
      }),
    },
  ];
}
