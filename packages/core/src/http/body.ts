/** A request body over the limit. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/** A request body that is not JSON, or not an object. */
export class MalformedBodyError extends Error {
  override name = 'MalformedBodyError';
}

/**
 * Reads a JSON object body of at most `limitBytes`, refusing a declared larger body before
 * reading it and stopping as soon as the limit is passed.
 */
export async function readJsonBody(
  request: Request,
  limitBytes: number,
): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLargeError();
  // `application/json` with parameters (a charset), not `application/json-seq` and the like.
  if (!/^application\/json\s*(?:;|$)/i.test(request.headers.get('content-type') ?? '')) {
    throw new MalformedBodyError('Send the body as application/json');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body !== null) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError();
      }
      chunks.push(value);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new MalformedBodyError('The body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new MalformedBodyError('The body must be a JSON object');
  return parsed as Record<string, unknown>;
}
