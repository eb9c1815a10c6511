import { describe, expect, it } from 'vitest';
import type { WorkReport } from './sync';
import { startSyncWorker } from './sync-worker';

const report = (claimed: number): WorkReport => ({
  claimed,
  fulfilled: claimed,
  held: 0,
  retried: 0,
  cancelled: 0,
});

describe('the sync worker', () => {
  it('finishes the batch in hand before stop resolves, and starts no other', async () => {
    let release: (() => void) | undefined;
    let started = 0;
    let finished = 0;
    const worker = startSyncWorker({
      pollIntervalMs: 60_000,
      sync: {
        poll: async () => ({ seen: 0, queued: 0 }),
        work: async () => {
          started += 1;
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          finished += 1;
          return report(3);
        },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(1);
    const stopped = worker.stop();
    let done = false;
    void stopped.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    release?.();
    await stopped;
    expect({ started, finished }).toEqual({ started: 1, finished: 1 });
    expect(worker.totals.fulfilled).toBe(3);
  });

  it('flushes DataTransfer on its schedule, not on every pass', async () => {
    let clock = 0;
    let passes = 0;
    let flushes = 0;
    const worker = startSyncWorker({
      pollIntervalMs: 1_000_000,
      idleMs: 1,
      now: () => clock,
      flushIntervalMs: 300_000,
      flush: async () => {
        flushes += 1;
      },
      sync: {
        poll: async () => ({ seen: 0, queued: 0 }),
        work: async () => {
          passes += 1;
          return report(0);
        },
      },
    });
    const passesAfter = async (count: number) => {
      const until = passes + count;
      while (passes < until) await new Promise((resolve) => setTimeout(resolve, 2));
    };
    await passesAfter(5);
    expect(flushes).toBe(0);
    clock = 300_000;
    await passesAfter(5);
    expect(flushes).toBe(1);
    clock = 599_999;
    await passesAfter(5);
    expect(flushes).toBe(1);
    clock = 600_000;
    await passesAfter(5);
    expect(flushes).toBe(2);
    await worker.stop();
  });

  it('survives a failing pass, reports it, and polls on schedule', async () => {
    let polls = 0;
    let works = 0;
    const worker = startSyncWorker({
      pollIntervalMs: 1_000_000,
      idleMs: 5,
      sync: {
        poll: async () => {
          polls += 1;
          return { seen: 0, queued: 0 };
        },
        work: async () => {
          works += 1;
          if (works === 1) throw new Error('store away for a moment');
          return report(0);
        },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(worker.lastError).toContain('store away');
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(works).toBeGreaterThan(2);
    expect(worker.lastError).toBeUndefined();
    // The first pass failed after polling; the schedule then holds the next poll back.
    expect(polls).toBe(1);
    await worker.stop();
  });
});
