import * as fs from 'node:fs';
import {
  byName,
  catalog,
  docEntries,
  entriesOf,
  entryIn,
  groups,
  PROFILES,
  type MetricEntry,
  type PromType,
} from '@teleport-otel/catalog';
import { requireReference } from '../../../test-support/reference';

// Under CI=true a missing reference folder fails the run (test-support/reference.ts).
const reference = requireReference('teleport-metrics-doc.txt', 'teleport-source-facts.json');
const [DOC_FILE, FACTS_FILE] = reference.paths as [string, string];
const describeReference = reference.skip ? describe.skip : describe;

const PROM_TYPES: readonly PromType[] = ['counter', 'gauge', 'histogram', 'summary'];
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Doc text without the final period, for the one doc row that lacks it. */
const sentence = (s: string) => s.trim().replace(/\.$/, '');

describe('catalog invariants', () => {
  const everyProfile = PROFILES.flatMap((p) => entriesOf(p).map((e) => [`${e.name} (${p})`, e] as const));
  it.each(everyProfile)('%s is well formed', (_name, e: MetricEntry) => {
    expect(e.name).toMatch(METRIC_NAME);
    expect(e.unit.length).toBeGreaterThan(0);
    expect(e.unit).not.toMatch(/\s/);
    // Teleport registers a few families without HELP (lib/srv/ingress); only those may have none.
    if (e.origin !== 'teleport') expect(e.help.length).toBeGreaterThan(0);
    expect(PROM_TYPES).toContain(e.type);
    for (const l of [...e.labels, ...Object.keys(e.constLabels ?? {})]) {
      expect(l).toMatch(LABEL_NAME);
      expect(l.startsWith('__')).toBe(false);
      expect(l.startsWith('otel_scope_')).toBe(false); // the otel naming adds otel_scope_name and otel_scope_version
    }
    // a series' label names are distinct, const labels included (the renderers sort pairs by name)
    const names = [...e.labels, ...Object.keys(e.constLabels ?? {})];
    expect(new Set(names).size).toBe(names.length);
    for (const l of Object.keys(e.values ?? {})) expect(e.labels).toContain(l);
    for (const l of Object.keys(e.examples ?? {})) expect(e.labels).toContain(l);
    if (e.type === 'histogram') {
      expect(e.buckets?.length).toBeGreaterThan(0);
      e.buckets!.forEach((b, i) => {
        expect(Number.isFinite(b)).toBe(true);
        if (i > 0) expect(b).toBeGreaterThan(e.buckets![i - 1]!);
      });
    } else {
      expect(e.buckets).toBeUndefined();
    }
    if (e.type === 'summary') expect(e.quantiles?.length).toBeGreaterThan(0);
    if (e.noAnalog) expect(e.group).toBe('go');
    if (e.origin === 'doc') expect(e.description.length).toBeGreaterThan(0);
  });

  it.each(PROFILES.map((p) => [p]))('has no name twice in profile %s, across all groups', (profile) => {
    const all = Object.values(groups).flatMap((g) => Object.values(g).flatMap((e) => entryIn(e, profile)?.name ?? []));
    const dupes = all.filter((n, i) => all.indexOf(n) !== i);
    expect(dupes).toEqual([]);
    expect(all.length).toBe(entriesOf(profile).length);
  });

  it('files every entry under the group it names', () => {
    for (const [group, entries] of Object.entries(groups)) {
      for (const e of Object.values(entries)) expect(e.group).toBe(group);
    }
  });
});

interface DocRow {
  line: string;
  section: string | undefined;
  name: string;
  type: string;
  rest: string;
}

/**
 * Doc rows are "name" + "type" + "component" + "description" glued together. The name is the
 * longest catalog name the line starts with that is followed by a known type.
 */
function parseDoc(text: string): { rows: DocRow[]; unmatched: string[]; headings: string[] } {
  const names = [...catalog.map((e) => e.name)].sort((a, b) => b.length - a.length);
  const sections = new Set(catalog.map((e) => e.section));
  const rows: DocRow[] = [];
  const unmatched: string[] = [];
  const headings: string[] = [];
  let section: string | undefined;
  let blanks = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      // A run of blank lines where a heading was stripped: later rows have no known section.
      if (++blanks >= 2 && rows.length > 0) section = undefined;
      continue;
    }
    blanks = 0;
    const name = names.find((n) => line.startsWith(n) && PROM_TYPES.some((t) => line.startsWith(t, n.length)));
    if (name) {
      const type = PROM_TYPES.find((t) => line.startsWith(t, name.length))!;
      rows.push({ line, section, name, type, rest: line.slice(name.length + type.length) });
    } else if (sections.has(line.trim())) {
      section = line.trim();
      headings.push(section);
    } else if (/^[a-z][a-z0-9_]*(counter|gauge|histogram|summary)/.test(line)) {
      unmatched.push(line);
    }
  }
  return { rows, unmatched, headings };
}

