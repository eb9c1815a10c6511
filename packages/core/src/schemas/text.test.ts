/**
 * `normalisePostText` and `postTextProblems` answer plain ASCII from one regular expression
 * each (the fast paths every order takes); these properties hold them to the rules as written
 * out here, character by character, on text that mixes ASCII with what the fast paths refuse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePostText, postTextProblems } from './text';

const FORBIDDEN = new Set(['*', '\\', '{', '}', '[', ']', '=', '<', '>', '|']);
const ALPHABET = [
  ...Array.from({ length: 95 }, (_, index) => String.fromCharCode(0x20 + index)),
  '\t',
  '\n',
  '\u00a0',
  '\u00ad',
  'é',
  'e\u0301',
  '\u2019',
  '«',
  '😀',
];
const text = fc
  .array(fc.constantFrom(...ALPHABET), { maxLength: 40 })
  .map((parts) => parts.join(''));

function normalisedByTheRules(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/\s+/gu, ' ')
    .trim();
}

function fineByTheRules(value: string, max: number): boolean {
  const characters = [...value];
  const printable = (character: string) => {
    const code = character.codePointAt(0) ?? 0;
    return (
      code !== 0xad &&
      ((code >= 0x20 && code <= 0x7e) ||
        (code >= 0xa0 && code <= 0x24f) ||
        (code >= 0x300 && code <= 0x36f))
    );
  };
  return (
    characters.length <= max &&
    characters.every((character) => !FORBIDDEN.has(character) && printable(character))
  );
}

describe('Swiss Post text rules', () => {
  it('normalise any text as NFC, ASCII quotes, single spaces, trimmed', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(normalisePostText(value)).toBe(normalisedByTheRules(value));
      }),
      { numRuns: 3_000 },
    );
  });

  it('find a problem exactly when a character is forbidden or unprintable, or the text too long', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 45 }), (value, max) => {
        const normalised = normalisePostText(value);
        expect(postTextProblems(normalised, max).length === 0).toBe(
          fineByTheRules(normalised, max),
        );
      }),
      { numRuns: 3_000 },
    );
  });

  it('count characters, not UTF-16 units, against the limit', () => {
    expect(postTextProblems('😀'.repeat(3), 3).map((problem) => problem.code)).toEqual([
      'unprintable_character',
    ]);
    expect(postTextProblems('é'.repeat(35), 35)).toEqual([]);
    expect(postTextProblems('a'.repeat(36), 35).map((problem) => problem.code)).toEqual([
      'too_long',
    ]);
  });
});
