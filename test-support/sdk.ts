import {
  DataPointType,
  MeterProvider,
  MetricReader,
  type HistogramMetricData,
  type MetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { entryIn, type MetricEntry, type MetricGroup, type Profile } from '@teleport-otel/catalog';

/** A pull reader for tests: collect() returns what an exporter would be handed. */
export class TestReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

/** A real sdk-metrics MeterProvider (no teleport-otel Registry attached: the SDK path). */
export function sdkPipeline(): { meterProvider: MeterProvider; reader: TestReader } {
  const reader = new TestReader();
  return { meterProvider: new MeterProvider({ readers: [reader] }), reader };
}

export async function collectMetrics(reader: TestReader): Promise<Map<string, MetricData>> {
  const { resourceMetrics, errors } = await reader.collect();
  if (errors.length > 0) throw errors[0];
  return byName(resourceMetrics);
}

function byName(rm: ResourceMetrics): Map<string, MetricData> {
  const out = new Map<string, MetricData>();
  for (const sm of rm.scopeMetrics) for (const m of sm.metrics) out.set(m.descriptor.name, m);
  return out;
}

/**
 * A label object for an entry, from its closed values or typical examples (never hand-typed); the
 * n-th one cycles through each label's choices, so different n give different label sets.
 */
export function sampleLabels(entry: MetricEntry, n = 0): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const l of entry.labels) {
    const choices = entry.values?.[l] ?? entry.examples?.[l] ?? ['x'];
    labels[l] = choices[n % choices.length]!;
  }
  return labels;
}

/** Records one value on every instrument of a group, whatever its kind (those outside the profile are no-ops; they are called too). */
export function recordAll(group: MetricGroup, instruments: Record<string, unknown>): void {
  for (const [key, entry] of Object.entries(group)) {
    const inst = instruments[key] as Record<string, (v: number, l?: unknown) => void>;
    const labels = entry.labels.length > 0 ? sampleLabels(entry) : undefined;
    if (entry.instrument === 'histogram') inst.record!(0.5, labels);
    else if (entry.instrument === 'gauge') inst.set!(3, labels);
    else inst.add!(2, labels);
  }
}

/** The value of the first data point whose attributes include `match`. */
export function pointValue(m: MetricData | undefined, match: Record<string, string> = {}): unknown {
  const p = m?.dataPoints.find((dp) => Object.entries(match).every(([k, v]) => dp.attributes[k] === v));
  return p?.value;
}

/** The data point of `m` whose attributes equal `attrs` exactly. */
export function point(m: MetricData | undefined, attrs: Record<string, string | boolean> = {}) {
  const want = JSON.stringify(Object.entries(attrs).sort());
  return m?.dataPoints.find((dp) => JSON.stringify(Object.entries(dp.attributes).sort()) === want);
}

/** A counter's value for exactly `attrs`. */
export function sumAt(m: MetricData | undefined, attrs: Record<string, string | boolean> = {}): number | undefined {
  return point(m, attrs)?.value as number | undefined;
}

/** A histogram's data point value ({count, sum, buckets}) for exactly `attrs`. */
export function histAt(m: MetricData | undefined, attrs: Record<string, string | boolean> = {}) {
  return (point(m, attrs) as HistogramMetricData['dataPoints'][number] | undefined)?.value;
}

/**
 * Asserts every entry of `group` that the profile (default `doc`) holds was exported with the
 * profile's name, unit, description (= help), const labels (the catalog's defaults unless
 * `constLabels` gives the values registered) and, for histograms, the catalog's bucket bounds; that
 * each has at least one data point; and that the group's entries outside the profile were not exported.
 */
export function expectGroupExported(
  group: MetricGroup,
  got: Map<string, MetricData>,
  constLabels: Readonly<Record<string, string>> = {},
  profile: Profile = 'doc'
): void {
  const held = Object.values(group).flatMap((e) => entryIn(e, profile) ?? []);
  const heldNames = new Set(held.map((e) => e.name));
  const outside = Object.values(group).filter((e) => !heldNames.has(e.name) && got.has(e.name));
  expect(outside.map((e) => e.name)).toEqual([]);
  for (const entry of held) {
    const m = got.get(entry.name);
    expect({ name: entry.name, found: m !== undefined }).toEqual({ name: entry.name, found: true });
    expect(m!.descriptor.unit).toBe(entry.unit);
    expect(m!.descriptor.description).toBe(entry.help);
    expect(m!.dataPoints.length).toBeGreaterThan(0);
    for (const [k, v] of Object.entries(entry.constLabels ?? {}))
      expect(m!.dataPoints[0]!.attributes[k]).toBe(constLabels[k] ?? v);
    if (entry.instrument === 'histogram') {
      expect(m!.dataPointType).toBe(DataPointType.HISTOGRAM);
      for (const dp of (m as HistogramMetricData).dataPoints) expect(dp.value.buckets.boundaries).toEqual(entry.buckets);
    }
  }
}

/** Busy-waits `ms` milliseconds: a synchronous call that really takes time. */
export function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
