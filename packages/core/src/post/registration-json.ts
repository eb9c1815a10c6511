import * as z from 'zod';
import { PickPostValidationError } from '../errors/index';
import { PickPostIdSchema } from '../schemas/customer';
import type { PickupPointKind } from '../schemas/pickup-point';
import type { Recipient } from '../schemas/recipient';
import type { PostLanguage } from './recipient-json';

/** The PickPost web service's `POST /users` request and answer [V DEV §7, reference §C2]. */

/** Salutations that tell the PickPost web service's `gender` (it takes MALE or FEMALE). */
const MALE_TITLES = /^(herr|herrn|monsieur|m\.?|signor|signore|sig\.?|mr\.?)$/i;
const FEMALE_TITLES = /^(frau|madame|mme\.?|signora|sig\.ra|mrs\.?|ms\.?)$/i;

export function genderFromTitle(title: string | undefined): 'MALE' | 'FEMALE' | undefined {
  if (title === undefined) return undefined;
  if (MALE_TITLES.test(title.trim())) return 'MALE';
  if (FEMALE_TITLES.test(title.trim())) return 'FEMALE';
  return undefined;
}

/**
 * The `POST /users` body of the PickPost web service [V DEV §7 sample]. The sample is all the
 * reference has, so every element of it is sent: a gender (from `gender` or the recipient's
 * title), first and last name, the home street and number, postcode and town, and an e-mail
 * (EMAIL) or, failing that, a mobile number (SMS) for the Post's notices.
 */
export function registerUserJson(
  person: Recipient,
  options: {
    service: PickupPointKind;
    language: PostLanguage;
    gender?: 'MALE' | 'FEMALE' | undefined;
  },
): Record<string, unknown> {
  const gender = options.gender ?? genderFromTitle(person.title);
  const issues = [];
  if (gender === undefined) {
    issues.push({
      path: 'recipient.title',
      message:
        'must be a salutation such as Herr/Frau, Monsieur/Madame (or pass gender): PickPost registration needs it',
      code: 'required',
    });
  }
  if (person.firstName === undefined) {
    issues.push({
      path: 'recipient.firstName',
      message: 'is required for PickPost registration',
      code: 'required',
    });
  }
  if (person.street === undefined || person.houseNo === undefined) {
    issues.push({
      path: person.street === undefined ? 'recipient.street' : 'recipient.houseNo',
      message: 'is required for PickPost registration: it needs the home street address',
      code: 'required',
    });
  }
  if (person.email === undefined && person.mobile === undefined) {
    issues.push({
      path: 'recipient.email',
      message: 'or a mobile number is required for PickPost notices',
      code: 'required',
    });
  }
  if (issues.length > 0) throw new PickPostValidationError('PickPost registration', issues);
  return {
    userDetails: {
      gender,
      firstName: person.firstName,
      lastName: person.name1,
      language: options.language,
    },
    address: {
      house: { street: person.street, houseNumber: person.houseNo },
      zip: { zip: person.zip, city: person.city, countryCode: person.country },
    },
    notification:
      person.email === undefined
        ? { notifyMode: 'SMS', mobile: person.mobile }
        : { notifyMode: 'EMAIL', email: person.email },
    service: options.service === 'mypost24' ? 'MYPOST24' : 'PICKPOST',
  };
}

export const RegisterUserResponseSchema = z.object({
  id: PickPostIdSchema,
  verified: z.string().min(1),
});
