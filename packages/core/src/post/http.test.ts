import ky from 'ky';
import { describe, expect, it } from 'vitest';
import { isPostApiError, PostNetworkError, PostTimeoutError } from '../errors/index';
import { systemClock } from '../ports/clock';
import type { LogFields, Logger } from '../ports/logger';
import { silentLogger } from '../ports/logger';
import type { RetryPolicy } from './defaults';
import type { PostHttpOptions, PostRequest } from './http';
import { createPostHttp } from './http';

type Step = number | 'refused' | 'dropped' | 'hang';

/**
 * A fetch that answers each call with the next step: a status, a connection refused (proven
 * unsent), a dropped connection (maybe processed), or no answer until the signal aborts.
 */
function scriptedFetch(steps: Step[], headers: Record<string, string> = {}) {
  const calls: Array<{ input: unknown; init: RequestInit | undefined }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({ input, init });
    const step = steps[Math.min(calls.length, steps.length) - 1] ?? 200;
    if (step === 'refused' || step === 'dropped') {
      const code = step === 'refused' ? 'ECONNREFUSED' : 'UND_ERR_SOCKET';
      throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
    }
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }
    return Response.json({ step: calls.length }, { status: step, headers });
  };
  return { fetch, calls };
}

const FAST: RetryPolicy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 5_000 };

function http(fetch: typeof globalThis.fetch, change: Partial<PostHttpOptions> = {}) {
  return createPostHttp({
    fetch,
    timeoutMs: 5_000,
    retry: FAST,
    logger: silentLogger,
    clock: systemClock,
    ...change,
  });
}

function request(change: Partial<PostRequest> = {}): PostRequest & { uncertain: () => number } {
  let uncertain = 0;
  return {
    service: 'barcode',
    baseUrl: 'http://post.test/barcode/v1',
    path: 'generateAddressLabel',
    method: 'POST',
    json: { item: 1 },
    idempotent: false,
    onUncertainAttempt: () => {
      uncertain += 1;
    },
    uncertain: () => uncertain,
    ...change,
  };
}

/** What `promise` rejects with; a fulfilment fails the test. */
const caught = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );

