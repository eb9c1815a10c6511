import { PickPostValidationError } from '../errors/index';
import type { ADDRESS_QUALITY_GRADES } from '../schemas/swiss-post-rules';
import { AddressValidationResponseSchema, addressValidationJson } from './address-json';
import { sendAuthorised } from './authorised';
import type { PostHttp } from './http';
import { parsePostSuccess } from './parse-response';
import type { TokenCache } from './token-cache';

/** A quality grade of Swiss Post's address check, one of {@link ADDRESS_QUALITY_GRADES}. */
export type AddressQuality = (typeof ADDRESS_QUALITY_GRADES)[number];

/**
 * An address to check with Swiss Post's address web service; only the postcode and town are
 * required.
 */
export interface AddressToValidate {
  firstName?: string;
  lastName?: string;
  street?: string;
  houseNo?: string;
  poBox?: string;
  zip: string;
  city: string;
}

/**
 * What the address web service said of an address: its quality grade and whether the SDK trusts it.
 */
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

/** The qualities integrations trust [C]; `acceptUsable` adds USABLE. */
const ACCEPTED: readonly AddressQuality[] = ['DOMICILE_CERTIFIED', 'CERTIFIED'];
const ACCEPTED_OR_USABLE: readonly AddressQuality[] = [...ACCEPTED, 'USABLE'];

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
      const issues = [];
      if (!/^\d{4}$/.test(address.zip ?? '')) {
        issues.push({
          path: 'zip',
          message: 'must be a Swiss postcode of 4 digits',
          code: 'invalid_zip',
        });
      }
      if ((address.city ?? '').trim() === '') {
        issues.push({ path: 'city', message: 'is required', code: 'required' });
      }
      if (issues.length > 0) throw new PickPostValidationError('address', issues);
      const raw = await sendAuthorised(deps.http, deps.tokens(), deps.scope, {
        service: 'address',
        baseUrl: deps.baseUrl,
        path: 'addresses/validation',
        method: 'POST',
        json: addressValidationJson(address),
        idempotent: true,
      });
      const parsed = parsePostSuccess(AddressValidationResponseSchema, raw);
      const geo = parsed.address?.geographicLocation;
      return {
        quality: parsed.quality,
        acceptable: (options.acceptUsable ? ACCEPTED_OR_USABLE : ACCEPTED).includes(parsed.quality),
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

/** The client of Swiss Post's address web service (`createAddressApi`). */
export type AddressApi = ReturnType<typeof createAddressApi>;
