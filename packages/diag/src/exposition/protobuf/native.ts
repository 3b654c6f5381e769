import type { NativeHistogram } from '@teleport-otel/core';
import { FIXED64, key, VARINT, type ProtoWriter } from './writer';

/** Histogram's native-bucket fields of metrics.proto (client_model 0.3). */
const F = { schema: 5, zeroThreshold: 6, zeroCount: 7, positiveSpan: 12, positiveDelta: 13 } as const;

/**
 * A series' native buckets as client_golang 1.14's histogram.Write sets them: schema, zero
 * threshold and zero count always; positive spans and deltas when populated (repeated sint64 is
 * not packed in this proto2 schema, so each delta is its own field). No negative buckets: the
 * record path never takes a negative value.
 */
export function encodeNativeBuckets(w: ProtoWriter, native: NativeHistogram): void {
  w.byte(key(F.schema, VARINT));
  w.svarint(native.schema);
  w.byte(key(F.zeroThreshold, FIXED64));
  w.double(native.zeroThreshold);
  w.byte(key(F.zeroCount, VARINT));
  w.varint(native.zeroCount);
  if (native.positive.size === 0) return;
  const { spans, deltas } = native.buckets();
  for (const [offset, length] of spans) {
    const s = w.begin(F.positiveSpan);
    w.byte(key(1, VARINT));
    w.svarint(offset);
    w.byte(key(2, VARINT));
    w.varint(length);
    w.end(s);
  }
  for (const d of deltas) {
    w.byte(key(F.positiveDelta, VARINT));
    w.svarint(d);
  }
}
