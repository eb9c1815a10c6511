import type { RouteAnswer } from './http';
import { json } from './http';

/** The routes of the simulator, each with its own faults and call counts. */
export const ROUTES = ['token', 'barcode', 'pickpost', 'locations', 'address'] as const;
export type RouteName = (typeof ROUTES)[number];

/**
 * What can go wrong on a route, as rates between 0 and 1 drawn from a seeded generator, so a
 * test that sees a fault sees the same one on every run.
 */
export interface FaultConfig {
  /** Added delay before answering, in ms. */
  latencyMs?: number;
  /** Uniform random extra delay from 0 to this, in ms. */
  jitterMs?: number;
  /** Share of requests answered with `errorStatus` (500 or 503) before any processing. */
  errorRate?: number;
  errorStatus?: 500 | 503;
  /** Share of requests answered with 429 and a `Retry-After` header before any processing. */
  rateLimitRate?: number;
  retryAfterSeconds?: number;
  /**
   * Share of requests whose connection is dropped without an answer. `after` (the default)
   * drops it after the request was processed and recorded: the hard case, where the client
   * cannot know whether its request took effect.
   */
  dropRate?: number;
  dropWhen?: 'before' | 'after';
  /** Share of API requests whose (otherwise valid) bearer token is treated as expired. */
  tokenExpiryRate?: number;
  /**
   * Share of requests answered 200 with an HTML page instead of the API's body, as a
   * misconfigured proxy or gateway does.
   */
  malformedRate?: number;
  /**
   * Applies these faults to the next `times` requests of the route only, then clears them:
   * "the first two attempts fail" without relying on chance.
   */
  times?: number;
}

export type FaultPlan = Partial<Record<RouteName, FaultConfig>>;

/**
 * What is left of faults once a request (or an SFTP session) has taken them: `times` counted
 * down, nothing when it is used up, faults without `times` unchanged.
 *
 * @example
 * remainingFaults({ errorRate: 1, times: 2 }); // { errorRate: 1, times: 1 }
 * remainingFaults({ errorRate: 1, times: 1 }); // undefined
 */
export function remainingFaults<T extends { times?: number }>(
  faults: T | undefined,
): T | undefined {
  if (faults?.times === undefined) return faults;
  return faults.times <= 1 ? undefined : { ...faults, times: faults.times - 1 };
}

/** mulberry32: a tiny seeded generator, good enough to spread faults reproducibly. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The faults decided for one request. */
export interface FaultDecision {
  delayMs: number;
  answer?:
    | { status: 429 | 500 | 503; retryAfterSeconds?: number }
    | { status: 200; malformed: true };
  drop?: 'before' | 'after';
  expireToken: boolean;
}

export function decideFaults(config: FaultConfig | undefined, random: () => number): FaultDecision {
  const decision: FaultDecision = { delayMs: 0, expireToken: false };
  if (config === undefined) return decision;
  decision.delayMs = (config.latencyMs ?? 0) + random() * (config.jitterMs ?? 0);
  if (config.rateLimitRate !== undefined && random() < config.rateLimitRate) {
    decision.answer = { status: 429, retryAfterSeconds: config.retryAfterSeconds ?? 1 };
  } else if (config.errorRate !== undefined && random() < config.errorRate) {
    decision.answer = { status: config.errorStatus ?? 503 };
  } else if (config.malformedRate !== undefined && random() < config.malformedRate) {
    decision.answer = { status: 200, malformed: true };
  } else if (config.dropRate !== undefined && random() < config.dropRate) {
    decision.drop = config.dropWhen ?? 'after';
  }
  if (config.tokenExpiryRate !== undefined && random() < config.tokenExpiryRate) {
    decision.expireToken = true;
  }
  return decision;
}

/**
 * The answer a fault gives in place of the route's own, if it gives one: a broken gateway's
 * HTML page, or 429/500/503 (429 with `Retry-After`).
 *
 * @example
 * faultAnswer({ delayMs: 0, expireToken: false, answer: { status: 503 } }); // 503 JSON answer
 */
export function faultAnswer(decision: FaultDecision): RouteAnswer | undefined {
  if (decision.answer === undefined) return undefined;
  if ('malformed' in decision.answer) {
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<html><body><h1>Gateway</h1><p>Please try again later.</p></body></html>',
    };
  }
  const { status, retryAfterSeconds } = decision.answer;
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  return json(
    status,
    { error: status === 429 ? 'too_many_requests' : 'service_unavailable' },
    headers,
  );
}
