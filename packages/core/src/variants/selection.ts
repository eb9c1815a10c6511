import { createHmac } from 'node:crypto';
import * as z from 'zod';
import { equalBytes } from '../digests';
import { PickPostError } from '../errors/index';
import { PickupPointSchema } from '../schemas/pickup-point';
import { validate } from '../schemas/validate';
import { VARIANTS } from '../schemas/variants';

/** What a signed checkout selection says. */
export const SelectionPayloadSchema = z.object({
  v: z.literal(1),
  /** The shop's customer (or cart) the selection was made for. */
  customerRef: z.string(),
  variant: z.literal(VARIANTS),
  point: PickupPointSchema,
  pickpostId: z.string().optional(),
  /** Issued at and expires at, epoch seconds. */
  iat: z.number().int(),
  exp: z.number().int(),
});
/**
 * A signed checkout selection: the customer reference, variant, chosen point and PickPost ID, with
 * issue and expiry times; what `fulfil()` trusts once the signature holds.
 */
export type SelectionPayload = z.infer<typeof SelectionPayloadSchema>;

/**
 * The shape check of a payload whose signature holds. Only this SDK signs selections, and it
 * parsed the whole payload with {@link SelectionPayloadSchema} before signing it (the point with
 * `PickupPointSchema`), so a second full parse per order would repeat work on the hot path of
 * `fulfil()`. What is checked here is what a payload from another version of the SDK (signed
 * with the same secret) could get wrong: the version, and the fields the order is checked
 * against.
 */
function isSignedPayloadShape(value: unknown): value is SelectionPayload {
  if (typeof value !== 'object' || value === null) return false;
  const payload = value as Record<string, unknown>;
  const point = payload.point as Record<string, unknown> | null | undefined;
  return (
    payload.v === 1 &&
    typeof payload.customerRef === 'string' &&
    (VARIANTS as readonly unknown[]).includes(payload.variant) &&
    typeof point === 'object' &&
    point !== null &&
    typeof point.id === 'string' &&
    (point.kind === 'pickpost' || point.kind === 'mypost24') &&
    (payload.pickpostId === undefined || typeof payload.pickpostId === 'string') &&
    Number.isInteger(payload.iat) &&
    Number.isInteger(payload.exp)
  );
}

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const mac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`pickpost-selection.${body}`).digest();

/**
 * Signs a selection: `<base64url JSON>.<base64url HMAC-SHA256>`. The token is opaque to the
 * browser but not secret (it holds the point and the PickPost ID the customer chose); what it
 * guarantees is that nobody changed it after the shop's server made it.
 */
export function signSelection(payload: SelectionPayload, secret: string): string {
  // Parsed in full here, once, so that reading it back per order can trust what it signed.
  const body = encode(JSON.stringify(validate(SelectionPayloadSchema, payload, 'selection')));
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Whether `text` is exactly what base64url encoding of its bytes gives: no padding, no extras. */
/** The bytes of `text` if it is base64url as we write it (no padding, no other spelling). */
function canonicalBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

/**
 * Reads a selection whose signature holds (checked in constant time), whatever its age: for an
 * order whose parcel exists already, the selection it was made with may have expired since.
 * Only the exact encoding `signSelection` produces is accepted: padding, standard base64 or
 * characters slipped in make it `SELECTION_INVALID`, so one selection has one spelling.
 */
export function readSelection(token: unknown, secret: string): SelectionPayload {
  const invalid = (why: string) =>
    new PickPostError('SELECTION_INVALID', `The pick-up point selection is not valid: ${why}`);
  if (typeof token !== 'string' || token.length > 8_192) throw invalid('it is missing or too long');
  const [body, signature, extra] = token.split('.');
  if (body === undefined || signature === undefined || extra !== undefined)
    throw invalid('it is malformed');
  const bodyBytes = canonicalBase64url(body);
  const given = canonicalBase64url(signature);
  if (bodyBytes === undefined || given === undefined) throw invalid('it is malformed');
  if (!equalBytes(given, mac(secret, body)))
    throw invalid('its signature does not match (it was altered or signed with another secret)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyBytes.toString('utf8'));
  } catch {
    throw invalid('it is malformed');
  }
  if (!isSignedPayloadShape(parsed)) throw invalid('it is malformed');
  return parsed;
}

/** Throws `SELECTION_EXPIRED` when a selection has outlived its lifetime at `nowMs`. */
export function assertSelectionFresh(payload: SelectionPayload, nowMs: number): void {
  if (payload.exp * 1000 <= nowMs) {
    throw new PickPostError(
      'SELECTION_EXPIRED',
      `The pick-up point selection expired at ${new Date(payload.exp * 1000).toISOString()}: ask the customer to choose the point again`,
    );
  }
}

/**
 * Checks a selection's signature (in constant time) and lifetime and returns what it says.
 * A changed or malformed token is `SELECTION_INVALID`, an old one `SELECTION_EXPIRED`.
 */
export function verifySelection(token: unknown, secret: string, nowMs: number): SelectionPayload {
  const payload = readSelection(token, secret);
  assertSelectionFresh(payload, nowMs);
  return payload;
}
