import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { backend, self } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { createOtlpExporter, CountingExporter, otlpReader, parseExposition, startDiag, type Diag } from '@teleport-otel/diag';
import { startHttpReceiver, type Receiver } from '../../../test-support/otlp-receiver';
import { labelsFor } from './otlp-workload';
import { TestReader } from '../../../test-support/sdk';

const INTERVAL = 200;
const TIMEOUT = 1_000;
// Closing the HTTP server and scheduling overhead on a loaded CI machine.
const MARGIN = 500;

function scrape(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    get(`${url}/metrics`, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    }).on('error', reject);
  });
}

function valueOf(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const family = parseExposition(text).get(name);
  return family?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

async function startPushingDiag(receiver: Receiver, log: string[], interval = INTERVAL): Promise<Diag> {
  return startDiag({
    addr: '127.0.0.1:0',
    readers: [
      otlpReader({ url: receiver.url, exportIntervalMillis: interval, exportTimeoutMillis: TIMEOUT, log: (m) => log.push(m) }),
    ],
    shutdownTimeoutMillis: TIMEOUT,
  });
}

describe('a collector that goes away', () => {
  it('keeps /metrics served and recording going, counts and rate-limits failures, and closes within the timeout', async () => {
    const receiver = await startHttpReceiver();
    const log: string[] = [];
    const diag = await startPushingDiag(receiver, log);
    const { requests } = createInstruments({ requests: backend.requests }, { meterProvider: diag.meterProvider });
    const labels = labelsFor(backend.requests) as Parameters<typeof requests.inc>[0];
    requests.inc(labels);
    await receiver.next();
    await receiver.close();

    // Collector gone: several export intervals pass while the service records and is scraped.
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 1000; j++) requests.inc(labels);
      const { status, text } = await scrape(diag.url);
      expect(status).toBe(200);
      seen.push(valueOf(text, backend.requests.name, labels)!);
      await sleep(INTERVAL);
    }
    expect(seen).toEqual(seen.map((_, i) => 1 + 1000 * (i + 1)));

    const { text } = await scrape(diag.url);
    const failures = valueOf(text, self.exportFailures.name, { exporter: 'otlp' })!;
    expect(failures).toBeGreaterThanOrEqual(2);
    // One line per interval at most, each a single line naming the exporter and target.
    expect(log.length).toBeGreaterThanOrEqual(1);
    expect(log.length).toBeLessThanOrEqual(failures);
    for (const line of log)
      expect(line).toMatch(
        new RegExp(`^teleport-otel: OTLP http/protobuf export to ${receiver.url.replace(/[.]/g, '\\.')} failed: [^\n]+$`)
      );

    const started = Date.now();
    await diag.close();
    expect(Date.now() - started).toBeLessThanOrEqual(TIMEOUT + MARGIN);
  });

  it('closes within the export timeout when the collector accepts and never answers', async () => {
    const receiver = await startHttpReceiver({ hang: true });
    const log: string[] = [];
    // Interval > timeout, so the final export may hang for the whole export timeout.
    const diag = await startPushingDiag(receiver, log, TIMEOUT * 3);
    const { requests } = createInstruments({ requests: backend.requests }, { meterProvider: diag.meterProvider });
    const labels = labelsFor(backend.requests) as Parameters<typeof requests.inc>[0];
    requests.inc(labels);
    requests.inc(labels);
    expect(valueOf((await scrape(diag.url)).text, backend.requests.name, labels)).toBe(2);

    const started = Date.now();
    await diag.close();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThanOrEqual(TIMEOUT + MARGIN);
    // It did wait for the stuck export rather than skip the final flush.
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT - 50);
    expect(receiver.exports).toHaveLength(0);
    await receiver.close();
  });
});

describe('CountingExporter', () => {
  it('counts every failed export and logs once per interval, then once more at shutdown if it held some back', async () => {
    // A real OTLP exporter aimed at a port nobody listens on.
    const dead = await startHttpReceiver();
    await dead.close();
    const inner = createOtlpExporter({
      protocol: 'http/protobuf',
      url: dead.url,
      headers: {},
      temporality: 'cumulative',
      timeoutMillis: 200,
    });
    const log: string[] = [];
    let failures = 0;
    const exporter = new CountingExporter(inner, {
      countFailure: () => failures++,
      describe: 'test export',
      logEveryMillis: 60_000,
      log: (m) => log.push(m),
    });
    const reader = new TestReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const { requests } = createInstruments({ requests: backend.requests }, { meterProvider });
    requests.inc(labelsFor(backend.requests) as Parameters<typeof requests.inc>[0]);
    const { resourceMetrics } = await reader.collect();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => new Promise((resolve) => exporter.export(resourceMetrics, resolve)))
    );
    await exporter.shutdown();
    expect(results.every((r) => (r as { code: number }).code !== 0)).toBe(true);
    expect(failures).toBe(5);
    // One line in the interval; the failures it held back are said once more at shutdown.
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^teleport-otel: test export failed: [^\n]+$/);
    expect(log[1]).toMatch(/^teleport-otel: test export failed 4 more time\(s\) before shutdown, the last: [^\n]+$/);
  });
});
