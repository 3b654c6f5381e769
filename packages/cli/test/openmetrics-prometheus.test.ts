/**
 * `teleport-otel start --openmetrics` (the built CLI, in a child process) scraped by the real
 * Prometheus 2.42 with exemplar storage on: Prometheus negotiates OpenMetrics, parses it with its
 * own parser, and answers /api/v1/query_exemplars with the demo's trace ids on backend read
 * latency buckets.
 */
import { backend } from '@teleport-otel/catalog';
import { startCli, type RunningCli } from '../../../test-support/cli';
import { startPrometheus, type PrometheusServer } from '../../../test-support/prometheus';
import { requireTool } from '../../../test-support/tools';

const prometheus = requireTool('prometheus');
const maybe = prometheus.skip ? it.skip : it;

interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
}

async function queryExemplars(prom: PrometheusServer, expr: string): Promise<ExemplarSeries[]> {
  const end = Date.now() / 1000;
  const res = await fetch(`${prom.url}/api/v1/query_exemplars?query=${encodeURIComponent(expr)}&start=${end - 600}&end=${end}`);
  const body = (await res.json()) as { status: string; error?: string; data: ExemplarSeries[] };
  if (body.status !== 'success') throw new Error(`query_exemplars ${expr}: ${body.error}`);
  return body.data;
}

describe('Prometheus with exemplar storage scraping `start --openmetrics`', () => {
  let cli: RunningCli | undefined;
  let prom: PrometheusServer | undefined;

  beforeAll(async () => {
    if (prometheus.skip) return;
    cli = await startCli(['--openmetrics']);
    const { host } = new URL(cli.url);
    prom = await startPrometheus(prometheus.path!, [host], '/metrics', ['--enable-feature=exemplar-storage']);
  }, 60_000);
  afterAll(async () => {
    await prom?.stop();
    await cli?.stop();
  });

  maybe(
    'returns exemplars with a trace_id for backend_read_seconds_bucket',
    async () => {
      await prom!.waitFor('up{job="teleport-otel"}', (v) => v === 1);
      const expr = `${backend.readSeconds.name}_bucket`;
      const deadline = Date.now() + 30_000;
      let found: ExemplarSeries[] = [];
      while (Date.now() < deadline) {
        found = (await queryExemplars(prom!, expr)).filter((s) => s.exemplars.length > 0);
        if (found.length > 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(found.length).toBeGreaterThan(0);
      const series = found[0]!;
      expect(series.seriesLabels).toMatchObject({ __name__: expr, job: 'teleport-otel', le: expect.any(String) });
      const e = series.exemplars[0]!;
      expect(e.labels.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(e.labels.span_id).toMatch(/^[0-9a-f]{16}$/);
      expect(Number(e.value)).toBeGreaterThanOrEqual(0);
      // The exemplar's value lies in its bucket.
      if (series.seriesLabels.le !== '+Inf') expect(Number(e.value)).toBeLessThanOrEqual(Number(series.seriesLabels.le));
      expect(Math.abs(e.timestamp * 1000 - Date.now())).toBeLessThan(120_000);
    },
    60_000
  );

  maybe(
    'returns exemplars for a counter named *_total (an OpenMetrics counter)',
    async () => {
      const expr = backend.readRequestsTotal.name;
      const deadline = Date.now() + 30_000;
      let found: ExemplarSeries[] = [];
      while (found.length === 0 && Date.now() < deadline) {
        found = (await queryExemplars(prom!, expr)).filter((s) => s.exemplars.length > 0);
        if (found.length === 0) await new Promise((r) => setTimeout(r, 500));
      }
      expect(found[0]?.exemplars[0]?.labels.trace_id).toMatch(/^[0-9a-f]{32}$/);
    },
    60_000
  );

  maybe(
    'stores the series under their text names: counters without _total are not renamed',
    async () => {
      const [n] = await prom!.waitFor(`sum(${backend.requests.name})`, (v) => v > 0);
      expect(n).toBeGreaterThan(0);
      // Prometheus parsed OpenMetrics (not text): the scrape's last-seen format shows in its target metadata.
      const res = await fetch(`${prom!.url}/api/v1/targets/metadata?metric=${backend.requests.name}`);
      const body = (await res.json()) as { data: { type: string }[] };
      expect(body.data[0]!.type).toBe('unknown');
    },
    60_000
  );
});
