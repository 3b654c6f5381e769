/**
 * checkExposition's result (check.ts) on small hand-made expositions: each problem's exact message,
 * the order of the problem list (errors, warnings, notes, quiet notes; by component, then family),
 * the per-component summary, and the unknown-family rule for orphaned sample names. Entries come
 * from the catalog by shape; every body is written here line by line.
 */
import { catalog, type MetricEntry } from '@teleport-otel/catalog';
import { checkExposition, type CheckResult } from '../src/check';

const firstOf = (pred: (e: MetricEntry) => boolean): MetricEntry => {
  const e = catalog.find(pred);
  if (!e) throw new Error('catalog has no entry of the shape this test needs');
  return e;
};
const required = (e: MetricEntry) => !e.noAnalog && e.teleport === undefined && e.origin !== 'self' && !e.observed;
/** Two unlabelled counters of one group that is also its package, and one of a group inside another package. */
const ownGroup = catalog.filter((e) => required(e) && e.labels.length === 0 && e.type === 'gauge' && e.group === e.package);
const [g1, g2] = ownGroup as [MetricEntry, MetricEntry];
const sameGroup = ownGroup.filter((e) => e.group === g1.group);
const labelledIn = (group: string) => catalog.find((x) => required(x) && x.labels.length > 0 && x.group === group);
const sub = firstOf(
  (e) =>
    required(e) &&
    e.labels.length === 0 &&
    e.group !== e.package &&
    !['grpcServer', 'grpcClient'].includes(e.group) &&
    labelledIn(e.group) !== undefined
);
const labelled = firstOf((e) => required(e) && e.labels.length > 0 && e.group === sub.group);
const renamed = firstOf((e) => !!e.teleport?.name && e.teleport.name !== e.name);
const absentInTeleport = firstOf((e) => e.teleport !== undefined && e.teleport.name === null);
const noAnalog = firstOf((e) => e.noAnalog === true && e.teleport === undefined);
const selfMetric = firstOf((e) => e.origin === 'self' && !e.noAnalog && e.teleport === undefined);

/** What `check` requires: unlabelled, not documented as absent from Node.js or Teleport, not a self-metric. */
const mustAppear = (e: MetricEntry) => !e.noAnalog && e.teleport === undefined && e.origin !== 'self' && e.labels.length === 0;

/** An unlabelled family with one sample. */
const family = (name: string, type: string, value = 1) => `# HELP ${name} Some help.\n# TYPE ${name} ${type}\n${name} ${value}\n`;

const kinds = (r: CheckResult) => r.problems.map((p) => `${p.severity} ${p.kind} ${p.family}`);

