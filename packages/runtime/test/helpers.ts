import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MeterProvider, MetricReader, type MetricData } from '@opentelemetry/sdk-metrics';

/** A pull reader for tests: collect() returns what an exporter would be handed. */
export class TestReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

/** A real sdk-metrics MeterProvider without a teleport-otel Registry: the SDK path. */
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

/** The single value of an unlabelled gauge or sum. */
export function valueOf(m: MetricData | undefined): number {
  if (m === undefined) throw new Error('metric not exported');
  expect(m.dataPoints).toHaveLength(1);
  return m.dataPoints[0]!.value as number;
}

/** Values by the given attribute, for a labelled gauge or sum. */
export function valuesBy(m: MetricData | undefined, attr: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const dp of m?.dataPoints ?? []) out.set(String(dp.attributes[attr]), dp.value as number);
  return out;
}

// A real full collection on demand: V8's gc(), exposed once through the flag.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Forces `n` full collections and waits for perf_hooks to deliver their 'gc' entries. */
export async function forceGc(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) gc();
  await sleep(50);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Busy-waits `ms` milliseconds, blocking the event loop. */
export function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}
