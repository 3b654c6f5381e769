import {
  backendReporter,
  createBackendMetrics,
  createDynamoMetrics,
  createEtcdMetrics,
  createFirestoreMetrics,
  createGcsMetrics,
  createS3Metrics,
  dynamoRecorder,
  etcdTimers,
  firestoreTimers,
  gcsTimers,
  reportWatcherQueue,
  s3Recorder,
  trackBackendWatcher,
} from '@teleport-otel/backends';
import { dynamo, s3 } from '@teleport-otel/catalog';
import { every, pick, traced, type DemoDriver } from './types';

/**
 * Milliseconds of one simulated call: exponential around `meanMs`, and 1 call in 50 slow
 * (10-60x), so histogram_quantile(0.5) shows a few ms and 0.99 shows the tail.
 */
function latencyMs(random: () => number, meanMs: number): number {
  const base = -Math.log(1 - random()) * meanMs;
  return random() < 0.02 ? base + meanMs * (10 + random() * 50) : base;
}

/** A pretend remote call: resolves after a sampled latency, or rejects (with probability `failRate`). */
function remoteCall(random: () => number, meanMs: number, failRate = 0): () => Promise<void> {
  const ms = latencyMs(random, meanMs);
  const fail = random() < failRate;
  return () =>
    new Promise<void>((resolve, reject) => {
      setTimeout(() => (fail ? reject(new Error('simulated backend error')) : resolve()), ms).unref();
    });
}

const ignore = (): void => undefined;

// Backend keys as Teleport lays them out; tokens and access requests come from small pools so the
// masked req labels stay a bounded set.
const hex = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');

/** Backend storage (Auth Service + access caches) and the DynamoDB, S3, etcd, Firestore and GCS clients. */
export const backendsDemo: DemoDriver = {
  name: 'backends',
  start({ meterProvider, random }) {
    const tokens = Array.from({ length: 12 }, () => hex(random, 32));
    const requests = Array.from({ length: 8 }, () => `${hex(random, 8)}-${hex(random, 4)}-${hex(random, 12)}`);
    const key = (): string =>
      pick(random, [
        () => `/nodes/default/${hex(random, 8)}`,
        () => `/authservers/${pick(random, ['auth-1', 'auth-2'])}`,
        () => `/roles/${pick(random, ['access', 'editor', 'auditor'])}/params`,
        () => `/users/${pick(random, ['alice', 'bob', 'carol'])}/params`,
        () => `/tokens/${pick(random, tokens)}`,
        () => `/access_requests/${pick(random, requests)}`,
        () => `/resetpasswordtokens/${pick(random, tokens)}`,
      ])();

    const backend = createBackendMetrics({ meterProvider });
    const store = backendReporter(backend, 'backend');
    const cache = backendReporter(backend, 'cache');
    const memory = new Map<string, number>();
    // Failure counters start at 0 so that availability ratios (failed / total) have data before
    // the first failure (teleport-12/latest; no-ops under doc).
    for (const component of ['backend', 'cache'] as const) {
      for (const failed of [
        backend.writeRequestsFailedTotal,
        backend.batchWriteRequestsFailedTotal,
        backend.readRequestsFailedTotal,
        backend.batchReadRequestsFailedTotal,
      ])
        failed.add(0, { component });
    }
    // Each cache (auth, proxy, node) watches the backend; its queue holds a few events at a time.
    const caches = ['auth:cache', 'proxy:cache', 'node:cache'];
    const watchers = ['backend', 'cache'].map((component) => trackBackendWatcher(backend, component));

    const ddb = createDynamoMetrics({ meterProvider });
    const ddbTables = [dynamoRecorder(ddb, 'backend'), dynamoRecorder(ddb, 'events')];
    const bucket = s3Recorder(createS3Metrics({ meterProvider }));
    const etcd = etcdTimers(createEtcdMetrics({ meterProvider }));
    const firestore = firestoreTimers(createFirestoreMetrics({ meterProvider }));
    const gcs = gcsTimers(createGcsMetrics({ meterProvider }));

    const stops = [
      // Access caches answer from memory: sub-millisecond, many of them.
      every(25, () => {
        const k = key();
        traced('cache.Get', () => cache.read(() => memory.get(k), k));
        if (random() < 0.1)
          traced('cache.GetRange', () => cache.batchRead(() => [...memory.values()].slice(0, 50), '/nodes/default'));
        if (random() < 0.05) traced('cache.Put', () => cache.write(() => memory.set(k, Date.now()), k));
        if (random() < 0.005) traced('cache.DeleteRange', () => cache.batchWrite(() => memory.clear(), '/nodes/default'));
      }),
      // The Auth Service's storage: a few ms per call; 1% of reads and writes fail.
      every(80, () => {
        const k = key();
        traced('backend.Get', () => store.read(remoteCall(random, 2, 0.01), k)).catch(ignore);
        if (random() < 0.6) traced('backend.Put', () => store.write(remoteCall(random, 4, 0.01), k)).catch(ignore);
        if (random() < 0.15)
          traced('backend.GetRange', () => store.batchRead(remoteCall(random, 12, 0.01), '/nodes/default')).catch(ignore);
        if (random() < 0.02)
          traced('backend.DeleteRange', () => store.batchWrite(remoteCall(random, 20, 0.05), '/nodes/default')).catch(ignore);
      }),
      every(500, () => {
        for (const c of caches) reportWatcherQueue(backend, c, Math.floor(-Math.log(1 - random()) * 3));
      }),
      // DynamoDB (cluster state and audit events): ~2% of API calls fail.
      every(60, () => {
        const table = pick(random, ddbTables);
        table.record(pick(random, dynamo.requests.examples.operation), remoteCall(random, 6, 0.02)).catch(ignore);
      }),
      // S3 session recordings: multipart uploads dominate; ~2% fail.
      every(150, () => {
        const op = random() < 0.5 ? 'upload_part' : pick(random, s3.requests.examples.operation);
        bucket.record(op, remoteCall(random, op === 'upload_part' || op === 'upload' ? 40 : 12, 0.02)).catch(ignore);
      }),
      every(120, () => {
        etcd.read(remoteCall(random, 2)).catch(ignore);
        if (random() < 0.5) etcd.write(remoteCall(random, 4)).catch(ignore);
        if (random() < 0.3) etcd.tx(remoteCall(random, 6, 0.01)).catch(ignore);
        if (random() < 0.2) etcd.batchRead(remoteCall(random, 10)).catch(ignore);
      }),
      every(100, () => {
        firestore.write(remoteCall(random, 8, 0.01)).catch(ignore);
        if (random() < 0.1) firestore.batchRead(remoteCall(random, 30)).catch(ignore);
        if (random() < 0.03) firestore.batchWrite(remoteCall(random, 60)).catch(ignore);
      }),
      every(700, () => {
        gcs.upload(remoteCall(random, 120, 0.01)).catch(ignore);
        if (random() < 0.3) gcs.download(remoteCall(random, 80)).catch(ignore);
      }),
    ];
    return {
      stop: () => {
        stops.forEach((s) => s());
        watchers.forEach((w) => w.stop());
      },
    };
  },
};
