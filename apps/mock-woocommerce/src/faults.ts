import type { Random } from './random';

/** The route groups faults and records are kept by. */
export const ROUTES = [
  'orders',
  'order-notes',
  'webhooks',
  'products',
  'shipment-tracking',
  'index',
] as const;
export type RouteName = (typeof ROUTES)[number];

/**
 * What goes wrong on a route: rates between 0 and 1 drawn from the simulator's seeded generator
 * (the same faults on every run for the same seed), and fixed delays and clock skew.
 * The host and WAF faults (429, 502, 503, HTML) answer before WordPress runs, so nothing changes.
 */
export interface FaultConfig {
  /** Added before answering, in ms, plus a uniform random extra of up to `jitterMs`. */
  latencyMs?: number;
  jitterMs?: number;
  /** 429 with `Retry-After: retryAfterSeconds` (default 30), as a host's rate limiter sends it. */
  rateLimitRate?: number;
  retryAfterSeconds?: number;
  /**
   * `errorStatus` (default 503): 500 is WordPress's fatal-error JSON (`internal_server_error`),
   * 502 and 503 a proxy's HTML page.
   */
  errorRate?: number;
  errorStatus?: 500 | 502 | 503;
  /** HTTP 200 with an HTML page (a WAF challenge) instead of JSON. */
  htmlRate?: number;
  /**
   * The connection is closed without an answer: `before` the shop ran, or (the default) `after`
   * it processed the request, so the change happened and the client cannot know.
   */
  dropRate?: number;
  dropWhen?: 'before' | 'after';
  /** The shop's clock is this many seconds ahead (negative: behind) when it checks OAuth timestamps. */
  clockSkewSeconds?: number;
  /** Only the next `times` requests of the route, then the fault clears itself. */
  times?: number;
}

export type FaultPlan = Partial<Record<RouteName, FaultConfig>>;

/** The faults decided for one request. */
export interface FaultDecision {
  delayMs: number;
  answer?: 'rate-limit' | 'error' | 'html' | undefined;
  drop?: 'before' | 'after' | undefined;
  clockSkewSeconds: number;
}

/**
 * Draws the faults of one request. Rates are checked in a fixed order (429, error, HTML, drop),
 * so a seed always yields the same sequence.
 *
 * @example
 * decideFaults({ errorRate: 1, errorStatus: 502 }, random).answer; // 'error'
 */
export function decideFaults(config: FaultConfig | undefined, random: Random): FaultDecision {
  if (config === undefined) return { delayMs: 0, clockSkewSeconds: 0 };
  const hit = (rate: number | undefined) => rate !== undefined && random() < rate;
  const decision: FaultDecision = {
    delayMs: (config.latencyMs ?? 0) + random() * (config.jitterMs ?? 0),
    clockSkewSeconds: config.clockSkewSeconds ?? 0,
  };
  if (hit(config.rateLimitRate)) decision.answer = 'rate-limit';
  else if (hit(config.errorRate)) decision.answer = 'error';
  else if (hit(config.htmlRate)) decision.answer = 'html';
  else if (hit(config.dropRate)) decision.drop = config.dropWhen ?? 'after';
  return decision;
}

/**
 * The plan after a request took its faults: a `times` counted down, dropped at zero.
 *
 * @example
 * countDown({ errorRate: 1, times: 1 }); // undefined
 */
export function countDown(config: FaultConfig | undefined): FaultConfig | undefined {
  if (config?.times === undefined) return config;
  return config.times <= 1 ? undefined : { ...config, times: config.times - 1 };
}
