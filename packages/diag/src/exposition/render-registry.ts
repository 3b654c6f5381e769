import { VERSION, type AnyCell, type Family, type HistogramCell, type ScalarCell, type SummaryCell } from '@teleport-otel/core';
import { escapeLabelValue, familyHeader, formatValue } from './format';
import { otelName, type ExpositionOptions } from './render-otel';
import { compareUtf8 } from './utf8-order';

export type Naming = NonNullable<ExpositionOptions['naming']>;

/** The overflow series' only label (text: `otel_metric_overflow="true"`). */
export const OVERFLOW_LABEL = ['otel_metric_overflow', 'true'] as const;
const OVERFLOW_BLOCK = `${OVERFLOW_LABEL[0]}="${OVERFLOW_LABEL[1]}"`;

/** Per-family render state that only changes when the family's set of series changes. */
export interface Layout {
  version: number;
  /** Cells sorted by label values (UTF-8 byte order) in label-name order, as client_golang sorts them. */
  cells: AnyCell[];
  /** Exposed family name: the catalog's, or OpenTelemetry's compatibility name. */
  readonly name: string;
  header: string;
  /** For each value position in a cell, its rank among the sorted label names (const ones included). */
  readonly valueOrder: readonly number[];
  /** Sorted [name, constValue | undefined, valueIndex] triples. */
  readonly pairs: readonly (readonly [string, string | undefined, number])[];
  /** Histogram `le` / summary `quantile` values, pre-formatted. */
  readonly le: readonly string[];
}

const layouts = { teleport: new WeakMap<Family, Layout>(), otel: new WeakMap<Family, Layout>() };

/** Comparisons between two hand-backs to the caller during a sort: ~1-2 ms. */
const SLICE_WORK = 15_000;
/** Families at most this large are sorted in one go (well under a millisecond). */
const SORT_IN_ONE_GO = 2_048;

/**
 * The family's layout, re-sorting its cells when its set of series changed. A large re-sort runs
 * in slices, yielding '' between them so the pull reader can give the event loop back: sorting
 * 100k series in one go would block it for ~100 ms.
 */
export function* layoutOf(f: Family, naming: Naming): Generator<string, Layout> {
  let l = layouts[naming].get(f);
  if (!l) {
    const otel = naming === 'otel';
    const pairs: [string, string | undefined, number][] = f.entry.labels.map((n, i) => [n, undefined, i]);
    for (const [n, v] of f.constLabels) pairs.push([n, v, -1]);
    if (otel) pairs.push(['otel_scope_name', `@teleport-otel/${f.entry.package}`, -1], ['otel_scope_version', VERSION, -1]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const name = otel ? otelName(f.entry.name, f.entry.unit, f.entry.type === 'counter') : f.entry.name;
    const le = f.entry.type === 'summary' ? f.quantiles.map(formatValue) : [...f.bounds.map(formatValue), '+Inf'];
    l = {
      version: -1,
      cells: [],
      name,
      header: familyHeader(name, f.entry.help, f.entry.type),
      valueOrder: pairs.filter((p) => p[2] >= 0).map((p) => p[2]),
      pairs,
      le,
    };
    layouts[naming].set(f, l);
  }
  if (l.version !== f.index.version) {
    // Series may come and go while a sliced sort is suspended: the snapshot is sorted as taken and
    // stamped with the version it was taken at, so the next render sorts again if needed.
    const version = f.index.version;
    const cells = f.index.cells();
    const compare = cellOrder(l.valueOrder);
    if (cells.length <= SORT_IN_ONE_GO) cells.sort(compare);
    else {
      yield ''; // listing 100k cells is itself a few ms
      yield* sortInSlices(cells, compare);
    }
    l.cells = cells;
    l.version = version;
  }
  return l;
}

function cellOrder(order: readonly number[]): (a: AnyCell, b: AnyCell) => number {
  return (a, b) => {
    if (a.values === null) return b.values === null ? 0 : 1;
    if (b.values === null) return -1;
    for (const i of order) {
      const x = a.values[i]!;
      const y = b.values[i]!;
      if (x !== y) return compareUtf8(x, y);
    }
    return 0;
  };
}

/**
 * Sorts `a` in place: blocks sorted by Array.prototype.sort, then merged pairwise, level by level
 * (a bottom-up merge sort), yielding '' every SLICE_WORK comparisons. Stable, as Array#sort.
 */
function* sortInSlices<T>(a: T[], compare: (x: T, y: T) => number): Generator<string> {
  const n = a.length;
  const block = SORT_IN_ONE_GO;
  let work = 0;
  for (let lo = 0; lo < n; lo += block) {
    const sorted = a.slice(lo, lo + block).sort(compare);
    for (let i = 0; i < sorted.length; i++) a[lo + i] = sorted[i]!;
    work += sorted.length * 11; // ~log2(block) comparisons per element
    if (work >= SLICE_WORK) {
      work = 0;
      yield '';
    }
  }
  let src = a;
  let dst = new Array<T>(n);
  for (let width = block; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        dst[k++] = compare(src[j]!, src[i]!) < 0 ? src[j++]! : src[i++]!;
        if (++work >= SLICE_WORK) {
          work = 0;
          yield '';
        }
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    [src, dst] = [dst, src];
  }
  if (src !== a) for (let i = 0; i < n; i++) a[i] = src[i]!;
}

/** `a="x",b="y"` for one cell (no braces), const labels merged in sorted position. */
export function labelPairs(l: Layout, cell: AnyCell): string {
  if (cell.values === null) return OVERFLOW_BLOCK;
  let s = '';
  for (const [name, constValue, i] of l.pairs) {
    const v = constValue ?? cell.values[i]!;
    s += `${s === '' ? '' : ','}${name}="${escapeLabelValue(v)}"`;
  }
  return s;
}

/**
 * Renders families as text in chunks of about `chunkLines` lines (~65 KB: under V8's 128 KB
 * large-object size, so a chunk dies young in the nursery instead of growing the old generation
 * toward a major GC), so the caller can give the event loop back between chunks; '' chunks mark a
 * pause inside a long sort. Lines are collected in an
 * array and joined once per chunk: appending with += builds a rope of one node per piece, all alive
 * until the scrape ends, and scavenging 100k series' worth of them took 25-40 ms per pause.
 */
export function* renderRegistry(families: readonly Family[], naming: Naming = 'teleport', chunkLines = 1_024): Generator<string> {
  let parts: string[] = [];
  let lines = 0;
  for (const f of families) {
    const l = yield* layoutOf(f, naming);
    // client_golang's Gather drops families without series (a vector nobody has used yet).
    if (l.cells.length === 0) continue;
    parts.push(l.header);
    const name = l.name;
    const kind = f.entry.type;
    const perSeries = kind === 'histogram' || kind === 'summary' ? l.le.length + 2 : 1;
    for (const cell of l.cells) {
      const pairs = labelPairs(l, cell);
      if (kind === 'histogram') parts.push(histogramLines(name, pairs, cell as HistogramCell, l.le));
      else if (kind === 'summary') parts.push(summaryLines(name, pairs, cell as SummaryCell, l.le));
      else parts.push(`${name}${pairs === '' ? '' : `{${pairs}}`} ${formatValue((cell as ScalarCell).value)}\n`);
      lines += perSeries;
      if (lines >= chunkLines) {
        yield parts.join('');
        parts = [];
        lines = 0;
      }
    }
  }
  if (parts.length > 0) yield parts.join('');
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
