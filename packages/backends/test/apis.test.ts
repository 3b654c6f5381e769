import { dynamo, etcd, firestore, gcs, s3 } from '@teleport-otel/catalog';
import {
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
import { collectMetrics, expectGroupExported, histAt, sdkPipeline, sleep, spin, sumAt } from '../../../test-support/sdk';

const [SUCCESS, ERROR] = dynamo.requests.values.result; // 'success', 'error'
const [BACKEND_TABLE, EVENTS_TABLE] = dynamo.requests.values.type; // 'backend', 'events'

describe('dynamoRecorder', () => {
  const op = dynamo.requests.examples.operation[3]!; // 'get_item'

  test('records every dynamo_* entry with catalog shape; result follows the outcome', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const rec = dynamoRecorder(createDynamoMetrics({ meterProvider }), BACKEND_TABLE!);
    expect(rec.record(op, () => 'item')).toBe('item');
    expect(await rec.record(op, async () => (await sleep(15), 'item2'))).toBe('item2');
    expect(() =>
      rec.record(op, () => {
        throw new Error('ProvisionedThroughputExceededException');
      })
    ).toThrow('ProvisionedThroughputExceededException');
    await expect(rec.record(op, () => Promise.reject(new Error('ConditionalCheckFailed')))).rejects.toThrow(
      'ConditionalCheckFailed'
    );

    const got = await collectMetrics(reader);
    expectGroupExported(dynamo, got);
    const l = { type: BACKEND_TABLE!, operation: op };
    expect(sumAt(got.get(dynamo.requestsTotal.name), l)).toBe(4);
    expect(sumAt(got.get(dynamo.requests.name), { ...l, result: SUCCESS! })).toBe(2);
    expect(sumAt(got.get(dynamo.requests.name), { ...l, result: ERROR! })).toBe(2);
    const h = histAt(got.get(dynamo.requestsSeconds.name), l)!;
    expect(h.count).toBe(4);
    expect(h.sum).toBeGreaterThanOrEqual(0.012); // the awaited 15 ms call was timed to its end
  });

  test('the table type is a label of every series', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createDynamoMetrics({ meterProvider });
    dynamoRecorder(m, EVENTS_TABLE!).record('query', () => spin(2));
    dynamoRecorder(m, BACKEND_TABLE!).record('query', () => 0);
    const got = await collectMetrics(reader);
    expect(sumAt(got.get(dynamo.requestsTotal.name), { type: EVENTS_TABLE!, operation: 'query' })).toBe(1);
    expect(sumAt(got.get(dynamo.requestsTotal.name), { type: BACKEND_TABLE!, operation: 'query' })).toBe(1);
    expect(histAt(got.get(dynamo.requestsSeconds.name), { type: EVENTS_TABLE!, operation: 'query' })!.sum).toBeGreaterThanOrEqual(
      0.002
    );
  });
});

describe('s3Recorder', () => {
  const op = s3.requests.examples.operation[9]!; // 'upload_part'

  test('records every s3_* entry with catalog shape; result follows the outcome', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const rec = s3Recorder(createS3Metrics({ meterProvider }));
    await rec.record(op, async () => sleep(5));
    rec.record(op, () => 1);
    await expect(rec.record(op, async () => Promise.reject(new Error('SlowDown')))).rejects.toThrow('SlowDown');
    const got = await collectMetrics(reader);
    expectGroupExported(s3, got);
    expect(sumAt(got.get(s3.requestsTotal.name), { operation: op })).toBe(3);
    expect(sumAt(got.get(s3.requests.name), { operation: op, result: SUCCESS! })).toBe(2);
    expect(sumAt(got.get(s3.requests.name), { operation: op, result: ERROR! })).toBe(1);
    expect(histAt(got.get(s3.requestsSeconds.name), { operation: op })!.count).toBe(3);
  });
});

describe('etcd / firestore / gcs timers', () => {
  test('etcdTimers: each timer counts its request and records its latency, failed or not', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const t = etcdTimers(createEtcdMetrics({ meterProvider }));
    t.read(() => 0);
    await t.batchRead(async () => sleep(10));
    t.write(() => 0);
    expect(() =>
      t.tx(() => {
        throw new Error('compare failed');
      })
    ).toThrow('compare failed');
    const got = await collectMetrics(reader);
    expectGroupExported(etcd, got);
    for (const [count, time] of [
      [etcd.readRequests, etcd.readSeconds],
      [etcd.batchReadRequests, etcd.batchReadSeconds],
      [etcd.writeRequests, etcd.writeSeconds],
      [etcd.txRequests, etcd.txSeconds],
    ] as const) {
      expect(sumAt(got.get(count.name))).toBe(1);
      expect(histAt(got.get(time.name))!.count).toBe(1);
    }
    expect(histAt(got.get(etcd.batchReadSeconds.name))!.sum).toBeGreaterThanOrEqual(0.008);
  });

  test('firestoreTimers drive every firestore_events_backend_* entry', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const t = firestoreTimers(createFirestoreMetrics({ meterProvider }));
    t.write(() => 0);
    t.write(() => 0);
    await t.batchRead(async () => []);
    await expect(t.batchWrite(() => Promise.reject(new Error('deadline')))).rejects.toThrow('deadline');
    const got = await collectMetrics(reader);
    expectGroupExported(firestore, got);
    expect(sumAt(got.get(firestore.writeRequests.name))).toBe(2);
    expect(histAt(got.get(firestore.writeSeconds.name))!.count).toBe(2);
    expect(sumAt(got.get(firestore.batchWriteRequests.name))).toBe(1);
  });

  test('gcsTimers drive every gcs_event_storage_* entry', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const t = gcsTimers(createGcsMetrics({ meterProvider }));
    expect(await t.upload(async () => (await sleep(5), 'gen-1'))).toBe('gen-1');
    t.download(() => spin(3));
    const got = await collectMetrics(reader);
    expectGroupExported(gcs, got);
    expect(sumAt(got.get(gcs.uploads.name))).toBe(1);
    expect(histAt(got.get(gcs.uploadsSeconds.name))!.sum).toBeGreaterThanOrEqual(0.004);
    expect(histAt(got.get(gcs.downloadsSeconds.name))!.sum).toBeGreaterThanOrEqual(0.003);
  });
});
