/**
 * OpenMetrics exposition against client_golang: the same state rendered by our OpenMetrics
 * renderer and by prometheus/common's expfmt.MetricFamilyToOpenMetrics (client_golang 1.14's
 * encoder, in a Go oracle fed our text exposition and the exemplars this test recorded) must be
 * the same bytes. Every catalog family takes part, plus instruments made directly on the SDK.
 */
import { join } from 'node:path';
import type { Span } from '@opentelemetry/api';
import { DEFAULT_PROFILE, groups, inProfile, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments, isAbsent } from '@teleport-otel/core';
import { createDiagMeterProvider, type DiagMeterProvider } from '@teleport-otel/diag';
import { buildGoFixture, requireGo, runGoFixture } from '../../../test-support/go';
import { startTestTracing } from '../../../test-support/tracing';

const { go, skip } = requireGo();
const ORACLE = join(__dirname, '../../../test-support/go/client-golang-openmetrics');
/** Exemplar time, fixed so the oracle can be told it (Date.now is stubbed while recording). */
const T0 = 1_764_601_234_567;

interface ExpectedExemplar {
  metric: string;
  labels: Record<string, string>;
  le: string;
  traceId: string;
  spanId: string;
  value: number;
  timeMs: number;
}

/** Up to two label sets per entry, from its closed values or examples (never hand-typed). */
function labelSets(entry: MetricEntry): Record<string, string>[] {
  const out: Record<string, string>[] = [{}, {}];
  for (const l of entry.labels) {
    const vs = entry.values?.[l] ?? entry.examples?.[l] ?? ['x'];
    out[0]![l] = vs[0]!;
    out[1]![l] = vs[vs.length - 1]!;
  }
  return entry.labels.length === 0 ? [{}] : out;
}

/** The `le` an observation lands in, as the oracle spells the bound (Go's ParseFloat reads it back). */
function bucketLe(entry: MetricEntry, v: number): string {
  const b = entry.buckets!.find((bound) => v <= bound);
  return b === undefined ? '+Inf' : String(b);
}

const pick = (o: Record<string, string>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]!]));

const odd = ['with "quotes"', 'back\\slash', 'line\nfeed'];

/**
 * Records into every catalog family: counters by integral, fractional and large amounts, gauges,
 * histograms in every bucket range (over the top too), observed gauges and summaries. Half the
 * counter and histogram measurements happen inside a sampled span; returns the latest exemplar
 * this test expects per counter series and per bucket: `openMetrics` as written there, `all` as
 * the Registry keeps them (and protobuf carries them).
 */
function record(
  diag: DiagMeterProvider,
  tracer: ReturnType<typeof startTestTracing>['tracer']
): { openMetrics: ExpectedExemplar[]; all: ExpectedExemplar[] } {
  const expected = new Map<string, ExpectedExemplar>();
  // A counter without `_total` is declared `unknown` in OpenMetrics, where Prometheus rejects
  // exemplars (the whole scrape fails), so none is written there; client_golang would.
  const onUnknownCounters = new Map<string, ExpectedExemplar>();
  let n = 0;
  const traced = (metric: string, labels: Record<string, string>, le: string, value: number, fn: () => void) => {
    if (n++ % 2 === 0) return fn();
    tracer.startActiveSpan('op', (span: Span) => {
      fn();
      span.end();
      const { traceId, spanId } = span.spanContext();
      const into = le === '' && !metric.endsWith('_total') ? onUnknownCounters : expected;
      into.set(`${metric}|${JSON.stringify(labels)}|${le}`, { metric, labels, le, traceId, spanId, value, timeMs: T0 });
    });
  };
  for (const [groupName, group] of Object.entries(groups)) {
    const constLabels = Object.fromEntries(
      Object.values(group).flatMap((e) => Object.keys(e.constLabels ?? {}).map((k) => [k, `${groupName}-${k}`]))
    );
    const instruments = createInstruments(group, { meterProvider: diag.meterProvider, constLabels }) as Record<string, any>;
    for (const [key, entry] of Object.entries(group)) {
      // Entries outside the default profile are no-op instruments: nothing to expose.
      if (!inProfile(entry, DEFAULT_PROFILE)) continue;
      const inst = instruments[key];
      // Families outside the provider's profile (newer Teleport's, under the default `doc`) are no-ops.
      if (isAbsent(inst)) continue;
      const sets = labelSets(entry);
      const seriesOf = (l: Record<string, string>) => ({ ...l, ...pick(constLabels, Object.keys(entry.constLabels ?? {})) });
      if (entry.observed || entry.instrument === 'summary') {
        inst.addCallback((observe: (v: unknown, l?: unknown) => void) =>
          sets.forEach((l, i) => {
            const labels = entry.labels.length === 0 ? undefined : l;
            if (entry.instrument === 'summary') {
              observe(
                { quantiles: entry.quantiles!.map((q, j) => q * 1e-3 * (j + 1)), sum: 12.5 + i, count: 1_000_000 + i },
                labels
              );
            } else observe(i === 0 ? 1 : 1234567.5, labels);
          })
        );
        continue;
      }
      for (const l of sets) {
        const labels = entry.labels.length === 0 ? undefined : l;
        if (entry.instrument === 'counter') {
          for (const v of [1, 0.25, 2_000_000]) traced(entry.name, seriesOf(l), '', v, () => inst.add(v, labels));
        } else if (entry.instrument === 'histogram') {
          const top = entry.buckets![entry.buckets!.length - 1]!;
          for (const v of [0, entry.buckets![0]!, entry.buckets![1]! * 0.99, top, top * 3, top * 10]) {
            traced(entry.name, seriesOf(l), bucketLe(entry, v), v, () => inst.record(v, labels));
          }
        } else if (entry.instrument === 'gauge') inst.set(-1, labels);
        else inst.add(3, labels);
      }
    }
  }
  // Instruments made directly on the provider (the SDK path), with a help text to escape.
  const meter = diag.meterProvider.getMeter('adhoc');
  meter.createCounter('adhoc_jobs_total', { description: 'Jobs "done" \\ so far\nsecond line' }).add(7, { kind: odd[0] });
  meter.createCounter('adhoc_retries', { description: 'Retries' }).add(0.5, { kind: odd[1] });
  meter
    .createHistogram('adhoc_seconds', { description: 'Latency', advice: { explicitBucketBoundaries: [0.1, 1, 1e6] } })
    .record(2, { kind: odd[2] });
  meter.createUpDownCounter('adhoc_inflight', { description: 'In flight' }).add(-3);
  return { openMetrics: [...expected.values()], all: [...expected.values(), ...onUnknownCounters.values()] };
}

