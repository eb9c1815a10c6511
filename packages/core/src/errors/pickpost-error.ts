import type { PickPostErrorCode } from './codes';
import { PICKPOST_ERROR_CODES } from './codes';
import { redactSecrets } from './redact';

/** What `toJSON()` of a cause looks like: never its message, which may quote a credential. */
export type CauseSummary =
  | PickPostErrorJSON
  | { name: string; code?: string }
  | { type: string }
  | undefined;

/** The serialised form of every PickPost error. */
export interface PickPostErrorJSON {
  name: string;
  code: PickPostErrorCode;
  message: string;
  cause?: CauseSummary;
  [detail: string]: unknown;
}

export interface PickPostErrorOptions {
  /** The error that led to this one. It is kept for debugging but never serialised verbatim. */
  cause?: unknown;
}

/**
 * Every error class exported by PickPost. Guards compare `name` against this list so they also
 * recognise errors thrown by a second copy of `@pickpost/core` (two versions in one
 * `node_modules`, or the ESM and CJS builds side by side), where `instanceof` fails.
 */
export const PICKPOST_ERROR_NAMES = [
  'PickPostError',
  'PostApiError',
  'PostAuthError',
  'PostNetworkError',
  'PostTimeoutError',
  'PickPostValidationError',
  'ConfigError',
  'IdentcodeError',
  'PostResponseError',
  'LabelRenderError',
  'HostKeyMismatchError',
  'ItemNumbersExhaustedError',
  'IdempotencyConflictError',
] as const;

export type PickPostErrorName = (typeof PICKPOST_ERROR_NAMES)[number];

const ERROR_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;

/**
 * The base class of every error PickPost throws. It carries a `code` from
 * {@link PICKPOST_ERROR_CODES}, keeps the original `cause`, and serialises (`toJSON()`, logs,
 * `util.inspect`) without ever including a secret: messages are redacted and a foreign cause is
 * reduced to its class name and error code.
 *
 * @example
 * try {
 *   await pickpost.fulfil(order);
 * } catch (error) {
 *   if (isPickPostError(error) && error.code === 'POST_TIMEOUT') retryLater(order);
 *   else throw error;
 * }
 */
export class PickPostError extends Error {
  override name: PickPostErrorName = 'PickPostError';
  readonly code: PickPostErrorCode;

  constructor(code: PickPostErrorCode, message?: string, options: PickPostErrorOptions = {}) {
    super(redactSecrets(message ?? PICKPOST_ERROR_CODES[code]), { cause: options.cause });
    this.code = code;
  }

  /** Always `true`; lets duck-typed checks recognise PickPost errors from another copy. */
  get isPickPostError(): true {
    return true;
  }

  /** Extra serialisable fields of a subclass (status, Swiss Post code, issues…). */
  protected details(): Record<string, unknown> {
    return {};
  }

  /**
   * The error as plain data for logs and HTTP answers: name, code, message, details, and a summary
   * of the cause without its message, so no credential a cause quotes is serialised.
   */
  toJSON(): PickPostErrorJSON {
    const json: PickPostErrorJSON = {
      name: this.name,
      code: this.code,
      message: this.message,
      ...this.details(),
    };
    const cause = summariseCause(this.cause);
    if (cause !== undefined) json.cause = cause;
    return json;
  }

  /**
   * Node prints an error's `cause` in full, message included, when an error is logged with
   * `console.log` or `util.inspect`. A cause from a third-party library may quote a credential,
   * so the printed form shows the cause's class and stack frames but not its message.
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const ownStack = this.stack ?? `${this.name}: ${this.message}`;
    const lines = [ownStack];
    const cause = summariseCause(this.cause);
    if (cause !== undefined) {
      lines.push(`  [cause]: ${JSON.stringify(cause)}`);
      const causeFrames = stackFrames(this.cause);
      if (causeFrames) lines.push(causeFrames);
    }
    return lines.join('\n');
  }
}

function stackFrames(cause: unknown): string | undefined {
  if (!(cause instanceof Error) || typeof cause.stack !== 'string') return undefined;
  const frames = cause.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.map((line) => `    ${line.trim()}`).join('\n') : undefined;
}

/**
 * Reduces a cause to what is safe to serialise: a PickPost error's own JSON, or the name and
 * error code (`ECONNRESET`, `ERR_…`) of any other error. Foreign messages are dropped because
 * HTTP, SSH and database libraries sometimes quote the request, URL or credentials they used.
 */
export function summariseCause(cause: unknown): CauseSummary {
  if (cause === undefined || cause === null) return undefined;
  if (isPickPostError(cause)) return cause.toJSON();
  if (cause instanceof Error || (typeof cause === 'object' && 'name' in cause)) {
    const { name, code } = cause as { name?: unknown; code?: unknown };
    const summary: { name: string; code?: string } = {
      name: typeof name === 'string' ? name : 'Error',
    };
    if (typeof code === 'string' && ERROR_CODE_PATTERN.test(code)) summary.code = code;
    return summary;
  }
  return { type: typeof cause };
}

/**
 * Whether `value` is an error thrown by PickPost, from this copy of `@pickpost/core` or another.
 *
 * @example
 * if (isPickPostError(error)) logger.warn(error.code, error.toJSON());
 */
export function isPickPostError(value: unknown): value is PickPostError {
  if (value instanceof PickPostError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown; isPickPostError?: unknown };
  return (
    candidate.isPickPostError === true &&
    typeof candidate.name === 'string' &&
    (PICKPOST_ERROR_NAMES as readonly string[]).includes(candidate.name) &&
    typeof candidate.code === 'string' &&
    candidate.code in PICKPOST_ERROR_CODES
  );
}

/** Whether `value` is a PickPost error of the class called `name`, from any copy of core. */
export function isPickPostErrorNamed(value: unknown, name: PickPostErrorName): boolean {
  return isPickPostError(value) && value.name === name;
}
