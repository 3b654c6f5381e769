/**
 * `teleport-otel start --native-histograms` (the built CLI, in a child process) scraped by the real
 * Prometheus 2.42 with native histograms on: Prometheus asks for protobuf first, parses our
 * MetricFamily stream with its own decoder, stores the native buckets, and answers
 * histogram_count(rate(...)) over them.
 */
import { backend } from '@teleport-otel/catalog';
import { startCli, type RunningCli } from '../../../test-support/cli';
import { startPrometheus, type PrometheusServer } from '../../../test-support/prometheus';
import { requireTool } from '../../../test-support/tools';

const prometheus = requireTool('prometheus');
const maybe = prometheus.skip ? it.skip : it;

describe('Prometheus with native histograms scraping `start --native-histograms`', () => {
  let cli: RunningCli | undefined;
  let prom: PrometheusServer | undefined;

  beforeAll(async () => {
    if (prometheus.skip) return;
    cli = await startCli(['--native-histograms']);
    prom = await startPrometheus(prometheus.path!, [new URL(cli.url).host], '/metrics', ['--enable-feature=native-histograms']);
  }, 60_000);
  afterAll(async () => {
    await prom?.stop();
    await cli?.stop();
  });

  maybe(
    `answers histogram_count(rate(${backend.readSeconds.name}[1m])) from native buckets`,
    async () => {
      await prom!.waitFor('up{job="teleport-otel"}', (v) => v === 1);
      const expr = `histogram_count(rate(${backend.readSeconds.name}[1m]))`;
      const rates = await prom!.waitFor(expr, (v) => v > 0, 45_000);
      expect(rates.length).toBeGreaterThan(0);
      // Stored as a native histogram: its series has no le label and no _bucket sibling was needed.
      const raw = await prom!.query(`${backend.readSeconds.name}`);
      expect(raw.length).toBeGreaterThan(0);
      expect(await prom!.query(`${backend.readSeconds.name}_bucket`)).toEqual([]);
    },
    90_000
  );
});
