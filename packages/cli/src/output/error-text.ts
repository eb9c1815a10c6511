import { redactSecrets } from '@pickpost/core';

/**
 * What a failure says on the terminal, with the given secret values and anything shaped like a
 * credential replaced by `[redacted]`.
 *
 * @example
 * io.err(`Error: ${errorText(error, secrets)}`);
 */
export function errorText(error: unknown, secrets: readonly string[] = []): string {
  return redactSecrets(error instanceof Error ? error.message : String(error), secrets);
}
