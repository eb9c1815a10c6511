import { redactSecrets } from '../errors/redact';

/** Structured fields of a log line. Values are redacted before they reach the sink. */
export type LogFields = Record<string, unknown>;

/**
 * Where PickPost writes what it does. Small on purpose: pino, winston, console and Medusa's
 * logger all fit it with a one-line adapter.
 */
export interface Logger {
  /** Detail for debugging: requests, retries, timings. */
  debug(message: string, fields?: LogFields): void;
  /** What PickPost did: a label made, a file delivered. */
  info(message: string, fields?: LogFields): void;
  /** Something went wrong but was handled: a retry, a skipped entry. */
  warn(message: string, fields?: LogFields): void;
  /** An operation failed and needs attention. */
  error(message: string, fields?: LogFields): void;
}

/** The default: says nothing. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

const SECRET_FIELD =
  /secret|password|passphrase|token|authorization|private.?key|api.?key|subscription.?key|connection.?string/i;

/**
 * Whether a field or setting with this name holds a credential (`clientSecret`, `password`,
 * `privateKey`, `subscriptionKey`, `connectionString`, `authorization`…): the one list the
 * redacting logger blanks and configuration readers treat as secret.
 *
 * @example
 * isSecretFieldName('clientSecret') // true
 * isSecretFieldName('clientId') // false
 */
export function isSecretFieldName(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** How deep a logged value is followed; anything below is cut off, never passed on raw. */
const MAX_DEPTH = 6;
/** Causes followed down a chain (a cycle stops there too). */
const MAX_CAUSES = 5;

/**
 * An error that is not a PickPost error (those have a secret-free `toJSON`): its name, redacted
 * message, stack and cause chain, which `JSON.stringify` would otherwise turn into `{}`.
 */
function serialiseError(
  error: Error,
  secrets: readonly string[],
  depth: number,
  seen: Set<unknown>,
): Record<string, unknown> {
  seen.add(error);
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  return {
    name: error.name,
    message: redactSecrets(error.message, secrets),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.stack === undefined ? {} : { stack: redactSecrets(error.stack, secrets) }),
    ...(cause === undefined
      ? {}
      : {
          cause:
            seen.size > MAX_CAUSES || seen.has(cause)
              ? '[truncated]'
              : redactValue(cause, secrets, depth + 1, seen),
        }),
  };
}

function redactValue(
  value: unknown,
  secrets: readonly string[],
  depth: number,
  seen: Set<unknown> = new Set(),
): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[truncated]';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return redactValue((value as { toJSON(): unknown }).toJSON(), secrets, depth + 1, seen);
  }
  if (value instanceof Error) return serialiseError(value, secrets, depth, seen);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1, seen));
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    result[key] = isSecretFieldName(key)
      ? '[redacted]'
      : redactValue(field, secrets, depth + 1, seen);
  }
  return result;
}

/**
 * Wraps a logger so no line it writes carries a secret: the listed secret values and anything
 * shaped like a credential are replaced in messages and fields, fields named like secrets
 * (`clientSecret`, `password`, `authorization`…) are blanked, and errors are logged through
 * their secret-free `toJSON()`.
 *
 * @example
 * const logger = createRedactingLogger(pinoLikeLogger, [config.post.clientSecret]);
 */
export function createRedactingLogger(sink: Logger, secrets: readonly string[] = []): Logger {
  // Nothing to protect when nothing is written; skipping redaction keeps hot paths cheap.
  if (sink === silentLogger) return silentLogger;
  const write =
    (level: keyof Logger) =>
    (message: string, fields?: LogFields): void => {
      const safeMessage = redactSecrets(message, secrets);
      if (fields === undefined) sink[level](safeMessage);
      else sink[level](safeMessage, redactValue(fields, secrets, 0) as LogFields);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