describe('createPostHttp on ky', () => {
  it('hands the injected fetch the URL and the body as encoded, with the shared headers', async () => {
    const { fetch, calls } = scriptedFetch([200]);
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'X' });
    await http(fetch, { headers: { 'Ocp-Apim-Subscription-Key': 'k' } }).send({
      service: 'token',
      baseUrl: 'http://post.test/OAuth',
      path: 'token',
      method: 'POST',
      form,
      searchParams: { a: '1' },
      idempotent: true,
    });
    expect(calls).toHaveLength(1);
    const [{ input, init } = { input: undefined, init: undefined }] = calls;
    expect(input).toBe('http://post.test/OAuth/token?a=1');
    expect(init?.body).toBe(form);
    expect(init?.headers).toEqual({
      accept: 'application/json',
      'Ocp-Apim-Subscription-Key': 'k',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('(ky itself) hands fetch a Request whose body is a stream, which is why the layer adapts it', async () => {
    // If this fails, ky passes the body on as given, and the adapter in http.ts can go.
    const { fetch, calls } = scriptedFetch([200]);
    await ky.post('http://post.test/token', { body: new URLSearchParams({ a: '1' }), fetch });
    const [{ input, init } = { input: undefined, init: undefined }] = calls;
    expect(input).toBeInstanceOf(Request);
    expect((input as Request).body).toBeInstanceOf(ReadableStream);
    expect(init?.body).toBeUndefined();
  });

  it('repeats a request that may make a label only after failures that prove it was not processed', async () => {
    const { fetch, calls } = scriptedFetch([429, 503, 'refused', 500, 200]);
    const label = request();
    const error = await caught(http(fetch).send(label));
    expect(isPostApiError(error) && error.status).toBe(500);
    expect(calls).toHaveLength(4);
    expect(label.uncertain()).toBe(1);

    const dropped = scriptedFetch(['dropped', 200]);
    const second = request();
    expect(await caught(http(dropped.fetch).send(second))).toBeInstanceOf(PostNetworkError);
    expect(dropped.calls).toHaveLength(1);
    expect(second.uncertain()).toBe(1);
  });

  it('repeats an idempotent request after any retryable failure, logging each attempt', async () => {
    const lines: Array<{ level: string; message: string; fields?: LogFields }> = [];
    const logger = Object.fromEntries(
      (['debug', 'info', 'warn', 'error'] as const).map((level) => [
        level,
        (message: string, fields?: LogFields) => lines.push({ level, message, fields }),
      ]),
    ) as unknown as Logger;
    const { fetch, calls } = scriptedFetch([500, 'dropped', 404]);
    const lookup = request({ idempotent: true });
    const raw = await http(fetch, { logger }).send(lookup);
    expect(raw).toMatchObject({ service: 'barcode', status: 404, body: { step: 3 } });
    expect(calls).toHaveLength(3);
    expect(lookup.uncertain()).toBe(2);
    expect(lines.map((line) => [line.level, line.fields?.attempt])).toEqual([
      ['warn', 1],
      ['warn', 2],
      ['debug', 3],
    ]);
  });

  it('ends with the last attempt’s error after the last attempt, and never retries a 4xx', async () => {
    const persistent = scriptedFetch([503]);
    const error = await caught(http(persistent.fetch).send(request({ idempotent: true })));
    expect(isPostApiError(error) && error.retryable).toBe(true);
    expect(persistent.calls).toHaveLength(4);

    const refused = scriptedFetch([400]);
    expect((await http(refused.fetch).send(request({ idempotent: true }))).status).toBe(400);
    expect(refused.calls).toHaveLength(1);
  });

  it('draws each backoff from the injected random: 0 makes even a minute-long step wait nothing', async () => {
    // ky waits with its own timer (it takes no injected sleep), so a test sets the wait here.
    const { fetch, calls } = scriptedFetch([500, 500, 500, 200]);
    const draws: number[] = [];
    const slow: RetryPolicy = {
      attempts: 4,
      baseDelayMs: 60_000,
      maxDelayMs: 60_000,
      maxTotalMs: 600_000,
    };
    const raw = await http(fetch, {
      retry: slow,
      random: () => {
        draws.push(0);
        return 0;
      },
    }).send(request({ idempotent: true }));
    expect(raw.status).toBe(200);
    expect(calls).toHaveLength(4);
    expect(draws).toHaveLength(3);
  });

  it('(ky itself) waits maxRetryAfter and sends again when Retry-After is longer, instead of cancelling as documented', async () => {
    // Why shouldRetry checks Retry-After against the budget: ky 1.14.3 caps the wait.
    const { fetch, calls } = scriptedFetch([429, 200], { 'retry-after': '60' });
    const response = await ky('http://post.test/x', {
      fetch,
      retry: { limit: 1, maxRetryAfter: 10 },
    });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it('gives up at once on a Retry-After beyond the budget, with its 429', async () => {
    const { fetch, calls } = scriptedFetch([429, 200], { 'retry-after': '60' });
    const started = Date.now();
    const error = await caught(http(fetch).send(request({ idempotent: true })));
    expect(isPostApiError(error) && error.retryAfterSeconds).toBe(60);
    expect(calls).toHaveLength(1);
    // Not after waiting for the budget (5 s) to run out.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('ends in the last attempt’s failure when the budget runs out during a wait', async () => {
    const { fetch, calls } = scriptedFetch([500, 200]);
    const error = await caught(
      http(fetch, {
        retry: { attempts: 4, baseDelayMs: 60_000, maxDelayMs: 60_000, maxTotalMs: 50 },
        random: () => 1,
      }).send(request({ idempotent: true })),
    );
    expect(isPostApiError(error) && error.status).toBe(500);
    expect(calls).toHaveLength(1);
  });

  it('times out each attempt, and the budget all of them, as PostTimeoutError', async () => {
    const hanging = scriptedFetch(['hang']);
    const idempotent = request({ idempotent: true });
    const perAttempt = await caught(
      http(hanging.fetch, { timeoutMs: 20, retry: { ...FAST, attempts: 2 } }).send(idempotent),
    );
    expect(perAttempt).toBeInstanceOf(PostTimeoutError);
    expect((perAttempt as PostTimeoutError).timeoutMs).toBe(20);
    expect(hanging.calls).toHaveLength(2);
    expect(idempotent.uncertain()).toBe(2);

    const label = request();
    const once = scriptedFetch(['hang']);
    await caught(http(once.fetch, { timeoutMs: 20 }).send(label));
    expect(once.calls).toHaveLength(1);

    const budget = scriptedFetch(['hang']);
    const whole = await caught(
      http(budget.fetch, { retry: { ...FAST, maxTotalMs: 30 } }).send(
        request({ idempotent: true }),
      ),
    );
    expect(whole).toBeInstanceOf(PostTimeoutError);
    expect((whole as PostTimeoutError).timeoutMs).toBe(30);
    expect(budget.calls).toHaveLength(1);
  });
});
