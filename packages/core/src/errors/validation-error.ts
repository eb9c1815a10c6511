import type { PickPostErrorCode } from './codes';
import type { PickPostErrorOptions } from './pickpost-error';
import { isPickPostErrorNamed, PickPostError } from './pickpost-error';

/** One broken rule: where (`recipient.name1`, `parcel.przl[0]`), what, and a machine code. */
export interface ValidationIssue {
  /** The failing field as a readable path; empty for the input as a whole. */
  path: string;
  /** What is wrong, in words a shop owner can act on. Never quotes a secret. */
  message: string;
  /** A stable code: zod's (`too_big`, `invalid_type`…) or PickPost's (`forbidden_character`…). */
  code: string;
}

/** Formats a path such as `['items', 3, 'name1']` as `items[3].name1`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let result = '';
  for (const key of path) {
    if (typeof key === 'number') result += `[${key}]`;
    else result += result === '' ? String(key) : `.${String(key)}`;
  }
  return result;
}

/** Issues as one line for an error message: `path: message; message; …`. */
export function listIssues(issues: ReadonlyArray<{ path: string; message: string }>): string {
  return issues
    .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`))
    .join('; ');
}

function describeIssues(subject: string, issues: readonly ValidationIssue[]): string {
  return `Invalid ${subject}: ${listIssues(issues)}`;
}

abstract class IssueListError extends PickPostError {
  /** Every failing field at once, so a form can mark them all in one round trip. */
  readonly issues: readonly ValidationIssue[];
  /** What was being validated (`recipient`, `shipment`, `configuration`…). */
  readonly subject: string;

  constructor(
    code: PickPostErrorCode,
    subject: string,
    issues: readonly ValidationIssue[],
    options?: PickPostErrorOptions,
  ) {
    super(code, describeIssues(subject, issues), options);
    this.subject = subject;
    this.issues = Object.freeze([...issues]);
  }

  /** The failing paths, in the order the rules were checked. */
  get paths(): string[] {
    return this.issues.map((issue) => issue.path);
  }

  protected override details(): Record<string, unknown> {
    return { subject: this.subject, issues: this.issues };
  }
}

/**
 * Input broke a Swiss Post rule or the schema. Thrown before anything reaches Swiss Post, with
 * every failing path listed at once.
 *
 * @example
 * try {
 *   parseRecipient(form);
 * } catch (error) {
 *   if (isPickPostValidationError(error)) showFieldErrors(error.issues);
 * }
 */
export class PickPostValidationError extends IssueListError {
  override name = 'PickPostValidationError' as const;

  constructor(subject: string, issues: readonly ValidationIssue[], options?: PickPostErrorOptions) {
    super('VALIDATION_FAILED', subject, issues, options);
  }
}

/** The integration configuration is incomplete or contradicts its variant. */
export class ConfigError extends IssueListError {
  override name = 'ConfigError' as const;

  constructor(issues: readonly ValidationIssue[], options?: PickPostErrorOptions) {
    super('CONFIG_INVALID', 'configuration', issues, options);
  }
}

/** Whether `value` is a {@link PickPostValidationError}, from this copy of core or another. */
export function isPickPostValidationError(value: unknown): value is PickPostValidationError {
  return (
    value instanceof PickPostValidationError ||
    isPickPostErrorNamed(value, 'PickPostValidationError')
  );
}

/** Whether `value` is a {@link ConfigError}, from this copy of core or another. */
export function isConfigError(value: unknown): value is ConfigError {
  return value instanceof ConfigError || isPickPostErrorNamed(value, 'ConfigError');
}
