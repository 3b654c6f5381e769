import { awsSdk, backendOps, etcdEvents } from '@teleport-otel/catalog';
import {
  awsSdkRecorder,
  backendOpsReporter,
  countEtcdEvent,
  createAwsSdkMetrics,
  createBackendOpsMetrics,
  createEtcdEventMetrics,
  isPreconditionFailure,
  type BackendErrorKind,
  type BackendWriteOp,
} from '@teleport-otel/backends';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { expectGroupExposed } from '../../../test-support/exposition';
import { collectMetrics, expectGroupExported, histAt, sdkPipeline, sumAt } from '../../../test-support/sdk';

const fail = (kind: BackendErrorKind) => Object.assign(new Error(kind), { kind });

describe('precondition failures, as lib/backend/report.go classifies them', () => {
  // report.go@3d98bd40: which failure kinds of each write count as a failed precondition.
  const table: Record<BackendWriteOp, BackendErrorKind[]> = {
    create: ['alreadyExists'],
    put: [],
    update: ['notFound'],
    conditionalUpdate: ['incorrectRevision'],
    compareAndSwap: ['notFound', 'compareFailed'],
    delete: ['notFound'],
    conditionalDelete: ['notFound'],
    keepAlive: ['notFound'],
    atomicWrite: ['conditionFailed'],
  };
  const kinds: BackendErrorKind[] = [
    'alreadyExists',
    'notFound',
    'compareFailed',
    'incorrectRevision',
    'conditionFailed',
    'other',
  ];
  test.each(Object.entries(table))('%s', (op, yes) => {
    for (const kind of kinds)
      expect([kind, isPreconditionFailure(op as BackendWriteOp, kind)]).toEqual([kind, yes.includes(kind)]);
  });
});

describe('backendOpsReporter over a plain SDK MeterProvider', () => {
  test('writes: items on success; on failure the 12.x failed counter and, for a precondition, the precondition counter too', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createBackendOpsMetrics({ meterProvider, profile: 'latest' });
    const requests: string[] = [];
    const failed: string[] = [];
    const r = backendOpsReporter(m, 'backend', {
      writeCounters: { requests: { inc: (l) => requests.push(l.component) }, failed: { inc: (l) => failed.push(l.component) } },
    });
    r.write('put', () => 1);
    await r.write('create', async () => 2);
    expect(() =>
      r.write('create', () => {
        throw fail('alreadyExists');
      })
    ).toThrow('alreadyExists');
    await expect(r.write('update', () => Promise.reject(fail('notFound')))).rejects.toThrow('notFound');
    expect(() =>
      r.write('put', () => {
        throw fail('alreadyExists');
      })
    ).toThrow();
    expect(() =>
      r.write('delete', () => {
        throw new Error('disk');
      })
    ).toThrow();
    const got = await collectMetrics(reader);
    expect(requests).toHaveLength(6);
    expect(failed).toHaveLength(4);
    expect(sumAt(got.get(backendOps.writes.name), { component: 'backend' })).toBe(2);
    expect(sumAt(got.get(backendOps.writeRequestsFailedPrecondition.name), { component: 'backend' })).toBe(2);
  });

  test('atomic writes: size, latency, requests; a failed condition counts condition_failed and precondition; success adds puts and deletes', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createBackendOpsMetrics({ meterProvider, profile: 'latest' });
    const r = backendOpsReporter(m, 'cache');
    await r.atomicWrite(['condition', 'put', 'put', 'delete'], async () => 'rev1');
    expect(() =>
      r.atomicWrite(['condition', 'put'], () => {
        throw fail('conditionFailed');
      })
    ).toThrow();
    expect(() =>
      r.atomicWrite(['put'], () => {
        throw new Error('network');
      })
    ).toThrow();
    r.contention();
    const got = await collectMetrics(reader);
    const at = (e: { name: string }) => sumAt(got.get(e.name), { component: 'cache' });
    expect(at(backendOps.atomicWriteRequests)).toBe(3);
    expect(at(backendOps.atomicWriteRequestsFailed)).toBe(2);
    expect(at(backendOps.atomicWriteConditionFailed)).toBe(1);
    expect(at(backendOps.writeRequestsFailedPrecondition)).toBe(1);
    expect(at(backendOps.writes)).toBe(3);
    expect(at(backendOps.atomicWriteContention)).toBe(1);
    expect(histAt(got.get(backendOps.atomicWriteSize.name), { component: 'cache' })).toMatchObject({ count: 3, sum: 7 });
    expect(histAt(got.get(backendOps.atomicWriteSeconds.name), { component: 'cache' })?.count).toBe(3);
  });

  test('reads count items (Get always, GetRange the items returned on success); streams count failures', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createBackendOpsMetrics({ meterProvider, profile: 'latest' });
    const r = backendOpsReporter(m, 'backend');
    r.read(() => 'item');
    expect(() =>
      r.read(() => {
        throw fail('notFound');
      })
    ).toThrow();
    await r.readRange(async () => ['a', 'b', 'c']);
    r.readRange(() => []);
    await expect(r.readRange(() => Promise.reject(new Error('x')))).rejects.toThrow();
    r.stream(() => 0);
    await expect(r.stream(() => Promise.reject(new Error('closed')))).rejects.toThrow();
    const got = await collectMetrics(reader);
    expect(sumAt(got.get(backendOps.reads.name), { component: 'backend' })).toBe(5);
    expect(sumAt(got.get(backendOps.streamRequests.name), { component: 'backend' })).toBe(2);
    expect(sumAt(got.get(backendOps.streamRequestsFailed.name), { component: 'backend' })).toBe(1);
  });
});

