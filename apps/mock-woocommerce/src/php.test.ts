import { describe, expect, it } from 'vitest';
import {
  metaRoundTrip,
  parsePhpQuery,
  phpEmpty,
  phpJsonEncode,
  phpUrlDecode,
  rawUrlDecode,
  rawUrlEncode,
} from './php';

describe('PHP semantics', () => {
  it('parses query strings into $_GET: arrays, last value wins, + is a space, dots become underscores', () => {
    expect(
      parsePhpQuery(
        'status[]=processing&status[]=on-hold&page=2&page=3&a.b=1&q=a+b%2Bc&x[k]=v&empty',
      ),
    ).toEqual({
      status: { 0: 'processing', 1: 'on-hold' },
      page: '3',
      a_b: '1',
      q: 'a b+c',
      x: { k: 'v' },
      empty: '',
    });
    expect(parsePhpQuery('&&=nameless&n[=1')).toEqual({ n_: '1' });
  });

  it('decodes and encodes like urldecode, rawurldecode and rawurlencode', () => {
    expect(phpUrlDecode('a+b%20c%zz')).toBe('a b c%zz');
    expect(rawUrlDecode('a+b%2F')).toBe('a+b/');
    expect(rawUrlEncode("a b/c~d.e_f-g!*'()ü")).toBe('a%20b%2Fc~d.e_f-g%21%2A%27%28%29%C3%BC');
  });

  it('encodes JSON with escaped slashes and \\u escapes, as wp_json_encode', () => {
    expect(phpJsonEncode({ url: 'https://x/y', city: 'Zürich', emoji: '📦' })).toBe(
      '{"url":"https:\\/\\/x\\/y","city":"Z\\u00fcrich","emoji":"\\ud83d\\udce6"}',
    );
    expect(JSON.parse(phpJsonEncode({ city: 'Zürich' }))).toEqual({ city: 'Zürich' });
  });

  it('knows what empty() means and what meta storage does to values', () => {
    expect(['', '0', 0, null, undefined, false, {}, []].every(phpEmpty)).toBe(true);
    expect(['00', ' ', 'a', 1].some(phpEmpty)).toBe(false);
    expect([
      metaRoundTrip(12),
      metaRoundTrip(true),
      metaRoundTrip(false),
      metaRoundTrip(1.5),
    ]).toEqual(['12', '1', '', '1.5']);
    expect(metaRoundTrip({ 0: 'a', 1: 'b' })).toEqual(['a', 'b']);
    expect(metaRoundTrip({ a: [1, true], b: {} })).toEqual({ a: [1, true], b: [] });
  });
});
