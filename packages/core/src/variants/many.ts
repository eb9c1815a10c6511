/** What `fulfilMany` yields for each order: its parcel, or why it has none. */
export type ManyOutcome<TInput, TResult> =
  | { index: number; input: TInput; ok: true; result: TResult }
  | { index: number; input: TInput; ok: false; error: unknown };

/**
 * Runs `work` over `inputs` with at most `concurrency` at a time and yields the outcomes in
 * input order as soon as each is known, so a caller can stream labels out while later orders
 * are still being made. A failure is an outcome, not the end of the run.
 *
 * @example
 * for await (const outcome of inOrder(orders, 32, fulfil)) if (!outcome.ok) report(outcome);
 */
export async function* inOrder<TInput, TResult>(
  inputs: Iterable<TInput> | AsyncIterable<TInput>,
  concurrency: number,
  work: (input: TInput) => Promise<TResult>,
): AsyncGenerator<ManyOutcome<TInput, TResult>> {
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1_000) {
    throw new RangeError('concurrency must be a whole number from 1 to 1000');
  }
  const iterator =
    Symbol.asyncIterator in inputs
      ? (inputs as AsyncIterable<TInput>)[Symbol.asyncIterator]()
      : (inputs as Iterable<TInput>)[Symbol.iterator]();
  const pending: Array<Promise<ManyOutcome<TInput, TResult>>> = [];
  let index = 0;
  let exhausted = false;
  const start = async (): Promise<void> => {
    const next = await iterator.next();
    if (next.done === true) {
      exhausted = true;
      return;
    }
    const input = next.value;
    const at = index;
    index += 1;
    pending.push(
      work(input).then(
        (result) => ({ index: at, input, ok: true as const, result }),
        (error: unknown) => ({ index: at, input, ok: false as const, error }),
      ),
    );
  };
  while (!exhausted && pending.length < concurrency) await start();
  while (pending.length > 0) {
    const outcome = await (pending.shift() as Promise<ManyOutcome<TInput, TResult>>);
    if (!exhausted) await start();
    yield outcome;
  }
}
