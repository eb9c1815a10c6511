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

describe('createRedactingLogger with errors of other libraries and deep values', () => {
  const SECRET = 'postgres-password-9f8e7d';

  it('logs a foreign error as name, redacted message, stack and cause chain, not as {}', () => {
    const { sink, lines } = capture();
    const logger = createRedactingLogger(sink, [SECRET]);
    const root = Object.assign(new Error(`connect to postgres://shop:${SECRET}@db failed`), {
      code: 'ECONNREFUSED',
    });
    const wrapped = new TypeError('store call failed', { cause: root });
    logger.error('request failed', { error: wrapped });
    const logged = JSON.parse(JSON.stringify(lines[0]?.[2])) as {
      error: { name: string; message: string; stack: string; cause: Record<string, unknown> };
    };
    expect(logged.error.name).toBe('TypeError');
    expect(logged.error.message).toBe('store call failed');
    expect(logged.error.stack).toContain('TypeError: store call failed');
    expect(logged.error.cause).toMatchObject({ name: 'Error', code: 'ECONNREFUSED' });
    expect(String(logged.error.cause.message)).toContain('[redacted]');
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it('cuts values nested deeper than it follows off as [truncated] instead of passing them raw', () => {
    const { sink, lines } = capture();
    const logger = createRedactingLogger(sink, [SECRET]);
    let deep: Record<string, unknown> = { password: SECRET, note: SECRET };
    for (let level = 0; level < 12; level += 1) deep = { level, inner: deep };
    logger.warn('deep', { deep });
    const text = JSON.stringify(lines[0]?.[2]);
    expect(text).toContain('[truncated]');
    expect(text).not.toContain(SECRET);
  });

  it('stops at a cause cycle', () => {
    const { sink, lines } = capture();
    const logger = createRedactingLogger(sink);
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    (first as { cause?: unknown }).cause = second;
    logger.error('cycle', { error: second });
    expect(JSON.stringify(lines[0]?.[2])).toContain('[truncated]');
  });
});
