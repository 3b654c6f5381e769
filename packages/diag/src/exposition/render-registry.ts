import { VERSION, type AnyCell, type Family, type HistogramCell, type ScalarCell, type SummaryCell } from '@teleport-otel/core';
import { escapeLabelValue, familyHeader, formatValue } from './format';
import { otelName, type ExpositionOptions } from './render-otel';
import { takeSlab } from './slab-pool';
import { sortedSeries } from './series-order';
import { MAX_BYTES_PER_UNIT, MAX_VALUE_BYTES, putBytes, putLabelValue, putPrefix, putValue, utf8 } from './text-bytes';

export type Naming = NonNullable<ExpositionOptions['naming']>;

/** The overflow series' only label (text: `otel_metric_overflow="true"`). */
export const OVERFLOW_LABEL = ['otel_metric_overflow', 'true'] as const;
const OVERFLOW_BLOCK = `${OVERFLOW_LABEL[0]}="${OVERFLOW_LABEL[1]}"`;

const [QUOTE, COMMA, SPACE, LINE_FEED, OPEN_BRACE, CLOSE_BRACE] = Buffer.from('", \n{}', 'latin1');

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
    // Stryker disable next-line UnaryOperator: the value index of a pair with a const value is never read (docs/testing.md)
    for (const [n, v] of f.constLabels) pairs.push([n, v, -1]);
    // Stryker disable next-line UnaryOperator: the value index of a pair with a const value is never read (docs/testing.md)
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
 * The OpenMetrics renderer's loop (`writerOf` writes its lines); text 0.0.4, what nearly every
 * scrape asks for, is written as bytes instead (renderRegistryBytes).
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

/** A layout's constant pieces in UTF-8, for renderRegistryBytes. */
interface ByteLayout {
  readonly header: Uint8Array;
  /** `name`, `name_bucket{` (a summary: `name{`), `name_sum`, `name_count`. */
  readonly name: Uint8Array;
  readonly open: Uint8Array;
  readonly sum: Uint8Array;
  readonly count: Uint8Array;
  /** Per bucket: `le="0.005"} ` (a summary: `quantile="0.5"} `). */
  readonly le: readonly Uint8Array[];
  /** Per label pair, sorted: `name="` (`,name="` after the first), and the escaped const value or the value index. */
  readonly prefixes: readonly Uint8Array[];
  readonly consts: readonly (Uint8Array | number)[];
  /** A bound on the label pairs' bytes apart from the series' own label values. */
  readonly pairBytes: number;
  readonly histogram: boolean;
  /** Lines per series, and a bound on one line's bytes apart from its label values. */
  readonly lines: number;
  readonly lineBytes: number;
}

const OVERFLOW_BYTES = utf8(OVERFLOW_BLOCK);
const byteLayouts = new WeakMap<Layout, ByteLayout>();

function byteLayoutOf(f: Family, l: Layout): ByteLayout {
  let b = byteLayouts.get(l);
  if (!b) {
    const kind = f.entry.type;
    const buckets = kind === 'histogram' || kind === 'summary';
    const prefixes = l.pairs.map(([name], k) => utf8(`${k === 0 ? '' : ','}${name}="`));
    const consts = l.pairs.map(([, v, i]) => (v === undefined ? i : utf8(escapeLabelValue(v))));
    let pairBytes = OVERFLOW_BYTES.length;
    for (let k = 0; k < prefixes.length; k++) {
      const c = consts[k]!;
      pairBytes += prefixes[k]!.length + 1 + (typeof c === 'number' ? 0 : c.length);
    }
    // Stryker disable next-line ArrayDeclaration: a non-empty list for a scalar family only makes its bound larger (docs/testing.md)
    const le = buckets ? l.le.map((v) => utf8(`${kind === 'summary' ? 'quantile' : 'le'}="${v}"}`)) : [];
    const name = utf8(l.name);
    b = {
      header: utf8(l.header),
      name,
      open: utf8(`${l.name}${kind === 'histogram' ? '_bucket' : ''}{`),
      sum: utf8(`${l.name}_sum`),
      count: utf8(`${l.name}_count`),
      le,
      prefixes,
      consts,
      pairBytes,
      histogram: kind === 'histogram',
      lines: buckets ? le.length + 2 : 1,
      // name_bucket{ pairs , le="…"} value \n, or name_count{ pairs } value \n
      // Stryker disable next-line MethodExpression: Math.min gives 0, which the bound's slack covers (docs/testing.md)
      lineBytes: name.length + 8 + pairBytes + 2 + Math.max(0, ...le.map((x) => x.length)) + MAX_VALUE_BYTES + 1,
    };
    byteLayouts.set(l, b);
  }
  return b;
}

/**
 * Renders families as text, written as UTF-8 straight into Buffers of SLAB_BYTES from the slab
 * pool (text-bytes.ts and slab-pool.ts say why), each yielded when the next series would not fit, so the caller can give the event
 * loop back between them and send them as they are; '' marks a pause inside a long sort.
 */
