import { byName, catalog, groupEntries, groups, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { createDiagMeterProvider, formatValue, parseExposition } from '@teleport-otel/diag';
import { checkExposition, COMPONENT_NAMES, formatReport, selectEntries, UnknownComponentError } from '../src/check';
import type { CheckResult, Problem } from '../src/check';
import { expectedLabels } from '../src/check/series';
import { addLabel, dropFamily, editSamples, exposition, labelsOf, renameFamily, retype } from './check-helpers';

const ALL_GROUPS = Object.keys(groups);
let full: string; // every catalog family, rendered by the real diag exposition

beforeAll(async () => {
  full = await exposition(ALL_GROUPS);
});

const errors = (r: CheckResult) => r.problems.filter((p) => p.severity === 'error');
const only = (r: CheckResult): Problem => {
  const e = errors(r);
  expect(e).toHaveLength(1);
  return e[0]!;
};
/** Entries that must be present on a conforming endpoint: not go_* without analog, not absent from Teleport, not a problem counter. */
const required = catalog.filter(
  (e) => !e.noAnalog && e.teleport?.name !== null && !(e.group === 'self' && e.component === 'teleport-otel')
);
const histograms = catalog.filter((e) => e.type === 'histogram');
const OTHER_TYPE = { counter: 'gauge', gauge: 'counter', histogram: 'gauge', summary: 'counter' } as const;

describe('checkExposition on a conforming exposition', () => {
  test('every family of every component conforms; no unknown families', () => {
    const r = checkExposition(full);
    expect(errors(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.problems.filter((p) => p.kind === 'unknown')).toEqual([]);
    expect(new Set(r.components)).toEqual(new Set(catalog.map((e) => e.package)));
    for (const s of r.summary) {
      expect(s).toMatchObject({ ok: true, errors: 0, missing: 0 });
      expect(s.families).toBe(catalog.filter((e) => e.package === s.component).length);
    }
    expect(formatReport(r, 'http://x/metrics')).toMatch(/^OK: /m);
  });

  test('the overflow series {otel_metric_overflow="true"} is allowed', async () => {
    const entry = catalog.find(
      (e) => e.labels.length > 0 && e.maxSeries === undefined && !e.observed && e.instrument === 'counter'
    )!;
    const diag = createDiagMeterProvider({ maxSeries: 1 });
    const m = createInstruments({ entry }, { meterProvider: diag.meterProvider }) as unknown as {
      entry: { add(v: number, l: object): void };
    };
    const labels = labelsOf(entry);
    m.entry.add(1, labels);
    m.entry.add(1, { ...labels, [entry.labels[0]!]: 'another-value' }); // past the cap: folded
    const text = await diag.render();
    await diag.shutdown();
    expect(text).toContain(`${entry.name}{otel_metric_overflow="true"} 1`);
    const r = checkExposition(text, { components: [entry.group] });
    expect(r.problems.filter((p) => p.family === entry.name)).toEqual([]);
    // The same series with any other stray label is still caught.
    const stray = text.replace('{otel_metric_overflow="true"}', '{otel_metric_overflow="true",zz="1"}');
    expect(checkExposition(stray, { components: [entry.group] }).problems).toContainEqual(
      expect.objectContaining({ family: entry.name, kind: 'wrong_labels' })
    );
  });
});

describe('checkExposition on broken expositions names the family', () => {
  test('a dropped required unlabelled family is MISSING, one problem per family', () => {
    const unlabelled = required.filter((e) => e.labels.length === 0);
    expect(unlabelled.length).toBeGreaterThan(0);
    for (const entry of unlabelled) {
      const p = only(checkExposition(dropFamily(full, entry)));
      expect(p).toMatchObject({ family: entry.name, kind: 'missing', component: entry.package, group: entry.group });
    }
  });

  test('a labelled family without series (client_golang leaves an empty vector out) passes as NO_SERIES_YET', () => {
    const labelled = required.filter((e) => e.labels.length > 0);
    expect(labelled.length).toBeGreaterThan(0);
    for (const entry of labelled) {
      const r = checkExposition(dropFamily(full, entry));
      expect(errors(r)).toEqual([]);
      expect(r.problems).toContainEqual(expect.objectContaining({ family: entry.name, kind: 'no_series', severity: 'info' }));
    }
    const text = dropFamily(full, labelled[0]!);
    const report = formatReport(checkExposition(text), 'http://x/metrics');
    expect(report).toMatch(/^OK: .*; .*1 labelled families without series yet \(--verbose lists them\)/m);
    expect(report).not.toContain('NO_SERIES_YET');
    expect(formatReport(checkExposition(text), 'http://x/metrics', { verbose: true })).toContain(
      `NO_SERIES_YET ${labelled[0]!.name} has no series yet`
    );
  });

  test('dropping a family that may be absent (no Node.js analog, Teleport lacks it, self-metrics) still passes', () => {
    const optional = catalog.filter((e) => !required.includes(e));
    expect(optional.length).toBeGreaterThan(0);
    for (const entry of optional) {
      const r = checkExposition(dropFamily(full, entry));
      expect(r.ok).toBe(true);
      const note = r.problems.find((p) => p.family === entry.name)!;
      expect(['optional_absent', 'teleport_variant']).toContain(note.kind);
      expect(note.severity).toBe('info');
    }
  });

  test('a changed TYPE line is WRONG_TYPE, and orphaned _bucket/_sum/_count samples are not UNKNOWN', () => {
    for (const entry of catalog) {
      const wrong = OTHER_TYPE[entry.type];
      const r = checkExposition(retype(full, entry.name, wrong));
      expect(only(r)).toMatchObject({ family: entry.name, kind: 'wrong_type', expected: entry.type, actual: wrong });
      expect(r.problems.filter((p) => p.kind === 'unknown')).toEqual([]);
    }
  });

  test('an extra label on every series is WRONG_LABELS', () => {
    for (const entry of catalog) {
      const text = editSamples(full, entry, (l) => addLabel(l, 'zz_extra="1"'));
      const p = only(checkExposition(text));
      expect(p).toMatchObject({ family: entry.name, kind: 'wrong_labels', expected: expectedLabels(entry) });
      expect(p.actual).toContain('zz_extra');
    }
  });

  test('a renamed label is WRONG_LABELS, expected the catalog labels plus const labels', () => {
    const labelled = catalog.filter((e) => expectedLabels(e).length > 0);
    expect(labelled.some((e) => e.constLabels)).toBe(true);
    for (const entry of labelled) {
      const label = expectedLabels(entry)[0]!;
      const text = editSamples(full, entry, (l) => l.replace(new RegExp(`([{,])${label}="`), `$1${label}x="`));
      const p = only(checkExposition(text));
      expect(p).toMatchObject({ family: entry.name, kind: 'wrong_labels' });
      expect(p.actual).toContain(`${label}x`);
      expect(p.message).toContain(`[${expectedLabels(entry).join(',')}]`);
    }
  });

  test('a changed bucket bound, or a missing +Inf bucket, is WRONG_BUCKETS', () => {
    expect(histograms.length).toBeGreaterThan(0);
    for (const entry of histograms) {
      const bound = entry.buckets![1]!;
      const moved = editSamples(full, entry, (l) => l.replace(`le="${formatValue(bound)}"`, `le="${formatValue(bound * 1.5)}"`));
      const p = only(checkExposition(moved));
      expect(p).toMatchObject({ family: entry.name, kind: 'wrong_buckets' });
      expect(p.message).toContain(`missing [${bound}]`);

      const noInf = editSamples(full, entry, (l) => (l.includes('le="+Inf"') ? null : l));
      expect(only(checkExposition(noInf))).toMatchObject({ family: entry.name, kind: 'wrong_buckets' });
      expect(only(checkExposition(noInf)).message).toContain('missing [+Inf]');
    }
  });

  test('a changed summary quantile is WRONG_QUANTILES', () => {
    const summaries = catalog.filter((e) => e.type === 'summary' && e.quantiles);
    expect(summaries.length).toBeGreaterThan(0);
    for (const entry of summaries) {
      const q = entry.quantiles![1]!;
      const text = editSamples(full, entry, (l) => l.replace(`quantile="${formatValue(q)}"`, `quantile="${formatValue(q / 2)}"`));
      expect(only(checkExposition(text))).toMatchObject({ family: entry.name, kind: 'wrong_quantiles' });
    }
  });

  test('an unknown family is a warning, and an error with strict', () => {
    const name = 'my_service_jobs_processed';
    expect(byName(name)).toBeUndefined();
    const text = `${full}# HELP ${name} Jobs.\n# TYPE ${name} counter\n${name} 3\n`;
    const lax = checkExposition(text);
    expect(lax.ok).toBe(true);
    expect(lax.problems).toContainEqual(expect.objectContaining({ family: name, kind: 'unknown', severity: 'warning' }));
    const strict = checkExposition(text, { strict: true });
    expect(only(strict)).toMatchObject({ family: name, kind: 'unknown', severity: 'error' });
  });

  test('malformed text fails as MALFORMED, reported in one line, every component failed', () => {
    for (const text of [
      `${full}this is { not a sample\n`,
      '<!DOCTYPE html><html><body>Hello</body></html>\n',
      '{"status":"ok"}',
      '',
    ]) {
      const r = checkExposition(text);
      expect(only(r)).toMatchObject({ kind: 'malformed' });
      expect(r.summary.every((c) => !c.ok)).toBe(true);
      const report = formatReport(r, 'http://x/healthz');
      expect(report).toMatch(/^FAIL: http:\/\/x\/healthz: not a Prometheus text exposition: [^\n]+\n$/);
    }
  });
});

describe("a real Teleport's recorded differences", () => {
  const renamed = catalog.filter((e) => e.teleport?.name && e.teleport.name !== e.name);

  test("Teleport's name and TYPE instead of the documented ones pass as a variant", () => {
    expect(renamed.length).toBeGreaterThan(0);
    for (const entry of renamed) {
      const r = checkExposition(renameFamily(full, entry, entry.teleport!.name!, entry.teleport!.type ?? entry.type));
      expect(errors(r)).toEqual([]);
      expect(r.problems).toContainEqual(
        expect.objectContaining({ family: entry.teleport!.name, kind: 'teleport_variant', severity: 'info' })
      );
    }
  });

  test("Teleport's name with yet another TYPE is WRONG_TYPE naming Teleport's name", () => {
    for (const entry of renamed) {
      const bad = entry.teleport!.type === 'counter' ? 'histogram' : 'counter';
      const p = only(checkExposition(renameFamily(full, entry, entry.teleport!.name!, bad)));
      expect(p).toMatchObject({ family: entry.teleport!.name, kind: 'wrong_type', component: entry.package });
    }
  });
});

describe('component selection', () => {
  test('every package and group is a component name; a selection covers its entries only', () => {
    for (const e of catalog) {
      expect(COMPONENT_NAMES).toContain(e.package);
      expect(COMPONENT_NAMES).toContain(e.group);
    }
    const etcd = selectEntries(['etcd']);
    expect(etcd.map((e) => e.name)).toEqual(Object.values(groups.etcd!).map((e) => e.name));
    expect(() => selectEntries(['no-such-component'])).toThrow(UnknownComponentError);
  });

  test('missing families outside the selection do not fail it', async () => {
    const audit = await exposition(['audit']);
    expect(checkExposition(audit, { components: ['audit'] }).ok).toBe(true);
    const all = checkExposition(audit);
    expect(all.ok).toBe(false);
    // What diag registers by itself (promhttp_*, process_state, teleport_build_info) is there too.
    const diagOwn = parseExposition(await exposition([]));
    expect(diagOwn.size).toBeGreaterThan(0);
    const missing = new Set(errors(all).map((p) => p.family));
    for (const e of required)
      expect(missing.has(e.name)).toBe(e.package !== 'audit' && !diagOwn.has(e.name) && e.labels.length === 0);
    expect(all.summary.find((s) => s.component === 'audit')).toMatchObject({
      ok: true,
      present: groupEntries(groups.audit!, 'doc').length,
    });
  });

  test('a group narrows a package: backend + dynamo without etcd conforms', async () => {
    const text = await exposition(['backend', 'dynamo']);
    expect(checkExposition(text, { components: ['backend', 'dynamo'] }).ok).toBe(true);
    const backends = checkExposition(text, { components: ['backends'] });
    const families = new Set(errors(backends).map((p) => p.family));
    const expected = selectEntries(['etcd', 'firestore', 'gcs', 's3'])
      .filter((e: MetricEntry) => e.labels.length === 0)
      .map((e: MetricEntry) => e.name);
    expect(families).toEqual(new Set(expected));
  });

  test('a package leaves out its gRPC interceptor group unless that is named', () => {
    for (const [pkg, group] of [
      ['auth', 'grpcServer'],
      ['proxy', 'grpcClient'],
    ] as const) {
      const grpcNames = Object.values(groups[group]!).map((e) => e.name);
      expect(selectEntries([pkg]).map((e) => e.name)).not.toEqual(expect.arrayContaining([grpcNames[0]]));
      expect(selectEntries([pkg]).length).toBeGreaterThan(0);
      expect(selectEntries([pkg, group]).map((e) => e.name)).toEqual(expect.arrayContaining(grpcNames));
    }
  });
});
