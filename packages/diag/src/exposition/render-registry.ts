import { VERSION, type AnyCell, type Family, type HistogramCell, type ScalarCell, type SummaryCell } from '@teleport-otel/core';
import { escapeLabelValue, familyHeader, formatValue } from './format';
import { otelName, type ExpositionOptions } from './render-otel';
import { sortedSeries } from './series-order';

export type Naming = NonNullable<ExpositionOptions['naming']>;

/** The overflow series' only label (text: `otel_metric_overflow="true"`). */
export const OVERFLOW_LABEL = ['otel_metric_overflow', 'true'] as const;
const OVERFLOW_BLOCK = `${OVERFLOW_LABEL[0]}="${OVERFLOW_LABEL[1]}"`;

/** Per-family render state that never changes (the series and their order live in series-order.ts). */
export interface Layout {
  /** Exposed family name: the catalog's, or OpenTelemetry's compatibility name. */
  readonly name: string;
  readonly header: string;
  /** Sorted [name, constValue | undefined, valueIndex] triples. */
  readonly pairs: readonly (readonly [string, string | undefined, number])[];
  /** Histogram `le` / summary `quantile` values, pre-formatted. */
  readonly le: readonly string[];
}

const layouts = { teleport: new WeakMap<Family, Layout>(), otel: new WeakMap<Family, Layout>() };

/** The family's layout in `naming`, built on first use. */
export function layoutOf(f: Family, naming: Naming): Layout {
  let l = layouts[naming].get(f);
  if (!l) {
    const otel = naming === 'otel';
    const pairs: [string, string | undefined, number][] = f.entry.labels.map((n, i) => [n, undefined, i]);
    for (const [n, v] of f.constLabels) pairs.push([n, v, -1]);
    if (otel) pairs.push(['otel_scope_name', `@teleport-otel/${f.entry.package}`, -1], ['otel_scope_version', VERSION, -1]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const name = otel ? otelName(f.entry.name, f.entry.unit, f.entry.type === 'counter') : f.entry.name;
    const le = f.entry.type === 'summary' ? f.quantiles.map(formatValue) : [...f.bounds.map(formatValue), '+Inf'];
    l = { name, header: familyHeader(name, f.entry.help, f.entry.type), pairs, le };
    layouts[naming].set(f, l);
  }
  return l;
}

/** `a="x",b="y"` for one cell (no braces), const labels merged in sorted position. */
export function labelPairs(l: Layout, cell: AnyCell): string {
  if (cell.overflow) return OVERFLOW_BLOCK;
  let s = '';
  for (const [name, constValue, i] of l.pairs) {
    const v = constValue ?? cell.label(i);
    s += `${s === '' ? '' : ','}${name}="${escapeLabelValue(v)}"`;
  }
  return s;
}

/** How one family is written in a text format: its header, and each series' lines. */
export interface FamilyWriter {
  readonly header: string;
  /** Lines one series takes (for the chunk size). */
  readonly linesPerSeries: number;
  /** One series' lines, given its label pairs (`a="x",b="y"`, no braces). */
  readonly series: (cell: AnyCell, pairs: string) => string;
}

/**
 * Registry families as text in chunks of about `chunkLines` lines (~65 KB: under V8's 128 KB
 * large-object size, so a chunk dies young in the nursery instead of growing the old generation
 * toward a major GC), so the caller can give the event loop back between chunks; '' chunks mark a
 * pause inside a long sort. Series come in series-order.ts's order; families without series are
 * left out, as client_golang's Gather drops a vector nobody has used yet. Lines are collected in
 * an array and joined once per chunk: appending with += builds a rope of one node per piece, all
 * alive until the scrape ends, and scavenging 100k series' worth of them took 25-40 ms per pause.
 * Shared by the text 0.0.4 and OpenMetrics renderers, which differ only in `writerOf`.
 */
export function* renderInChunks(
  families: readonly Family[],
  naming: Naming,
  chunkLines: number,
  writerOf: (f: Family, l: Layout) => FamilyWriter
): Generator<string> {
  let parts: string[] = [];
  let lines = 0;
  for (const f of families) {
    const cells = yield* sortedSeries(f);
    if (cells.length === 0) continue;
    const l = layoutOf(f, naming);
    const w = writerOf(f, l);
    parts.push(w.header);
    for (const cell of cells) {
      parts.push(w.series(cell, labelPairs(l, cell)));
      lines += w.linesPerSeries;
      if (lines >= chunkLines) {
        yield parts.join('');
        parts = [];
        lines = 0;
      }
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/** Registry families as text 0.0.4, in chunks of about `chunkLines` lines (see renderInChunks). */
export function renderRegistry(families: readonly Family[], naming: Naming = 'teleport', chunkLines = 1_024): Generator<string> {
  return renderInChunks(families, naming, chunkLines, textWriter);
}

function textWriter(f: Family, l: Layout): FamilyWriter {
  const { name, le } = l;
  const kind = f.entry.type;
  if (kind === 'histogram')
    return {
      header: l.header,
      linesPerSeries: le.length + 2,
      series: (c, pairs) => histogramLines(name, pairs, c as HistogramCell, le),
    };
  if (kind === 'summary')
    return {
      header: l.header,
      linesPerSeries: le.length + 2,
      series: (c, pairs) => summaryLines(name, pairs, c as SummaryCell, le),
    };
  return {
    header: l.header,
    linesPerSeries: 1,
    series: (c, pairs) => `${name}${pairs === '' ? '' : `{${pairs}}`} ${formatValue((c as ScalarCell).value)}\n`,
  };
}

function histogramLines(name: string, pairs: string, cell: HistogramCell, le: readonly string[]): string {
  const open = `${name}_bucket{${pairs === '' ? '' : `${pairs},`}le="`;
  let s = '';
  let cumulative = 0;
  for (let i = 0; i < le.length; i++) {
    cumulative += cell.bucket(i);
    s += `${open}${le[i]}"} ${formatValue(cumulative)}\n`;
  }
  // After the +Inf bucket, the running total is the count.
  const block = pairs === '' ? '' : `{${pairs}}`;
  return `${s}${name}_sum${block} ${formatValue(cell.sum)}\n${name}_count${block} ${formatValue(cumulative)}\n`;
}

function summaryLines(name: string, pairs: string, cell: SummaryCell, q: readonly string[]): string {
  const open = `${name}{${pairs === '' ? '' : `${pairs},`}quantile="`;
  let s = '';
  for (let i = 0; i < q.length; i++) s += `${open}${q[i]}"} ${formatValue(cell.quantileValues[i]!)}\n`;
  const block = pairs === '' ? '' : `{${pairs}}`;
  return `${s}${name}_sum${block} ${formatValue(cell.sum)}\n${name}_count${block} ${formatValue(cell.count)}\n`;
}