export function* renderRegistryBytes(families: readonly Family[], naming: Naming = 'teleport'): Generator<Uint8Array | string> {
  let buf = takeSlab();
  let pos = 0;
  /** Room for `need` more bytes: the full Buffer handed out and a fresh one started if there is not. */
  function* room(need: number): Generator<Uint8Array> {
    if (pos + need <= buf.length) return;
    if (pos > 0) yield buf.subarray(0, pos);
    buf = takeSlab(need);
    pos = 0;
  }
  for (const f of families) {
    const cells = yield* sortedSeries(f);
    // client_golang's Gather drops families without series (a vector nobody has used yet).
    if (cells.length === 0) continue;
    const b = byteLayoutOf(f, layoutOf(f, naming));
    yield* room(b.header.length);
    pos = putBytes(buf, pos, b.header);
    // Indexed: in this generator a for-of allocated an iterator result per series (4 MB per 100k).
    for (let k = 0; k < cells.length; k++) {
      const cell = cells[k]!;
      const valueBytes = labelValueBytes(b, cell);
      const need = b.lines * (b.lineBytes + valueBytes);
      if (pos + need > buf.length) yield* room(need);
      if (b.lines > 1) pos = bucketedBytes(buf, pos, b, cell as HistogramCell | SummaryCell, valueBytes);
      else pos = scalarBytes(buf, pos, b, cell as ScalarCell);
    }
  }
  if (pos > 0) yield buf.subarray(0, pos);
}

/** renderRegistryBytes as strings, for callers that want text. */
export function* renderRegistry(families: readonly Family[], naming: Naming = 'teleport'): Generator<string> {
  for (const piece of renderRegistryBytes(families, naming)) yield typeof piece === 'string' ? piece : textOf(piece);
}

/** UTF-8 bytes as a string. */
export function textOf(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
}

/** Most bytes one series' label values take (escaped, in UTF-8) on one line. */
function labelValueBytes(b: ByteLayout, cell: AnyCell): number {
  if (cell.overflow) return 0;
  let units = 0;
  const consts = b.consts;
  // Indexed, not for-of: inside the render generator the iterator was allocated once per series.
  // Stryker disable next-line EqualityOperator: consts[length] is undefined, not a number: skipped alike
  for (let k = 0; k < consts.length; k++) {
    const c = consts[k];
    if (typeof c === 'number') units += cell.label(c).length;
  }
  return units * MAX_BYTES_PER_UNIT;
}

/** `a="x",b="y"` for one cell (no braces), const labels merged in sorted position. */
function putPairs(buf: Buffer, pos: number, b: ByteLayout, cell: AnyCell): number {
  if (cell.overflow) return putBytes(buf, pos, OVERFLOW_BYTES);
  for (let k = 0; k < b.prefixes.length; k++) {
    pos = putBytes(buf, pos, b.prefixes[k]!);
    const c = b.consts[k]!;
    pos = typeof c === 'number' ? putLabelValue(buf, pos, cell.label(c)) : putBytes(buf, pos, c);
    buf[pos++] = QUOTE;
  }
  return pos;
}

/** ` value\n` */
function putValueLine(buf: Buffer, pos: number, v: number): number {
  buf[pos++] = SPACE;
  pos = putValue(buf, pos, v);
  buf[pos++] = LINE_FEED;
  return pos;
}

/** `{` + the first n bytes of `pairs` + `}`, or nothing when n is 0 (a series without labels). */
function putBlock(buf: Buffer, pos: number, pairs: Buffer, n: number): number {
  if (n === 0) return pos;
  buf[pos++] = OPEN_BRACE;
  pos = putPrefix(buf, pos, pairs, n);
  buf[pos++] = CLOSE_BRACE;
  return pos;
}

function scalarBytes(buf: Buffer, pos: number, b: ByteLayout, cell: ScalarCell): number {
  pos = putBytes(buf, pos, b.name);
  const hasPairs = cell.overflow || b.prefixes.length > 0;
  if (hasPairs) buf[pos++] = OPEN_BRACE;
  pos = putPairs(buf, pos, b, cell);
  if (hasPairs) buf[pos++] = CLOSE_BRACE;
  return putValueLine(buf, pos, cell.value);
}

/** Where a bucketed series' label pairs are encoded once, to be copied to each of its lines. */
let scratch = Buffer.allocUnsafe(1024);

/** Histogram bucket (cumulative) or summary quantile lines, then `_sum` and `_count`. */
function bucketedBytes(buf: Buffer, pos: number, b: ByteLayout, cell: HistogramCell | SummaryCell, valueBytes: number): number {
  if (scratch.length < b.pairBytes + valueBytes) scratch = Buffer.allocUnsafe(b.pairBytes + valueBytes);
  const n = putPairs(scratch, 0, b, cell);
  const histogram = b.histogram;
  let cumulative = 0;
  for (let i = 0; i < b.le.length; i++) {
    pos = putPrefix(buf, putBytes(buf, pos, b.open), scratch, n);
    if (n > 0) buf[pos++] = COMMA;
    pos = putBytes(buf, pos, b.le[i]!);
    if (histogram) pos = putValueLine(buf, pos, (cumulative += (cell as HistogramCell).bucket(i)));
    else pos = putValueLine(buf, pos, (cell as SummaryCell).quantileValues[i]!);
  }
  pos = putValueLine(buf, putBlock(buf, putBytes(buf, pos, b.sum), scratch, n), cell.sum);
  // After the +Inf bucket, the running total is the histogram's count.
  const count = histogram ? cumulative : (cell as SummaryCell).count;
  return putValueLine(buf, putBlock(buf, putBytes(buf, pos, b.count), scratch, n), count);
}
