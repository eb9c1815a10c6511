/**
 * The simulated Post checks requests against its own rule tables (`src/rules/`), written from
 * the reference; the SDK has its own (`@pickpost/core`'s `swiss-post-rules.ts`). This test holds
 * the two side by side, field by field and code by code, so a change to either fails here with
 * the field's name, until the other side follows or the difference is listed below with its
 * reason. Every listed difference must still be one: a stale entry fails too.
 */
import {
  ADDITIONAL_SERVICE_CODES,
  BASIC_SERVICE_CODES,
  DELIVERY_INSTRUCTION_CODES,
  FIELD_LIMITS,
  FORBIDDEN_CHARACTERS,
  ITEM_ID_PATTERN,
  LETTER_SERVICE_CODES,
  LIECHTENSTEIN_ZIP_RANGE,
  PrzlListSchema,
  SWISS_ZIP_RANGE,
  UNLISTED_PRZL_PATTERN,
} from '@pickpost/core/rules';
import { describe, expect, it } from 'vitest';
import { MOCK_FIELD_LIMITS } from '../src/rules/field-limits';
import { createFindings } from '../src/rules/item-rules';
import {
  DOMESTIC_ZIP_LENGTH,
  MOCK_FORBIDDEN_CHARACTERS,
  MOCK_ITEM_ID_PATTERN,
} from '../src/rules/patterns';
import {
  MOCK_ADDITIONAL_SERVICES,
  MOCK_BASIC_SERVICES,
  MOCK_COMBINATION_CODES,
  MOCK_DELIVERY_INSTRUCTIONS,
  MOCK_LETTER_ADDITIONAL_SERVICES,
  MOCK_LETTER_BASIC_SERVICES,
  serviceKind,
} from '../src/rules/service-codes';
import { checkAttributes } from '../src/rules/service-rules';

type Tree = { readonly [key: string]: number | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, number> {
  const found = new Map<string, number>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'number') found.set(path, value);
    else for (const [deeper, limit] of leaves(value, path)) found.set(deeper, limit);
  }
  return found;
}

/** Limits where the two sides differ on purpose. */
const LIMIT_DIFFERENCES: Record<string, string> = {};

/** Elements the mock limits and core has no entry for (core builds or checks them elsewhere). */
const MOCK_ONLY_LIMITS: Record<string, string> = {
  'recipient.postIdent': 'core never sends PostIdent (§A1: meaning unclear)',
  'recipient.floorNo': 'core never sends FloorNo',
  'recipient.zip': 'core checks postcodes by pattern (SWISS_ZIP_RANGE), not by length',
  'recipient.country': 'core writes the country code itself',
  'recipient.labelLine': 'core never sends LabelAddress',
  'sender.zip': 'core checks the sender postcode by pattern',
  'sender.country': 'core writes the country code itself',
  'item.deliveryPlace': 'core never sends DeliveryPlace (ZAW3219)',
};

describe('field limits: core FIELD_LIMITS against the mock’s MOCK_FIELD_LIMITS', () => {
  const core = leaves(FIELD_LIMITS as unknown as Tree);
  const mock = leaves(MOCK_FIELD_LIMITS as unknown as Tree);

  it.each([...core.keys()])('%s', (path) => {
    const reason = LIMIT_DIFFERENCES[path];
    if (reason === undefined) {
      expect(mock.get(path), `FIELD_LIMITS.${path}: the mock's limit differs`).toBe(core.get(path));
    } else {
      expect(mock.get(path), `FIELD_LIMITS.${path} is listed as a difference`).not.toBe(
        core.get(path),
      );
    }
  });

  it('the mock limits nothing else than the listed elements', () => {
    const extra = [...mock.keys()].filter((path) => !core.has(path)).sort();
    expect(extra, 'mock-only limits').toEqual(Object.keys(MOCK_ONLY_LIMITS).sort());
  });

  it('core’s unlisted-code pattern matches its own PRZL length', () => {
    const length = FIELD_LIMITS.item.przlCodeLength;
    expect(UNLISTED_PRZL_PATTERN.test('A'.repeat(length))).toBe(true);
    expect(UNLISTED_PRZL_PATTERN.test('A'.repeat(length + 1))).toBe(false);
  });
});

describe('patterns', () => {
  it('forbidden characters are the same', () => {
    expect([...MOCK_FORBIDDEN_CHARACTERS].sort(), 'FORBIDDEN_CHARACTERS').toEqual(
      [...FORBIDDEN_CHARACTERS].sort(),
    );
  });

  it('ItemID takes the same characters, one by one', () => {
    const characters = Array.from({ length: 0x250 }, (_, code) => String.fromCodePoint(code));
    for (const char of [...characters, '€', '’', '😀']) {
      expect(
        MOCK_ITEM_ID_PATTERN.test(`a${char}b`),
        `ITEM_ID_PATTERN on U+${char.codePointAt(0)?.toString(16).padStart(4, '0')}`,
      ).toBe(ITEM_ID_PATTERN.test(`a${char}b`));
    }
  });

  it('domestic postcodes have as many digits as core’s ranges', () => {
    for (const [name, range] of Object.entries({ SWISS_ZIP_RANGE, LIECHTENSTEIN_ZIP_RANGE })) {
      expect(String(range.from).length, `${name}.from`).toBe(DOMESTIC_ZIP_LENGTH);
      expect(String(range.to).length, `${name}.to`).toBe(DOMESTIC_ZIP_LENGTH);
    }
  });
});

