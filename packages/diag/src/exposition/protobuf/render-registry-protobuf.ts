import {
  exemplarsOf,
  isNativeCell,
  type Family,
  type HistogramCell,
  type ScalarCell,
  type SummaryCell,
} from '@teleport-otel/core';
import { layoutOf, OVERFLOW_LABEL, type Layout, type Naming } from '../render-registry';
import { sortedSeries } from '../series-order';
import { FIXED64, key, LEN, ProtoWriter, VARINT } from './writer';
import { encodeExemplar } from './exemplars';
import { encodeNativeBuckets } from './native';

/*
 * The Registry as client_golang 1.14 encodes it in the delimited protobuf exposition: one
 * varint-length-prefixed io.prometheus.client.MetricFamily per family, fields in field-number
 * order (as protobuf-go marshals them), every optional field client_golang sets written even when
 * zero, no timestamps, histograms without their +Inf bucket. Families and series come in the
 * text exposition's order (the same cached, sorted layout).
 */

/** MetricType enum values of metrics.proto. */
const METRIC_TYPE: Readonly<Record<string, number>> = { counter: 0, gauge: 1, summary: 2, untyped: 3, histogram: 4 };

/** Field numbers of metrics.proto used here. */
const F = {
  family: { name: 1, help: 2, type: 3, metric: 4 },
  metric: { label: 1, gauge: 2, counter: 3, summary: 4, histogram: 7 },
  label: { name: 1, value: 2 },
  histogram: { sampleCount: 1, sampleSum: 2, bucket: 3 },
  bucket: { cumulativeCount: 1, upperBound: 2 },
} as const;

/** Bytes of one family that do not change between scrapes. */
interface Encoded {
  /** name, help and type fields of the MetricFamily. */
  readonly header: Buffer;
  /** Per sorted label pair: the whole Metric.label field for a const label, or LabelPair's name field for a per-series one. */
  readonly pairs: readonly Buffer[];
  /** Value index of each per-series pair, -1 for const ones. */
  readonly valueIndex: readonly number[];
  /** `upper_bound` field of each classic bucket, or Summary's Quantile.quantile field. */
  readonly bounds: readonly Buffer[];
}

const encodedLayouts = new WeakMap<Layout, Encoded>();
const overflowLabel = fieldBytes((w) => {
  const m = w.begin(F.metric.label);
  w.string(F.label.name, OVERFLOW_LABEL[0]);
  w.string(F.label.value, OVERFLOW_LABEL[1]);
  w.end(m);
});

function fieldBytes(write: (w: ProtoWriter) => void): Buffer {
  const w = new ProtoWriter();
  write(w);
  return Buffer.from(w.take()); // a copy: kept per family, it must not pin the writer's 64 KB buffer
}

function encodedOf(f: Family, l: Layout): Encoded {
  let e = encodedLayouts.get(l);
  if (e) return e;
  const header = fieldBytes((w) => {
    w.string(F.family.name, l.name);
    w.string(F.family.help, f.entry.help);
    w.byte(key(F.family.type, VARINT));
    w.varint(METRIC_TYPE[f.entry.type] ?? METRIC_TYPE.untyped!);
  });
  const pairs = l.pairs.map(([name, constValue]) =>
    fieldBytes((w) => {
      if (constValue === undefined) return w.string(F.label.name, name);
      const m = w.begin(F.metric.label);
      w.string(F.label.name, name);
      w.string(F.label.value, constValue);
      w.end(m);
    })
  );
  const points = f.entry.type === 'summary' ? f.quantiles : f.bounds;
  const bounds = points.map((b) =>
    fieldBytes((w) => {
      w.byte(key(2 - Number(f.entry.type === 'summary'), FIXED64)); // Bucket.upper_bound = 2, Quantile.quantile = 1
      w.double(b);
    })
  );
  e = { header, pairs, valueIndex: l.pairs.map(([, c, i]) => (c === undefined ? i : -1)), bounds };
  encodedLayouts.set(l, e);
  return e;
}

/** Empty chunks: pauses inside a large family, so the caller can give the event loop back. */
const PAUSE = Buffer.alloc(0);
/** Series between two pauses inside one family. */
const SERIES_PER_PAUSE = 1_024;
/** Output is handed back in chunks of about this size, at family boundaries. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Renders families as delimited MetricFamily messages, in chunks of whole families (a family's
 * length prefix needs its whole body first), with empty chunks as pauses inside large ones.
 */
