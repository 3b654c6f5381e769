/**
 * Aggregation across real cluster workers and real worker threads: the primary's scrape is the
 * sum of every joined worker (issue 13's done-when), counters survive a worker's exit while its
 * gauges leave, and scrapes never go backwards.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startDiag, type Diag } from '@teleport-otel/diag';
import {
  expected,
  forkClusterWorker,
  scrape,
  startThreadWorker,
  WORKER_FIXTURE,
  type TestWorker,
  type Totals,
} from './aggregate-helpers';

jest.setTimeout(90_000);

type Spawn = (index: number, channel: string) => TestWorker;
const kinds: [string, Spawn][] = [
  ['cluster workers', (i) => forkClusterWorker(i)],
  ['worker threads', (i, channel) => startThreadWorker(i, channel)],
];

beforeAll(() => {
  // The fixture runs the built packages, as a service would.
  if (!existsSync(require.resolve('@teleport-otel/diag', { paths: [WORKER_FIXTURE] })))
    throw new Error('build the packages first (npm run build)');
});

describe.each(kinds)('a primary with 3 %s', (_kind, spawn) => {
  let diag: Diag;
  let workers: TestWorker[] = [];

  beforeEach(async () => {
    const channel = `teleport-otel-test/${randomUUID()}`;
    diag = await startDiag({ addr: '127.0.0.1:0', aggregate: { channel } });
    workers = [0, 1, 2].map((i) => spawn(i, channel));
    await Promise.all(workers.map((w) => w.recorded()));
  });

  afterEach(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await diag.close();
  });

  test('10 consecutive scrapes all show the exact totals', async () => {
    const want = expected([0, 1, 2]);
    expect(want.emitEvents).toBe(6000);
    expect(want.cacheReads).toBe(6);
    for (let i = 0; i < 10; i++) {
      const t = await scrape(diag);
      expect({ scrape: i, emitEvents: t.emitEvents, cacheReads: t.cacheReads }).toEqual({
        scrape: i,
        emitEvents: 6000,
        cacheReads: 6,
      });
      expect(t.text).toMatch(/^teleport_audit_emit_events 6000$/m);
      expect(t.text).toMatch(/^backend_read_seconds_count\{component="cache"\} 6$/m);
    }
    expect(diag.aggregator?.workers).toBe(3);
  });

  test('what a worker records before a scrape is in that scrape', async () => {
    for (let round = 2; round <= 4; round++) {
      workers[1]!.order('more');
      await workers[1]!.recorded();
      const t = await scrape(diag);
      expect(t.emitEvents).toBe(6000 + (round - 1) * 2000);
      expect(t.cacheReads).toBe(6 + (round - 1) * 2);
    }
  });

  test('a worker that leaves keeps its counters in the sum; its up-down counter leaves; nothing goes backwards', async () => {
    const seen: Totals[] = [await scrape(diag)];
    expect(seen[0]!.sessions).toBe(expected([0, 1, 2]).sessions);

    // Worker 2 leaves cleanly (close()), worker 1 exits without closing (process.exit(3)).
    workers[2]!.order('exit');
    await workers[2]!.exited();
    seen.push(await scrape(diag));
    workers[1]!.order('crash');
    await workers[1]!.exited();
    // The primary notices a thread's exit a moment later (its last message may still be in flight).
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 3; i++) seen.push(await scrape(diag));

    const last = seen[seen.length - 1]!;
    expect(last.emitEvents).toBe(6000);
    expect(last.cacheReads).toBe(6);
    expect(last.sessions).toBe(expected([0]).sessions);
    expect(diag.aggregator?.workers).toBe(1);

    // The survivor records more: the total grows from the retained sum.
    workers[0]!.order('more');
    await workers[0]!.recorded();
    seen.push(await scrape(diag));
    expect(seen[seen.length - 1]!.emitEvents).toBe(7000);
    expect(seen[seen.length - 1]!.cacheReads).toBe(7);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.emitEvents).toBeGreaterThanOrEqual(seen[i - 1]!.emitEvents);
      expect(seen[i]!.cacheReads).toBeGreaterThanOrEqual(seen[i - 1]!.cacheReads);
    }
  });
});

test('cluster workers and worker threads join the same primary', async () => {
  const channel = `teleport-otel-test/${randomUUID()}`;
  const diag = await startDiag({ addr: '127.0.0.1:0', aggregate: { channel } });
  const workers = [forkClusterWorker(0), startThreadWorker(1, channel), forkClusterWorker(2), startThreadWorker(3, channel)];
  try {
    await Promise.all(workers.map((w) => w.recorded()));
    const t = await scrape(diag);
    expect(t.emitEvents).toBe(expected([0, 1, 2, 3]).emitEvents);
    expect(t.cacheReads).toBe(expected([0, 1, 2, 3]).cacheReads);
  } finally {
    await Promise.all(workers.map((w) => w.kill()));
    await diag.close();
  }
});

test('a worker thread ended by terminate() leaves too (primary in a plain Node process)', () => {
  // Jest gives each test file its own copy of `process`, on which Node never emits 'worker', so
  // this runs the primary as a service would: a child process on the built packages.
  const out = execFileSync(process.execPath, [join(__dirname, 'fixtures', 'aggregate', 'terminate-primary.js')], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const r = JSON.parse(out.trim().split('\n').pop()!) as { before: number[]; after: number[]; workers: number };
  // [emitEvents, sessions] before and after worker 1 (of 0 and 1) was terminated.
  expect(r.before).toEqual([3000, 3]);
  expect(r.after).toEqual([3000, 1]);
  expect(r.workers).toBe(1);
});
