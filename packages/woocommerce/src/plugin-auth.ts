import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signed request's timestamp may be from the service's clock (5 minutes). */
export const PLUGIN_CLOCK_TOLERANCE_SECONDS = 300;

export type PluginCustomer =
  | { kind: 'none' }
  | { kind: 'verified'; customerRef: string }
  | { kind: 'refused'; reason: string };

/**
 * The shopper a request from the WordPress plugin's proxy speaks for: the plugin sends
 * `X-PickPost-Customer`, `X-PickPost-Timestamp` and `X-PickPost-Signature`, the hex
 * HMAC-SHA256 of `"<customerRef>.<timestamp>"` with the shared secret
 * (`wordpress-plugin/README.md`, "How it talks to the sync service"). Compared in constant
 * time; a stale timestamp or a wrong signature is refused, no headers at all is `none`.
 *
 * @example
 * const who = pluginCustomer(request.headers, sharedSecret);
 * if (who.kind === 'verified') customerRef = who.customerRef;
 */
export function pluginCustomer(
  headers: Headers,
  sharedSecret: string,
  nowMs: number = Date.now(),
): PluginCustomer {
  const customerRef = headers.get('x-pickpost-customer');
  const timestamp = headers.get('x-pickpost-timestamp');
  const signature = headers.get('x-pickpost-signature');
  if (customerRef === null && timestamp === null && signature === null) return { kind: 'none' };
  if (customerRef === null || timestamp === null || signature === null)
    return { kind: 'refused', reason: 'incomplete signed customer headers' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature))
    return { kind: 'refused', reason: 'malformed signed customer headers' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > PLUGIN_CLOCK_TOLERANCE_SECONDS)
    return { kind: 'refused', reason: 'the signed customer headers are stale (check the clocks)' };
  const expected = createHmac('sha256', sharedSecret)
    .update(`${customerRef}.${timestamp}`)
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex')))
    return { kind: 'refused', reason: 'the customer signature does not match (shared secret?)' };
  return { kind: 'verified', customerRef };
}
