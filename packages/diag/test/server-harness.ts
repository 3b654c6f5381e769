/** Shared helpers of the diag server tests: raw sockets, exact-path requests, a collection gate. */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { catalog, promhttp, self, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments, ScalarCell, type Gauge } from '@teleport-otel/core';
import { parseExposition, startDiag, type Diag, type DiagOptions } from '@teleport-otel/diag';

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** GET (or another method) with the path sent byte for byte: no URL normalisation on the way. */
export function send(diag: Diag, path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: diag.address.address,
        port: diag.address.port,
        path,
        method: init.method ?? 'GET',
        headers: init.headers,
        agent: false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts).toString('utf8') })
        );
        res.on('error', reject);
      }
    );
    req.on('error', reject);
    req.end();
  });
}

export interface RawResult {
  /** Everything the server sent. */
  readonly text: string;
  /** True when the server closed the connection (rather than the idle timer ending the wait). */
  readonly closedByServer: boolean;
  readonly ms: number;
}

/**
 * Opens a TCP connection, writes `parts` (one per `gapMs`), and reads until the server closes or
 * nothing arrives for `idleMs`. For what an HTTP client library would refuse to send.
 */
export function raw(diag: Diag, parts: readonly string[], opts: { gapMs?: number; idleMs?: number } = {}): Promise<RawResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(diag.address.port, diag.address.address);
    let text = '';
    let idle: NodeJS.Timeout | undefined;
    let writer: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean) => {
      clearTimeout(idle);
      clearInterval(writer);
      socket.destroy();
      resolve({ text, closedByServer, ms: Date.now() - started });
    };
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => finish(false), opts.idleMs ?? 1_000);
    };
    socket.on('data', (b) => {
      text += b.toString('latin1');
      arm();
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => {});
    socket.on('connect', () => {
      arm();
      let i = 0;
      const next = () => {
        if (i < parts.length && !socket.destroyed) socket.write(parts[i++]!);
        if (i >= parts.length) clearInterval(writer);
      };
      next();
      if (parts.length > 1) writer = setInterval(next, opts.gapMs ?? 0);
    });
  });
}

/**
 * promhttp_metric_handler_requests_total by code, as the endpoint itself exposes it. With
 * `familyOnly`, only that family's lines are parsed: parsing megabytes of long-label series would
 * take most of a short test's time.
 */
export async function scrapeCounts(diag: Diag, { familyOnly = false } = {}): Promise<Record<string, number>> {
  const name = promhttp.requestsTotal.name;
  let text = await diag.render();
  if (familyOnly) {
    const own = text
      .split('\n')
      .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`# HELP ${name} `) || l.startsWith(`# TYPE ${name} `));
    text = `${own.join('\n')}\n`;
  }
  const family = parseExposition(text).get(name)!;
  return Object.fromEntries(family.samples.map((s) => [s.labels[promhttp.requestsTotal.labels[0]]!, s.value]));
}

/** teleport_otel_diag_connections_rejected_total by reason, as the endpoint exposes it. */
export async function rejectedCounts(diag: Diag): Promise<Record<string, number>> {
  const family = parseExposition(await diag.render()).get(self.diagConnectionsRejected.name)!;
  return Object.fromEntries(family.samples.map((s) => [s.labels[self.diagConnectionsRejected.labels[0]]!, s.value]));
}

export async function inFlight(diag: Diag): Promise<number> {
  return parseExposition(await diag.render()).get(promhttp.requestsInFlight.name)!.samples[0]!.value;
}

/**
 * promhttp_metric_handler_requests_in_flight read from the Registry's cell, without a collection:
 * for polling while a collection is held at a gate, or while the exposition is megabytes long
 * (parsing it on a loaded machine takes seconds).
 */
export function inFlightNow(diag: Diag): number {
  const family = diag.registry.collect().find((f) => f.entry.name === promhttp.requestsInFlight.name)!;
  return (family.index.cells()[0] as ScalarCell).value;
}

/**
 * Holds every collection of the diag's MeterProvider until released: an asynchronous observable
 * callback, as a user's instrument may have. The instrument is an ad-hoc test instrument, not a
 * catalog metric. `entered` counts collections waiting at the gate.
 */
export function collectionGate(diag: Diag, name = 'test_collection_gate') {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const gate = { entered: 0, release: () => open() };
  diag.meterProvider
    .getMeter('test')
    .createObservableGauge(name)
    .addCallback(async (result) => {
      gate.entered++;
      await opened;
      result.observe(1);
    });
  return gate;
}

/** A labelled catalog gauge without const labels or a catalog cap, for bulk series. */
export const bulkEntry: MetricEntry = catalog.find(
  (e) => e.instrument === 'gauge' && !e.observed && e.labels.length > 0 && !e.constLabels && !e.maxSeries
)!;

/** Adds `series` series of `labelBytes`-long label values: a large exposition on demand. */
export function fill(diag: Diag, series: number, labelBytes = 200): void {
  const { g } = createInstruments({ g: bulkEntry }, { meterProvider: diag.meterProvider });
  const pad = 'x'.repeat(labelBytes);
  const [first, ...rest] = bulkEntry.labels;
  const others = Object.fromEntries(rest.map((n) => [n, 'v']));
  for (let i = 0; i < series; i++) (g as unknown as Gauge).set(i, { [first!]: `${pad}${i}`, ...others } as never);
}

export async function until(cond: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const open: Diag[] = [];
/** Starts a diag on a free loopback port, closed by closeStarted() after each test. */
export async function start(options: DiagOptions = {}): Promise<Diag> {
  const d = await startDiag({ addr: '127.0.0.1:0', ...options });
  open.push(d);
  return d;
}
export async function closeStarted(): Promise<void> {
  await Promise.all(open.splice(0).map((d) => d.close()));
}

export interface BytesReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent (gzip is not undone): `send` decodes it as UTF-8, this keeps the bytes. */
  body: Buffer;
}

/** A /metrics request on 127.0.0.1:`port` keeping the body as bytes. */
export function sendBytes(port: number, headers: Record<string, string>, method = 'GET'): Promise<BytesReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/metrics', method, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
