import { describe, expect, it } from 'vitest';
import { VELO_SHOP } from '../../../test/fixtures';
import { isConfigError } from '../../errors/index';
import { parseIntegrationConfig } from '../../schemas/validate';
import { dataTransferReportSource } from './report-wiring';

const config = (reports: unknown, transport: unknown = { type: 'directory', dir: '/srv/dt' }) => ({
  variant: '4b',
  frankingLicense: '60013217',
  sender: VELO_SHOP,
  selectionSecret: 's'.repeat(32),
  dataTransfer: { transport, reports },
});

function problems(input: unknown): string[] {
  try {
    parseIntegrationConfig(input);
    return [];
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
}

describe('dataTransfer.reports', () => {
  it('fills in the documented defaults', () => {
    expect(parseIntegrationConfig(config({})).dataTransfer?.reports).toEqual({
      afterStore: 'leave',
      fileNamePattern: '\\.xml$',
      eventStatus: {},
      timeZone: 'Europe/Zurich',
      maxFileBytes: 64 * 1024 * 1024,
    });
  });

  it('names every bad setting by its path', () => {
    expect(
      problems(
        config({
          afterStore: 'shred',
          fileNamePattern: '([',
          eventStatus: { '40': 'delivered' },
          timeZone: 'Mars/Olympus',
          defaultReport: 12,
          fields: { identcode: [] },
          colour: 'red',
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^dataTransfer\.reports\.afterStore: .*"leave"\|"delete"/),
      'dataTransfer.reports.fileNamePattern: must be a regular expression',
      'dataTransfer.reports.defaultReport: must be 3, 7 or 11',
      'dataTransfer.reports.eventStatus.40: must be one of announced, in_transit, at_pickup_point, picked_up, returned, problem',
      expect.stringMatching(/^dataTransfer\.reports\.fields\.identcode: /),
      'dataTransfer.reports.timeZone: must be an IANA time zone such as Europe/Zurich',
      'dataTransfer.reports.colour: is not a known setting (check its spelling)',
    ]);
  });

  it('reads reports beside the delivery transport', () => {
    const directory = dataTransferReportSource(parseIntegrationConfig(config({})));
    expect(directory?.description).toBe('/srv/dt/reports');
    const sftp = dataTransferReportSource(
      parseIntegrationConfig(
        config(
          { dir: '/outgoing' },
          {
            type: 'sftp',
            host: 'sftp.example',
            username: 'shop',
            password: 'pw-not-shown',
            hostKeySha256: 'a'.repeat(64),
          },
        ),
      ),
    );
    expect(sftp?.description).toBe('sftp://shop@sftp.example:22/outgoing');
    expect(
      dataTransferReportSource(
        parseIntegrationConfig({
          ...config({}),
          dataTransfer: { transport: { type: 'directory', dir: '/x' } },
        }),
      ),
    ).toBeUndefined();
  });
});
