/**
 * The per-family checks of `check` (check/series.ts) through plain calls on hand-built parsed
 * families: label names, histogram buckets, summary quantiles, and each problem's exact message.
 * Entries come from the catalog by shape; the label names and bounds in the expected values are
 * taken from those entries, the rules (what is missing, extra, duplicated) are written out here.
 */
import { catalog, type MetricEntry } from '@teleport-otel/catalog';
import type { ParsedFamily, Sample } from '@teleport-otel/diag';
import { bucketProblem, expectedLabels, labelProblem, quantileProblem } from '../src/check/series';

const firstOf = (pred: (e: MetricEntry) => boolean): MetricEntry => {
  const e = catalog.find(pred);
  if (!e) throw new Error('catalog has no entry of the shape this test needs');
  return e;
};
const histogram = firstOf(
  (e) => e.type === 'histogram' && e.labels.length === 1 && !e.constLabels && (e.buckets?.length ?? 0) >= 3
);
const summary = firstOf((e) => e.type === 'summary' && (e.quantiles?.length ?? 0) >= 2 && e.labels.length === 0);
const twoLabels = firstOf((e) => e.type === 'counter' && e.labels.length === 2 && !e.constLabels);
const withConst = firstOf((e) => e.constLabels !== undefined && Object.keys(e.constLabels).length > 0);
const unlabelledGauge = firstOf((e) => e.type === 'gauge' && e.labels.length === 0 && !e.constLabels);

const fam = (name: string, type: string, samples: Sample[]): ParsedFamily => ({ name, type, help: '', samples });
const sample = (name: string, labels: Record<string, string>, value = 1): Sample => ({ name, labels, value });
const str = (b: number) => (b === Infinity ? '+Inf' : String(b));

describe('expectedLabels', () => {
  it('is the per-measurement labels, then the const labels', () => {
    expect(expectedLabels(withConst)).toEqual([...withConst.labels, ...Object.keys(withConst.constLabels!)]);
    expect(expectedLabels(unlabelledGauge)).toEqual([]);
  });
});

describe('labelProblem', () => {
  const [a, b] = twoLabels.labels as [string, string];
  const n = twoLabels.name;

  it('accepts the catalog label names in any order, and the overflow series', () => {
    const f = fam(n, 'counter', [
      sample(n, { [a]: '1', [b]: '2' }),
      sample(n, { [b]: '2', [a]: '3' }),
      sample(n, { otel_metric_overflow: 'true' }),
    ]);
    expect(labelProblem(twoLabels, f)).toBeUndefined();
  });

  it('reports the first wrong label set, counting the other distinct ones', () => {
    const f = fam(n, 'counter', [
      sample(n, { [a]: '1' }),
      sample(n, { [a]: '2' }),
      sample(n, { [a]: '1', [b]: '2', zz: '3' }),
      sample(n, { otel_metric_overflow: 'false' }),
    ]);
    expect(labelProblem(twoLabels, f)).toEqual({
      family: n,
      kind: 'wrong_labels',
      severity: 'error',
      expected: [a, b],
      actual: [a],
      message: `${n}: expected [${a},${b}], got [${a}] (and 2 other wrong label sets)`,
    });
    const one = fam(n, 'counter', [sample(n, { [b]: '1' }), sample(n, { [b]: '2' })]);
    expect(labelProblem(twoLabels, one)!.message).toBe(`${n}: expected [${a},${b}], got [${b}]`);
  });

  it('an overflow label beside others, or on an unlabelled family with a second label, is wrong', () => {
    const f = fam(n, 'counter', [sample(n, { otel_metric_overflow: 'true', [a]: '1' })]);
    expect(labelProblem(twoLabels, f)!.actual).toEqual(['otel_metric_overflow', a]);
  });

  it('lists every name of the first wrong set in the message, comma-separated', () => {
    const f = fam(n, 'counter', [sample(n, { [a]: '1', zz: '2' })]);
    expect(labelProblem(twoLabels, f)!.message).toBe(`${n}: expected [${a},${b}], got [${a},zz]`);
  });

  it('le counts as a label outside a histogram _bucket sample; quantile outside the summary sample', () => {
    const h = histogram.name;
    const [l] = histogram.labels as [string];
    expect(
      labelProblem(
        histogram,
        fam(h, 'histogram', [sample(`${h}_bucket`, { [l]: 'x', le: '1' }), sample(`${h}_sum`, { [l]: 'x' })])
      )
    ).toBeUndefined();
    expect(labelProblem(histogram, fam(h, 'histogram', [sample(`${h}_sum`, { [l]: 'x', le: '1' })]))!.actual).toEqual([l, 'le']);
    const s = summary.name;
    expect(labelProblem(summary, fam(s, 'summary', [sample(s, { quantile: '0.5' }), sample(`${s}_count`, {})]))).toBeUndefined();
    expect(labelProblem(summary, fam(s, 'summary', [sample(`${s}_sum`, { quantile: '0.5' })]))!.actual).toEqual(['quantile']);
    // only quantile is set aside on the summary sample: another label there is still wrong
    expect(labelProblem(summary, fam(s, 'summary', [sample(s, { zz: '1', quantile: '0.5' })]))!.actual).toEqual(['zz']);
    // a gauge's quantile or le label is an ordinary (wrong) label
    const g = unlabelledGauge.name;
    expect(labelProblem(unlabelledGauge, fam(g, 'gauge', [sample(g, { quantile: '1' })]))!.actual).toEqual(['quantile']);
    expect(labelProblem(unlabelledGauge, fam(g, 'gauge', [sample(`${g}_bucket`, { le: '1' })]))!.actual).toEqual(['le']);
  });
});

