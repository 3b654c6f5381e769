import { backend, dynamo, etcd, firestore, gcs, s3 } from '@teleport-otel/catalog';
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
  s3Recorder,
} from '@teleport-otel/backends';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { expectGroupExposed } from '../../../test-support/exposition';

describe('backends over the fast path (@teleport-otel/diag)', () => {
  test('every backends entry is exposed with catalog TYPE, HELP and bucket bounds', async () => {
    const diag = createDiagMeterProvider();
    try {
      const { meterProvider } = diag;
      const report = backendReporter(createBackendMetrics({ meterProvider }), 'cache');
      report.read(() => 0, '/nodes/default/x');
      await report.batchRead(async () => [], '/nodes/default');
      report.write(() => 0, '/tokens/abcdefgh');
      report.batchWrite(() => 0, '/nodes/default');
      dynamoRecorder(createDynamoMetrics({ meterProvider }), 'events').record('query', () => 0);
      s3Recorder(createS3Metrics({ meterProvider })).record('upload', () => 0);
      const e = etcdTimers(createEtcdMetrics({ meterProvider }));
      e.read(() => 0);
      e.batchRead(() => 0);
      e.write(() => 0);
      e.tx(() => 0);
      const f = firestoreTimers(createFirestoreMetrics({ meterProvider }));
      f.write(() => 0);
      f.batchRead(() => 0);
      f.batchWrite(() => 0);
      const g = gcsTimers(createGcsMetrics({ meterProvider }));
      g.upload(() => 0);
      g.download(() => 0);

      const families = parseExposition(await diag.render());
      for (const group of [backend, dynamo, etcd, firestore, gcs, s3]) expectGroupExposed(families, group);
      const req = families.get(backend.requests.name)!.samples;
      expect(req.find((s) => s.labels.req === '/tokens/******gh')).toMatchObject({
        labels: { component: 'cache', range: 'false' },
        value: 1,
      });
      // A fast sync call lands in the first latency bucket.
      const read = families.get(backend.readSeconds.name)!.samples;
      const firstBucket = read.find(
        (s) => s.name === `${backend.readSeconds.name}_bucket` && Number(s.labels.le) === backend.readSeconds.buckets[0]
      );
      expect(firstBucket?.value).toBe(1);
    } finally {
      await diag.shutdown();
    }
  });

  test('bound series of a reporter exist at 0 from creation, as client_golang shows WithLabelValues series', async () => {
    const diag = createDiagMeterProvider();
    try {
      backendReporter(createBackendMetrics({ meterProvider: diag.meterProvider }), 'backend');
      const families = parseExposition(await diag.render());
      const readTotal = families.get(backend.readRequestsTotal.name)!.samples;
      expect(readTotal).toEqual([expect.objectContaining({ labels: { component: 'backend' }, value: 0 })]);
    } finally {
      await diag.shutdown();
    }
  });
});
