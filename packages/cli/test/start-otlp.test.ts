import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { audit, auth, catalog } from '@teleport-otel/catalog';
import { startHttpReceiver, type Receiver } from '../../../test-support/otlp-receiver';

// The built CLI, as `npm start` runs it (npm test builds before running jest).
const BIN = join(__dirname, '../dist/bin.js');

function startCli(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [BIN, 'start', '--diag-addr=127.0.0.1:0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

describe('OTEL_METRICS_EXPORTER=otlp teleport-otel start', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterAll(() => receiver.close());

  it('pushes the demo to a collector on loopback with catalog descriptors, and flushes once more on SIGTERM', async () => {
    const { child, output } = startCli({
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.base,
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      OTEL_SERVICE_NAME: 'demo-under-test',
    });
    try {
      const first = await receiver.next();
      expect(first.resource['service.name']).toBe('demo-under-test');
      const names = new Set(first.metrics.map((m) => m.name));
      for (const entry of [audit.emitEvents, auth.generateSeconds]) {
        const m = first.metrics.find((x) => x.name === entry.name);
        expect(m).toMatchObject({ unit: entry.unit, description: entry.help });
      }
      // Everything pushed is a catalog name: nothing renamed, no suffix appended.
      for (const name of names) expect(catalog.some((e) => e.name === name)).toBe(true);
      expect(output()).toMatch(/pushing via otlp/);

      const before = receiver.exports.length;
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(receiver.exports.length).toBeGreaterThan(before); // the final flush
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  it('exits 1 with a one-line error naming a bad variable', async () => {
    const { child, output } = startCli({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/xml' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output().trim().split('\n')).toEqual([expect.stringMatching(/OTEL_EXPORTER_OTLP_METRICS_PROTOCOL="http\/xml"/)]);
  });
});
