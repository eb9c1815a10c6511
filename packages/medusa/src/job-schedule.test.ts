import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PickPost } from '@pickpost/core';
import { isConfigError } from '@pickpost/core';
import { describe, expect, it } from 'vitest';
import { DATATRANSFER_TICK_CONFIG, dataTransferTickJob } from './datatransfer-job';
import { REPORTS_TICK_CONFIG, reportsTickJob } from './datatransfer-reports-job';
import { EVERY_MINUTE, isDue } from './job-schedule';
import { parseProviderOptions } from './options';
import { registerPickPost } from './registry';

/** A variant 4b configuration that needs no Post server: DataTransfer into a local folder. */
const baseOptions = (extra: Record<string, unknown> = {}) => ({
  variant: '4b',
  frankingLicense: '60013217',
  sender: { name1: 'Velo Shop AG', street: 'Wankdorfallee 4', zip: '3030', city: 'Bern' },
  dataTransfer: {
    transport: { type: 'directory', dir: mkdtempSync(join(tmpdir(), 'pickpost-medusa-jobs-')) },
  },
  selectionSecret: 'a-selection-secret-of-the-shop-0123456789',
  store: { type: 'memory' },
  ...extra,
});

const at = (time: string) => ({ scheduledFor: new Date(`2026-12-03T${time}Z`) });
const logger = { info: () => undefined, error: () => undefined };

/** Registers a PickPost whose DataTransfer and reports calls are counted, with these options. */
function registerCounting(options: Record<string, unknown>) {
  const calls = { flush: 0, reports: 0 };
  const pickpost = {
    dataTransferCounts: async () => ({ pending: 1, claimed: 0, delivered: 0 }),
    flushDataTransfer: async () => {
      calls.flush += 1;
      return { delivered: 1, files: ['f.xml'], recovered: 0 };
    },
    datatransfer: {
      onStatus: () => () => undefined,
      fetchReports: async () => {
        calls.reports += 1;
        return { changes: [], files: [], handlerErrors: 0 };
      },
    },
  } as unknown as PickPost;
  registerPickPost('pickpost', { pickpost, options: parseProviderOptions(options) });
  return calls;
}

const container = { resolve: ((name: string) => (name === 'logger' ? logger : {})) as never };

describe('isDue', () => {
  it('is due on the same minutes as cron */N for divisors of 60, a late start still counting', () => {
    for (const every of [1, 5, 15, 30]) {
      for (let minute = 0; minute < 120; minute += 1) {
        const time = new Date(Date.UTC(2026, 11, 3, 10, minute, 0));
        expect(isDue(every, time)).toBe(minute % every === 0);
        // Started 20 s after its minute (a busy event loop): still that minute's tick.
        expect(isDue(every, new Date(time.getTime() + 20_000))).toBe(minute % every === 0);
      }
    }
    expect(isDue(false, new Date(Date.UTC(2026, 11, 3, 0, 0)))).toBe(false);
    // Intervals that do not divide an hour stay even across the hour: every 7 minutes.
    const due = [...Array(120).keys()].filter((m) =>
      isDue(7, new Date(Date.UTC(2026, 11, 3, 10, m))),
    );
    expect(due.length).toBeGreaterThan(15);
    expect(new Set(due.slice(1).map((m, i) => m - (due[i] ?? 0)))).toEqual(new Set([7]));
  });
});

describe('the jobs the plugin ships', () => {
  it('tick every minute under their own names', () => {
    expect(DATATRANSFER_TICK_CONFIG).toEqual({
      name: 'pickpost-datatransfer-tick',
      schedule: EVERY_MINUTE,
    });
    expect(REPORTS_TICK_CONFIG.schedule).toBe('* * * * *');
    expect(REPORTS_TICK_CONFIG.name).not.toBe(DATATRANSFER_TICK_CONFIG.name);
  });

  it('deliver the outbox on the minutes the provider options make due (default 15, or off)', async () => {
    let calls = registerCounting(baseOptions({ jobs: { dataTransferEveryMinutes: 5 } }));
    for (const time of ['10:01:00', '10:04:00', '10:05:00', '10:10:03', '10:12:00']) {
      await dataTransferTickJob(container, at(time));
    }
    expect(calls.flush).toBe(2);

    calls = registerCounting(baseOptions());
    for (const time of ['10:05:00', '10:10:00', '10:15:00', '10:30:00']) {
      await dataTransferTickJob(container, at(time));
    }
    expect(calls.flush).toBe(2);

    calls = registerCounting(baseOptions({ jobs: { dataTransferEveryMinutes: false } }));
    await dataTransferTickJob(container, at('10:00:00'));
    expect(calls.flush).toBe(0);
  });

  it('fetch reports only when the configuration has dataTransfer.reports, hourly by default', async () => {
    let calls = registerCounting(baseOptions());
    await reportsTickJob(container as never, at('11:00:00'));
    expect(calls.reports).toBe(0);

    const withReports = baseOptions();
    (withReports.dataTransfer as Record<string, unknown>).reports = {};
    calls = registerCounting(withReports);
    for (const time of ['10:30:00', '11:00:00', '11:15:00', '12:00:00']) {
      await reportsTickJob(container as never, at(time));
    }
    expect(calls.reports).toBe(2);

    calls = registerCounting({ ...withReports, jobs: { reportsEveryMinutes: 15 } });
    await reportsTickJob(container as never, at('11:15:00'));
    expect(calls.reports).toBe(1);
  });
});

describe('jobs options', () => {
  it('default to 15 and 60 minutes and name a bad interval by its field', () => {
    expect(parseProviderOptions(baseOptions()).jobs).toEqual({
      dataTransferEveryMinutes: 15,
      reportsEveryMinutes: 60,
    });
    for (const bad of [0, 2.5, 1441, '5', true]) {
      let error: unknown;
      try {
        parseProviderOptions(baseOptions({ jobs: { dataTransferEveryMinutes: bad } }));
      } catch (caught) {
        error = caught;
      }
      expect(isConfigError(error), String(bad)).toBe(true);
      expect((error as Error).message).toContain('jobs.dataTransferEveryMinutes');
    }
    expect(() => parseProviderOptions(baseOptions({ jobs: { every: 5 } }))).toThrow(/jobs/);
  });
});
