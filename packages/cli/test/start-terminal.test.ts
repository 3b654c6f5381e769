/**
 * What `teleport-otel start` (the built CLI, a child process) says on its terminal: the diag
 * logger honours OTEL_LOG_LEVEL; a dead collector is one line per export interval at most, no
 * stack traces; a hung collector at SIGTERM is bounded and says so; a second signal abandons the
 * flush whatever the pair of signals; exit codes: usage 2, start-up failure 1. Loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const BIN = join(__dirname, '../dist/bin.js');

interface Cli {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the URL once the CLI says it is serving. */
  serving: Promise<string>;
  exit: Promise<{ code: number | null; signal: string | null; at: number }>;
}

function startCli(args: string[], env: Record<string, string>): Cli {
  const child = spawn(process.execPath, [BIN, 'start', ...args], {
    env: { ...process.env, OTEL_LOG_LEVEL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let onServing: (url: string) => void = () => {};
  const serving = new Promise<string>((resolve) => (onServing = resolve));
  const collect = (d: Buffer) => {
    out += d.toString();
    const m = /serving (\S+)/.exec(out);
    if (m) onServing(m[1]!);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exit = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as string | null,
    at: Date.now(),
  }));
  return { child, output: () => out, serving, exit };
}

/** A "collector" that accepts connections and never answers. */
async function hungCollector(): Promise<{ url: string; close(): void }> {
  const sockets: Socket[] = [];
  const server: Server = createNetServer((s) => {
    sockets.push(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/** A loopback port nothing listens on (bound, then closed). */
async function deadPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** The CLI pulling and pushing to `url`, once a minute, its export (and final flush) bounded by timeoutMs. */
function startPushingTo(url: string, timeoutMs: number): Cli {
  return startCli(['--diag-addr=127.0.0.1:0'], {
    OTEL_METRICS_EXPORTER: 'prometheus,otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: url,
    OTEL_METRIC_EXPORT_INTERVAL: '60000',
    OTEL_METRIC_EXPORT_TIMEOUT: String(timeoutMs),
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const live: ChildProcess[] = [];
afterEach(() => {
  for (const c of live.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
function track(cli: Cli): Cli {
  live.push(cli.child);
  return cli;
}

describe('teleport-otel start on its terminal', () => {
  it('a dead collector: at most one line per export interval, no stack trace, and a summary at shutdown', async () => {
    const port = await deadPort();
    const interval = 1000;
    const cli = track(
      startCli(['--diag-addr=127.0.0.1:0'], {
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_METRIC_EXPORT_INTERVAL: String(interval),
        OTEL_METRIC_EXPORT_TIMEOUT: '500',
      })
    );
    await cli.serving;
    const started = Date.now();
    await sleep(6000);
    const running = Date.now() - started;
    const lines = cli.output().trim().split('\n');
    const failures = lines.filter((l) => /export to http:\/\/127\.0\.0\.1:\d+\/v1\/metrics failed/.test(l));
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures.length).toBeLessThanOrEqual(Math.ceil(running / interval) + 1);
    // Every line is ours: no SDK stack trace, no per-attempt retry chatter.
    for (const l of lines) expect(l).toMatch(/^teleport-otel: /);
    expect(cli.output()).not.toMatch(/PeriodicExportingMetricReader|\n\s+at |"stack"|Export retry time/);
    cli.child.kill('SIGTERM');
    expect((await cli.exit).code).toBe(0);
  }, 60_000);

  it('OTEL_LOG_LEVEL=none silences the diag logger; an unknown level is said once', async () => {
    const port = await deadPort();
    const env = {
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      OTEL_METRIC_EXPORT_TIMEOUT: '300',
    };
    const quiet = track(startCli(['--diag-addr=127.0.0.1:0'], { ...env, OTEL_LOG_LEVEL: 'none' }));
    const odd = track(startCli(['--diag-addr=127.0.0.1:0'], { ...env, OTEL_LOG_LEVEL: 'chatty' }));
    await Promise.all([quiet.serving, odd.serving]);
    await sleep(3000);
    expect(quiet.output()).not.toContain('failed');
    expect(odd.output()).toContain('failed');
    expect(
      odd.output().match(/OTEL_LOG_LEVEL="chatty" is not one of none, error, warn, info, debug, verbose, all; using info/g)
    ).toHaveLength(1);
    quiet.child.kill('SIGTERM');
    odd.child.kill('SIGTERM');
    await Promise.all([quiet.exit, odd.exit]);
  }, 60_000);

  it('a hung collector at SIGTERM: the final flush gives up within OTEL_METRIC_EXPORT_TIMEOUT and says so', async () => {
    const collector = await hungCollector();
    try {
      const cli = track(startPushingTo(collector.url, 1500));
      await cli.serving;
      const sent = Date.now();
      cli.child.kill('SIGTERM');
      const { code, at } = await cli.exit;
      expect(code).toBe(0);
      expect(at - sent).toBeLessThan(1500 + 15_000); // bounded (generous margin on a loaded machine)
      expect(cli.output()).toContain('SIGTERM: stopping, flushing for at most 1500 ms');
      expect(cli.output()).toMatch(/teleport-otel: final metrics export did not complete within 1500 ms/);
    } finally {
      collector.close();
    }
  }, 60_000);

  it.each([
    ['SIGTERM', 'SIGINT', 130],
    ['SIGTERM', 'SIGTERM', 143],
    ['SIGINT', 'SIGTERM', 143],
  ] as const)(
    '%s then %s while flushing: exits at once, saying the flush was abandoned (exit %d)',
    async (first, second, expected) => {
      const collector = await hungCollector();
      try {
        const cli = track(startPushingTo(collector.url, 30000));
        await cli.serving;
        cli.child.kill(first);
        await sleep(1000); // past the window in which a repeat counts as the same keypress
        const sent = Date.now();
        cli.child.kill(second);
        const { code, at } = await cli.exit;
        expect(code).toBe(expected);
        expect(at - sent).toBeLessThan(10_000); // not the 30 s flush
        expect(cli.output()).toContain(`second ${second} while stopping: final flush abandoned, exiting now`);
      } finally {
        collector.close();
      }
    },
    60_000
  );

  it('OTEL_SDK_DISABLED=true: no push (no export attempts to a dead collector), /metrics still served', async () => {
    const port = await deadPort();
    const cli = track(
      startCli(['--diag-addr=127.0.0.1:0'], {
        OTEL_SDK_DISABLED: 'true',
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_METRIC_EXPORT_INTERVAL: '300',
      })
    );
    const url = await cli.serving;
    expect(cli.output()).toContain('(OTEL_SDK_DISABLED=true: no push)');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    await res.text();
    await sleep(1500);
    expect(cli.output()).not.toContain('failed');
    cli.child.kill('SIGTERM');
    expect((await cli.exit).code).toBe(0);
  }, 60_000);
});

describe('teleport-otel start exit codes: usage 2, start-up failure 1, one line each', () => {
  async function fails(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; lines: string[] }> {
    const cli = track(startCli(args, env));
    const { code } = await cli.exit;
    return { code, lines: cli.output().trim().split('\n') };
  }

  it('usage errors exit 2: a bad --seed, a malformed --diag-addr, an unknown option', async () => {
    for (const args of [['--seed=abc'], ['--diag-addr=not an address'], ['--diag-addr=127.0.0.1:99999'], ['--bogus']]) {
      const r = await fails(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.lines).toEqual([expect.stringMatching(/^teleport-otel: /)]);
    }
  }, 60_000);

  it('start-up failures exit 1: the port in use, an OTEL_* value Node cannot honour', async () => {
    const busy = createNetServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    try {
      const addr = `127.0.0.1:${(busy.address() as AddressInfo).port}`;
      const inUse = await fails([`--diag-addr=${addr}`]);
      expect(inUse.code).toBe(1);
      expect(inUse.lines).toEqual([expect.stringMatching(new RegExp(`^teleport-otel: .*${addr.replace(/\./g, '\\.')}`))]);
    } finally {
      busy.close();
    }
    const longTimer = await fails(['--diag-addr=127.0.0.1:0'], {
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_METRIC_EXPORT_INTERVAL: String(2 ** 31),
    });
    expect(longTimer.code).toBe(1);
    expect(longTimer.lines).toEqual([expect.stringMatching(/^teleport-otel: OTEL_METRIC_EXPORT_INTERVAL="2147483648": at most/)]);
    const header = await fails(['--diag-addr=127.0.0.1:0'], {
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20s3cret%0Ax',
    });
    expect(header.code).toBe(1);
    expect(header.lines).toEqual([
      expect.stringMatching(/^teleport-otel: OTEL_EXPORTER_OTLP_HEADERS=.*decodes to a line break$/),
    ]);
    expect(header.lines.join('\n')).not.toContain('s3cret');
  }, 60_000);
});
