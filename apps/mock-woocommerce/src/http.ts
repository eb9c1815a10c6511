import type { IncomingMessage, ServerResponse } from 'node:http';
import { phpJsonEncode } from './php';

/** What a route or fault answers. A string body is sent as it is; anything else as WordPress JSON. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** For string bodies: their content type (default HTML). */
  contentType?: string;
}

/** A body larger than the server takes. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/** Reads a request body up to `limitBytes`; past it, stops reading and throws. */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The headers WordPress's REST server puts on every JSON answer. */
const REST_HEADERS = {
  'X-Robots-Tag': 'noindex',
  'X-Content-Type-Options': 'nosniff',
  'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Link',
  'Access-Control-Allow-Headers':
    'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type',
};

/** Writes an answer; a HEAD request gets the headers only. */
export function send(response: ServerResponse, answer: Answer, head = false): void {
  let payload: string;
  const headers: Record<string, string> = {};
  if (typeof answer.body === 'string') {
    payload = answer.body;
    headers['Content-Type'] = answer.contentType ?? 'text/html; charset=UTF-8';
  } else {
    payload = answer.body === undefined ? '' : phpJsonEncode(answer.body);
    Object.assign(headers, REST_HEADERS, { 'Content-Type': 'application/json; charset=UTF-8' });
  }
  Object.assign(headers, answer.headers);
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  response.writeHead(answer.status, headers);
  response.end(head ? undefined : payload);
}

const page = (title: string, text: string) =>
  `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n${text}<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/** What a host, proxy or WAF answers instead of WordPress. */
export const HOST_PAGES = {
  tooMany: page('429 Too Many Requests', ''),
  badGateway: page('502 Bad Gateway', ''),
  unavailable: page('503 Service Temporarily Unavailable', ''),
  tooLarge: page('413 Request Entity Too Large', ''),
  challenge:
    '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="refresh" content="5"></head><body><noscript>Enable JavaScript and cookies to continue</noscript><div id="challenge-running">Checking if the site connection is secure</div></body></html>',
  notFound:
    '<!DOCTYPE html><html lang="de-CH"><head><title>Seite nicht gefunden – Velo Shop</title></head><body class="error404"><h1>Oops! That page can’t be found.</h1></body></html>',
} as const;

/** WordPress's fatal-error handler answering a REST request (wp-includes/class-wp-fatal-error-handler.php). */
export const FATAL_ERROR = {
  code: 'internal_server_error',
  message:
    '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
  data: { status: 500 },
  additional_errors: [],
};
