import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync } from 'node:fs';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { DataPointType } from '@opentelemetry/sdk-metrics';
import { process as processCatalog } from '@teleport-otel/catalog';
import { createRuntimeMetrics, type RuntimeMetrics } from '@teleport-otel/runtime';
import { collectMetrics, sdkPipeline, spin, valueOf } from './helpers';

const { cpuSecondsTotal, residentMemoryBytes, openFds, maxFds, startTimeSeconds, virtualMemoryBytes, virtualMemoryMaxBytes } =
  processCatalog;

/** A soft limit as the shell reports it in a child (children inherit it): a number, or 2^64-1 for unlimited. */
function shellLimit(flag: string): number {
  const out = execFileSync('sh', ['-c', `ulimit -S ${flag}`], { encoding: 'utf8' }).trim();
  return out === 'unlimited' ? Number(2n ** 64n - 1n) : Number(out);
}

describe('process_* on Linux (/proc/self)', () => {
  let runtime: RuntimeMetrics;
  let pipeline: ReturnType<typeof sdkPipeline>;
  beforeEach(() => {
    pipeline = sdkPipeline();
    runtime = createRuntimeMetrics({ meterProvider: pipeline.meterProvider, nodejs: false });
  });
  afterEach(async () => {
    runtime.stop();
    await pipeline.meterProvider.shutdown();
  });

  it('exposes every process row with the catalog type', async () => {
    const got = await collectMetrics(pipeline.reader);
    for (const entry of Object.values(processCatalog)) {
      const m = got.get(entry.name);
      expect({ name: entry.name, exported: m !== undefined }).toEqual({ name: entry.name, exported: true });
      if (entry.type === 'counter') {
        expect(m!.dataPointType).toBe(DataPointType.SUM);
        expect(m!.dataPointType === DataPointType.SUM && m!.isMonotonic).toBe(true);
      } else {
        expect(m!.dataPointType).toBe(DataPointType.GAUGE);
      }
      expect(m!.descriptor.unit).toBe(entry.unit);
      expect(m!.descriptor.description).toBe(entry.help);
    }
    expect(runtime.omitted).toEqual([]);
  });

  it('reports RSS, open fds and CPU time as read independently', async () => {
    spin(150); // some CPU time to measure
    const cpuBefore = process.cpuUsage();
    const rssBefore = process.memoryUsage().rss;
    const got = await collectMetrics(pipeline.reader);
    const cpuAfter = process.cpuUsage();
    const rssAfter = process.memoryUsage().rss;
    const fdsNow = readdirSync('/proc/self/fd').length;

    const seconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
    const cpu = valueOf(got.get(cpuSecondsTotal.name));
    // /proc counts whole 10 ms ticks for user and system separately, so it may trail by up to 20 ms.
    expect(cpu).toBeGreaterThanOrEqual(seconds(cpuBefore) - 0.03);
    expect(cpu).toBeLessThanOrEqual(seconds(cpuAfter) + 0.01);
    expect(cpu).toBeGreaterThan(0.15);

    const rss = valueOf(got.get(residentMemoryBytes.name));
    expect(rss).toBeGreaterThanOrEqual(Math.min(rssBefore, rssAfter) * 0.95);
    expect(rss).toBeLessThanOrEqual(Math.max(rssBefore, rssAfter) * 1.05);

    expect(Math.abs(valueOf(got.get(openFds.name)) - fdsNow)).toBeLessThanOrEqual(2);
    expect(valueOf(got.get(virtualMemoryBytes.name))).toBeGreaterThan(rss);
  });

  it('sees process_open_fds rise by at least the descriptors the test opens', async () => {
    const before = valueOf((await collectMetrics(pipeline.reader)).get(openFds.name));
    const fds = Array.from({ length: 20 }, () => openSync(__filename, 'r'));
    try {
      const during = valueOf((await collectMetrics(pipeline.reader)).get(openFds.name));
      expect(during - before).toBeGreaterThanOrEqual(20);
    } finally {
      fds.forEach((fd) => closeSync(fd));
    }
    const after = valueOf((await collectMetrics(pipeline.reader)).get(openFds.name));
    expect(after).toBeLessThanOrEqual(before + 2);
  });

  it('reports the soft limits and the start time with client_golang semantics', async () => {
    const got = await collectMetrics(pipeline.reader);
    expect(valueOf(got.get(maxFds.name))).toBe(shellLimit('-n'));
    // ulimit -v is in KiB; unlimited is 2^64-1 as a float, as client_golang reports it.
    const vm = shellLimit('-v');
    expect(valueOf(got.get(virtualMemoryMaxBytes.name))).toBe(vm === Number(2n ** 64n - 1n) ? vm : vm * 1024);
    const started = Date.now() / 1000 - process.uptime();
    // start time has 10 ms tick resolution and btime whole seconds.
    expect(Math.abs(valueOf(got.get(startTimeSeconds.name)) - started)).toBeLessThan(1.5);
  });
});

describe('process_* without /proc', () => {
  const messages: string[] = [];
  const logger: DiagLogger = {
    error: (m) => messages.push(m),
    warn: (m) => messages.push(m),
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  beforeAll(() => diag.setLogger(logger, DiagLogLevel.WARN));
  afterAll(() => diag.disable());

  it('falls back to Node APIs where honest, leaves the rest out and says so once', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const root = '/nonexistent-procfs';
    const first = createRuntimeMetrics({ meterProvider, nodejs: false, procfsRoot: root });
    const second = createRuntimeMetrics({ meterProvider: sdkPipeline().meterProvider, nodejs: false, procfsRoot: root });
    try {
      const fallback: string[] = [cpuSecondsTotal.name, residentMemoryBytes.name, startTimeSeconds.name];
      const absent = Object.values(processCatalog)
        .map((e) => e.name)
        .filter((n) => !fallback.includes(n));
      expect([...first.exposed].sort()).toEqual([...fallback].sort());
      expect(first.omitted.map((o) => o.name).sort()).toEqual([...absent].sort());

      spin(50);
      const cpuBefore = process.cpuUsage();
      const got = await collectMetrics(reader);
      const cpuAfter = process.cpuUsage();
      for (const n of absent) expect(got.has(n)).toBe(false);
      const cpu = valueOf(got.get(cpuSecondsTotal.name));
      expect(cpu).toBeGreaterThanOrEqual((cpuBefore.user + cpuBefore.system) / 1e6);
      expect(cpu).toBeLessThanOrEqual((cpuAfter.user + cpuAfter.system) / 1e6);
      const rss = valueOf(got.get(residentMemoryBytes.name));
      expect(Math.abs(rss - process.memoryUsage().rss)).toBeLessThan(0.05 * rss);
      expect(Math.abs(valueOf(got.get(startTimeSeconds.name)) - (Date.now() / 1000 - process.uptime()))).toBeLessThan(0.1);

      const about = messages.filter((m) => m.includes(root));
      expect(about).toHaveLength(1);
      for (const n of absent) expect(about[0]).toContain(n);
    } finally {
      first.stop();
      second.stop();
      await meterProvider.shutdown();
    }
  });
});
