import { trace, type Span } from '@opentelemetry/api';
import { backend, self } from '@teleport-otel/catalog';
import { bucketIndex, createInstruments, exemplarsOf, Registry, type HistogramCell, type ScalarCell } from '@teleport-otel/core';
import { startTestTracing } from '../../../test-support/tracing';

const reqLabels = { component: 'cache', req: '/nodes/default', range: 'false' } as const;
const cache = { component: 'cache' } as const;

function cells<C>(registry: Registry, entry: Parameters<Registry['family']>[0]): C[] {
  return registry.family(entry).index.cells() as C[];
}

/** Runs `fn` inside a new active span and returns the span. */
function inSpan(tracer: ReturnType<typeof startTestTracing>['tracer'], fn: () => void): Span {
  return tracer.startActiveSpan('op', (span) => {
    fn();
    span.end();
    return span;
  });
}

describe('exemplars on a Registry created with exemplars: true', () => {
  let tracing: ReturnType<typeof startTestTracing>;
  beforeAll(() => (tracing = startTestTracing()));
  afterAll(() => tracing.stop());

  it('keeps the active span of a histogram observation on its bucket, the latest one per bucket', () => {
    const registry = new Registry({ exemplars: true });
    const b = createInstruments(backend, { registry });
    const first = inSpan(tracing.tracer, () => b.readSeconds.record(0.003, cache));
    const second = inSpan(tracing.tracer, () => b.readSeconds.record(0.0031, cache));
    const other = inSpan(tracing.tracer, () => b.readSeconds.record(5, cache));
    const [cell] = cells<HistogramCell>(registry, backend.readSeconds);
    const slots = exemplarsOf(cell!)!.slots;
    const bounds = backend.readSeconds.buckets;
    expect(slots).toHaveLength(bounds.length + 1);
    const small = slots[bucketIndex(bounds, 0.003)]!;
    expect(bucketIndex(bounds, 0.0031)).toBe(bucketIndex(bounds, 0.003));
    expect(small).toMatchObject({ traceId: second.spanContext().traceId, spanId: second.spanContext().spanId, value: 0.0031 });
    expect(small.traceId).not.toBe(first.spanContext().traceId);
    expect(Math.abs(small.timeMs - Date.now())).toBeLessThan(60_000);
    expect(slots[bucketIndex(bounds, 5)]).toMatchObject({ traceId: other.spanContext().traceId, value: 5 });
    expect(slots.filter((s) => s !== undefined)).toHaveLength(2);
    expect(cell!.count).toBe(3);
  });

  it('keeps the latest increment of a counter series, through add, inc, bound and detached methods', () => {
    const registry = new Registry({ exemplars: true });
    const b = createInstruments(backend, { registry });
    const added = inSpan(tracing.tracer, () => b.requests.add(2.5, reqLabels));
    const [cell] = cells<ScalarCell>(registry, backend.requests);
    expect(exemplarsOf(cell!)!.slots).toEqual([expect.objectContaining({ traceId: added.spanContext().traceId, value: 2.5 })]);
    const { inc } = b.requests;
    const detached = inSpan(tracing.tracer, () => inc(reqLabels));
    expect(exemplarsOf(cell!)!.slots[0]).toMatchObject({ spanId: detached.spanContext().spanId, value: 1 });
    const bound = b.requests.bind(reqLabels);
    const viaBound = inSpan(tracing.tracer, () => bound.add(4));
    expect(exemplarsOf(cell!)!.slots[0]).toMatchObject({ spanId: viaBound.spanContext().spanId, value: 4 });
    expect(cell!.value).toBe(7.5);
    // Inherited methods stay bound on the exemplar classes too.
    const { remove } = b.requests;
    remove(reqLabels);
    expect(cells(registry, backend.requests)).toHaveLength(0);
  });

  it('bound histograms and timers keep exemplars too', () => {
    const registry = new Registry({ exemplars: true });
    const b = createInstruments(backend, { registry });
    const bound = b.readSeconds.bind(cache);
    const span = inSpan(tracing.tracer, () => bound.record(0.2));
    const timed = inSpan(tracing.tracer, () => b.writeSeconds.startTimer(cache)());
    expect(exemplarsOf(cells<HistogramCell>(registry, backend.readSeconds)[0]!)!.slots).toContainEqual(
      expect.objectContaining({ traceId: span.spanContext().traceId, value: 0.2 })
    );
    expect(exemplarsOf(cells<HistogramCell>(registry, backend.writeSeconds)[0]!)!.slots).toContainEqual(
      expect.objectContaining({ spanId: timed.spanContext().spanId })
    );
  });

  it('keeps nothing outside a span, and nothing for an invalid measurement (which is counted once)', () => {
    const registry = new Registry({ exemplars: true });
    const b = createInstruments(backend, { registry });
    b.readSeconds.record(0.003, cache);
    b.requests.inc(reqLabels);
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(exemplarsOf(cells<HistogramCell>(registry, backend.readSeconds)[0]!)).toBeUndefined();
    expect(exemplarsOf(cells<ScalarCell>(registry, backend.requests)[0]!)).toBeUndefined();
    inSpan(tracing.tracer, () => {
      b.readSeconds.record(-1, cache);
      b.requests.add(NaN, reqLabels);
      b.requests.bind(reqLabels).add(-2);
    });
    expect(exemplarsOf(cells<HistogramCell>(registry, backend.readSeconds)[0]!)).toBeUndefined();
    expect(exemplarsOf(cells<ScalarCell>(registry, backend.requests)[0]!)).toBeUndefined();
    const dropped = cells<ScalarCell>(registry, self.droppedMeasurements).map((c) => [c.values, c.value]);
    expect(dropped).toEqual(
      expect.arrayContaining([
        [[backend.readSeconds.name, 'negative'], 1],
        [[backend.requests.name, 'nan'], 1],
        [[backend.requests.name, 'negative'], 1],
      ])
    );
  });

  it('counts a measurement past the series cap once, exemplar or not', () => {
    const registry = new Registry({ exemplars: true, maxSeries: 1 });
    const b = createInstruments(backend, { registry });
    inSpan(tracing.tracer, () => {
      b.readSeconds.record(0.1, { component: 'a' });
      b.readSeconds.record(0.1, { component: 'b' });
    });
    const overflow = cells<ScalarCell>(registry, self.cardinalityOverflow).map((c) => [c.values, c.value]);
    expect(overflow).toEqual([[[backend.readSeconds.name], 1]]);
  });
});

