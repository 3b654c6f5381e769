import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { MetricData } from '@opentelemetry/sdk-metrics';

export { collectMetrics, sdkPipeline, TestReader } from '../../../test-support/sdk';

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
