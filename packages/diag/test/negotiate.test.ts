/**
 * The Accept / Accept-Encoding field parser and the content-coding choice as plain functions
 * (RFC 9110 §12.4.2 qvalues, §12.5.3 Accept-Encoding): the edge cases of the field syntax, each
 * with its expected value written out. negotiation.test.ts checks the same choice over real HTTP.
 */
import { negotiateEncoding, parsePreferences } from '../src/server/negotiate';

describe('parsePreferences', () => {
  it('no header is no preference; empty elements are skipped', () => {
    expect(parsePreferences(undefined)).toEqual([]);
    expect(parsePreferences('')).toEqual([]);
    expect(parsePreferences(' , gzip,, br ,')).toEqual([
      { value: 'gzip', params: {}, q: 1 },
      { value: 'br', params: {}, q: 1 },
    ]);
    expect(parsePreferences(['text/plain', 'gzip'])).toEqual([
      { value: 'text/plain', params: {}, q: 1 },
      { value: 'gzip', params: {}, q: 1 },
    ]);
  });

  it('parameters: names lower-cased, values trimmed and unquoted; a parameter without a name or `=` is skipped', () => {
    expect(parsePreferences('A/B; Flag; =v; X = "Y z" ; y= 1')).toEqual([{ value: 'a/b', params: { x: 'Y z', y: '1' }, q: 1 }]);
  });

  it('only a value both starting and ending with a quote (two characters at least) is unquoted', () => {
    const param = (v: string) => parsePreferences(`a/b;p=${v}`)[0]!.params.p;
    expect(param('""')).toBe('');
    expect(param('"')).toBe('"');
    expect(param('"abc')).toBe('"abc');
    expect(param('abc"')).toBe('abc"');
    expect(param('"a"')).toBe('a');
  });

  it.each([
    ['0', 0],
    ['0.', 0],
    ['0.5', 0.5],
    ['0.125', 0.125],
    ['"0.25"', 0.25],
    ['1', 1],
    ['1.000', 1],
    // malformed: counted as 1
    ['0.1234', 1],
    ['0.5x', 1],
    ['x0.5', 1],
    ['10', 1],
    ['2', 1],
    ['-0', 1],
    ['', 1],
  ])('q=%s -> %p', (q, expected) => {
    expect(parsePreferences(`gzip;q=${q}`)).toEqual([{ value: 'gzip', params: {}, q: expected }]);
  });
});

describe('negotiateEncoding', () => {
  it.each([
    // [Accept-Encoding, chosen coding]
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['X-Gzip;q=0.1', 'gzip'],
    ['*', 'gzip'],
    ['*;q=0.5', 'gzip'],
    ['*;q=0', 'identity'],
    ['*, gzip;q=0', 'identity'],
    ['gzip;q=0, *', 'identity'],
    ['gzip;q=0', 'identity'],
    ['gzip;q=0.001', 'gzip'],
    ['br, deflate', 'identity'],
    ['gzipped', 'identity'],
    ['identity', 'identity'], // gzip not offered at all
    ['identity, gzip', 'gzip'],
    ['identity;q=0.5, gzip;q=0.5', 'gzip'], // a tie favours gzip
    ['identity;q=0.6, gzip;q=0.5', 'identity'],
    ['identity;q=1, x-gzip;q=0.5', 'identity'],
    ['identity;q=0.6, *;q=0.5', 'identity'],
    ['identity;q=0, *;q=0.5', 'gzip'],
    ['*;q=0.5, identity;q=0.4', 'gzip'],
  ] as const)('%p -> %s', (header, coding) => {
    expect(negotiateEncoding(header, true)).toBe(coding);
  });

  it('gzip disabled: identity whatever the client accepts', () => {
    expect(negotiateEncoding('gzip', false)).toBe('identity');
    expect(negotiateEncoding('*', false)).toBe('identity');
  });
});
