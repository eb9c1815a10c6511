import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route answers. A `Uint8Array` or string body is sent as is; anything else as JSON. */
export interface RouteAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): RouteAnswer => ({
  status,
  body,
  headers,
});

/** A request body over the size limit. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Reads a request body up to `limitBytes`. Over the limit the read stops at once (the body is
 * not buffered further) and {@link BodyTooLargeError} is thrown; a declared `Content-Length`
 * over the limit is refused before reading.
 */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function send(response: ServerResponse, answer: RouteAnswer): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | Uint8Array = '';
  if (answer.body instanceof Uint8Array || typeof answer.body === 'string') {
    payload = answer.body;
  } else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  response.writeHead(answer.status, headers);
  response.end(payload);
}

/** Whether the request says its body is JSON (`application/json`, any parameters). */
export function isJsonRequest(request: IncomingMessage): boolean {
  return /^application\/json\b/i.test(request.headers['content-type'] ?? '');
}
