import type { CheckoutAnswer } from '@pickpost/core/adapter-kit';
import type { RouteResponse } from './store-routes';

/** Writes chunks to the response, waiting for it to drain (or close) when its buffer is full. */
export async function writeStream(
  chunks: AsyncIterable<Uint8Array>,
  res: RouteResponse,
): Promise<void> {
  for await (const chunk of chunks) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    }
  }
  res.end();
}

/** Writes a checkout answer of core's handler to a Medusa (Express) response. */
export async function sendAnswer(answer: CheckoutAnswer, res: RouteResponse): Promise<void> {
  res.statusCode = answer.status;
  for (const name in answer.headers) res.setHeader(name, answer.headers[name] as string);
  if (answer.cookies !== undefined && answer.cookies.length > 0) {
    res.setHeader('set-cookie', [...answer.cookies]);
  }
  const { body } = answer;
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) {
    res.end(body ?? undefined);
    return;
  }
  await writeStream(body as unknown as AsyncIterable<Uint8Array>, res);
}