interface Fact {
  doc_section: string;
  doc_name: string;
  doc_type: string;
  doc_component: string;
  doc_description: string;
  teleport_name: string | null;
  teleport_type: string | null;
  labels: string[];
  label_values_examples: Record<string, string[]>;
  teleport_help: string;
  buckets: number[] | null;
}

describeReference('catalog vs Teleport metrics doc', () => {
  const { rows, unmatched, headings } = !reference.skip
    ? parseDoc(fs.readFileSync(DOC_FILE, 'utf8'))
    : { rows: [], unmatched: [], headings: [] };
  const facts: Fact[] = !reference.skip ? JSON.parse(fs.readFileSync(FACTS_FILE, 'utf8')) : [];

  it('maps every doc row to a catalog entry', () => {
    expect(unmatched).toEqual([]);
    expect(rows.length).toBe(facts.length);
    expect(new Set(rows.map((r) => r.name)).size).toBe(new Set(facts.map((f) => f.doc_name)).size);
  });

  it('has one doc entry per documented name, with docRows counting repeated rows', () => {
    const documented = new Set(rows.map((r) => r.name));
    expect(docEntries.map((e) => e.name).sort()).toEqual([...documented].sort());
    for (const e of docEntries) expect(rows.filter((r) => r.name === e.name).length).toBe(e.docRows ?? 1);
  });

  it.each(rows.map((r) => [r.name, r] as const))('doc row %s matches its entry', (_n, r: DocRow) => {
    const e = byName(r.name)!;
    expect(e.origin).toBe('doc');
    expect(e.type).toBe(r.type);
    expect(r.rest.startsWith(e.component)).toBe(true);
    expect(sentence(r.rest.slice(e.component.length))).toBe(sentence(e.description));
    if (r.section !== undefined) expect(e.section).toBe(r.section);
  });

  it('knows every section heading of the doc', () => {
    expect(headings.length).toBeGreaterThan(0);
    for (const h of headings) expect(catalog.some((e) => e.section === h)).toBe(true);
  });

  it.each(facts.map((f, i) => [`${f.doc_name} #${i}`, f] as const))('source facts %s', (_n, f: Fact) => {
    const e = byName(f.doc_name)!;
    expect(e).toBeDefined();
    expect(e.section).toBe(f.doc_section);
    expect(e.component).toBe(f.doc_component);
    expect(sentence(e.description)).toBe(sentence(f.doc_description));
    // Labels: plain names are per-measurement labels; "x (const)" / "x (const label)" are const labels.
    const constRe = /^(\S+) \(const( label)?\)$/;
    let variable = f.labels.filter((l) => !constRe.test(l));
    if (e.type === 'summary') {
      // A summary's `quantile` label comes from its quantiles, not from the caller.
      const q = 'quantile';
      expect(f.label_values_examples[q]!.map(Number)).toEqual([...(e.quantiles ?? [])]);
      variable = variable.filter((l) => l !== q);
    }
    const consts = f.labels.filter((l) => constRe.test(l)).map((l) => constRe.exec(l)![1]!);
    expect([...e.labels]).toEqual(variable);
    expect(Object.keys(e.constLabels ?? {}).sort()).toEqual(consts.sort());
    if (f.buckets === null) expect(e.buckets).toBeUndefined();
    else expect([...(e.buckets ?? [])]).toEqual(f.buckets);
    // Where Teleport's code differs from the doc, `teleport` says what it really exposes.
    if (f.teleport_name === f.doc_name && f.teleport_type === f.doc_type) expect(e.teleport).toBeUndefined();
    else expect(e.teleport).toEqual({ name: f.teleport_name, type: f.teleport_type });
    // Closed value sets hold every value Teleport's code produces.
    for (const [label, closed] of Object.entries(e.values ?? {})) {
      for (const v of f.label_values_examples[label] ?? []) expect(closed).toContain(v);
    }
  });
});
