/**
 * canonicalLabelValue (labels.ts) through plain calls: the only place a label value is judged.
 * Lengths and the hash rule are written out here (4096 UTF-16 units at most; a shortened value is
 * a 4068-unit prefix, "...[sha256:", the first 16 hex digits of the whole value's UTF-8 SHA-256, "]").
 */
import { createHash } from 'node:crypto';
import { canonicalLabelValue } from '../src/labels';

function judge(raw: unknown): { value: string; reports: string[] } {
  const reports: string[] = [];
  const value = canonicalLabelValue(raw, (reason, detail) => reports.push(`${reason}:${String(detail)}`));
  return { value, reports };
}

const sha16 = (v: string) => createHash('sha256').update(v, 'utf8').digest('hex').slice(0, 16);

describe('canonicalLabelValue', () => {
  it('passes a plain string unchanged, unreported', () => {
    expect(judge('GET /v1/x')).toEqual({ value: 'GET /v1/x', reports: [] });
    expect(judge('')).toEqual({ value: '', reports: [] });
  });

  it('keeps exactly 4096 units; shortens 4097 to exactly 4096 with the hash of the whole value', () => {
    const max = 'x'.repeat(4096);
    expect(judge(max)).toEqual({ value: max, reports: [] });
    const over = `${'y'.repeat(4096)}z`;
    const { value, reports } = judge(over);
    expect(reports).toEqual(['label_too_long:4097 chars']);
    expect(value).toBe(`${'y'.repeat(4068)}...[sha256:${sha16(over)}]`);
    expect(value.length).toBe(4096);
  });

  it('does not cut a surrogate pair: a high surrogate at the last kept unit goes too', () => {
    const pairAtCut = `${'a'.repeat(4067)}\u{1F600}${'b'.repeat(100)}`; // high surrogate at index 4067, the last kept
    const { value, reports } = judge(pairAtCut);
    expect(reports).toEqual(['label_too_long:4169 chars']);
    expect(value).toBe(`${'a'.repeat(4067)}...[sha256:${sha16(pairAtCut)}]`);
  });

  it.each([
    ['U+D800 (first high surrogate)', 0xd800, true],
    ['U+DBFF (last high surrogate)', 0xdbff, true],
    ['U+D7FF (below the range)', 0xd7ff, false],
    ['U+DC00 (a low surrogate)', 0xdc00, false],
  ])('at the cut, %s is %s dropped with its unit', (_what, code, dropped) => {
    const v = `${'a'.repeat(4067)}${String.fromCharCode(code)}${'b'.repeat(100)}`;
    const { value } = judge(v);
    const keep = dropped ? 4067 : 4068;
    // the kept prefix of a lone surrogate is then replaced by U+FFFD (malformed), so compare its length only
    expect(value.length).toBe(keep + 28);
    expect(value.endsWith(`...[sha256:${sha16(v)}]`)).toBe(true);
  });

  it('replaces a lone surrogate with U+FFFD, reported', () => {
    expect(judge('a\ud800b')).toEqual({ value: 'a\ufffdb', reports: ['label_malformed_unicode:a\ud800b'] });
    expect(judge('\udc00')).toEqual({ value: '\ufffd', reports: ['label_malformed_unicode:\udc00'] });
    expect(judge('\u{1F600}')).toEqual({ value: '\u{1F600}', reports: [] });
  });

  it('writes numbers, booleans and bigints as their decimal text, reported', () => {
    expect(judge(5)).toEqual({ value: '5', reports: ['label_not_string:5'] });
    expect(judge(-1.5)).toEqual({ value: '-1.5', reports: ['label_not_string:-1.5'] });
    expect(judge(false)).toEqual({ value: 'false', reports: ['label_not_string:false'] });
    expect(judge(12n)).toEqual({ value: '12', reports: ['label_not_string:12'] });
  });

  it('turns objects, symbols and functions into "", reporting their type', () => {
    expect(judge({ toString: () => 'x' })).toEqual({ value: '', reports: ['label_not_string:object'] });
    expect(judge(Symbol('s'))).toEqual({ value: '', reports: ['label_not_string:symbol'] });
    expect(judge(() => 'x')).toEqual({ value: '', reports: ['label_not_string:function'] });
  });
});
