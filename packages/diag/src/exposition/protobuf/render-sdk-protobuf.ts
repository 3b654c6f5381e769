import type { SdkFamily } from '../render-otel';
import { FIXED64, key, VARINT, type ProtoWriter } from './writer';

const METRIC_TYPE = { counter: 0, gauge: 1, histogram: 4 } as const;

/**
 * One family of the SDK's own collection (instruments created directly on the provider) as a
 * delimited MetricFamily, from the same rows the text renderer writes: label order, values and
 * buckets (no +Inf bucket, as client_golang) are the text's.
 */
export function writeSdkFamily(w: ProtoWriter, f: SdkFamily): void {
  const start = w.beginDelimited();
  w.string(1, f.name);
  w.string(2, f.help);
  w.byte(key(3, VARINT));
  w.varint(METRIC_TYPE[f.type]);
  for (const row of f.rows) {
    const m = w.begin(4);
    for (const [name, value] of row.labels) {
      const p = w.begin(1);
      w.string(1, name);
      w.string(2, value);
      w.end(p);
    }
    const v = row.value;
    if (typeof v === 'number') {
      const s = w.begin(f.type === 'counter' ? 3 : 2);
      w.byte(key(1, FIXED64));
      w.double(v);
      w.end(s);
    } else {
      const h = w.begin(7);
      w.byte(key(1, VARINT));
      w.varint(v.count);
      w.byte(key(2, FIXED64));
      w.double(v.sum);
      let cumulative = 0;
      v.boundaries.forEach((bound, i) => {
        cumulative += v.counts[i] ?? 0;
        const b = w.begin(3);
        w.byte(key(1, VARINT));
        w.varint(cumulative);
        w.byte(key(2, FIXED64));
        w.double(bound);
        w.end(b);
      });
      w.end(h);
    }
    w.end(m);
  }
  w.end(start);
}