describe('checkExposition results', () => {
  it('names a missing family with its package, and its group when the group is another', () => {
    const r = checkExposition(family('zz_other', 'gauge'), { components: [sub.group, g1.group] });
    const missing = r.problems.filter((p) => p.kind === 'missing');
    expect(missing.find((p) => p.family === sub.name)!.message).toBe(`${sub.name} (${sub.package}/${sub.group})`);
    expect(missing.find((p) => p.family === g1.name)!.message).toBe(`${g1.name} (${g1.package})`);
    expect(missing.find((p) => p.family === g1.name)).toMatchObject({
      component: g1.package,
      group: g1.group,
      severity: 'error',
    });
    const note = r.problems.find((p) => p.family === labelled.name)!;
    expect(note).toMatchObject({ kind: 'no_series', severity: 'info', expected: labelled.name, actual: null });
    expect(note.message).toBe(
      `${labelled.name} has no series yet (a labelled family appears with its first measurement, as in client_golang)`
    );
    expect(r.ok).toBe(false);
    // a component's errors are its error problems only, not its notes
    const subRequired = catalog.filter((e) => e.group === sub.group && mustAppear(e)).length;
    expect(r.summary.find((s) => s.component === sub.package)).toMatchObject({ missing: subRequired, errors: subRequired });
    // nothing of the selection is in the body: neither the missing families nor the noted ones count as present
    expect(r.summary.map((s) => s.present)).toEqual(r.components.map(() => 0));
  });

  it('orders errors by component then family, then warnings, then notes, quiet ones last', () => {
    expect(sameGroup.length).toBeGreaterThan(1);
    const text = family('zz_unknown', 'counter') + family('aa_unknown', 'gauge');
    const r = checkExposition(text, { components: [g1.group, sub.group] });
    const errors = r.problems.filter((p) => p.severity === 'error');
    // components in catalog order; within one, family names in order
    const byComponent = r.components.flatMap((c) =>
      errors
        .filter((p) => p.component === c)
        .map((p) => p.family)
        .sort((a, b) => a.localeCompare(b))
    );
    expect(errors.map((p) => p.family)).toEqual(byComponent);
    expect(new Set(errors.map((p) => p.family))).toEqual(
      new Set(catalog.filter((e) => (e.group === g1.group || e.group === sub.group) && mustAppear(e)).map((e) => e.name))
    );
    const rest = kinds(r).slice(errors.length);
    expect(rest.slice(0, 2)).toEqual(['warning unknown aa_unknown', 'warning unknown zz_unknown']);
    expect(rest.slice(2).every((k) => k.startsWith('info '))).toBe(true);
    const quietFrom = rest.findIndex((k) => / (no_series|optional_absent) /.test(k));
    expect(rest.slice(quietFrom).every((k) => / (no_series|optional_absent) /.test(k))).toBe(true);
  });

  it('with --strict, errors by component (unknown families last) and family, then notes, quiet ones last', () => {
    const components = ['audit', 'auth', 'instance', 'core'];
    const text = family('aa_unknown', 'counter') + family(renamed.teleport!.name!, renamed.teleport!.type ?? renamed.type);
    const r = checkExposition(text, { components, strict: true });
    expect(r.components).toEqual(components); // the catalog's package order
    const missingOf = (pkg: string) =>
      catalog
        .filter((e) => e.package === pkg && mustAppear(e))
        .map((e) => e.name)
        .sort((a, b) => a.localeCompare(b));
    const errors = r.problems.filter((p) => p.severity === 'error').map((p) => p.family);
    expect(errors).toEqual([...components.flatMap(missingOf), 'aa_unknown']);
    // the rule is seen: by family name alone the order would differ
    expect([...errors].sort((a, b) => a.localeCompare(b))).not.toEqual(errors);
    const notes = r.problems.filter((p) => p.severity === 'info');
    expect(r.problems.slice(errors.length)).toEqual(notes);
    const quiet = (k: string) => k === 'no_series' || k === 'optional_absent';
    expect(notes.filter((p) => !quiet(p.kind)).map((p) => `${p.kind} ${p.family}`)).toEqual([
      `teleport_variant ${renamed.teleport!.name!}`, // auth
      `teleport_variant ${absentInTeleport.name}`, // instance
    ]);
    expect(notes.findIndex((p) => quiet(p.kind))).toBe(2);
    const quietOnes = notes.slice(2);
    expect(quietOnes.every((p) => quiet(p.kind))).toBe(true);
    expect(new Set(quietOnes.map((p) => p.component)).size).toBeGreaterThan(1);
    const place = (c: string | null) => components.indexOf(c!);
    const byComponentThenFamily = [...quietOnes].sort(
      (a, b) => place(a.component) - place(b.component) || a.family.localeCompare(b.family)
    );
    expect(quietOnes.map((p) => p.family)).toEqual(byComponentThenFamily.map((p) => p.family));
  });

  it('counts each component on its own problems only', () => {
    const audit = catalog.filter((e) => e.package === 'audit');
    const text = audit
      .filter(mustAppear)
      .map((e) => family(e.name, e.type))
      .join('');
    const r = checkExposition(text, { components: ['audit', 'node'] });
    const nodeMissing = catalog.filter((e) => e.package === 'node' && mustAppear(e));
    expect(nodeMissing.length).toBeGreaterThan(0);
    expect(r.summary).toEqual([
      { component: 'audit', families: audit.length, present: audit.filter(mustAppear).length, missing: 0, errors: 0, ok: true },
      {
        component: 'node',
        families: catalog.filter((e) => e.package === 'node').length,
        present: 0,
        missing: nodeMissing.length,
        errors: nodeMissing.length,
        ok: false,
      },
    ]);
  });

  it('counts each component: families checked, present, missing, errors', () => {
    const text = family(g2.name, g2.type) + family(g1.name, 'counter');
    const r = checkExposition(text, { components: [g1.group] });
    const summary = r.summary.find((s) => s.component === g1.package)!;
    const checked = catalog.filter((e) => e.group === g1.group && e.package === g1.package);
    const mustBeThere = checked.filter(mustAppear);
    expect(summary).toEqual({
      component: g1.package,
      families: checked.length,
      present: 2,
      missing: mustBeThere.length - 2,
      errors: mustBeThere.length - 2 + 1, // the missing ones and g1's wrong type
      ok: false,
    });
    const wrong = r.problems.find((p) => p.family === g1.name)!;
    expect(wrong).toMatchObject({ kind: 'wrong_type', expected: 'gauge', actual: 'counter' });
    expect(wrong.message).toBe(`${g1.name}: expected gauge, got counter`);
  });

  it("a Teleport name with the Teleport TYPE is a note; with another TYPE an error naming Teleport's name", () => {
    const t = renamed.teleport!;
    const altType = t.type ?? renamed.type;
    const ok = checkExposition(family(t.name!, altType), { components: [renamed.group] });
    const note = ok.problems.find((p) => p.family === t.name)!;
    expect(note).toMatchObject({ kind: 'teleport_variant', severity: 'info', expected: renamed.name, actual: t.name });
    expect(note.message).toBe(
      `${t.name} (${altType}) stands for ${renamed.name} (${renamed.type}), as a real Teleport exposes it`
    );
    // the body holds that one family only
    expect(ok.summary.find((s) => s.component === renamed.package)!.present).toBe(1);
    const other = altType === 'counter' ? 'gauge' : 'counter';
    const bad = checkExposition(family(t.name!, other), { components: [renamed.group] });
    const p = bad.problems.find((x) => x.family === t.name)!;
    expect(p).toMatchObject({ kind: 'wrong_type', severity: 'error', expected: altType, actual: other });
    expect(p.message).toBe(`${t.name} (Teleport's name for ${renamed.name}): expected ${altType}, got ${other}`);
    expect(bad.summary.find((s) => s.component === renamed.package)!.present).toBe(1);
  });

  it('a documented family a real Teleport lacks is a note when absent', () => {
    const r = checkExposition(family('zz_other', 'gauge'), { components: [absentInTeleport.group] });
    const note = r.problems.find((p) => p.family === absentInTeleport.name)!;
    expect(note).toMatchObject({ kind: 'teleport_variant', severity: 'info', actual: null });
    expect(note.message).toBe(`${absentInTeleport.name} absent; a real Teleport does not expose it although it is documented`);
    expect(r.summary.find((s) => s.component === absentInTeleport.package)!.present).toBe(0);
  });

  it('a family without a Node.js analog, or a self-metric, is a quiet note when absent, and not present', () => {
    const r = checkExposition(family('zz_other', 'gauge'), { components: [noAnalog.group, selfMetric.group] });
    const none = r.problems.find((p) => p.family === noAnalog.name)!;
    expect(none).toMatchObject({ kind: 'optional_absent', severity: 'info', expected: noAnalog.name, actual: null });
    expect(none.message).toBe(`${noAnalog.name} absent (optional: no Node.js analog; only a real Teleport exposes it)`);
    const own = r.problems.find((p) => p.family === selfMetric.name)!;
    expect(own).toMatchObject({ kind: 'optional_absent', severity: 'info' });
    expect(own.message).toBe(
      `${selfMetric.name} absent (optional: teleport-otel self-metric; appears only once there is a problem to count)`
    );
    expect(r.summary.map((s) => s.present)).toEqual(r.components.map(() => 0));
  });

  it('orphaned _bucket/_sum/_count samples of a known family are not unknown; declared families and other suffixes are', () => {
    const known = g1.name;
    const text = [
      family('zz_other', 'gauge'),
      `${known}_bucket{le="1"} 1`,
      `${known}_sum 1`,
      `${known}_count 1`,
      `${known}_total 1`,
      `# HELP ${known}_max Declared.`,
      `${known}_max 1`,
      `# TYPE ${known}_min gauge`,
      `${known}_min 1`,
      '',
    ].join('\n');
    const r = checkExposition(text, { components: [g1.group] });
    const unknown = r.problems.filter((p) => p.kind === 'unknown').map((p) => p.family);
    expect(unknown.sort()).toEqual([`${known}_max`, `${known}_min`, `${known}_total`, 'zz_other'].sort());
    const one = r.problems.find((p) => p.family === 'zz_other')!;
    expect(one).toMatchObject({ severity: 'warning', component: null, group: null, actual: 'gauge' });
    expect(one.message).toBe('zz_other (gauge) is not in the catalog');
  });

  it('a _count/_sum/_bucket family declared by a HELP or a TYPE line of its own is unknown', () => {
    const text = [
      family('zz_other', 'gauge'),
      `# HELP ${g1.name}_count Declared by HELP only.`,
      `${g1.name}_count 1`,
      `# TYPE ${g2.name}_sum gauge`,
      `${g2.name}_sum 1`,
      `# HELP ${g1.name}_bucket Declared by both.`,
      `# TYPE ${g1.name}_bucket counter`,
      `${g1.name}_bucket 1`,
      '',
    ].join('\n');
    const r = checkExposition(text, { components: [g1.group] });
    const unknown = r.problems.filter((p) => p.kind === 'unknown').map((p) => `${p.family} ${String(p.actual)}`);
    expect(unknown.sort()).toEqual(
      [`${g1.name}_bucket counter`, `${g1.name}_count untyped`, `${g2.name}_sum gauge`, 'zz_other gauge'].sort()
    );
  });

  it('a body without families, or one that does not parse, is one malformed error failing every component', () => {
    const empty = checkExposition('# just a comment\n', { components: [g1.group, sub.group] });
    expect(empty.problems).toEqual([
      {
        family: '',
        kind: 'malformed',
        severity: 'error',
        component: null,
        group: null,
        message: 'not a Prometheus text exposition: no metric families in the response',
      },
    ]);
    expect(empty.summary.map((s) => s.ok)).toEqual([false, false]);
    expect(empty.ok).toBe(false);
    const broken = checkExposition('x{ 1\n', { components: [g1.group] });
    expect(broken.problems.map((p) => p.message)).toEqual(['not a Prometheus text exposition: line 1: not a sample: "x{ 1"']);
  });

  it('with every required family present the result is ok, and stays so with notes only', () => {
    const text = catalog
      .filter((e) => e.group === g1.group && mustAppear(e))
      .map((e) => family(e.name, e.type))
      .join('');
    const r = checkExposition(text, { components: [g1.group] });
    expect(r.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.summary.every((s) => s.ok && s.errors === 0 && s.missing === 0)).toBe(true);
  });
});
