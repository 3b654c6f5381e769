import type { MetricEntry } from '@teleport-otel/catalog';
import type { ParsedFamily, Sample } from '@teleport-otel/diag';
import type { Problem } from './types';

type EntryProblem = Omit<Problem, 'component' | 'group'>;

/** The series a label-set cap folds new sets into (OpenTelemetry's name for it). */
const OVERFLOW_LABEL = 'otel_metric_overflow';

/** The label names one sample should carry: per-measurement labels plus const labels. */
export function expectedLabels(entry: MetricEntry): string[] {
  return [...entry.labels, ...Object.keys(entry.constLabels ?? {})];
}

/** A sample's label names, without the `le` of histogram buckets and the `quantile` of summaries. */
function ownLabels(entry: MetricEntry, fam: ParsedFamily, s: Sample): string[] {
  return Object.keys(s.labels).filter(
    (n) =>
      !(n === 'le' && entry.type === 'histogram' && s.name === `${fam.name}_bucket`) &&
      !(n === 'quantile' && entry.type === 'summary' && s.name === fam.name)
  );
}

const isOverflow = (names: string[], s: Sample) =>
  names.length === 1 && names[0] === OVERFLOW_LABEL && s.labels[OVERFLOW_LABEL] === 'true';

/** Series whose label names differ from the catalog's (order does not matter), reported once per family. */
export function labelProblem(entry: MetricEntry, fam: ParsedFamily): EntryProblem | undefined {
  const expected = expectedLabels(entry);
  const want = [...expected].sort().join(',');
  const wrong = new Map<string, string[]>();
  for (const s of fam.samples) {
    const names = ownLabels(entry, fam, s);
    const key = [...names].sort().join(',');
    if (key !== want && !isOverflow(names, s) && !wrong.has(key)) wrong.set(key, names);
  }
  const [first] = wrong.values();
  if (!first) return undefined;
  const more = wrong.size > 1 ? ` (and ${wrong.size - 1} other wrong label sets)` : '';
  return {
    family: fam.name,
    kind: 'wrong_labels',
    severity: 'error',
    expected,
    actual: first,
    message: `${fam.name}: expected [${expected.join(',')}], got [${first.join(',')}]${more}`,
  };
}

/** First histogram series whose `le` bounds differ from the catalog's buckets plus +Inf. */
export function bucketProblem(entry: MetricEntry, fam: ParsedFamily): EntryProblem | undefined {
  if (entry.type !== 'histogram' || !entry.buckets || fam.samples.length === 0) return undefined;
  const series = groupBy(
    fam.samples.filter((s) => s.name === `${fam.name}_bucket`),
    'le'
  );
  // Stryker disable next-line StringLiteral: the key is never read, firstMismatch walks the values (docs/testing.md)
  if (series.size === 0) series.set('', []); // a histogram with no _bucket lines at all
  return firstMismatch(fam, series, [...entry.buckets, Infinity], 'wrong_buckets', '');
}

/** First summary series whose quantiles differ from the catalog's. */
export function quantileProblem(entry: MetricEntry, fam: ParsedFamily): EntryProblem | undefined {
  if (entry.type !== 'summary' || !entry.quantiles) return undefined;
  const series = groupBy(
    fam.samples.filter((s) => s.name === fam.name),
    'quantile'
  );
  return firstMismatch(fam, series, [...entry.quantiles], 'wrong_quantiles', 'quantiles ');
}

function firstMismatch(
  fam: ParsedFamily,
  series: Map<string, number[]>,
  expected: number[],
  kind: 'wrong_buckets' | 'wrong_quantiles',
  what: string
): EntryProblem | undefined {
  for (const bounds of series.values()) {
    const diff = compareBounds(expected, bounds);
    if (diff)
      return {
        family: fam.name,
        kind,
        severity: 'error',
        expected: expected.map(fmt),
        actual: bounds.map(fmt),
        message: `${fam.name}: ${what}${diff}`,
      };
  }
  return undefined;
}

/** Values of label `key` per series (series = the other labels), parsed as numbers ('+Inf' included). */
function groupBy(samples: Sample[], key: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of samples) {
    const rest = Object.entries(s.labels)
      .filter(([k]) => k !== key)
      .sort(
        // (Inside the call: before `.sort`, the comment would belong to the chain's first line.)
        // Stryker disable next-line EqualityOperator: names are distinct, so `<=` and `>=` are consistent orders too; ids are only map keys (docs/testing.md)
        ([a], [b]) => (a < b ? -1 : 1)
      );
    const id = JSON.stringify(rest);
    const list = out.get(id) ?? [];
    list.push(parseBound(s.labels[key]));
    out.set(id, list);
  }
  return out;
}

function parseBound(v: string | undefined): number {
  if (v === undefined || v.trim() === '') return NaN;
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

/** Numeric set comparison; undefined when equal, else what is missing and what is unexpected. */
function compareBounds(expected: number[], actual: number[]): string | undefined {
  const missing = expected.filter((b) => !actual.includes(b));
  const extra = actual.filter((b) => !expected.includes(b)); // NaN never matches: a bad `le` is extra
  if (missing.length === 0 && extra.length === 0 && actual.length === expected.length) return undefined;
  const parts = [`expected [${expected.map(fmt).join(',')}], got [${actual.map(fmt).join(',')}]`];
  if (missing.length) parts.push(`missing [${missing.map(fmt).join(',')}]`);
  if (extra.length) parts.push(`unexpected [${extra.map(fmt).join(',')}]`);
  if (!missing.length && !extra.length) parts.push('duplicate bounds');
  return parts.join('; ');
}

const fmt = (b: number) => (b === Infinity ? '+Inf' : b === -Infinity ? '-Inf' : String(b));
