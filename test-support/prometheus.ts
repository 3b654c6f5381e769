import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer } from './local-server';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface PrometheusServer {
  readonly url: string;
  /** Instant query; returns the result vector. */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Polls `expr` until it returns a non-empty vector whose values pass `ok`, or the deadline. */
  waitFor(expr: string, ok?: (v: number) => boolean, timeoutMs?: number): Promise<number[]>;
  stop(): Promise<void>;
}

/**
 * Starts the real Prometheus server on loopback, with a temporary data directory and a 1 s scrape
 * interval against `targets` (host:port). `flags` are added to its command line (e.g.
 * `--enable-feature=exemplar-storage`). Everything is removed on stop().
 */
export async function startPrometheus(
  binary: string,
  targets: string[],
  metricsPath = '/metrics',
  flags: readonly string[] = [],
  /** Further top-level prometheus.yml lines, e.g. a remote_write section. */
  extraConfig: readonly string[] = []
): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'teleport-otel-prom-'));
  const port = await freePort();
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    'scrape_configs:',
    '  - job_name: teleport-otel',
    `    metrics_path: ${metricsPath}`,
    '    static_configs:',
    `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
    ...extraConfig,
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), `${config}\n`);
  const url = `http://127.0.0.1:${port}`;
  const { stop } = await startLocalServer(
    'prometheus',
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      ...flags,
    ],
    `${url}/-/ready`,
    dir
  );
  const query: PrometheusServer['query'] = async (expr) => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== 'success') throw new Error(`query ${expr}: ${body.error}`);
    return body.data.result;
  };
  return {
    url,
    query,
    async waitFor(expr, ok = () => true, timeoutMs = 20_000) {
      const end = Date.now() + timeoutMs;
      let last: number[] = [];
      while (Date.now() < end) {
        last = (await query(expr)).map((r) => Number(r.value[1]));
        if (last.length > 0 && last.every(ok)) return last;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`no acceptable result for ${expr} within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    },
    stop,
  };
}

/**
 * Asks each query until it returns a non-empty vector whose values pass `ok` (default: any), or
 * `timeoutMs` is over; returns the labels of those that never did (empty: all answered). Queries
 * whose data come from random or slow events, or need two samples in a rate window, are asked again
 * rather than once after a fixed sleep a loaded machine can outrun.
 */
export async function unansweredQueries(
  prom: PrometheusServer,
  queries: readonly { label: string; promql: string }[],
  timeoutMs: number,
  ok: (v: number) => boolean = () => true
): Promise<string[]> {
  let pending = queries;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const still = [];
    for (const q of pending) {
      const result = await prom.query(q.promql);
      if (result.length === 0 || !result.every((r) => ok(Number(r.value[1])))) still.push(q);
    }
    pending = still;
    if (pending.length === 0 || Date.now() > deadline) return pending.map((q) => `${q.label}: ${q.promql}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
