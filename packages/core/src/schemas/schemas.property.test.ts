import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, PickPostValidationError } from '../errors/index';
import { IntegrationConfigSchema } from './integration-config';
import { LabelOptionsSchema } from './label-options';
import { ParcelSchema } from './parcel';
import { PickupPointSchema } from './pickup-point';
import { RecipientSchema } from './recipient';
import { SenderSchema } from './sender';
import { ShipmentSchema } from './shipment';
import { FIELD_LIMITS, FORBIDDEN_CHARACTERS } from './swiss-post-rules';
import { postTextLength } from './text';
import { parseIntegrationConfig, validate } from './validate';

const ORDINARY = [..."abcxyzABCXYZäöüÄÖÜéèàçñøđ -'.,/&()0123456789"];

/**
 * Text that is often valid and often not: ordinary letters up to just past the limit, arbitrary
 * strings and graphemes, and strings with a forbidden, control or unprintable character.
 */
const text = (max: number) =>
  fc.oneof(
    {
      weight: 24,
      arbitrary: fc.string({
        unit: fc.constantFrom(...ORDINARY),
        minLength: 1,
        maxLength: max + 2,
      }),
    },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: max + 3 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: max + 3 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'Hans',
        "D'Alessandro",
        'Rue de l\u2019Église',
        ' Zürich ',
        'x'.repeat(max),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.string({ maxLength: 10 }),
          fc.constantFrom(...FORBIDDEN_CHARACTERS, '\u0000', '😀', '\n'),
        )
        .map(([prefix, odd]) => `${prefix}${odd}`),
    },
  );
/** `arbitrary` or `undefined`: present `presentWeight` times for `absentWeight` absences. */
const maybe = <T>(arbitrary: fc.Arbitrary<T>, absentWeight = 1, presentWeight = 1) =>
  fc.oneof(
    { weight: presentWeight, arbitrary },
    { weight: absentWeight, arbitrary: fc.constant(undefined) },
  );
const zip = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1000, max: 9999 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 900, max: 10_050 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('9490', '80a1', '') },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 9999 }) },
);
const phone = fc.oneof(fc.stringMatching(/^\+?[0-9 ()./-]{8,26}$/), fc.string({ maxLength: 24 }));

const recipientLimits = FIELD_LIMITS.recipient;
const recipientInput = fc.record({
  title: maybe(text(recipientLimits.title)),
  firstName: maybe(text(recipientLimits.firstName)),
  name1: text(recipientLimits.name1),
  name2: maybe(text(recipientLimits.name2)),
  name3: maybe(text(recipientLimits.name3)),
  addressSuffix: maybe(text(recipientLimits.addressSuffix)),
  street: maybe(text(recipientLimits.street), 1, 10),
  houseNo: maybe(text(recipientLimits.houseNo)),
  poBox: maybe(text(recipientLimits.poBox), 6),
  zip,
  city: text(recipientLimits.city),
  country: maybe(fc.constantFrom('CH', 'LI', 'li', 'DE'), 4),
  phone: maybe(phone, 4),
  mobile: maybe(phone, 4),
  email: maybe(fc.oneof(fc.emailAddress(), fc.string()), 4),
});

const senderLimits = FIELD_LIMITS.sender;
const senderInput = fc.record({
  name1: text(senderLimits.name1),
  name2: maybe(text(senderLimits.name2)),
  street: text(senderLimits.street),
  poBox: maybe(text(senderLimits.poBox), 6),
  zip,
  city: text(senderLimits.city),
  domicilePostOffice: maybe(text(senderLimits.domicilePostOffice)),
});

const FORBIDDEN = new Set<string>(FORBIDDEN_CHARACTERS);

/** Checks every string of a parsed value against its Swiss Post limit and character rules. */
function expectWithinSwissPostRules(
  value: Record<string, unknown>,
  limits: Record<string, number>,
) {
  for (const [field, fieldValue] of Object.entries(value)) {
    if (typeof fieldValue !== 'string') continue;
    const limit = limits[field];
    if (limit !== undefined) expect(postTextLength(fieldValue)).toBeLessThanOrEqual(limit);
    for (const character of fieldValue) {
      expect(FORBIDDEN.has(character)).toBe(false);
      expect(character).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    }
    expect(fieldValue).toBe(fieldValue.trim());
  }
}

function acceptedShare<T>(
  arbitrary: fc.Arbitrary<T>,
  parse: (input: T) => Record<string, unknown>,
  limits: Record<string, number>,
): number {
  let accepted = 0;
  fc.assert(
    fc.property(arbitrary, (input) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = parse(input);
      } catch (error) {
        expect(error).toBeInstanceOf(PickPostValidationError);
        return;
      }
      accepted += 1;
      expectWithinSwissPostRules(parsed, limits);
    }),
    { numRuns: 2000 },
  );
  return accepted;
}

describe('whatever a schema accepts fits Swiss Post', () => {
  it('recipients', () => {
    const accepted = acceptedShare(
      recipientInput,
      (input) => validate(RecipientSchema, input, 'recipient'),
      recipientLimits,
    );
    // The generator must reach the accepting branch often enough for the check to mean something.
    expect(accepted).toBeGreaterThan(20);
  });

  it('senders', () => {
    const accepted = acceptedShare(
      senderInput,
      (input) => validate(SenderSchema, input, 'sender'),
      senderLimits,
    );
    expect(accepted).toBeGreaterThan(20);
  });
});

describe('parsing arbitrary input throws nothing but a validation error', () => {
  const schemas = {
    recipient: RecipientSchema,
    sender: SenderSchema,
    pickupPoint: PickupPointSchema,
    parcel: ParcelSchema,
    shipment: ShipmentSchema,
    labelOptions: LabelOptionsSchema,
    config: IntegrationConfigSchema,
  };

  it.each(Object.entries(schemas))('%s', (name, schema) => {
    fc.assert(
      fc.property(
        fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true }),
        (input) => {
          try {
            validate(schema, input, name);
          } catch (error) {
            expect(error).toBeInstanceOf(PickPostValidationError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a configuration, with only ConfigError', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => parseIntegrationConfig(input)).toThrow(ConfigError);
      }),
      { numRuns: 500 },
    );
  });

  it('objects whose properties throw when read', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        has() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    expect(() => validate(RecipientSchema, hostile, 'recipient')).toThrow(PickPostValidationError);
  });
});