describe('bucketProblem', () => {
  const h = histogram.name;
  const [l] = histogram.labels as [string];
  const bounds = [...histogram.buckets!, Infinity];
  const series = (labelValue: string, les: string[]) => les.map((le) => sample(`${h}_bucket`, { [l]: labelValue, le }));
  const all = bounds.map(str);

  it('accepts every series with the catalog bounds plus +Inf (written +Inf or Inf), in any order', () => {
    const les = [...all].reverse();
    les[0] = 'Inf';
    expect(bucketProblem(histogram, fam(h, 'histogram', [...series('a', all), ...series('b', les)]))).toBeUndefined();
  });

  it('names the missing and the unexpected bounds of the first wrong series', () => {
    const wrong = [...all];
    wrong[1] = '0.123456';
    const got = bucketProblem(
      histogram,
      fam(h, 'histogram', [...series('a', all), ...series('b', wrong), ...series('c', all.slice(1))])
    );
    expect(got).toEqual({
      family: h,
      kind: 'wrong_buckets',
      severity: 'error',
      expected: all,
      actual: wrong,
      message: `${h}: expected [${all.join(',')}], got [${wrong.join(',')}]; missing [${all[1]}]; unexpected [0.123456]`,
    });
  });

  it('reports a missing +Inf, a duplicate bound, a blank or absent le, and -Inf', () => {
    const noInf = all.slice(0, -1);
    expect(bucketProblem(histogram, fam(h, 'histogram', series('a', noInf)))!.message).toBe(
      `${h}: expected [${all.join(',')}], got [${noInf.join(',')}]; missing [+Inf]`
    );
    const dup = [...all, all[0]!];
    expect(bucketProblem(histogram, fam(h, 'histogram', series('a', dup)))!.message).toBe(
      `${h}: expected [${all.join(',')}], got [${dup.join(',')}]; duplicate bounds`
    );
    const blank = [...all.slice(0, -1), ' '];
    expect(bucketProblem(histogram, fam(h, 'histogram', series('a', blank)))!.actual).toEqual([...all.slice(0, -1), 'NaN']);
    const absent = [...series('a', all.slice(0, -1)), sample(`${h}_bucket`, { [l]: 'a' })];
    expect(bucketProblem(histogram, fam(h, 'histogram', absent))!.message).toBe(
      `${h}: expected [${all.join(',')}], got [${[...all.slice(0, -1), 'NaN'].join(',')}]; missing [+Inf]; unexpected [NaN]`
    );
    const minus = [...all.slice(0, -1), '-Inf'];
    expect(bucketProblem(histogram, fam(h, 'histogram', series('a', minus)))!.actual).toEqual(minus);
  });

  it('a repeated bound standing in for another is wrong although the count matches', () => {
    const twice = [...all];
    twice[1] = all[0]!;
    expect(bucketProblem(histogram, fam(h, 'histogram', series('a', twice)))!.message).toBe(
      `${h}: expected [${all.join(',')}], got [${twice.join(',')}]; missing [${all[1]}]`
    );
  });

  it('lists every unexpected bound, comma-separated', () => {
    const two = [...all, '0.123456', '0.654321'];
    expect(bucketProblem(histogram, fam(h, 'histogram', series('a', two)))!.message).toBe(
      `${h}: expected [${all.join(',')}], got [${two.join(',')}]; unexpected [0.123456,0.654321]`
    );
  });

  it('an unexpected bound is reported even when every expected one is there and the count matches', () => {
    // only an entry repeating a bound allows that; the catalog's lists do not, so one is made here from a catalog list
    const first = histogram.buckets![0]!;
    const repeated = { ...histogram, buckets: [first, ...histogram.buckets!] };
    const want = [first, ...bounds].map(str);
    const got = [...all, '0.123456'];
    expect(bucketProblem(repeated, fam(h, 'histogram', series('a', got)))!.message).toBe(
      `${h}: expected [${want.join(',')}], got [${got.join(',')}]; unexpected [0.123456]`
    );
  });

  it('groups series by their other labels whatever their order', () => {
    const s = (le: string, other: Record<string, string>) => sample(`${h}_bucket`, { ...other, le });
    const samples = all.map((le, i) => (i % 2 === 0 ? s(le, { [l]: 'a', z: '1' }) : s(le, { z: '1', [l]: 'a' })));
    expect(bucketProblem(histogram, fam(h, 'histogram', samples))).toBeUndefined();
  });

  it('a histogram with samples but no _bucket lines is wrong; no samples at all, or another type, is not checked', () => {
    expect(bucketProblem(histogram, fam(h, 'histogram', [sample(`${h}_sum`, { [l]: 'a' })]))!.message).toBe(
      `${h}: expected [${all.join(',')}], got []; missing [${all.join(',')}]`
    );
    expect(bucketProblem(histogram, fam(h, 'histogram', []))).toBeUndefined();
    expect(bucketProblem(summary, fam(summary.name, 'summary', [sample(`${summary.name}_bucket`, { le: '1' })]))).toBeUndefined();
    expect(bucketProblem({ ...histogram, buckets: undefined }, fam(h, 'histogram', series('a', ['1'])))).toBeUndefined();
    expect(bucketProblem({ ...histogram, type: 'gauge' }, fam(h, 'histogram', series('a', ['1'])))).toBeUndefined();
  });
});

