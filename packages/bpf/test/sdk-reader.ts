import {
  DataPointType,
  MeterProvider,
  MetricReader,
  type HistogramMetricData,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import type { MetricEntry, MetricGroup } from '@teleport-otel/catalog';
import * as path from 'node:path';
import ts from 'typescript';

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
  const out = new Map<string, MetricData>();
  for (const sm of resourceMetrics.scopeMetrics) for (const m of sm.metrics) out.set(m.descriptor.name, m);
  return out;
}

/** The data point of `m` whose attributes equal `attrs` exactly. */
export function point(m: MetricData | undefined, attrs: Record<string, string> = {}) {
  const want = JSON.stringify(Object.entries(attrs).sort());
  return m?.dataPoints.find((dp) => JSON.stringify(Object.entries(dp.attributes).sort()) === want);
}

/** A counter's value for exactly `attrs`. */
export function sumAt(m: MetricData | undefined, attrs: Record<string, string> = {}): number | undefined {
  return point(m, attrs)?.value as number | undefined;
}

/** A histogram's data point value ({count, sum, buckets}) for exactly `attrs`. */
export function histAt(m: MetricData | undefined, attrs: Record<string, string> = {}) {
  return (point(m, attrs) as HistogramMetricData['dataPoints'][number] | undefined)?.value;
}

/**
 * Asserts every entry of `group` was exported with the catalog's name, unit, description (= help)
 * and, for histograms, the catalog's bucket bounds; and that each has at least one data point.
 */
export function expectGroupExported(group: MetricGroup, got: Map<string, MetricData>): void {
  for (const entry of Object.values(group)) {
    const m = got.get(entry.name);
    expect({ name: entry.name, found: m !== undefined }).toEqual({ name: entry.name, found: true });
    expect(m!.descriptor.unit).toBe(entry.unit);
    expect(m!.descriptor.description).toBe(entry.help);
    expect(m!.dataPoints.length).toBeGreaterThan(0);
    if (entry.instrument === 'histogram') {
      expect(m!.dataPointType).toBe(DataPointType.HISTOGRAM);
      for (const dp of (m as HistogramMetricData).dataPoints) expect(dp.value.buckets.boundaries).toEqual(entry.buckets);
    }
  }
}

/** Label attributes of an entry's sample series, from its closed values or typical examples. */
export function sampleLabels(entry: MetricEntry): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const l of entry.labels) labels[l] = entry.values?.[l]?.[0] ?? entry.examples?.[l]?.[0] ?? 'x';
  return labels;
}

/** Type errors of the given files (test files included), compiled as a full typecheck would. */
export function typeErrors(files: string[]): string[] {
  const root = path.resolve(__dirname, '../../..');
  const cfg = ts.readConfigFile(path.join(root, 'tsconfig.test.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(cfg.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    isolatedModules: false,
    baseUrl: root,
    paths: { '@teleport-otel/*': ['packages/*/src'] },
  };
  const program = ts.createProgram(files, options);
  const pkg = path.resolve(__dirname, '..');
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || path.resolve(d.file.fileName).startsWith(pkg))
    .map((d) => `${d.file ? path.relative(root, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Busy-waits `ms` milliseconds: a synchronous call that really takes time. */
export function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