(skip ? describe.skip : describe)('OpenMetrics as client_golang writes it', () => {
  let oracle: string;
  let tracing: ReturnType<typeof startTestTracing>;
  beforeAll(() => {
    oracle = buildGoFixture(ORACLE, go);
    tracing = startTestTracing();
  }, 300_000);
  afterAll(() => tracing.stop());

  it('every catalog family, SDK families and exemplars: the same bytes as MetricFamilyToOpenMetrics', async () => {
    const diag = createDiagMeterProvider({ exemplars: true });
    const now = jest.spyOn(Date, 'now').mockReturnValue(T0);
    let exemplars: ExpectedExemplar[];
    try {
      exemplars = record(diag, tracing.tracer).openMetrics;
    } finally {
      now.mockRestore();
    }
    const text = await diag.render();
    const om = await diag.pullReader!.render({ openMetrics: true });
    await diag.shutdown();
    expect(exemplars.length).toBeGreaterThan(50);
    expect(om).toContain(' # {trace_id="');
    expect(om.endsWith('\n# EOF\n')).toBe(true);
    expect(om).toBe(runGoFixture(oracle, text, [JSON.stringify(exemplars)]));
  });

  it('protobuf carries the same exemplars, those of counters without _total too: client_golang decodes them', async () => {
    const diag = createDiagMeterProvider({ exemplars: true });
    const now = jest.spyOn(Date, 'now').mockReturnValue(T0);
    let all: ExpectedExemplar[];
    try {
      all = record(diag, tracing.tracer).all;
    } finally {
      now.mockRestore();
    }
    const text = await diag.render();
    const chunks: Buffer[] = [];
    for await (const chunk of diag.pullReader!.formatChunks('protobuf')) chunks.push(chunk);
    await diag.shutdown();
    expect(all.some((e) => e.le === '' && !e.metric.endsWith('_total'))).toBe(true);
    expect(all.some((e) => e.le === '+Inf')).toBe(true);
    // client_golang's decoder reads our protobuf back; it then writes exactly what it writes for
    // the text exposition with every exemplar the test recorded attached.
    expect(runGoFixture(oracle, Buffer.concat(chunks), ['from-protobuf'])).toBe(
      runGoFixture(oracle, text, [JSON.stringify(all)])
    );
  });

  it('without exemplars the text exposition is unchanged and OpenMetrics carries none', async () => {
    const withExemplars = createDiagMeterProvider({ exemplars: true });
    const without = createDiagMeterProvider();
    const now = jest.spyOn(Date, 'now').mockReturnValue(T0);
    try {
      record(withExemplars, tracing.tracer);
      record(without, tracing.tracer);
    } finally {
      now.mockRestore();
    }
    const text = await without.render();
    expect(await withExemplars.render()).toBe(text);
    const om = await without.pullReader!.render({ openMetrics: true });
    expect(om).not.toContain(' # {');
    expect(om).toBe(runGoFixture(oracle, text, ['[]']));
    await Promise.all([withExemplars.shutdown(), without.shutdown()]);
  });
});
