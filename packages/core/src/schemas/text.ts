import * as z from 'zod';
import { FORBIDDEN_CHARACTERS } from './swiss-post-rules';

/** Typographic quotes become ASCII ones: some Swiss Post back ends reject them [C OCA]. */
const TYPOGRAPHIC_QUOTES: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
];

/**
 * Printable ASCII words with single spaces between them: what most fields are, and what
 * normalising leaves as it is (NFC, the quotes and the white space rules change nothing in it).
 */
const ALREADY_NORMAL = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/**
 * Printable ASCII without a forbidden character: text with none of the problems below, whose
 * length in characters is its length in UTF-16 units. Checked first, in one native pass.
 */
const PLAIN_AND_ALLOWED = /^[\x20-\x29\x2b-\x3b\x3f-\x5a\x5e-\x7a\x7e]*$/;

/**
 * Makes a text field comparable and printable: Unicode NFC (so `é` is one character, as Swiss
 * Post counts it), typographic quotes as ASCII, any run of white space (tabs, line breaks,
 * no-break spaces) as one space, trimmed.
 */
export function normalisePostText(value: string): string {
  if (ALREADY_NORMAL.test(value)) return value;
  let result = value.normalize('NFC');
  for (const [pattern, replacement] of TYPOGRAPHIC_QUOTES) {
    result = result.replace(pattern, replacement);
  }
  return result.replace(/\s+/gu, ' ').trim();
}

/** Length as Swiss Post counts it: characters (code points), not UTF-16 units. */
export function postTextLength(value: string): number {
  let length = 0;
  for (const _ of value) length += 1;
  return length;
}

/**
 * Characters a Swiss Post label can print [G]. The reference gives no character set; labels
 * are printed with Arial-like fonts and DataTransfer files are read by systems built for Latin
 * text, so we accept Latin scripts (Basic Latin, Latin-1, Latin Extended-A/B and Additional),
 * combining accents, common punctuation and the euro sign, and refuse the rest (emoji, other
 * scripts) before anything reaches the Post.
 */
const PRINTABLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B
  [0x0300, 0x036f], // combining accents (NFC leaves some, e.g. on Vietnamese letters)
  [0x1e00, 0x1eff], // Latin Extended Additional
  [0x2010, 0x2027], // dashes, bullets, ellipsis
  [0x20ac, 0x20ac], // euro sign
];

/**
 * Invisible format characters inside those ranges: the soft hyphen (U+00AD) prints nothing or a
 * hyphen depending on the printer and line break, so a name with one reads differently on the
 * label, in the Barcode web service and in DataTransfer.
 */
const INVISIBLE = new Set([0x00ad]);

function isPrintable(character: string): boolean {
  const codePoint = character.codePointAt(0) ?? 0;
  return (
    !INVISIBLE.has(codePoint) &&
    PRINTABLE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to)
  );
}

const FORBIDDEN = new Set<string>(FORBIDDEN_CHARACTERS);

/**
 * Characters quoted for a message, so the renderer's checks name them as the schemas do.
 *
 * @example
 * quoteList(['<', '>']) // "'<', '>'"
 */
export function quoteList(characters: readonly string[]): string {
  return characters.map((character) => `'${character}'`).join(', ');
}

/**
 * Every Swiss Post text rule broken by `value` (already normalised), as messages. Used by the
 * schemas and by the label renderer's last check, so both say the same thing.
 */
export function postTextProblems(
  value: string,
  maxLength: number,
): Array<{ code: string; message: string }> {
  const problems: Array<{ code: string; message: string }> = [];
  if (value.length <= maxLength && PLAIN_AND_ALLOWED.test(value)) return problems;
  const forbidden: string[] = [];
  const unprintable: string[] = [];
  for (const character of value) {
    if (FORBIDDEN.has(character)) {
      if (!forbidden.includes(character)) forbidden.push(character);
    } else if (!isPrintable(character) && !unprintable.includes(character)) {
      unprintable.push(character);
    }
  }
  if (forbidden.length > 0) {
    problems.push({
      code: 'forbidden_character',
      message: `contains the forbidden character${forbidden.length > 1 ? 's' : ''} ${quoteList(forbidden)} (Swiss Post refuses * \\ { } [ ] = < > |)`,
    });
  }
  if (unprintable.length > 0) {
    const shown = unprintable.map((character) =>
      /[\p{Cc}\p{Cf}]/u.test(character)
        ? `U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`
        : character,
    );
    problems.push({
      code: 'unprintable_character',
      message: `contains characters a Swiss Post label cannot print: ${quoteList(shown)}`,
    });
  }
  const length = postTextLength(value);
  if (length > maxLength) {
    problems.push({
      code: 'too_long',
      message: `must be at most ${maxLength} characters (has ${length})`,
    });
  }
  return problems;
}

interface PostTextOptions {
  /** Maximum length in characters, from Swiss Post's field table. */
  max: number;
}

function addTextProblems(value: string, max: number, ctx: z.RefinementCtx): void {
  for (const problem of postTextProblems(value, max)) {
    ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
  }
}

/**
 * A required Swiss Post text field: normalised, not empty, at most `max` characters, without
 * forbidden or unprintable characters.
 *
 * @example
 * const Name = postText({ max: 35 });
 */
export function postText({ max }: PostTextOptions) {
  return z
    .string({ error: 'must be text' })
    .transform(normalisePostText)
    .superRefine((value, ctx) => {
      if (value === '') {
        ctx.addIssue({ code: 'custom', message: 'is required', params: { code: 'required' } });
        return;
      }
      addTextProblems(value, max, ctx);
    });
}

/**
 * An optional Swiss Post text field. `null`, `''` and white space count as absent (shop
 * platforms send empty strings for empty fields) and come out as `undefined`.
 *
 * @example
 * const Name2 = optionalPostText({ max: 35 });
 */
export function optionalPostText({ max }: PostTextOptions) {
  return z
    .string({ error: 'must be text' })
    .nullish()
    .transform((value) => {
      if (value === null || value === undefined) return undefined;
      const normalised = normalisePostText(value);
      return normalised === '' ? undefined : normalised;
    })
    .superRefine((value, ctx) => {
      if (value !== undefined) addTextProblems(value, max, ctx);
    })
    .optional();
}
