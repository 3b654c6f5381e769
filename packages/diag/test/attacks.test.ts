/**
 * Hostile clients against a diag endpoint in its own process, over loopback, bounded in count and
 * time: reconnecting slowloris, TLS connections that never say hello, one connection pipelining
 * 64 scrapes, and 64 concurrent scrapers of 100k series while kubelet-style probes keep asking.
 * Each measures what legitimate clients get, against the targets of issue 11, and prints it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { self } from '@teleport-otel/catalog';
import { parseExposition } from '@teleport-otel/diag';
import { makeCertificate } from '../../../test-support/certificates';
import { forkWithMessages } from '../../../test-support/child-process';
import { requireTool } from '../../../test-support/tools';

interface Child {
  url: string;
  host: string;
  port: number;
  stats(): Promise<{ rssBase: number; rssPeak: number; loopP99: number; loopMax: number }>;
}

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

async function startChild(options: object, series = 0): Promise<Child> {
  const c = forkWithMessages(join(__dirname, 'fixtures', 'diag-child.js'), [JSON.stringify({ options, series })]);
  child = c.process;
  const { url } = await c.next<{ url: string }>();
  const u = new URL(url);
  return {
    url,
    host: u.hostname,
    port: Number(u.port),
    stats: async () => {
      c.process.send('stats');
      return c.next();
    },
  };
}

interface Outcome {
  status: number | string;
  ms: number;
}

/** One request on a fresh connection, given up after `limitMs`. */
function request(url: string, path: string, limitMs: number, extra: object = {}): Promise<Outcome> {
  const t = performance.now();
  const get = url.startsWith('https') ? httpsGet : httpGet;
  return new Promise((resolve) => {
    const req = get(`${url}${path}`, { agent: false, timeout: limitMs, ...extra }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, ms: performance.now() - t }));
      res.on('error', (e) => resolve({ status: e.message, ms: performance.now() - t }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: e.message, ms: performance.now() - t }));
  });
}

const within = (outcomes: readonly Outcome[], ms: number) => outcomes.filter((o) => o.status === 200 && o.ms <= ms).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `count` attackers, each reconnecting as soon as it is cut: `onConnect` decides what a socket
 * sends. Returns a stop function and the number of connections made.
 */
function attackers(c: Child, count: number, onConnect: (s: Socket) => void) {
  let stopped = false;
  let connections = 0;
  const sockets = new Set<Socket>();
  const open = (): void => {
    if (stopped) return;
    connections++;
    const s = connect(c.port, c.host);
    sockets.add(s);
    s.on('error', () => {});
    s.on('connect', () => onConnect(s));
    s.on('close', () => {
      sockets.delete(s);
      // Reconnect at once, as the attacker does (a tick later, so a refused burst cannot recurse).
      setImmediate(open);
    });
  };
  for (let i = 0; i < count; i++) open();
  return {
    stop() {
      stopped = true;
      for (const s of sockets) s.destroy();
    },
    get connections() {
      return connections;
    },
  };
}

async function rejected(c: Child): Promise<Record<string, number>> {
  const text = await new Promise<string>((resolve, reject) =>
    (c.url.startsWith('https') ? httpsGet : httpGet)(`${c.url}/metrics`, { agent: false, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
    }).on('error', reject)
  );
  const samples = parseExposition(text).get(self.diagConnectionsRejected.name)!.samples;
  return Object.fromEntries(samples.map((s) => [s.labels.reason!, s.value]));
}

/** Legitimate requests, one per `everyMs` on each path, for `forMs`, each on a fresh connection. */
async function legitimate(url: string, paths: readonly string[], everyMs: number, forMs: number, limitMs: number, extra = {}) {
  const outcomes = new Map<string, Promise<Outcome>[]>(paths.map((p) => [p, []]));
  const end = Date.now() + forMs;
  while (Date.now() < end) {
    for (const p of paths) outcomes.get(p)!.push(request(url, p, limitMs, extra));
    await sleep(everyMs);
  }
  return new Map(await Promise.all([...outcomes].map(async ([p, list]) => [p, await Promise.all(list)] as const)));
}

