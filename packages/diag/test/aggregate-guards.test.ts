/** Guard rails around aggregation, from inside a real cluster worker and a real worker thread. */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import cluster from 'node:cluster';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { joinDiag, startDiag } from '@teleport-otel/diag';

const FIXTURE = join(__dirname, 'fixtures', 'aggregate', 'guards.js');
type Report = { warnings: string[]; errors: (string | null)[] };

jest.setTimeout(60_000);

test('joinDiag() in the main thread of a plain process is a one-line error', async () => {
  await expect(joinDiag()).rejects.toThrow(
    /^teleport-otel: joinDiag\(\) runs in a cluster worker or a worker thread; in the primary process or main thread use startDiag\(\{ aggregate: true \}\)$/
  );
});

test('bad aggregate options fail before anything listens', async () => {
  await expect(startDiag({ addr: '127.0.0.1:0', aggregate: { collectTimeoutMs: 0 } })).rejects.toThrow(
    'teleport-otel: aggregate.collectTimeoutMs must be a positive number of ms, got 0'
  );
});

test('in a cluster worker: a plain startDiag warns once (shared port), aggregate is refused', async () => {
  cluster.setupPrimary({ exec: FIXTURE });
  const w = cluster.fork();
  const report = await new Promise<Report>((resolve, reject) => {
    w.once('message', resolve);
    w.once('exit', (code) => reject(new Error(`guard fixture exited ${code}`)));
  });
  await new Promise((r) => (w.isDead() ? r(undefined) : w.once('exit', r)));
  const shared = report.warnings.filter((m) => m.includes('in a cluster worker: the workers share that port'));
  expect(shared).toHaveLength(1);
  expect(shared[0]).toMatch(/^teleport-otel: startDiag on 127\.0\.0\.1:0 in a cluster worker: .*joinDiag\(\) in the workers$/);
  expect(report.errors).toEqual([
    null,
    null,
    'teleport-otel: startDiag({ aggregate: true }) in a cluster worker: aggregate in the primary process or main thread, and call joinDiag() here',
  ]);
});

test('in a worker thread: packages with no provider warn once; aggregate is refused; joinDiag with no primary times out', async () => {
  const w = new Worker(FIXTURE);
  const report = await new Promise<Report>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  await w.terminate();
  const nowhere = report.warnings.filter((m) => m.includes('measurements would go nowhere'));
  expect(nowhere).toHaveLength(1);
  expect(nowhere[0]).toMatch(
    /^teleport-otel: @teleport-otel\/audit instruments \(.+\) created in a worker thread with no meterProvider/
  );
  expect(report.errors).toEqual([
    'teleport-otel: startDiag({ aggregate: true }) in a worker thread: aggregate in the primary process or main thread, and call joinDiag() here',
    'teleport-otel: joinDiag: no aggregating primary answered within 300 ms; start the primary with startDiag({ aggregate: true })',
  ]);
});

test('the main thread never gets the worker-thread warning', () => {
  const warnings: string[] = [];
  const noop = () => {};
  diag.setLogger({ error: noop, warn: (m) => warnings.push(m), info: noop, debug: noop, verbose: noop }, DiagLogLevel.WARN);
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { createAuditMetrics } = require('@teleport-otel/audit') as typeof import('@teleport-otel/audit');
    createAuditMetrics().emitEvents.inc();
  } finally {
    diag.disable();
  }
  expect(warnings.filter((m) => m.includes('worker thread'))).toEqual([]);
});
