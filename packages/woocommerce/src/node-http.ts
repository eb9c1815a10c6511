import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { Logger } from '@pickpost/core';

/** A fetch-standard handler; `clientIp` for rate limits. */
export type FetchHandler = (request: Request, clientIp: string | undefined) => Promise<Response>;

/** The Node request as a `Request`, its body streamed (read once, by the handler). */
export function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(hasBody
      ? { body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>, duplex: 'half' }
      : {}),
  } as RequestInit);
}

/** Writes a `Response` to Node, streaming its body. */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

export interface ListeningServer {
  url: string;
  server: Server;
  /** Stops taking connections and waits for open requests to end. */
  close(): Promise<void>;
}

/**
 * Serves a fetch-standard handler over Node's HTTP server. A handler that throws is a 500
 * without details (the error goes to the logger).
 *
 * @example
 * const { url, close } = await listen(handler, { port: 0 });
 */
export async function listen(
  handler: FetchHandler,
  options: { port?: number; host?: string; logger?: Logger } = {},
): Promise<ListeningServer> {
  const host = options.host ?? '127.0.0.1';
  let origin = 'http://localhost';
  const server = createServer((req, res) => {
    const request = toRequest(req, origin);
    handler(request, req.socket.remoteAddress)
      .catch((error: unknown) => {
        options.logger?.error('request failed', {
          error: error instanceof Error ? error.message : String(error),
        });
        return new Response(JSON.stringify({ error: { code: 'internal', message: 'failed' } }), {
          status: 500,
          headers: { 'content-type': 'application/json' },
        });
      })
      .then((response) => writeResponse(res, response))
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: origin,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
