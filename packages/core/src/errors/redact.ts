const REDACTED = '[redacted]';

/**
 * Shapes in which a credential can appear inside free text, each with its replacement: PEM
 * private keys, `Bearer`/`Basic` authorisation values, `key=value` and `"key": "value"` pairs
 * for the names Swiss Post, WooCommerce and SFTP use, and a password inside a URL. Pattern
 * matching is a second line of defence only; the first is that errors and logs never
 * interpolate a secret in the first place.
 */
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${REDACTED}`],
  [
    /\b((?:client[_-]?secret|consumer[_-]?secret|access[_-]?token|refresh[_-]?token|api[_-]?key|password|passphrase|secret|token|private[_-]?key)["']?\s*[:=]\s*["']?)[^"'\s&,;}]+/gi,
    `$1${REDACTED}`,
  ],
  [/(\/\/[^/\s:@]+:)[^/\s@]+@/g, `$1${REDACTED}@`],
];

/**
 * Replaces credentials in `text` with `[redacted]`: every value listed in `secrets` (secrets
 * shorter than 4 characters are ignored, they would blank out ordinary words) and every pattern
 * that looks like one.
 *
 * @example
 * redactSecrets('client_secret=abc123&scope=x') // 'client_secret=[redacted]&scope=x'
 * redactSecrets('the key is s3cr3t-value', ['s3cr3t-value']) // 'the key is [redacted]'
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}
