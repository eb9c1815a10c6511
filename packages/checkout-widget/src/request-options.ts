import type { CheckoutApi } from './api';
import { createCheckoutApi } from './api';

// A header name is an HTTP token; anything else would make fetch throw on every request.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

/**
 * The `request-headers` attribute: a JSON object of header names to string values. A malformed
 * one is the page's mistake: it is reported to the developer and the checkout goes on without it.
 */
function parseRequestHeaders(json: string | null): Record<string, string> {
  if (!json) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    console.error('pickpost-point-picker: request-headers must be a JSON object of strings');
    return {};
  }
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (HEADER_NAME.test(name) && typeof text === 'string') headers[name] = text;
    else console.error(`pickpost-point-picker: request-headers: "${name}" is left out`);
  }
  return headers;
}

/** The checkout API as the element's `endpoint`, `request-headers` and `credentials` say. */
export function apiFor(host: Element): CheckoutApi {
  const credentials = host.getAttribute('credentials');
  return createCheckoutApi(host.getAttribute('endpoint') || '/pickpost', fetch, {
    headers: parseRequestHeaders(host.getAttribute('request-headers')),
    ...(credentials === 'omit' || credentials === 'same-origin' || credentials === 'include'
      ? { credentials }
      : {}),
  });
}
