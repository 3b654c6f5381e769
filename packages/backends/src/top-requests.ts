import { backend, type LabelsOf } from '@teleport-otel/catalog';
import type { Counter } from '@teleport-otel/core';

type RequestLabels = LabelsOf<typeof backend.requests>;

/**
 * The most recently used backend_requests label sets, as Teleport's Reporter keeps them
 * (TopRequestsCount, 1000): a set used again moves to the front; past the capacity the least
 * recently used set is deleted from the metric, so `tctl top` keeps showing what is hot now rather
 * than the first thousand keys ever seen. One list serves every reporter of the same metrics, so
 * together they stay within the catalog's lifetime cap (Teleport keeps one list per reporter).
 * Over a plain OpenTelemetry meter, series cannot be deleted and the lifetime cap applies instead.
 */
export class TopRequests {
  /** Map iteration order is insertion order: the first key is the least recently used. */
  private readonly recent = new Map<string, RequestLabels>();

  constructor(
    private readonly counter: Counter<typeof backend.requests>,
    private readonly capacity = backend.requests.maxSeries
  ) {}

  /** Counts one request and marks its label set as the most recently used. */
  track(labels: RequestLabels): void {
    const key = `${labels.component}\u0000${labels.req}\u0000${labels.range}`;
    if (this.recent.delete(key)) this.recent.set(key, labels);
    else {
      this.recent.set(key, labels);
      if (this.recent.size > this.capacity) {
        const [oldest, evicted] = this.recent.entries().next().value as [string, RequestLabels];
        this.recent.delete(oldest);
        this.counter.remove(evicted);
      }
    }
    this.counter.inc(labels);
  }

  get size(): number {
    return this.recent.size;
  }
}

const lists = new WeakMap<Counter<typeof backend.requests>, TopRequests>();

/** The list shared by every reporter recording into `counter`. */
export function topRequestsFor(counter: Counter<typeof backend.requests>): TopRequests {
  let list = lists.get(counter);
  if (!list) lists.set(counter, (list = new TopRequests(counter)));
  return list;
}
