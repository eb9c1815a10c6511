import { LOCALITIES } from '../fixtures/localities';
import { POINTS } from '../fixtures/points';
import type { RouteAnswer } from '../http';
import { json } from '../http';
import { isObject } from '../rules/item-rules';
import type { MockPostState } from '../state';

/** Text as people consider it the same: without case, accents or repeated spaces. */
export const fold = (text: string) =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

const asText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * `POST /address/v1/addresses/validation` [V DEV §5; C ADDR]: grades an address with one of
 * Swiss Post's qualities. The simulator knows only its fixture, so the grade is a deterministic
 * function of it (documented here, not Swiss Post's algorithm):
 *
 * - no or malformed postcode → UNUSABLE
 * - postcode unknown to the fixture → USABLE (cannot be checked here)
 * - known postcode, other town → COMPROMISED
 * - known postcode and town spelt differently (case, accents) → FIXED, with the right spelling
 * - street and number of a fixture point → CERTIFIED; the address of a registered PickPost
 *   user with that name → DOMICILE_CERTIFIED
 * - another street → VERIFIED; no street → USABLE
 */
export function handleValidateAddress(payload: unknown, state: MockPostState): RouteAnswer {
  if (!isObject(payload) || !isObject(payload.geographicLocation)) {
    return json(400, {
      status: 400,
      errors: [{ field: 'geographicLocation', error: 'must not be null' }],
    });
  }
  const addressee = isObject(payload.addressee) ? payload.addressee : {};
  const geo = payload.geographicLocation;
  const house = isObject(geo.house) ? geo.house : {};
  const zipBlock = isObject(geo.zip) ? geo.zip : {};
  const zip = asText(zipBlock.zip);
  const city = asText(zipBlock.city);
  const street = asText(house.street);
  const houseNumber = asText(house.houseNumber);

  const answer = (quality: string, correctedCity = city) =>
    json(200, {
      quality,
      expires: new Date(Date.UTC(2100, 0, 1)).toISOString(),
      address: {
        type: 'DOMICILE',
        addressee,
        geographicLocation: {
          house: {
            street,
            houseNumber,
            houseKey: quality === 'UNUSABLE' ? undefined : `${zip}-${fold(street)}-${houseNumber}`,
          },
          zip: { zip, city: correctedCity },
        },
        logisticLocation: isObject(payload.logisticLocation) ? payload.logisticLocation : undefined,
        id: `${zip}:${fold(street)}:${houseNumber}`,
      },
    });

  if (!/^\d{4}$/.test(zip)) return answer('UNUSABLE');
  const locality = LOCALITIES.find((candidate) => candidate.zip === zip);
  if (locality === undefined) return answer('USABLE');
  if (fold(city) !== fold(locality.town)) return answer('COMPROMISED');
  if (city !== locality.town) return answer('FIXED', locality.town);
  if (street === '') return answer('USABLE');
  const streetLine = fold(`${street} ${houseNumber}`);
  const atPoint = POINTS.some((point) => point.zip === zip && fold(point.street) === streetLine);
  const person = fold(`${asText(addressee.firstName)} ${asText(addressee.lastName)}`);
  const registered = [...state.users.values()].some(
    (user) =>
      user.zip === zip &&
      fold(`${user.firstName} ${user.lastName}`) === person &&
      user.personKey.includes(fold(street)),
  );
  if (registered) return answer('DOMICILE_CERTIFIED');
  return answer(atPoint ? 'CERTIFIED' : 'VERIFIED');
}