it('300 reconnecting slowloris sockets: at least 90% of /metrics and /healthz answered within 2 s', async () => {
  const c = await startChild({});
  // Request line and one header, then one more header line every 500 ms: never a complete request.
  const attack = attackers(c, 300, (s) => {
    s.write('GET /metrics HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => (s.destroyed ? clearInterval(drip) : s.write(`X-${Date.now()}: a\r\n`)), 500);
    s.on('close', () => clearInterval(drip));
  });
  await sleep(1_000);
  const results = await legitimate(c.url, ['/metrics', '/healthz'], 250, 5_000, 4_000);
  const made = attack.connections;
  attack.stop();
  const counts = await rejected(c);
  for (const [path, list] of results) {
    console.log(`slowloris: ${path} ${within(list, 2_000)}/${list.length} answered 200 within 2 s`);
    expect(within(list, 2_000) / list.length).toBeGreaterThanOrEqual(0.9);
  }
  console.log(`slowloris: ${made} attacker connections, rejected ${JSON.stringify(counts)}`);
  expect(counts.evicted).toBeGreaterThan(0);
}, 45_000);

describe('TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teleport-otel-attack-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tlsIt = requireTool('openssl').skip ? it.skip : it;

  tlsIt(
    '300 reconnecting sockets that never send a ClientHello: at least 90% of TLS scrapes answered within 2 s',
    async () => {
      const { cert, key } = makeCertificate(dir, 'server', { cn: '127.0.0.1', san: 'IP:127.0.0.1' });
      const c = await startChild({ tls: { certFile: cert, keyFile: key }, headersTimeoutMs: 2_000 });
      const ca = readFileSync(cert);
      // A lone silent connection is closed at headersTimeoutMs, not Node's 120 s handshake timeout.
      const lone = connect(c.port, c.host);
      lone.on('error', () => {});
      const t = Date.now();
      const loneClosed = new Promise<number>((r) => lone.on('close', () => r(Date.now() - t)));
      const attack = attackers(c, 300, () => {}); // connect, then say nothing
      await sleep(1_000);
      const results = await legitimate(c.url, ['/metrics', '/healthz'], 250, 4_000, 4_000, { ca });
      attack.stop();
      const counts = await rejected(c).catch(() => ({}));
      for (const [path, list] of results) {
        console.log(`tls silent: ${path} ${within(list, 2_000)}/${list.length} answered 200 within 2 s`);
        expect(within(list, 2_000) / list.length).toBeGreaterThanOrEqual(0.9);
      }
      console.log(`tls silent: ${attack.connections} attacker connections, rejected ${JSON.stringify(counts)}`);
      const loneMs = await loneClosed;
      expect(loneMs).toBeLessThan(10_000);
    },
    45_000
  );
});

it('one connection pipelining 64 scrapes (and never reading): at least 90% of other scrapers get 200', async () => {
  const c = await startChild({ maxSeries: 50_000 }, 20_000);
  const pipeliner = connect(c.port, c.host);
  pipeliner.on('error', () => {});
  await new Promise((r) => pipeliner.on('connect', r));
  pipeliner.pause(); // reads nothing: every response it asked for stays unsent
  pipeliner.write('GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(64));
  await sleep(1_000);
  const others = await Promise.all(Array.from({ length: 24 }, () => request(c.url, '/metrics', 15_000)));
  const ok = others.filter((o) => o.status === 200).length;
  console.log(`pipelining: ${ok}/${others.length} other scrapers got 200 (${JSON.stringify(others.map((o) => o.status))})`);
  expect(ok / others.length).toBeGreaterThanOrEqual(0.9);
  pipeliner.destroy();
}, 45_000);

it('64 concurrent scrapers of 100k series: at least 95% of /healthz probes answer within 1 s, RSS bounded', async () => {
  const c = await startChild({ maxSeries: 200_000 }, 100_000);
  // The scrapers run in a third process: their I/O must not delay the probes' own measurement.
  const flood = fork(join(__dirname, 'fixtures', 'flood-child.js'), [c.url, '64', '7000'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<{ scrapes: number; failures: string[]; failed: number }>((r) => flood.once('message', r as never));
  await sleep(500);
  const probes = (await legitimate(c.url, ['/healthz'], 100, 6_000, 3_000)).get('/healthz')!;
  const { scrapes, failures, failed } = await done;
  const { rssBase, rssPeak, loopP99, loopMax } = await c.stats();
  const sorted = probes.map((p) => p.ms).sort((a, b) => a - b);
  const mib = (b: number) => (b / 2 ** 20).toFixed(0);
  console.log(
    `scrape flood: ${scrapes} scrapes of 100k series served, ${failed} failed; /healthz ${within(probes, 1_000)}/${
      probes.length
    } within 1 s (p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms); ` +
      `child RSS ${mib(rssBase)} -> peak ${mib(rssPeak)} MiB, child event-loop delay p99 ${loopP99} ms, max ${loopMax} ms`
  );
  expect(within(probes, 1_000) / probes.length).toBeGreaterThanOrEqual(0.95);
  expect(failures).toEqual([]);
  expect(scrapes).toBeGreaterThan(64);
  expect(rssPeak - rssBase).toBeLessThan(200 * 2 ** 20);
}, 60_000);
