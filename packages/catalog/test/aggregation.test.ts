/** The aggregation rules: every family has one, the meaningful ones are declared, names resolve to catalog entries. */
import {
  aggregationOf,
  catalog,
  DEFAULT_AGGREGATION,
  instance,
  process,
  self,
  audit,
  WORKER_LABEL,
} from '@teleport-otel/catalog';

test('every catalog family has a rule; counters and histograms always add up', () => {
  for (const e of catalog) {
    const a = aggregationOf(e);
    expect(a.why.length).toBeGreaterThan(10);
    if (e.instrument === 'counter' || e.instrument === 'histogram')
      expect([e.name, a.rule]).toEqual([e.name, expect.stringMatching(/^(sum|per-process)$/)]);
    if (!a.declared) expect(a.rule).toBe(DEFAULT_AGGREGATION[e.instrument]);
  }
});

test('the rules the issue names', () => {
  expect(aggregationOf(instance.buildInfo).rule).toBe('once');
  expect(aggregationOf(self.processState).rule).toBe('max');
  expect(aggregationOf(process.startTimeSeconds).rule).toBe('min');
  expect(aggregationOf(audit.percentageDiskSpaceUsed).rule).toBe('max');
  expect(aggregationOf(process.residentMemoryBytes).rule).toBe('per-process');
});

test('no catalog family already uses the worker label', () => {
  for (const e of catalog) expect(e.labels).not.toContain(WORKER_LABEL);
});
