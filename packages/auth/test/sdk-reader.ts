import { MeterProvider, MetricReader, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { MetricEntry, MetricGroup } from '@teleport-otel/catalog';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** A pull reader for tests: collect() returns what an exporter would be handed. */
export class TestReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

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

/** A label object for an entry, from its closed values or typical examples (never hand-typed). */
export function sampleLabels(entry: MetricEntry): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const l of entry.labels) labels[l] = entry.values?.[l]?.[0] ?? entry.examples?.[l]?.[0] ?? 'x';
  return labels;
}

/** Records one value on every instrument of a group, whatever its kind. */
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

/** Every TypeScript file of this package's test directory. */
export function testFiles(): string[] {
  return fs.readdirSync(__dirname).filter((f) => f.endsWith('.ts')).map((f) => path.join(__dirname, f));
}

/** Type errors in this package (sources and tests), compiling `files` with the test tsconfig plus full type checking. */
export function typeErrors(files: string[] = testFiles()): string[] {
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