export function* renderRegistryProtobuf(families: readonly Family[], naming: Naming = 'teleport'): Generator<Buffer> {
  const w = new ProtoWriter();
  for (const f of families) {
    const cells = yield* pausesOf(sortedSeries(f));
    if (cells.length === 0) continue;
    const l = layoutOf(f, naming);
    const e = encodedOf(f, l);
    const start = w.beginDelimited();
    w.bytes(e.header);
    const kind = f.entry.type;
    let n = 0;
    for (const cell of cells) {
      const m = w.begin(F.family.metric);
      if (cell.overflow) w.bytes(overflowLabel);
      else {
        for (let i = 0; i < e.pairs.length; i++) {
          const vi = e.valueIndex[i]!;
          if (vi < 0) w.bytes(e.pairs[i]!);
          else {
            const p = w.begin(F.metric.label);
            w.bytes(e.pairs[i]!);
            w.string(F.label.value, cell.label(vi));
            w.end(p);
          }
        }
      }
      if (kind === 'histogram') histogram(w, cell as HistogramCell, e.bounds);
      else if (kind === 'summary') summary(w, cell as SummaryCell, e.bounds);
      else if (kind === 'counter') counter(w, cell as ScalarCell);
      else scalar(w, F.metric.gauge, (cell as ScalarCell).value);
      w.end(m);
      if (++n % SERIES_PER_PAUSE === 0) yield PAUSE;
    }
    w.end(start);
    if (w.pos >= CHUNK_BYTES) yield w.take();
  }
  if (w.pos > 0) yield w.take();
}

/** Turns the text renderer's '' pause markers (during a long sort) into empty chunks. */
function* pausesOf<T>(g: Generator<string, T>): Generator<Buffer, T> {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    yield PAUSE;
  }
}

/** Counter{value} or Gauge{value}: a 9-byte message. */
function scalar(w: ProtoWriter, field: number, v: number): void {
  w.ensure(11);
  w.buf[w.pos++] = key(field, LEN);
  w.buf[w.pos++] = 9;
  w.buf[w.pos++] = key(1, FIXED64);
  w.double(v);
}

/** Counter{value, exemplar}: the exemplar (field 2) only when the Registry kept one. */
function counter(w: ProtoWriter, cell: ScalarCell): void {
  const e = exemplarsOf(cell)?.slots[0];
  if (e === undefined) return scalar(w, F.metric.counter, cell.value);
  const c = w.begin(F.metric.counter);
  w.byte(key(1, FIXED64));
  w.double(cell.value);
  encodeExemplar(w, 2, e);
  w.end(c);
}

function histogram(w: ProtoWriter, cell: HistogramCell, bounds: readonly Buffer[]): void {
  const h = w.begin(F.metric.histogram);
  w.byte(key(F.histogram.sampleCount, VARINT));
  w.varint(cell.count);
  w.byte(key(F.histogram.sampleSum, FIXED64));
  w.double(cell.sum);
  const exemplars = exemplarsOf(cell)?.slots;
  let cumulative = 0;
  // The +Inf bucket is left out, as client_golang does (its count is sample_count), unless it has
  // an exemplar: then client_golang writes it explicitly, to carry it.
  for (let i = 0; i < bounds.length; i++) {
    cumulative += cell.bucket(i);
    const b = w.begin(F.histogram.bucket);
    w.byte(key(F.bucket.cumulativeCount, VARINT));
    w.varint(cumulative);
    w.bytes(bounds[i]!);
    const e = exemplars?.[i];
    if (e !== undefined) encodeExemplar(w, 3, e);
    w.end(b);
  }
  const inf = exemplars?.[bounds.length];
  if (inf !== undefined) {
    const b = w.begin(F.histogram.bucket);
    w.byte(key(F.bucket.cumulativeCount, VARINT));
    w.varint(cell.count);
    w.byte(key(F.bucket.upperBound, FIXED64));
    w.double(Infinity);
    encodeExemplar(w, 3, inf);
    w.end(b);
  }
  if (isNativeCell(cell)) encodeNativeBuckets(w, cell.native);
  w.end(h);
}

function summary(w: ProtoWriter, cell: SummaryCell, quantiles: readonly Buffer[]): void {
  const s = w.begin(F.metric.summary);
  w.byte(key(1, VARINT)); // sample_count: a uint64, whatever the callback reported
  w.varint(cell.count >= 0 ? Math.floor(cell.count) : 0);
  w.byte(key(2, FIXED64)); // sample_sum
  w.double(cell.sum);
  for (let i = 0; i < quantiles.length; i++) {
    const q = w.begin(3); // quantile
    w.bytes(quantiles[i]!);
    w.byte(key(2, FIXED64)); // Quantile.value
    w.double(cell.quantileValues[i]!);
    w.end(q);
  }
  w.end(s);
}