describe('quantileProblem', () => {
  const s = summary.name;
  const qs = summary.quantiles!.map(str);

  it('accepts the catalog quantiles; reports a changed one', () => {
    expect(
      quantileProblem(
        summary,
        fam(
          s,
          'summary',
          qs.map((q) => sample(s, { quantile: q }))
        )
      )
    ).toBeUndefined();
    const changed = [...qs];
    changed[0] = '0.0001';
    expect(
      quantileProblem(
        summary,
        fam(
          s,
          'summary',
          changed.map((q) => sample(s, { quantile: q }))
        )
      )
    ).toEqual({
      family: s,
      kind: 'wrong_quantiles',
      severity: 'error',
      expected: qs,
      actual: changed,
      message: `${s}: quantiles expected [${qs.join(',')}], got [${changed.join(',')}]; missing [${qs[0]}]; unexpected [0.0001]`,
    });
  });

  it('only checks summary entries with quantiles, and only the samples named as the family', () => {
    const others = [sample(`${s}_sum`, { quantile: '7' }), ...qs.map((q) => sample(s, { quantile: q }))];
    expect(quantileProblem(summary, fam(s, 'summary', others))).toBeUndefined();
    expect(
      quantileProblem({ ...summary, quantiles: undefined }, fam(s, 'summary', [sample(s, { quantile: '7' })]))
    ).toBeUndefined();
    expect(quantileProblem({ ...summary, type: 'gauge' }, fam(s, 'summary', [sample(s, { quantile: '7' })]))).toBeUndefined();
  });
});
