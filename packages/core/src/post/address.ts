import { PickPostValidationError } from '../errors/index';
import type { ADDRESS_QUALITY_GRADES } from '../schemas/swiss-post-rules';
import { sendAuthorised } from './authorised';
import type { PostHttp } from './http';
import { AddressValidationResponseSchema, addressValidationJson } from './mapping';
import { parsePostResponse } from './parse-response';
import { toPostError } from './response-errors';
import type { TokenCache } from './token-cache';

export type AddressQuality = (typeof ADDRESS_QUALITY_GRADES)[number];

export interface AddressToValidate {
  firstName?: string;
  lastName?: string;
  street?: string;
  houseNo?: string;
  poBox?: string;
  zip: string;
  city: string;
}

export interface AddressValidation {
  quality: AddressQuality;
  /**
   * Whether the address can be trusted: DOMICILE_CERTIFIED or CERTIFIED, as most integrations
   * decide [C]; with `acceptUsable`, USABLE too.
   */
  acceptable: boolean;
  /** Swiss Post's spelling of the address, when it returned one. */
  normalised?: { street?: string; houseNo?: string; zip?: string; city?: string };
}

/** The address validation client (`POST /addresses/validation`), for checkout. */
export function createAddressApi(deps: {
  http: PostHttp;
  tokens: () => TokenCache;
  baseUrl: string;
  scope: string;
}) {
  return {
    /**
     * Grades an address with one of Swiss Post's qualities.
     *
     * @example
     * const { quality, acceptable } = await post.address.validate({ street: 'Bahnhofstrasse', houseNo: '67', zip: '5000', city: 'Aarau' });
     */
    async validate(
      address: AddressToValidate,
      options: { acceptUsable?: boolean } = {},
    ): Promise<AddressValidation> {
      if (!/^\d{4}$/.test(address.zip ?? '') || (address.city ?? '').trim() === '') {
        throw new PickPostValidationError('address', [
          ...(/^\d{4}$/.test(address.zip ?? '')
            ? []
            : [
                {
                  path: 'zip',
                  message: 'must be a Swiss postcode of 4 digits',
                  code: 'invalid_zip',
                },
              ]),
          ...((address.city ?? '').trim() === ''
            ? [{ path: 'city', message: 'is required', code: 'required' }]
            : []),
        ]);
      }
      const raw = await sendAuthorised(deps.http, deps.tokens(), deps.scope, {
        service: 'address',
        baseUrl: deps.baseUrl,
        path: 'addresses/validation',
        method: 'POST',
        json: addressValidationJson(address),
        idempotent: true,
      });
      const failure = toPostError(raw);
      if (failure !== undefined) throw failure;
      const parsed = parsePostResponse(AddressValidationResponseSchema, raw);
      const accepted: AddressQuality[] = [
        'DOMICILE_CERTIFIED',
        'CERTIFIED',
        ...(options.acceptUsable ? (['USABLE'] as const) : []),
      ];
      const geo = parsed.address?.geographicLocation;
      return {
        quality: parsed.quality,
        acceptable: accepted.includes(parsed.quality),
        ...(geo === undefined
          ? {}
          : {
              normalised: {
                street: geo.house?.street,
                houseNo: geo.house?.houseNumber,
                zip: geo.zip?.zip,
                city: geo.zip?.city,
              },
            }),
      };
    },
  };
}

export type AddressApi = ReturnType<typeof createAddressApi>;
