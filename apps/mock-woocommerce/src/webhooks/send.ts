import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What a receiver answered, or why there was no answer. */
export type SendResult =
  | { ok: true; status: number; headers: Record<string, string>; body: string }
  | { ok: false; error: string };

const RESPONSE_LIMIT = 64 * 1024;

/** Whether a URL's host is this machine: the only place the simulator delivers to. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return (
      hostname === 'localhost' ||
      hostname === '[::1]' ||
      /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
    );
  } catch {
    return false;
  }
}

/**
 * POSTs exactly `body` with `headers`, follows no redirect (`redirection => 0`), gives up after
 * `timeoutMs`. Keeps the first 64 KiB of the answer.
 */
export function sendPost(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs: number,
): Promise<SendResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(body.length) },
        timeout: timeoutMs,
        // A fresh connection each time, as WordPress's HTTP API makes one per request.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_LIMIT) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          const responseHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined)
              responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            ok: true,
            status: response.statusCode ?? 0,
            headers: responseHeaders,
            body: Buffer.concat(chunks).subarray(0, RESPONSE_LIMIT).toString('utf8'),
          });
        });
        response.on('error', (error) => resolve({ ok: false, error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on('error', (error) =>
      resolve({ ok: false, error: `http_request_failed: ${error.message}` }),
    );
    request.end(body);
  });
}