/** Codes the mock knows and core does not list, each with the reason. */
const MOCK_ONLY_CODES: Record<string, string> = {};

describe('service codes, code by code', () => {
  const coreKind = (code: string) => {
    if ((BASIC_SERVICE_CODES as readonly string[]).includes(code)) return 'basic';
    if ((ADDITIONAL_SERVICE_CODES as readonly string[]).includes(code)) return 'additional';
    if (DELIVERY_INSTRUCTION_CODES.includes(code)) return 'instruction';
    // Core keeps letter codes in upper case (it reads codes case-insensitively); the mock
    // spells them as the reference does (`eAR`).
    if ((LETTER_SERVICE_CODES as readonly string[]).includes(code.toUpperCase())) return 'letter';
    return undefined;
  };
  const mockKind = (code: string) => {
    const kind = serviceKind(code)?.kind;
    return kind === 'letter-basic' || kind === 'letter-additional' ? 'letter' : kind;
  };
  const coreCodes = [
    ...BASIC_SERVICE_CODES,
    ...ADDITIONAL_SERVICE_CODES,
    ...DELIVERY_INSTRUCTION_CODES,
    ...LETTER_SERVICE_CODES,
  ];
  const mockCodes = [
    ...MOCK_BASIC_SERVICES,
    ...Object.keys(MOCK_COMBINATION_CODES),
    ...MOCK_ADDITIONAL_SERVICES,
    ...MOCK_DELIVERY_INSTRUCTIONS,
    ...MOCK_LETTER_BASIC_SERVICES,
    ...MOCK_LETTER_ADDITIONAL_SERVICES,
  ];

  it.each(coreCodes)('core’s %s is the same kind of service in the mock', (code) => {
    const spelled = mockCodes.find((candidate) => candidate.toUpperCase() === code) ?? code;
    expect(mockKind(spelled), `service code ${code}`).toBe(coreKind(code));
  });

  it.each(mockCodes)('the mock’s %s is the same kind of service in core', (code) => {
    const reason = MOCK_ONLY_CODES[code];
    expect(coreKind(code), `service code ${code}${reason ? ' is listed as mock-only' : ''}`).toBe(
      reason === undefined ? mockKind(code) : undefined,
    );
  });
});

/**
 * Where core's parcel schema and the mock's service rules judge a list of PRZL codes
 * differently on purpose. Each entry says which lists it covers and why.
 */
const COMBINATION_DIFFERENCES: Array<{
  covers: (codes: readonly string[]) => boolean;
  reason: string;
}> = [
  {
    covers: (codes) => codes.some((code) => serviceKind(code) === undefined),
    reason:
      'core lets unlisted codes through for Swiss Post to judge (it adds services); the mock is ' +
      'Swiss Post and knows its codes (E1015)',
  },
  {
    covers: (codes) => codes.includes('SP'),
    reason: 'the mock takes bulky goods (SP) with ECO or PRI only, as §A1 lists it [G, stricter]',
  },
  {
    covers: (codes) =>
      codes.some((code) =>
        codes.some((other) => MOCK_COMBINATION_CODES[other]?.includes.includes(code)),
      ),
    reason: 'the mock refuses a service the combination code already holds (PRISI + SI) [G]',
  },
];

describe('service combinations: core’s PrzlListSchema against the mock’s rules', () => {
  const mockAccepts = (codes: readonly string[]) => {
    const findings = createFindings();
    checkAttributes({ przl: [...codes], weight: 1000 }, 'attributes', findings, 'EN');
    return findings.errors.length === 0 && findings.fieldErrors.length === 0;
  };
  const coreAccepts = (codes: readonly string[]) => PrzlListSchema.safeParse(codes).success;
  const codes = [
    ...new Set([
      ...BASIC_SERVICE_CODES,
      ...ADDITIONAL_SERVICE_CODES,
      'ZAW3211',
      'ZAW3213',
      ...LETTER_SERVICE_CODES,
      ...Object.keys(MOCK_COMBINATION_CODES),
      'XYZ',
      'NEWCODE',
    ]),
  ];
  const lists = [
    ...codes.map((code) => [code]),
    ...codes.flatMap((first, index) => codes.slice(index + 1).map((second) => [first, second])),
    ['PRI', 'SI', 'SI'],
  ];

  it(`judge ${lists.length} lists alike, except for the listed differences`, () => {
    const used = new Set<string>();
    const unexplained: string[] = [];
    for (const list of lists) {
      const core = coreAccepts(list);
      const mock = mockAccepts(list);
      if (core === mock) continue;
      const explained = COMBINATION_DIFFERENCES.find((difference) => difference.covers(list));
      if (explained === undefined) {
        unexplained.push(`${list.join('+')}: core ${core ? 'takes' : 'refuses'} it, the mock not`);
      } else {
        used.add(explained.reason);
      }
    }
    expect(unexplained, 'PRZL lists judged differently').toEqual([]);
    const stale = COMBINATION_DIFFERENCES.filter((difference) => !used.has(difference.reason));
    expect(
      stale.map((difference) => difference.reason),
      'listed differences no list shows',
    ).toEqual([]);
  });
});
