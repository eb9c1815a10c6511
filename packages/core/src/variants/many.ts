/** What `fulfilMany` yields for each order: its parcel, or why it has none. */
export type ManyOutcome<TInput, TResult> =
  | { index: number; input: TInput; ok: true; result: TResult }
  | { index: number; input: TInput; ok: false; error: unknown };

/**
 * Runs `work` over `inputs` with at most `concurrency` at a time and yields the outcomes in
 * input order as soon as each is known, so a caller can stream labels out while later orders
 * are still being made. A failure is an outcome, not the end of the run.
 *
 * A slot is refilled as soon as its work ends, not when the oldest work ends: one slow order (a
 * Swiss Post call that takes seconds) does not hold the others back, and work that ends
 * together (parcels whose writes went into one group commit) starts its successors together,
 * so they reach the next commit together too. Outcomes waiting for an earlier, slower one are
 * held in memory, at most `4 × concurrency` of them: past that, no new work starts.
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
  /** Outcomes by index, kept until every earlier one has been yielded. */
  const done = new Map<number, ManyOutcome<TInput, TResult>>();
  const maxAhead = 4 * concurrency;
  let started = 0;
  let yielded = 0;
  let running = 0;
  let exhausted = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };

  // Inputs are read one at a time, never two `next()` calls at once on an async iterator.
  let reading = false;
  async function fill(): Promise<void> {
    if (reading) return;
    reading = true;
    try {
      while (!exhausted && running < concurrency && started - yielded < maxAhead) {
        const next = await iterator.next();
        if (next.done === true) {
          exhausted = true;
          break;
        }
        const input = next.value;
        const at = started;
        started += 1;
        running += 1;
        work(input).then(
          (result) => finish({ index: at, input, ok: true, result }),
          (error: unknown) => finish({ index: at, input, ok: false, error }),
        );
      }
    } catch (error) {
      // The inputs themselves failed: no more orders to start; the caller gets the error.
      failure = { error };
      exhausted = true;
    } finally {
      reading = false;
      notify();
    }
  }
  function finish(outcome: ManyOutcome<TInput, TResult>): void {
    running -= 1;
    done.set(outcome.index, outcome);
    void fill();
    notify();
  }

  await fill();
  while (true) {
    const outcome = done.get(yielded);
    if (outcome !== undefined) {
      done.delete(yielded);
      yielded += 1;
      void fill();
      yield outcome;
      continue;
    }
    if (exhausted && running === 0 && !reading) {
      if (failure !== undefined) throw failure.error;
      return;
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}
