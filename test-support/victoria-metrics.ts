import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer } from './local-server';
import { freePort } from './prometheus';

export interface VictoriaMetricsServer {
  readonly url: string;
  /** Where Prometheus remote-writes: /api/v1/write. */
  readonly writeUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts Debian's single-node VictoriaMetrics on loopback with a temporary -storageDataPath (never
 * the packaged service or its data). Query results are not cached and recent points are not held
 * back (-search.latencyOffset), so a test sees what was just written.
 */
export async function startVictoriaMetrics(binary: string): Promise<VictoriaMetricsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'teleport-otel-vm-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { stop } = await startLocalServer(
    'victoria-metrics',
    binary,
    [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${join(dir, 'data')}`,
      '-retentionPeriod=1d',
      '-search.disableCache',
      '-search.latencyOffset=0s',
      '-loggerLevel=ERROR',
    ],
    `${url}/health`,
    dir
  );
  return { url, writeUrl: `${url}/api/v1/write`, stop };
}

export interface Series {
  readonly metric: Record<string, string>;
  readonly value: number;
}

/** An instant PromQL query against the Prometheus-compatible API at `base` (Prometheus or VictoriaMetrics). */
export async function instantQuery(base: string, expr: string, time: number): Promise<Series[]> {
  const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}&time=${time}`);
  const body = (await res.json()) as {
    status: string;
    error?: string;
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  if (body.status !== 'success') throw new Error(`${base}: query ${expr}: ${body.error}`);
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}
