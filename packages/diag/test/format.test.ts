import { escapeLabelValue, formatValue } from '@teleport-otel/diag';
import { escapeHelp, familyHeader, sanitizeLabelName, sanitizeName } from '../src/exposition/format';

/*
 * Expected strings follow Go's strconv.FormatFloat(f, 'g', -1, 64) rules, which client_golang's text
 * format uses: shortest round-trip digits; exponent form when the decimal exponent is < -4 or >= 6;
 * at least two exponent digits; "+Inf", "-Inf", "NaN". client_golang's writeFloat special-cases
 * `f == 0` (true for -0 in Go) before formatting, so negative zero is written "0".
 */
describe('formatValue writes numbers as client_golang does', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [-0, '0'],
    [1, '1'],
    [-1, '-1'],
    [42, '42'],
    [999999, '999999'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [1.5e9, '1.5e+09'],
    [18446744073709551615, '1.8446744073709552e+19'],
    [0.5, '0.5'],
    [0.001, '0.001'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [32.768, '32.768'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-2.5e-5, '-2.5e-05'],
    [1e21, '1e+21'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ];
  it.each(cases)('%p -> %s', (v, expected) => {
    expect(formatValue(v)).toBe(expected);
  });
});

describe('escapeLabelValue', () => {
  it('escapes backslash, double quote and line feed only', () => {
    expect(escapeLabelValue('a\\b"c\nd\té')).toBe('a\\\\b\\"c\\nd\té');
    expect(escapeLabelValue('plain')).toBe('plain');
  });

  // client_golang's escaping (writeEscapedString with the label-value replacer): \ -> \\, " -> \", LF -> \n;
  // every occurrence, each character alone too (a value with only a newline must still be escaped).
  // Expected bytes are written as char codes so no JS string escaping stands between the test and the oracle.
  const bytes = (...codes: number[]) => String.fromCharCode(...codes);
  const [BS, DQ, LF, N] = [0x5c, 0x22, 0x0a, 0x6e];
  it.each([
    ['line feed alone', bytes(LF), bytes(BS, N)],
    ['backslash alone', bytes(BS), bytes(BS, BS)],
    ['double quote alone', bytes(DQ), bytes(BS, DQ)],
    ['two line feeds', bytes(0x61, LF, LF, 0x62), bytes(0x61, BS, N, BS, N, 0x62)],
    ['backslash then n (not a line feed)', bytes(BS, N), bytes(BS, BS, N)],
    ['all three, repeated', bytes(DQ, BS, LF, DQ, BS, LF), bytes(BS, DQ, BS, BS, BS, N, BS, DQ, BS, BS, BS, N)],
    ['carriage return and tab are kept', bytes(0x0d, 0x09), bytes(0x0d, 0x09)],
  ])('%s', (_what, value, expected) => {
    expect(escapeLabelValue(value)).toBe(expected);
  });
});

describe('formatValue at the edges of the plain-decimal range', () => {
  it.each([
    [0.00009999, '9.999e-05'],
    [-0.0001, '-0.0001'],
    [999999.9, '999999.9'],
    [-999999, '-999999'],
    [-1e6, '-1e+06'],
    [1e100, '1e+100'],
    [1.25e-100, '1.25e-100'],
    [-3e-7, '-3e-07'],
  ] as [number, string][])('%p -> %s', (v, expected) => {
    expect(formatValue(v)).toBe(expected);
  });
});

describe('HELP escaping and family headers', () => {
  it('escapes backslash and line feed only, every occurrence', () => {
    expect(escapeHelp('plain "quoted" text')).toBe('plain "quoted" text');
    expect(escapeHelp('a\\b\nc\\d\ne')).toBe('a\\\\b\\nc\\\\d\\ne');
    expect(escapeHelp('\n')).toBe('\\n');
    expect(escapeHelp('\\')).toBe('\\\\');
  });

  it('writes # HELP then # TYPE, each ending in a line feed', () => {
    expect(familyHeader('x_total', 'Line one\nline two', 'counter')).toBe(
      '# HELP x_total Line one\\nline two\n# TYPE x_total counter\n'
    );
  });
});

describe('name sanitizing', () => {
  it.each([
    ['ok_name:sub', 'ok_name:sub'],
    ['http.server.duration', 'http_server_duration'],
    ['a-b c/d', 'a_b_c_d'],
    ['9lives', '_9lives'],
    ['x9', 'x9'],
    ['é', '_'],
    ['Upper_Case:0', 'Upper_Case:0'],
  ])('metric name %p -> %p', (name, expected) => {
    expect(sanitizeName(name)).toBe(expected);
  });

  it.each([
    ['service.name', 'service_name'],
    ['a:b', 'a_b'],
    ['0x', '_0x'],
    ['Az_09', 'Az_09'],
    ['-', '_'],
  ])('label name %p -> %p', (name, expected) => {
    expect(sanitizeLabelName(name)).toBe(expected);
  });
});
