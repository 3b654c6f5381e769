import type { AnyCell, Family, HistogramCell, ScalarCell, SummaryCell } from '@teleport-otel/core';
import { escapeLabelValue, familyHeader, formatValue } from './format';

const OVERFLOW_BLOCK = 'otel_metric_overflow="true"';

/** Per-family render state that only changes when the family's set of series changes. */
interface Layout {
  version: number;
  /** Cells sorted by label values in label-name order, as client_golang sorts them. */
  cells: AnyCell[];
  header: string;
  /** For each value position in a cell, its rank among the sorted label names (const ones included). */
  readonly valueOrder: readonly number[];
  /** Sorted [name, constValue | undefined, valueIndex] triples. */
  readonly pairs: readonly (readonly [string, string | undefined, number])[];
  /** Histogram `le` / summary `quantile` values, pre-formatted. */
  readonly le: readonly string[];
}

const layouts = new WeakMap<Family, Layout>();

function layoutOf(f: Family): Layout {
  let l = layouts.get(f);
  if (!l) {
    const pairs: [string, string | undefined, number][] = f.entry.labels.map((n, i) => [n, undefined, i]);
    for (const [n, v] of f.constLabels) pairs.push([n, v, -1]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const le = f.entry.type === 'summary' ? f.quantiles.map(formatValue) : [...f.bounds.map(formatValue), '+Inf'];
    l = {
      version: -1,
      cells: [],
      header: familyHeader(f.entry.name, f.entry.help, f.entry.type),
      valueOrder: pairs.filter((p) => p[2] >= 0).map((p) => p[2]),
      pairs,
      le,
    };
    layouts.set(f, l);
  }
  if (l.version !== f.index.version) {
    l.cells = sortCells([...f.index.cells()], l.valueOrder);
    l.version = f.index.version;
  }
  return l;
}

function sortCells(cells: AnyCell[], order: readonly number[]): AnyCell[] {
  return cells.sort((a, b) => {
    if (a.values === null) return 1;
    if (b.values === null) return -1;
    for (const i of order) {
      const x = a.values[i]!;
      const y = b.values[i]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}

/** `a="x",b="y"` for one cell (no braces), const labels merged in sorted position. */
function labelPairs(l: Layout, cell: AnyCell): string {
  if (cell.values === null) return OVERFLOW_BLOCK;
  let s = '';
  for (const [name, constValue, i] of l.pairs) {
    const v = constValue ?? cell.values[i]!;
    s += `${s === '' ? '' : ','}${name}="${escapeLabelValue(v)}"`;
  }
  return s;
}

/**
 * Renders families as text, yielding a chunk about every `chunkSeries` series so the caller can
 * give the event loop back between chunks.
 */
export function* renderRegistry(families: readonly Family[], chunkSeries = 2000): Generator<string> {
  let out = '';
  let n = 0;
  for (const f of families) {
    const l = layoutOf(f);
    // client_golang's Gather drops families without series (a vector nobody has used yet).
    if (l.cells.length === 0) continue;
    out += l.header;
    const name = f.entry.name;
    const kind = f.entry.type;
    for (const cell of l.cells) {
      const pairs = labelPairs(l, cell);
      if (kind === 'histogram') out += histogramLines(name, pairs, cell as HistogramCell, l.le);
      else if (kind === 'summary') out += summaryLines(name, pairs, cell as SummaryCell, l.le);
      else out += `${name}${pairs === '' ? '' : `{${pairs}}`} ${formatValue((cell as ScalarCell).v)}\n`;
      if (++n % chunkSeries === 0) {
        yield out;
        out = '';
      }
    }
  }
  if (out !== '') yield out;
}

function histogramLines(name: string, pairs: string, cell: HistogramCell, le: readonly string[]): string {
  const open = `${name}_bucket{${pairs === '' ? '' : `${pairs},`}le="`;
  let s = '';
  let cumulative = 0;
  const counts = cell.counts;
  for (let i = 0; i < le.length; i++) {
    cumulative += counts[i]!;
    s += `${open}${le[i]}"} ${formatValue(cumulative)}\n`;
  }
  const block = pairs === '' ? '' : `{${pairs}}`;
  return `${s}${name}_sum${block} ${formatValue(cell.sum)}\n${name}_count${block} ${formatValue(cell.count)}\n`;
}

function summaryLines(name: string, pairs: string, cell: SummaryCell, q: readonly string[]): string {
  const open = `${name}{${pairs === '' ? '' : `${pairs},`}quantile="`;
  let s = '';
  for (let i = 0; i < q.length; i++) s += `${open}${q[i]}"} ${formatValue(cell.quantileValues[i]!)}\n`;
  const block = pairs === '' ? '' : `{${pairs}}`;
  return `${s}${name}_sum${block} ${formatValue(cell.sum)}\n${name}_count${block} ${formatValue(cell.count)}\n`;
}
