import type { AuthKind } from './auth';
import type { RouteName } from './faults';

/** One HTTP request the simulator received. Consumer secrets and Basic credentials are left out. */
export interface RequestRecord {
  method: string;
  /** The route group (`orders`, `order-notes`, …) or `unknown`. */
  route: RouteName | 'unknown';
  /** The REST route, e.g. `/wc/v3/orders/42`, from the path or from `?rest_route=`. */
  restRoute: string;
  /** Path and query as sent, with `consumer_secret` replaced by `[redacted]`. */
  url: string;
  query: Record<string, unknown>;
  body: unknown;
  auth: AuthKind;
  consumerKey?: string | undefined;
  status: number | 'dropped';
  /** The fault that answered instead of the shop, if any. */
  fault?: string | undefined;
  secure: boolean;
  at: number;
  /** From the request's arrival to its answer being written, in ms (faults' delays included). */
  durationMs: number;
}

/** One webhook delivery attempt (a ping or an event), with the receiver's answer. */
export interface DeliveryRecord {
  webhookId: number;
  kind: 'ping' | 'event';
  topic: string;
  /** The resource id the event was about (0 for pings). */
  resourceId: number;
  url: string;
  /** The headers sent (for events: `X-WC-Webhook-*`, `Content-Type`, `User-Agent`). */
  headers: Record<string, string>;
  /** Exactly the bytes sent; the signature covers these. */
  body: string;
  response?: { status: number; headers: Record<string, string>; body: string } | undefined;
  error?: string | undefined;
  /** WooCommerce's verdict: 200–302 for events, exactly 200 for pings. */
  success: boolean;
  /** The webhook's status and failure count after this attempt. */
  webhookStatus: string;
  failureCount: number;
  at: number;
  durationMs: number;
}
