import { describe, expect, it } from 'vitest';
import { inOrder } from './many';

/** Work whose end each test decides: `release(n)` ends the work on input n. */
function controlledWork() {
  const releases = new Map<number, () => void>();
  let running = 0;
  let maxRunning = 0;
  const startedInputs: number[] = [];
  const work = (input: number) =>
    new Promise<number>((resolve, reject) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      startedInputs.push(input);
      releases.set(input, () => {
        running -= 1;
        if (input % 7 === 3) reject(new Error(`order ${input} failed`));
        else resolve(input * 10);
      });
    });
  const release = (input: number) => releases.get(input)?.();
  return { work, release, started: () => startedInputs, maxRunning: () => maxRunning };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('inOrder', () => {
  it('yields every outcome in input order, failures included, whatever order the work ends in', async () => {
    const inputs = Array.from({ length: 40 }, (_, index) => index);
    const delays = inputs.map((index) => (index * 7919) % 13);
    const seen: Array<{ index: number; ok: boolean }> = [];
    for await (const outcome of inOrder(inputs, 5, async (input) => {
      for (let wait = 0; wait < (delays[input] ?? 0); wait += 1) await turn();
      if (input % 9 === 4) throw new Error('refused');
      return input;
    }))
      seen.push({ index: outcome.index, ok: outcome.ok });
    expect(seen.map((entry) => entry.index)).toEqual(inputs);
    expect(seen.filter((entry) => !entry.ok).map((entry) => entry.index)).toEqual([4, 13, 22, 31]);
  });

  it('refills a slot as soon as its work ends, so one slow order does not hold the others back', async () => {
    const { work, release, started, maxRunning } = controlledWork();
    const outcomes: number[] = [];
    const run = (async () => {
      for await (const outcome of inOrder([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 2, work))
        outcomes.push(outcome.index);
    })();
    await turn();
    expect(started()).toEqual([0, 1]);
    // Order 0 hangs; orders 1 … 6 end one after the other and their slot is refilled.
    for (let input = 1; input <= 6; input += 1) {
      release(input);
      await turn();
    }
    expect(started()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // At most 4 × concurrency outcomes are held for the slow one: order 7 ends, none starts.
    release(7);
    await turn();
    expect(started()).toHaveLength(8);
    expect(outcomes).toEqual([]);
    release(0);
    await turn();
    expect(outcomes).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(started()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let input = 8; input <= 11; input += 1) {
      release(input);
      await turn();
    }
    await run;
    expect(outcomes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(maxRunning()).toBe(2);
  });

  it('ends with the error of inputs that fail, after the outcomes of those read before', async () => {
    async function* inputs() {
      yield 1;
      yield 2;
      throw new Error('the order list could not be read');
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const outcome of inOrder(inputs(), 4, async (input) => input))
          seen.push(outcome.index);
      })(),
    ).rejects.toThrow('could not be read');
    expect(seen).toEqual([0, 1]);
  });
});
