/**
 * Load on loopback: 200 concurrent keep-alive scrapers (gzip, as Prometheus asks) for 30 s against
 * a child process whose recording loop runs flat out. Shows zero failed scrapes, no lost
 * increments (the final scrape equals what the child says it recorded) and the p99 latency.
 */
import type { ChildProcess } from 'node:child_process';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { backend } from '@teleport-otel/catalog';
import { parseExposition } from '@teleport-otel/diag';
import { forkWithMessages } from '../../../test-support/child-process';

const SCRAPERS = 200;
const SECONDS = Number(process.env.TELEPORT_OTEL_LOAD_SECONDS ?? 30);

interface Done {
  recorded: number;
  observed: number;
  heapStart: number;
  heapPeak: number;
  heapEnd: number;
}

function scrape(url: string, agent: Agent): Promise<{ status: number; body: Buffer; ms: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    get(`${url}/metrics`, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(parts), ms: performance.now() - t }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function total(text: string): number {
  return parseExposition(text)
    .get(backend.requests.name)!
    .samples.reduce((s, x) => s + x.value, 0);
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const mib = (b: number) => (b / 2 ** 20).toFixed(1);

describe('load', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.disconnect();
  });

  it(
    `${SCRAPERS} concurrent scrapers for ${SECONDS} s while recording runs at full speed`,
    async () => {
      const forked = forkWithMessages(join(__dirname, 'fixtures', 'load-child.js'));
      child = forked.process;
      const next = forked.next;
      const { url } = await next<{ url: string }>();

      const agent = new Agent({ keepAlive: true, maxSockets: SCRAPERS });
      const latencies: number[] = [];
      const failures: string[] = [];
      let bytes = 0;
      let checked = 0;
      let lastTotal = 0;
      const deadline = Date.now() + SECONDS * 1000;
      const scraper = async (id: number) => {
        let mine = 0;
        while (Date.now() < deadline) {
          try {
            const r = await scrape(url, agent);
            if (r.status !== 200) failures.push(`status ${r.status}`);
            latencies.push(r.ms);
            bytes += r.body.length;
            // Scraper 0 checks every 10th body completely: gzip intact, parses, totals never go back.
            if (id === 0 && mine++ % 10 === 0) {
              const t = total(gunzipSync(r.body).toString('utf8'));
              if (t < lastTotal) failures.push(`total went back from ${lastTotal} to ${t}`);
              lastTotal = t;
              checked++;
            }
          } catch (err) {
            failures.push((err as Error).message);
          }
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: SCRAPERS }, (_, i) => scraper(i)));
      const elapsed = (Date.now() - started) / 1000;

      child.send('stop');
      const done = await next<Done>();
      const final = await scrape(url, agent);
      const finalTotal = total(gunzipSync(final.body).toString('utf8'));
      agent.destroy();

      const sorted = [...latencies].sort((a, b) => a - b);
      console.log(
        `load: ${SCRAPERS} scrapers x ${elapsed.toFixed(1)} s: ${latencies.length} scrapes served (${(
          latencies.length / elapsed
        ).toFixed(0)}/s), ` +
          `${failures.length} failed; latency p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(
            1
          )} ms, ` +
          `max ${sorted.at(-1)!.toFixed(1)} ms; ${mib(bytes)} MiB gzip served; ${checked} bodies fully checked; ` +
          `recorded ${done.recorded} increments (${(done.recorded / elapsed / 1e6).toFixed(
            2
          )} M/s), final scrape ${finalTotal}; ` +
          `child heap start ${mib(done.heapStart)} MiB, peak ${mib(done.heapPeak)} MiB, end ${mib(done.heapEnd)} MiB`
      );
      expect(failures.slice(0, 5)).toEqual([]);
      expect(latencies.length).toBeGreaterThan(SCRAPERS);
      expect(final.status).toBe(200);
      expect(finalTotal).toBe(done.recorded);
      expect(done.recorded).toBeGreaterThan(0);
    },
    (SECONDS + 60) * 1000
  );
});
