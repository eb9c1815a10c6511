import * as z from 'zod';

/**
 * An object-level rule (a field that depends on another) that runs even when some fields
 * already failed, so that one validation error lists every problem at once instead of
 * revealing them one round trip at a time. zod skips such rules by default when a field failed;
 * a rule given here must therefore cope with fields that are missing or of the wrong type.
 *
 * The rule never runs when the value is not an object at all: a missing `sender` has already
 * been reported as required, and zod would otherwise call the rule with `undefined`.
 */
export function everyTime<T>(rule: (value: T, ctx: z.RefinementCtx<T>) => void) {
  return z.superRefine<T>(rule, {
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });
}