describe('AWS SDK and etcd event counters', () => {
  test('every call counts total, latency and result', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const aws = awsSdkRecorder(createAwsSdkMetrics({ meterProvider, profile: 'latest' }));
    await aws.call('DynamoDB', 'GetItem', async () => ({}));
    await expect(aws.call('DynamoDB', 'GetItem', () => Promise.reject(new Error('throttled')))).rejects.toThrow();
    aws.call('S3', 'PutObject', () => 1);
    const got = await collectMetrics(reader);
    expectGroupExported(awsSdk, got, {}, 'latest');
    expect(sumAt(got.get(awsSdk.requestsTotal.name), { service: 'DynamoDB', operation: 'GetItem' })).toBe(2);
    expect(sumAt(got.get(awsSdk.requests.name), { service: 'DynamoDB', operation: 'GetItem', result: 'error' })).toBe(1);
    expect(sumAt(got.get(awsSdk.requests.name), { service: 'DynamoDB', operation: 'GetItem', result: 'success' })).toBe(1);
    expect(histAt(got.get(awsSdk.requestsSeconds.name), { service: 'S3', operation: 'PutObject' })?.count).toBe(1);
  });

  test('an event that had to wait for the queue also counts as backpressure', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createEtcdEventMetrics({ meterProvider, profile: 'latest' });
    for (const queued of [true, true, false, true, false]) countEtcdEvent(m, queued);
    const got = await collectMetrics(reader);
    expectGroupExported(etcdEvents, got, {}, 'latest');
    expect(sumAt(got.get(etcdEvents.events.name))).toBe(5);
    expect(sumAt(got.get(etcdEvents.eventBackpressure.name))).toBe(2);
  });
});

test('over @teleport-otel/diag the families are exposed with the catalog TYPE, HELP and buckets', async () => {
  const diag = createDiagMeterProvider({ profile: 'latest' });
  try {
    const r = backendOpsReporter(createBackendOpsMetrics({ meterProvider: diag.meterProvider }), 'backend');
    r.write('put', () => 1);
    expect(() =>
      r.write('create', () => {
        throw fail('alreadyExists');
      })
    ).toThrow();
    r.atomicWrite(['put'], () => 1);
    expect(() =>
      r.atomicWrite(['put'], () => {
        throw fail('conditionFailed');
      })
    ).toThrow();
    r.contention();
    r.read(() => 1);
    r.stream(() => 1);
    expect(() =>
      r.stream(() => {
        throw new Error('x');
      })
    ).toThrow();
    awsSdkRecorder(createAwsSdkMetrics({ meterProvider: diag.meterProvider })).call('STS', 'GetCallerIdentity', () => 1);
    countEtcdEvent(createEtcdEventMetrics({ meterProvider: diag.meterProvider }), false);
    const families = parseExposition(await diag.render());
    expectGroupExposed(families, backendOps, 'latest');
    expectGroupExposed(families, awsSdk, 'latest');
    expectGroupExposed(families, etcdEvents, 'latest');
  } finally {
    await diag.shutdown();
  }
});
