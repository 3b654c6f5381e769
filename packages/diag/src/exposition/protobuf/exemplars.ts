import type { Exemplar } from '@teleport-otel/core';
import { FIXED64, key, VARINT, type ProtoWriter } from './writer';

/**
 * An Exemplar message (label = 1, value = 2, timestamp = 3) as field `field` of a Bucket (3) or a
 * Counter (2), as client_golang 1.14 sets it: the trace_id and span_id labels, the measured value
 * and the time it was recorded (google.protobuf.Timestamp: seconds = 1, nanos = 2, zeros omitted).
 */
export function encodeExemplar(w: ProtoWriter, field: number, e: Exemplar): void {
  const m = w.begin(field);
  labelPair(w, 'trace_id', e.traceId);
  labelPair(w, 'span_id', e.spanId);
  w.byte(key(2, FIXED64));
  w.double(e.value);
  const ts = w.begin(3);
  const seconds = Math.floor(e.timeMs / 1000);
  const nanos = (e.timeMs - seconds * 1000) * 1_000_000;
  if (seconds !== 0) {
    w.byte(key(1, VARINT));
    w.varint(seconds);
  }
  if (nanos !== 0) {
    w.byte(key(2, VARINT));
    w.varint(nanos);
  }
  w.end(ts);
  w.end(m);
}

function labelPair(w: ProtoWriter, name: string, value: string): void {
  const p = w.begin(1);
  w.string(1, name);
  w.string(2, value);
  w.end(p);
}
