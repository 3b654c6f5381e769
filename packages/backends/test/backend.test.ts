import { backend } from '@teleport-otel/catalog';
import { backendReporter, createBackendMetrics } from '@teleport-otel/backends';
import { collectMetrics, expectGroupExported, histAt, sdkPipeline, sleep, spin, sumAt } from '../../../test-support/sdk';

const [BACKEND, CACHE] = backend.readSeconds.examples.component; // 'backend', 'cache'

function setup(component = BACKEND!) {
  const { meterProvider, reader } = sdkPipeline();
  const metrics = createBackendMetrics({ meterProvider });
  return { reader, metrics, report: backendReporter(metrics, component) };
}

describe('backendReporter over a plain SDK MeterProvider', () => {
  test('read/batchRead/write/batchWrite/trackRequest drive every backend_* entry', async () => {
    const { reader, report } = setup();
    report.read(() => 1, '/nodes/default/n1');
    report.batchRead(() => [], '/nodes/default');
    report.write(() => undefined, '/authservers/a1');
    report.batchWrite(() => undefined, '/nodes/default');
    const got = await collectMetrics(reader);
    expectGroupExported(backend, got);
    const c = { component: BACKEND! };
    expect(sumAt(got.get(backend.readRequestsTotal.name), c)).toBe(1);
    expect(sumAt(got.get(backend.batchReadRequestsTotal.name), c)).toBe(1);
    expect(sumAt(got.get(backend.batchWriteRequestsTotal.name), c)).toBe(1);
    for (const h of [backend.readSeconds, backend.batchReadSeconds, backend.writeSeconds, backend.batchWriteSeconds]) {
      expect(histAt(got.get(h.name), c)?.count).toBe(1);
    }
    const req = got.get(backend.requests.name);
    expect(sumAt(req, { ...c, req: '/nodes/default', range: 'false' })).toBe(1);
    expect(sumAt(req, { ...c, req: '/nodes/default', range: 'true' })).toBe(2);
    expect(sumAt(req, { ...c, req: '/authservers/a1', range: 'false' })).toBe(1);
  });

  test('the component label separates reporters on the same instruments', async () => {
    const { reader, metrics } = setup();
    const store = backendReporter(metrics, BACKEND!);
    const cache = backendReporter(metrics, CACHE!);
    store.read(() => 0);
    cache.read(() => 0);
    cache.read(() => 0);
    const m = (await collectMetrics(reader)).get(backend.readRequestsTotal.name);
    expect(sumAt(m, { component: BACKEND! })).toBe(1);
    expect(sumAt(m, { component: CACHE! })).toBe(2);
  });

  test('sync calls: the result passes through and the time spent INSIDE the call is recorded', async () => {
    const { reader, report } = setup();
    expect(report.read(() => (spin(20), 'item'))).toBe('item');
    const h = histAt((await collectMetrics(reader)).get(backend.readSeconds.name), { component: BACKEND! });
    expect(h!.count).toBe(1);
    expect(h!.sum).toBeGreaterThanOrEqual(0.02);
    expect(h!.sum).toBeLessThan(1);
  });

  test('async calls: latency is recorded when the promise settles, not when the call starts', async () => {
    const { reader, report } = setup();
    const p = report.batchRead(async () => {
      await sleep(40);
      return ['a', 'b'];
    });
    expect(histAt((await collectMetrics(reader)).get(backend.batchReadSeconds.name), { component: BACKEND! })).toBeUndefined();
    expect(await p).toEqual(['a', 'b']);
    const got = await collectMetrics(reader);
    const h = histAt(got.get(backend.batchReadSeconds.name), { component: BACKEND! });
    expect(h!.count).toBe(1);
    expect(h!.sum).toBeGreaterThanOrEqual(0.035);
    // 40 ms lands in the (0.032, 0.064] bucket or later: never in the ~0 s buckets.
    const firstHit = h!.buckets.counts.findIndex((n) => n > 0);
    expect(backend.batchReadSeconds.buckets[firstHit - 1]).toBeGreaterThanOrEqual(0.032);
    expect(sumAt(got.get(backend.batchReadRequestsTotal.name), { component: BACKEND! })).toBe(1);
  });

  test('a throwing call is rethrown, counted, timed and tracked', async () => {
    const { reader, report } = setup();
    const boom = new Error('not found');
    expect(() =>
      report.read(() => {
        spin(5);
        throw boom;
      }, '/users/alice/params')
    ).toThrow(boom);
    const got = await collectMetrics(reader);
    const c = { component: BACKEND! };
    expect(sumAt(got.get(backend.readRequestsTotal.name), c)).toBe(1);
    expect(histAt(got.get(backend.readSeconds.name), c)!.sum).toBeGreaterThanOrEqual(0.005);
    expect(sumAt(got.get(backend.requests.name), { ...c, req: '/users/alice', range: 'false' })).toBe(1);
  });

  test('a rejecting call rejects with the same error, counted and timed', async () => {
    const { reader, report } = setup();
    const boom = new Error('connection reset');
    await expect(
      report.batchWrite(async () => {
        await sleep(10);
        throw boom;
      }, '/tokens/abcdefgh')
    ).rejects.toBe(boom);
    const got = await collectMetrics(reader);
    const c = { component: BACKEND! };
    expect(sumAt(got.get(backend.batchWriteRequestsTotal.name), c)).toBe(1);
    expect(histAt(got.get(backend.batchWriteSeconds.name), c)!.sum).toBeGreaterThanOrEqual(0.008);
    expect(sumAt(got.get(backend.requests.name), { ...c, req: '/tokens/******gh', range: 'true' })).toBe(1);
  });

  test('write() has no request counter of its own (the doc lists none) but tracks backend_requests', async () => {
    const { reader, report } = setup();
    report.write(() => 0, '/roles/admin/params');
    const got = await collectMetrics(reader);
    const c = { component: BACKEND! };
    expect(histAt(got.get(backend.writeSeconds.name), c)!.count).toBe(1);
    // (Over the SDK a bound series shows up only once it has a measurement.)
    expect(sumAt(got.get(backend.readRequestsTotal.name), c) ?? 0).toBe(0);
    expect(sumAt(got.get(backend.batchWriteRequestsTotal.name), c) ?? 0).toBe(0);
    expect(sumAt(got.get(backend.requests.name), { ...c, req: '/roles/admin', range: 'false' })).toBe(1);
  });

  test('no key, no backend_requests series; an empty key is ignored', async () => {
    const { reader, report } = setup();
    report.read(() => 0);
    report.read(() => 0, '');
    report.trackRequest('', true);
    expect((await collectMetrics(reader)).get(backend.requests.name)?.dataPoints ?? []).toHaveLength(0);
  });
});
