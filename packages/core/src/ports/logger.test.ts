import { describe, expect, it } from 'vitest';
import { PostAuthError } from '../errors/index';
import type { LogFields, Logger } from './logger';
import { createRedactingLogger } from './logger';

function capture(): { sink: Logger; lines: Array<[string, string, LogFields | undefined]> } {
  const lines: Array<[string, string, LogFields | undefined]> = [];
  const at = (level: string) => (message: string, fields?: LogFields) => {
    lines.push([level, message, fields]);
  };
  return {
    lines,
    sink: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
  };
}

describe('createRedactingLogger', () => {
  const SECRET = 'very-secret-client-secret';

  it('removes listed secrets and secret-looking values from messages and fields', () => {
    const { sink, lines } = capture();
    const logger = createRedactingLogger(sink, [SECRET]);
    logger.info(`calling with ${SECRET}`, {
      url: `https://api/?client_secret=${SECRET}`,
      nested: {
        headers: { authorization: `Bearer ${SECRET}` },
        clientSecret: SECRET,
        note: SECRET,
      },
      list: [SECRET],
    });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
    expect(lines[0]?.[2]).toMatchObject({ nested: { clientSecret: '[redacted]' } });
  });

  it('logs errors through their secret-free JSON', () => {
    const { sink, lines } = capture();
    const logger = createRedactingLogger(sink);
    logger.error('token failed', {
      error: new PostAuthError({ status: 401, cause: new Error(`secret ${SECRET}`) }),
    });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
    expect(lines[0]?.[2]).toMatchObject({ error: { name: 'PostAuthError', status: 401 } });
  });
});
