import type { PickPostCustomer } from '../schemas/customer';
import type { PickupPointKind } from '../schemas/pickup-point';
import type { RecipientInput } from '../schemas/recipient';
import { RecipientSchema } from '../schemas/recipient';
import { validate } from '../schemas/validate';
import { sendAuthorised } from './authorised';
import type { PostHttp } from './http';
import { parsePostSuccess } from './parse-response';
import { toPostLanguage } from './recipient-json';
import { RegisterUserResponseSchema, registerUserJson } from './registration-json';
import type { TokenCache } from './token-cache';

/**
 * How a customer is registered with the PickPost web service: the service used, the language of the
 * Post's notices, and what the recipient's title cannot tell.
 */
export interface RegisterUserOptions {
  /** Which service the customer will use: a PickPost counter or a My Post 24 terminal. */
  service?: PickupPointKind;
  /** Language of the Post's notices to the customer. */
  language?: 'de' | 'fr' | 'it' | 'en';
  /** When the recipient's title does not tell it. */
  gender?: 'MALE' | 'FEMALE';
}

/**
 * The `POST /users` body for `person`, or a `PickPostValidationError` naming every field the
 * registration lacks: checked before anything is stored or sent.
 *
 * @example
 * registrationBody(form, { service: 'mypost24' }); // throws when the salutation is missing
 */
export function registrationBody(
  person: RecipientInput,
  options: RegisterUserOptions = {},
): Record<string, unknown> {
  const recipient = validate(RecipientSchema, person, 'recipient');
  return registerUserJson(recipient, {
    service: options.service ?? 'pickpost',
    language: toPostLanguage(options.language ?? 'de'),
    gender: options.gender,
  });
}

/**
 * The PickPost web service client (`POST /users`): finds the PickPost user ID of a person,
 * registering them when they have none (variants 1–3).
 */
export function createPickPostApi(deps: {
  http: PostHttp;
  tokens: () => TokenCache;
  baseUrl: string;
  scope: string;
}) {
  return {
    /**
     * Returns the PickPost customer for `person`, registering them if needed. The same person
     * always gets the same ID, so repeating the call is safe.
     *
     * @example
     * const { pickpostId } = await post.pickpost.registerUser(
     *   { title: 'Herr', firstName: 'Hans', name1: 'Muster', street: 'Bellerivestrasse', houseNo: '5',
     *     zip: '8008', city: 'Zürich', email: 'hans.muster@example.ch' },
     *   { service: 'pickpost' },
     * );
     */
    async registerUser(
      person: RecipientInput,
      options: RegisterUserOptions = {},
    ): Promise<PickPostCustomer> {
      const body = registrationBody(person, options);
      const raw = await sendAuthorised(deps.http, deps.tokens(), deps.scope, {
        service: 'pickpost',
        baseUrl: deps.baseUrl,
        path: 'users',
        method: 'POST',
        json: body,
        idempotent: true,
      });
      const parsed = parsePostSuccess(RegisterUserResponseSchema, raw);
      // "NONE" is the one documented value; anything else is taken as a verification [G].
      return { pickpostId: parsed.id, verified: parsed.verified !== 'NONE' };
    },
  };
}

/**
 * The client of the PickPost web service (`createPickPostApi`): registers customers for a PickPost
 * ID.
 */
export type PickPostApi = ReturnType<typeof createPickPostApi>;
