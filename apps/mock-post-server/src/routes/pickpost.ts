import type { RouteAnswer } from '../http';
import { json } from '../http';
import { createFindings, isObject, readText } from '../rules/item-rules';
import { MOCK_EMAIL_PATTERN } from '../rules/patterns';
import type { MockPostState } from '../state';
import { fold } from './address';

const GENDERS = ['MALE', 'FEMALE'];
const LANGUAGES = ['DE', 'FR', 'IT', 'EN'];
const NOTIFY_MODES = ['EMAIL', 'SMS'];
const SERVICES = ['PICKPOST', 'MYPOST24'];

// Address validation finds a registered user's street in this key, so both fold text alike.
const normalisedKey = (...parts: string[]): string => parts.map(fold).join('|');

/**
 * `POST /pickpost/v1/users` [V DEV §7, sample body]: returns the PickPost user ID of a person,
 * creating the user when there is none ("If a user does not exist yet in PickPost a new PickPost
 * ID is automatically generated"). The same person (first and last name, postcode, street and
 * house number, compared without case and accents) always gets the same ID, whichever service
 * is asked for. The reference documents only the sample values, so every element of the sample
 * is required and enums are limited to what it shows plus the obvious counterpart
 * (FEMALE, SMS, MYPOST24) [G], the stricter reading.
 */
export function handleRegisterUser(payload: unknown, state: MockPostState): RouteAnswer {
  const findings = createFindings();
  const required = (source: Record<string, unknown>, key: string, path: string, max: number) => {
    const value = readText(source, key, max, path, findings);
    if (
      value === undefined &&
      !findings.fieldErrors.some((error) => error.field === `${path}.${key}`)
    ) {
      findings.fieldErrors.push({ field: `${path}.${key}`, error: 'must not be blank' });
    }
    return value ?? '';
  };
  const enumValue = (
    source: Record<string, unknown>,
    key: string,
    path: string,
    allowed: string[],
  ) => {
    const value = source[key];
    if (typeof value !== 'string' || !allowed.includes(value)) {
      findings.fieldErrors.push({
        field: path ? `${path}.${key}` : key,
        error: `must be one of ${allowed.join(', ')}`,
        rejectedValue: value,
      });
      return '';
    }
    return value;
  };
  const object = (source: Record<string, unknown>, key: string, path: string) => {
    const value = source[key];
    if (!isObject(value)) {
      findings.fieldErrors.push({
        field: path ? `${path}.${key}` : key,
        error: 'must not be null',
      });
      return {};
    }
    return value;
  };

  if (!isObject(payload)) {
    return json(400, { status: 400, errors: [{ field: '', error: 'must be a JSON object' }] });
  }
  const details = object(payload, 'userDetails', '');
  enumValue(details, 'gender', 'userDetails', GENDERS);
  const firstName = required(details, 'firstName', 'userDetails', 35);
  const lastName = required(details, 'lastName', 'userDetails', 35);
  enumValue(details, 'language', 'userDetails', LANGUAGES);
  const address = object(payload, 'address', '');
  const house = object(address, 'house', 'address');
  const street = required(house, 'street', 'address.house', 35);
  const houseNumber = required(house, 'houseNumber', 'address.house', 10);
  const zipBlock = object(address, 'zip', 'address');
  const zip = required(zipBlock, 'zip', 'address.zip', 4);
  required(zipBlock, 'city', 'address.zip', 35);
  if (zip !== '' && !/^\d{4}$/.test(zip)) {
    findings.fieldErrors.push({
      field: 'address.zip.zip',
      error: 'must be a Swiss postcode of 4 digits',
      rejectedValue: zip,
    });
  }
  if (zipBlock.countryCode !== 'CH' && zipBlock.countryCode !== 'LI') {
    // PickPost is for private persons domiciled in Switzerland [V PAGES].
    findings.fieldErrors.push({
      field: 'address.zip.countryCode',
      error: 'must be CH or LI',
      rejectedValue: zipBlock.countryCode,
    });
  }
  const notification = object(payload, 'notification', '');
  const mode = enumValue(notification, 'notifyMode', 'notification', NOTIFY_MODES);
  if (mode === 'EMAIL') {
    const email = required(notification, 'email', 'notification', 160);
    if (email !== '' && !MOCK_EMAIL_PATTERN.test(email)) {
      findings.fieldErrors.push({
        field: 'notification.email',
        error: 'must be a well-formed email address',
        rejectedValue: email,
      });
    }
  } else if (mode === 'SMS') {
    const mobile = required(notification, 'mobile', 'notification', 20);
    if (mobile !== '' && !/^\+?[\d ]{10,20}$/.test(mobile)) {
      findings.fieldErrors.push({
        field: 'notification.mobile',
        error: 'must be a mobile number',
        rejectedValue: mobile,
      });
    }
  }
  const service = enumValue(payload, 'service', '', SERVICES);
  if (findings.fieldErrors.length > 0) {
    return json(400, { status: 400, error: 'Bad Request', errors: findings.fieldErrors });
  }

  const personKey = normalisedKey(firstName, lastName, zip, street, houseNumber);
  let user = [...state.users.values()].find((candidate) => candidate.personKey === personKey);
  if (user === undefined) {
    const id = `PT${String(11_227 + state.users.size).padStart(6, '0')}`;
    user = { id, personKey, firstName, lastName, zip, services: new Set(), verified: 'NONE' };
    state.users.set(id, user);
  }
  user.services.add(service);
  return json(200, { id: user.id, verified: user.verified });
}