describe('exemplars are off by default', () => {
  let tracing: ReturnType<typeof startTestTracing>;
  beforeAll(() => (tracing = startTestTracing()));
  afterAll(() => tracing.stop());

  it('a default Registry keeps none, even inside a sampled span', () => {
    const registry = new Registry();
    const b = createInstruments(backend, { registry });
    inSpan(tracing.tracer, () => {
      b.readSeconds.record(0.003, cache);
      b.requests.inc(reqLabels);
      b.requests.bind(reqLabels).add(1);
    });
    expect(exemplarsOf(cells<HistogramCell>(registry, backend.readSeconds)[0]!)).toBeUndefined();
    expect(exemplarsOf(cells<ScalarCell>(registry, backend.requests)[0]!)).toBeUndefined();
    expect(cells<ScalarCell>(registry, backend.requests)[0]!.value).toBe(2);
  });
});

describe('spans that are not sampled', () => {
  let tracing: ReturnType<typeof startTestTracing>;
  beforeAll(() => (tracing = startTestTracing({ sampled: false })));
  afterAll(() => tracing.stop());

  it('leave no exemplar', () => {
    const registry = new Registry({ exemplars: true });
    const b = createInstruments(backend, { registry });
    inSpan(tracing.tracer, () => b.readSeconds.record(0.003, cache));
    const [cell] = cells<HistogramCell>(registry, backend.readSeconds);
    expect(cell!.count).toBe(1);
    expect(exemplarsOf(cell!)).toBeUndefined();
  });
});
