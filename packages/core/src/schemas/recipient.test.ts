import { describe, expect, it } from 'vitest';
import { HANS_MUSTER } from '../../test/fixtures';
import { isPickPostValidationError, PickPostValidationError } from '../errors/index';
import { RecipientSchema } from './recipient';
import { validate } from './validate';

const valid = HANS_MUSTER;

function issuesFor(input: unknown) {
  try {
    validate(RecipientSchema, input, 'recipient');
  } catch (error) {
    if (isPickPostValidationError(error)) return error.issues;
    throw error;
  }
  return [];
}

describe('RecipientSchema', () => {
  it('accepts a complete Swiss address and fills in the country', () => {
    const recipient = validate(RecipientSchema, valid, 'recipient');
    expect(recipient).toMatchObject({ ...valid, country: 'CH' });
  });

  it.each([
    ['name1 at 35 characters', { name1: 'A'.repeat(35) }],
    [
      'every 35-character field',
      Object.fromEntries(
        ['title', 'name2', 'name3', 'addressSuffix', 'city'].map((f) => [f, 'B'.repeat(35)]),
      ),
    ],
    ['a 10-character house number', { houseNo: '1234567890' }],
    [
      'a P.O. box instead of a street',
      { street: undefined, houseNo: undefined, poBox: 'Postfach 12' },
    ],
    ['a Liechtenstein address', { zip: '9490', city: 'Vaduz', country: 'LI' }],
    ['a postcode given as a number', { zip: 3030 }],
    ['the lowest and highest postcodes', { zip: '1000' }],
    ['umlauts, accents and Latin Extended letters', { name1: 'Đoković-Müller Ørsted Ñúñez' }],
    [
      'an e-mail of 160 characters',
      { email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(31)}` },
    ],
    ['a mobile number with + and separators', { mobile: '+41 (79) 123-45-67' }],
    ['empty optional fields as sent by shops', { name2: '', title: '   ', phone: '', email: null }],
  ])('accepts %s', (_name, change) => {
    expect(issuesFor({ ...valid, ...change })).toEqual([]);
  });

  it.each([
    ['a 36-character name1', { name1: 'A'.repeat(36) }, 'name1', 'too_long'],
    ['a 36-character street', { street: 'S'.repeat(36) }, 'street', 'too_long'],
    ['a 36-character city', { city: 'C'.repeat(36) }, 'city', 'too_long'],
    ['a 11-character house number', { houseNo: '12345678901' }, 'houseNo', 'too_long'],
    ['a missing name1', { name1: undefined }, 'name1', 'required'],
    ['a blank name1', { name1: '   ' }, 'name1', 'required'],
    ['a missing city', { city: undefined }, 'city', 'required'],
    ['a postcode with a letter', { zip: '80a1' }, 'zip', 'invalid_zip'],
    ['a 3-digit postcode', { zip: '800' }, 'zip', 'invalid_zip'],
    ['a postcode below 1000', { zip: '0999' }, 'zip', 'invalid_zip'],
    ['a 5-digit postcode', { zip: '80010' }, 'zip', 'invalid_zip'],
    ['a Liechtenstein postcode in CH', { zip: '9490' }, 'zip', 'zip_country_mismatch'],
    ['a Swiss postcode in LI', { country: 'LI' }, 'zip', 'zip_country_mismatch'],
    ['a German address', { country: 'DE' }, 'country', 'invalid_value'],
    [
      'neither street nor P.O. box',
      { street: undefined, houseNo: undefined },
      'street',
      'required',
    ],
    ['street and P.O. box together', { poBox: 'Postfach 12' }, 'poBox', 'street_and_po_box'],
    [
      'a house number without street',
      { street: undefined, poBox: 'Postfach 1' },
      'houseNo',
      'house_number_without_street',
    ],
    ['a phone with 9 digits', { phone: '079 123 45' }, 'phone', 'invalid_phone'],
    ['a phone with 21 digits', { phone: '0'.repeat(21) }, 'phone', 'invalid_phone'],
    ['a phone with letters', { phone: '079 CALL NOW' }, 'phone', 'invalid_phone'],
    [
      'a phone longer than 20 characters with spaces',
      { phone: '0 7 9 1 2 3 4 5 6 7 8' },
      'phone',
      'too_long',
    ],
    ['an invalid e-mail', { email: 'hans.muster@' }, 'email', 'invalid_email'],
    [
      'an e-mail of 161 characters',
      { email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(32)}` },
      'email',
      'too_long',
    ],
    ['an emoji in a name', { name2: 'Hans 😀' }, 'name2', 'unprintable_character'],
    ['a control character', { name1: 'Hans\u0000' }, 'name1', 'unprintable_character'],
    ['Cyrillic letters', { name1: 'Иван' }, 'name1', 'unprintable_character'],
    [
      'a soft hyphen, invisible in print',
      { name1: 'Mus\u00ADter' },
      'name1',
      'unprintable_character',
    ],
  ])('refuses %s', (_name, change, path, code) => {
    const issues = issuesFor({ ...valid, ...change });
    expect(issues).toContainEqual(expect.objectContaining({ path, code }));
  });

  it.each(['*', '\\', '{', '}', '[', ']', '=', '<', '>', '|'])(
    'refuses the forbidden character %s and names it',
    (character) => {
      const issues = issuesFor({ ...valid, name3: `Hans ${character} Muster` });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ path: 'name3', code: 'forbidden_character' });
      expect(issues[0]?.message).toContain(`'${character}'`);
    },
  );

  it('checks fields that depend on each other even when another field failed', () => {
    const paths = issuesFor({ ...valid, name1: undefined, zip: '9490', poBox: 'Postfach 1' }).map(
      (issue) => issue.path,
    );
    expect(paths.sort()).toEqual(['name1', 'poBox', 'zip']);
  });

  it('names every forbidden character of a field once', () => {
    const [issue] = issuesFor({ ...valid, street: 'a<b>c<d' });
    expect(issue?.message).toMatch(/characters '<', '>'/);
  });

  it('normalises white space, typographic quotes, Unicode form and phone numbers', () => {
    const recipient = validate(
      RecipientSchema,
      {
        ...valid,
        name1: '  D\u2019Alessandro\t Muster\n',
        city: 'Zu\u0308rich',
        phone: '+41 79/123.45.67',
      },
      'recipient',
    );
    expect(recipient.name1).toBe("D'Alessandro Muster");
    expect(recipient.city).toBe('Zürich');
    expect(recipient.city).toHaveLength(6);
    expect(recipient.phone).toBe('0041 79 123 45 67');
  });

  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(issuesFor({ ...valid, name1: 'é'.repeat(35) })).toEqual([]);
    expect(issuesFor({ ...valid, name1: 'e\u0301'.repeat(35) })).toEqual([]);
  });

  it('reports a 36-character name1, the zip 80a1 and a < in the street in one error', () => {
    let thrown: unknown;
    try {
      validate(
        RecipientSchema,
        { ...valid, name1: 'N'.repeat(36), zip: '80a1', street: 'Bahnhof<strasse' },
        'recipient',
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PickPostValidationError);
    const error = thrown as PickPostValidationError;
    expect(error.paths.sort()).toEqual(['name1', 'street', 'zip']);
    expect(error.message).toContain('name1');
    expect(error.message).toContain('zip');
    expect(error.message).toContain('street');
  });
});
