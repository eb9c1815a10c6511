import type * as z from 'zod';
import { formatIssuePath, PostResponseError } from '../errors/index';
import type { RawPostResponse } from './response-errors';
import { toPostError } from './response-errors';

/**
 * Checks a Swiss Post answer against the shape the SDK relies on. A mismatch (a changed API, a
 * proxy's error page) becomes a {@link PostResponseError} naming what did not match, instead of
 * an `undefined` deep inside the shop's code.
 */
export function parsePostResponse<TSchema extends z.ZodType>(
  schema: TSchema,
  raw: RawPostResponse,
  /** Where `raw.body` sits in the whole answer, for the error's paths. */
  at = '',
): z.output<TSchema> {
  const result = schema.safeParse(raw.body);
  if (result.success) return result.data;
  throw new PostResponseError({
    status: raw.status,
    service: raw.service,
    issues: result.error.issues.map((issue) => ({
      path: formatIssuePath([...(at === '' ? [] : [at]), ...issue.path]),
      message: issue.message,
    })),
  });
}

/** Throws the typed error of an answer that is not a success ({@link toPostError}). */
export function throwIfFailed(raw: RawPostResponse): void {
  const failure = toPostError(raw);
  if (failure !== undefined) throw failure;
}

/**
 * A successful Swiss Post answer checked against `schema`: an answer that is not a success is
 * thrown as its typed error first, so a refusal is never reported as a malformed body.
 */
export function parsePostSuccess<TSchema extends z.ZodType>(
  schema: TSchema,
  raw: RawPostResponse,
): z.output<TSchema> {
  throwIfFailed(raw);
  return parsePostResponse(schema, raw);
}
