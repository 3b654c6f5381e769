import { backend } from '@teleport-otel/catalog';
import { backendReporter, createBackendMetrics } from '@teleport-otel/backends';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { collectMetrics, sdkPipeline, sumAt } from '../../../test-support/sdk';

const [COMPONENT] = backend.requests.examples.component;
const cap = backend.requests.maxSeries;

describe("backend_requests keeps Teleport's most recently used label sets", () => {
  it('deletes the least recently used set once more than maxSeries are tracked; a set used again stays', async () => {
    const diag = createDiagMeterProvider();
    const report = backendReporter(createBackendMetrics({ meterProvider: diag.meterProvider }), COMPONENT!);
    const extra = 5;
    for (let i = 0; i < cap; i++) report.trackRequest(`/nodes/n${i}/x`, false);
    report.trackRequest('/nodes/n0/x', false); // n0 becomes the most recently used
    for (let i = cap; i < cap + extra; i++) report.trackRequest(`/nodes/n${i}/x`, false);

    const samples = parseExposition(await diag.render()).get(backend.requests.name)!.samples;
    const reqs = new Set(samples.map((s) => s.labels.req));
    expect(samples).toHaveLength(cap);
    expect(samples.some((s) => 'otel_metric_overflow' in s.labels)).toBe(false); // nothing folded
    expect(samples.find((s) => s.labels.req === '/nodes/n0')?.value).toBe(2); // kept: used again
    for (let i = 1; i <= extra; i++) expect(reqs.has(`/nodes/n${i}`)).toBe(false); // evicted, oldest first
    expect(reqs.has(`/nodes/n${extra + 1}`)).toBe(true);
    for (let i = cap; i < cap + extra; i++) expect(reqs.has(`/nodes/n${i}`)).toBe(true); // the newest
    await diag.shutdown();
  });

  it('over a plain OpenTelemetry meter, where series cannot be deleted, the lifetime cap folds the excess instead', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const report = backendReporter(createBackendMetrics({ meterProvider }), COMPONENT!);
    const extra = 7;
    for (let i = 0; i < cap + extra; i++) report.trackRequest(`/nodes/n${i}/x`, false);
    const m = (await collectMetrics(reader)).get(backend.requests.name)!;
    expect(m.dataPoints).toHaveLength(cap + 1);
    expect(sumAt(m, { 'otel.metric.overflow': true })).toBe(extra);
  });
});
