/** Shared helpers of the aggregation tests: real cluster workers and real worker threads running fixtures/aggregate/worker.js. */
import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import { join } from 'node:path';
import { Worker as ThreadWorker } from 'node:worker_threads';
import { audit, backend, proxy } from '@teleport-otel/catalog';
import { parseExposition, type Diag } from '@teleport-otel/diag';

/** Requires the BUILT packages (npm test builds first). */
export const WORKER_FIXTURE = join(__dirname, 'fixtures', 'aggregate', 'worker.js');

/** One spawned worker, whichever kind: orders go in, `recorded` reports come out. */
export interface TestWorker {
  order(order: 'more' | 'exit' | 'crash'): void;
  /** Resolves on the next `recorded` report. */
  recorded(): Promise<void>;
  exited(): Promise<void>;
  kill(): Promise<void>;
}

export function forkClusterWorker(index: number): TestWorker {
  cluster.setupPrimary({ exec: WORKER_FIXTURE, silent: false });
  const w: ClusterWorker = cluster.fork({ TELEPORT_OTEL_TEST_INDEX: String(index) });
  return testWorker(
    w,
    (order) => void (w.isConnected() && w.send({ order })),
    () => {
      if (!w.isDead()) w.process.kill('SIGKILL');
    }
  );
}

export function startThreadWorker(index: number, channel: string): TestWorker {
  const w = new ThreadWorker(WORKER_FIXTURE, { workerData: { index, channel } });
  return testWorker(
    w,
    (order) => w.postMessage({ order }),
    () => w.terminate()
  );
}

type Emitter = Pick<ClusterWorker, 'on' | 'off' | 'once'> | Pick<ThreadWorker, 'on' | 'off' | 'once'>;

function testWorker(w: Emitter, order: TestWorker['order'], end: () => unknown): TestWorker {
  const exit = new Promise<void>((resolve) => (w as ThreadWorker).once('exit', () => resolve()));
  const on = (fn: (m: unknown) => void) => void (w as ThreadWorker).on('message', fn);
  const off = (fn: (m: unknown) => void) => void (w as ThreadWorker).off('message', fn);
  return {
    order,
    recorded: () => nextRecorded(on, off),
    exited: () => exit,
    async kill() {
      await end();
      await exit;
    },
  };
}

function nextRecorded(on: (fn: (m: unknown) => void) => void, off: (fn: (m: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not report `recorded` within 20 s')), 20_000);
    const fn = (m: unknown): void => {
      if ((m as { order?: string } | null)?.order !== 'recorded') return;
      clearTimeout(timer);
      off(fn);
      resolve();
    };
    on(fn);
  });
}

/** The numbers the tests look at, from one real HTTP scrape of the primary. */
export interface Totals {
  emitEvents: number;
  cacheReads: number;
  sessions: number;
  text: string;
}

export async function scrape(diag: Diag): Promise<Totals> {
  const res = await fetch(`${diag.url}/metrics`);
  if (res.status !== 200) throw new Error(`scrape answered ${res.status}`);
  const text = await res.text();
  const families = parseExposition(text);
  const value = (family: string, sample: string, labels: Record<string, string> = {}): number => {
    const s = families
      .get(family)
      ?.samples.find((x) => x.name === sample && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
    return s ? s.value : NaN;
  };
  return {
    emitEvents: value(audit.emitEvents.name, audit.emitEvents.name),
    cacheReads: value(backend.readSeconds.name, `${backend.readSeconds.name}_count`, { component: 'cache' }),
    sessions: value(proxy.sshSessionsTotal.name, proxy.sshSessionsTotal.name),
    text,
  };
}

/** What worker i of the fixture records per round: emitEvents 1000*(i+1), cache reads i+1, sessions i+1 (once). */
export const expected = (indexes: readonly number[], rounds = 1) => ({
  emitEvents: indexes.reduce((s, i) => s + 1000 * (i + 1), 0) * rounds,
  cacheReads: indexes.reduce((s, i) => s + (i + 1), 0) * rounds,
  sessions: indexes.reduce((s, i) => s + (i + 1), 0),
});
