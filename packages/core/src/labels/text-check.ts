import type { ValidationIssue } from '../errors/index';
import { postTextProblems, quoteList } from '../schemas/text';
import type { AddressLine } from './addressing';
import { missingGlyphs } from './fonts';

/**
 * Code points already seen to be printable, allowed and present in the label font. Bounded by
 * the printable ranges the schemas allow: a few thousand characters at most.
 */
const cleanLatin = new Uint8Array(0x250);
const cleanOthers = new Set<number>();

function isClean(text: string): boolean {
  for (let index = 0, code = 0; index < text.length; index += code > 0xffff ? 2 : 1) {
    code = text.codePointAt(index) as number;
    if (code < cleanLatin.length ? cleanLatin[code] === 1 : cleanOthers.has(code)) continue;
    const character = String.fromCodePoint(code);
    if (postTextProblems(character, 1).length > 0 || missingGlyphs(character).length > 0) {
      return false;
    }
    if (code < cleanLatin.length) cleanLatin[code] = 1;
    else cleanOthers.add(code);
  }
  return true;
}

/**
 * Checks what the schemas cannot know: every character has a glyph in the label font, and the
 * line text still follows the Swiss Post text rules (inputs are typed, but may not have been
 * parsed). Problems go to `issues`, under the line's first field.
 */
export function checkLineText(line: AddressLine, issues: ValidationIssue[]): void {
  if (isClean(line.text)) return;
  const path = line.fields[0] ?? '';
  const problems = postTextProblems(line.text, Number.POSITIVE_INFINITY);
  for (const problem of problems)
    issues.push({ path, message: problem.message, code: problem.code });
  // Characters the rules already refuse need not be reported twice.
  const missing = problems.some((problem) => problem.code === 'unprintable_character')
    ? []
    : missingGlyphs(line.text);
  if (missing.length > 0) {
    issues.push({
      path,
      message: `contains characters the label font cannot draw: ${quoteList(missing)}`,
      code: 'unprintable_character',
    });
  }
}
