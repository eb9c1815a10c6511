import type * as z from 'zod';
import type { ValidationIssue } from '../errors/index';
import { ConfigError, formatIssuePath, PickPostValidationError } from '../errors/index';
import { IntegrationConfigSchema } from './integration-config';

type ZodIssue = z.core.$ZodIssue;

/** Codes zod gives a field whose value is of the wrong kind, which a missing value also is. */
const WRONG_KIND = new Set(['invalid_type', 'invalid_union', 'invalid_value']);

/** Whether the field at `path` is absent from `input` (or explicitly `undefined`). */
function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value === undefined;
}

/**
 * Turns zod's issues into PickPost's: readable paths, one entry per unknown key, and "is
 * required" for a field that is missing from `input` (rather than the message for a field of
 * the wrong kind, which told users to give "a franking licence" where they had given nothing).
 */
export function toValidationIssues(
  issues: readonly ZodIssue[],
  input?: unknown,
): ValidationIssue[] {
  const result: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        result.push({
          path: formatIssuePath([...issue.path, key]),
          message: 'is not a known setting (check its spelling)',
          code: 'unrecognized_key',
        });
      }
      continue;
    }
    if (
      input !== undefined &&
      issue.path.length > 0 &&
      WRONG_KIND.has(issue.code) &&
      isMissing(input, issue.path)
    ) {
      result.push({ path: formatIssuePath(issue.path), message: 'is required', code: 'required' });
      continue;
    }
    const params =
      issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined) : undefined;
    result.push({
      path: formatIssuePath(issue.path),
      message: issue.message,
      code: typeof params?.code === 'string' ? params.code : issue.code,
    });
  }
  return result;
}

function issuesOf(schema: z.ZodType, input: unknown): ValidationIssue[] | { data: unknown } {
  try {
    const result = schema.safeParse(input);
    return result.success ? { data: result.data } : toValidationIssues(result.error.issues, input);
  } catch {
    // Only hostile input gets here (a getter or proxy that throws while being read).
    return [{ path: '', message: 'could not be read', code: 'unreadable_input' }];
  }
}

/**
 * Parses `input` with `schema`, or throws one {@link PickPostValidationError} that lists every
 * failing path. Nothing else is ever thrown, whatever `input` is.
 *
 * @example
 * const recipient = validate(RecipientSchema, form, 'recipient');
 */
export function validate<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  subject: string,
): z.output<TSchema> {
  const outcome = issuesOf(schema, input);
  if (Array.isArray(outcome)) throw new PickPostValidationError(subject, outcome);
  return outcome.data as z.output<TSchema>;
}

/**
 * Parses a PickPost configuration, or throws one {@link ConfigError} listing every problem,
 * including the fields the chosen variant requires. Never echoes a secret.
 *
 * @example
 * const config = parseIntegrationConfig(JSON.parse(await readFile('pickpost.json', 'utf8')));
 */
export function parseIntegrationConfig(input: unknown): z.output<typeof IntegrationConfigSchema> {
  const outcome = issuesOf(IntegrationConfigSchema, input);
  if (Array.isArray(outcome)) throw new ConfigError(outcome);
  return outcome.data as z.output<typeof IntegrationConfigSchema>;
}
