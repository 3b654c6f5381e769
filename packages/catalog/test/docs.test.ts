import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  auth,
  authInventory,
  backend,
  catalog,
  byName,
  entriesOf,
  PROFILES,
  type MetricEntry,
  type Profile,
} from '@teleport-otel/catalog';

// The generators are plain CommonJS (scripts/docs); jest maps their @teleport-otel/catalog import
// to the catalog sources, so this test sees exactly the catalog the other tests see.
const ROOT = path.resolve(__dirname, '../../..');
/* eslint-disable @typescript-eslint/no-require-imports */
const docs = require(path.join(ROOT, 'scripts/docs')) as {
  generateAll(root: string): { path: string; content: string }[];
};
const dashboardGen = require(path.join(ROOT, 'scripts/docs/dashboard')) as {
  buildDashboard(profile?: Profile): Dashboard;
  panelQueries(d?: Dashboard): { row: string; panel: string; refId: string; expr: string; promql: string }[];
};
const rulesGen = require(path.join(ROOT, 'scripts/docs/rules')) as {
  buildRules(): { groups: { name: string; rules: { record?: string; alert?: string; expr: string }[] }[] };
};
const packageDocs = require(path.join(ROOT, 'scripts/docs/package-docs')) as {
  START: string;
  END: string;
  replaceMetricsBlock(readme: string, pkg: string): string;
};
const promql = require(path.join(ROOT, 'scripts/docs/promql')) as { PROMETHEUS_UP: string };
const keyMetrics = require(path.join(ROOT, 'scripts/docs/key-metrics')) as {
  keyMetricQueries(): { title: string; promql: string; record: string; entry: MetricEntry }[];
};
const keyMetricRules = require(path.join(ROOT, 'scripts/docs/key-metrics-rules')) as {
  buildKeyMetricRules(): { groups: { rules: { record: string; expr: string }[] }[] };
  buildKeyMetricRuleTests(): { tests: { input_series: { series: string }[] }[] };
};
const keyMetricsDashboard = require(path.join(ROOT, 'scripts/docs/key-metrics-dashboard')) as {
  buildKeyMetricsDashboard(): Dashboard;
};
const profilesMd = require(path.join(ROOT, 'scripts/docs/profiles-md')) as {
  diffProfiles(
    from: Profile,
    to: Profile
  ): {
    renamed: { from: MetricEntry; to: MetricEntry }[];
    removed: MetricEntry[];
    added: MetricEntry[];
    changed: { name: string; field: string; from: unknown; to: unknown }[];
  };
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface Panel {
  type: string;
  title: string;
  id: number;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type: string; uid: string };
  targets?: { expr: string; refId: string; datasource: { uid: string } }[];
}
interface Dashboard {
  schemaVersion: number;
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: unknown }[] };
}

const KEYWORDS = new Set([
  'by',
  'without',
  'and',
  'or',
  'unless',
  'bool',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
]);

/**
 * The metric names a PromQL expression selects: identifiers that are not functions, keywords,
 * label names (inside {} or by/without lists) or numbers.
 */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const out: string[] = [];
  for (const m of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const after = stripped.slice(m.index! + m[0].length).trimStart();
    if (after.startsWith('(') || KEYWORDS.has(m[0])) continue;
    out.push(m[0]);
  }
  return out;
}

/** A selected name is a catalog name (of `profile`), one of its histogram/summary series, or Prometheus' `up`. */
function isKnownName(name: string, recorded: ReadonlySet<string>, profile: Profile = 'doc'): boolean {
  if (byName(name, profile) || recorded.has(name) || name === promql.PROMETHEUS_UP) return true;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const e = byName(base, profile);
  return e !== undefined && (e.type === 'histogram' || e.type === 'summary');
}

describe('generated docs', () => {
  it('are up to date with the catalog (refresh with `npm run docs`)', () => {
    const stale = docs
      .generateAll(ROOT)
      .filter((f) => !fs.existsSync(path.join(ROOT, f.path)) || fs.readFileSync(path.join(ROOT, f.path), 'utf8') !== f.content)
      .map((f) => `${f.path} is stale or missing: run \`npm run docs\` to refresh it`);
    expect(stale).toEqual([]);
  });

  it('are deterministic', () => {
    expect(docs.generateAll(ROOT)).toEqual(docs.generateAll(ROOT));
  });

  it('list every catalog entry in docs/metrics.md', () => {
    const md = docs.generateAll(ROOT).find((f) => f.path === 'docs/metrics.md')!.content;
    for (const e of catalog) expect(md).toContain(`\`${e.name}\``);
    const diff = md.slice(md.indexOf("## Differences from Teleport's doc"));
    for (const e of catalog.filter((x) => x.teleport !== undefined)) expect(diff).toContain(`**\`${e.name}\`**`);
  });
});

describe('package README block', () => {
  const { START, END, replaceMetricsBlock } = packageDocs;
  const audit = catalog.filter((e) => e.package === 'audit');

  it('replaces only the text between the markers', () => {
    const readme = `# Title\n\nIntro.\n\n${START}\nold table\n${END}\n\nMore prose.\n`;
    const out = replaceMetricsBlock(readme, 'audit');
    expect(out.startsWith(`# Title\n\nIntro.\n\n${START}\n`)).toBe(true);
    expect(out.endsWith(`${END}\n\nMore prose.\n`)).toBe(true);
    expect(out).not.toContain('old table');
    for (const e of audit) expect(out).toContain(`\`${e.name}\``);
    expect(replaceMetricsBlock(out, 'audit')).toBe(out);
  });

  it('leaves a README without markers untouched', () => {
    const readme = '# Title\n\nNo generated part here.\n';
    expect(replaceMetricsBlock(readme, 'audit')).toBe(readme);
    expect(replaceMetricsBlock(`${END}\n${START}\n`, 'audit')).toBe(`${END}\n${START}\n`);
  });
});

describe('Grafana dashboard', () => {
  const dashboard = dashboardGen.buildDashboard();
  const queries = dashboardGen.panelQueries(dashboard);

  it('is a dashboard model with a Prometheus datasource variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ds = dashboard.templating.list.find((v) => v.name === 'datasource')!;
    expect(ds).toMatchObject({ type: 'datasource', query: 'prometheus' });
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has one row per component package', () => {
    const rows = dashboard.panels.filter((p) => p.type === 'row').map((p) => p.title);
    for (const pkg of ['audit', 'auth', 'backends', 'cache', 'proxy', 'node', 'bpf', 'instance', 'runtime'])
      expect(rows).toContain(pkg);
  });

  it('lays panels out without overlap', () => {
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          const k = `${x},${y}`;
          expect(cells.has(k)).toBe(false);
          cells.add(k);
        }
      }
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('selects only catalog metric names', () => {
    expect(queries.length).toBeGreaterThan(0);
    const unknown = queries.flatMap((q) =>
      metricNames(q.expr)
        .filter((n) => !isKnownName(n, new Set()))
        .map((n) => `${q.panel}: ${n}`)
    );
    expect(unknown).toEqual([]);
  });

  it('turns into plain PromQL once Grafana variables are substituted', () => {
    for (const q of queries) {
      expect(q.promql).not.toContain('$');
      expect(q.expr).toContain('job=~"$job"');
    }
  });

  it('shows p50/p90/p99 of every histogram of the component packages', () => {
    const exprs = queries.map((q) => q.expr);
    const hist = catalog.filter((e) => e.type === 'histogram' && !e.noAnalog && !['diag', 'core'].includes(e.package));
    for (const e of hist) {
      for (const q of [0.5, 0.9, 0.99]) {
        expect(exprs.some((x) => x.startsWith(`histogram_quantile(${q}, `) && x.includes(`${e.name}_bucket{`))).toBe(true);
      }
    }
  });

  it('never shows a metric with no Node.js analog', () => {
    const names = new Set(queries.flatMap((q) => metricNames(q.expr)));
    for (const e of catalog.filter((x) => x.noAnalog)) expect(names.has(e.name)).toBe(false);
  });
});

describe('Grafana dashboard of the latest profile', () => {
  const latest = dashboardGen.buildDashboard('latest');
  const queries = dashboardGen.panelQueries(latest);

  it('is a separate dashboard (its own uid) with a row per component package, newer Teleport components included', () => {
    expect(latest.uid).not.toBe(dashboardGen.buildDashboard().uid);
    const rows = latest.panels.filter((p) => p.type === 'row').map((p) => p.title);
    const packages = new Set(entriesOf('latest').map((e) => e.package));
    for (const pkg of packages) if (!['diag', 'core'].includes(pkg)) expect(rows).toContain(pkg);
  });

  it('selects only names the latest profile holds, and shows every histogram of it as p50/p90/p99', () => {
    const unknown = queries.flatMap((q) =>
      metricNames(q.expr)
        .filter((n) => !isKnownName(n, new Set(), 'latest'))
        .map((n) => `${q.panel}: ${n}`)
    );
    expect(unknown).toEqual([]);
    const exprs = queries.map((q) => q.expr);
    for (const e of entriesOf('latest').filter((x) => x.type === 'histogram' && !x.noAnalog && x.package !== 'diag'))
      expect(exprs.some((x) => x.startsWith('histogram_quantile(0.99, ') && x.includes(`${e.name}_bucket{`))).toBe(true);
  });

  it("shows every counter and gauge family of the latest profile's component packages", () => {
    const names = new Set(queries.flatMap((q) => metricNames(q.expr)));
    const missing = entriesOf('latest')
      .filter(
        (e) => (e.type === 'counter' || e.type === 'gauge') && !e.noAnalog && !['runtime', 'diag', 'core'].includes(e.package)
      )
      .filter((e) => !names.has(e.name))
      .map((e) => e.name);
    expect(missing).toEqual([]);
  });
});

describe('Prometheus rules', () => {
  const rules = rulesGen.buildRules();
  const all = rules.groups.flatMap((g) => g.rules);
  const recorded = new Set(all.flatMap((r) => (r.record ? [r.record] : [])));

  it('select only catalog metric names or recorded series', () => {
    const unknown = all.flatMap((r) =>
      metricNames(r.expr)
        .filter((n) => !isKnownName(n, recorded))
        .map((n) => `${r.record ?? r.alert}: ${n}`)
    );
    expect(unknown).toEqual([]);
  });

  it('record a p99 for every histogram', () => {
    for (const e of catalog.filter((x) => x.type === 'histogram' && !x.noAnalog)) {
      expect(
        all.some(
          (r) => r.record !== undefined && r.expr.startsWith('histogram_quantile(0.99, ') && r.expr.includes(`${e.name}_bucket[`)
        )
      ).toBe(true);
    }
  });

  it('alert on the conditions operators page for', () => {
    const alerts = new Set(all.flatMap((r) => (r.alert ? [r.alert] : [])));
    for (const a of [
      'TeleportBackendLatencyHigh',
      'TeleportFailedLoginsHigh',
      'TeleportHeartbeatsMissed',
      'TeleportAuditEmitFailures',
      'TeleportAuditDiskSpaceHigh',
      'TeleportCacheStaleEventsHigh',
      'TeleportProxyConnectionLimitExceeded',
      'TeleportTargetDown',
    ]) {
      expect(alerts).toContain(a);
    }
  });
});

describe('Key Metrics guide (profile latest): recording rules and dashboard', () => {
  const queries = keyMetrics.keyMetricQueries();
  const rules = keyMetricRules.buildKeyMetricRules().groups.flatMap((g) => g.rules);

  it('records every query once, under a distinct level:metric:operations name', () => {
    expect(queries.length).toBeGreaterThanOrEqual(12);
    expect(rules.map((r) => [r.record, r.expr])).toEqual(queries.map((q) => [q.record, q.promql]));
    expect(new Set(rules.map((r) => r.record)).size).toBe(rules.length);
    for (const q of queries) expect(q.record).toMatch(new RegExp(`^[a-z_]+:${q.entry.name}:[a-z0-9_]+$`));
  });

  it('selects only names the latest profile holds', () => {
    const unknown = rules.flatMap((r) =>
      metricNames(r.expr)
        .filter((n) => !isKnownName(n, new Set(), 'latest'))
        .map((n) => `${r.record}: ${n}`)
    );
    expect(unknown).toEqual([]);
  });

  it("asks what the issue names: write availability, tctl top's auth cache queue, max(heartbeats_missed_total)", () => {
    const exprs = queries.map((q) => q.promql);
    expect(exprs.some((x) => x.startsWith('1 - (') && x.includes(`${backend.writeRequestsTotal.name}[`))).toBe(true);
    expect(exprs).toContain(`max(${auth.heartbeatsMissedTotal.name})`);
    expect(exprs.some((x) => x.endsWith('{component="auth:cache"}'))).toBe(true);
  });

  it('feeds the promtool tests only series of latest-profile families', () => {
    const series = keyMetricRules.buildKeyMetricRuleTests().tests.flatMap((t) => t.input_series.map((s) => s.series));
    const unknown = series.map((s) => s.replace(/\{.*$/, '')).filter((n) => !isKnownName(n, new Set(), 'latest'));
    expect(unknown).toEqual([]);
  });

  it('shows every query as a dashboard panel, unchanged', () => {
    const d = keyMetricsDashboard.buildKeyMetricsDashboard();
    const panelQueries = dashboardGen.panelQueries(d);
    expect(panelQueries.map((q) => [q.panel, q.expr])).toEqual(queries.map((q) => [q.title, q.promql]));
  });
});

describe('profile pages', () => {
  const files = new Map(docs.generateAll(ROOT).map((f) => [f.path, f.content] as const));

  it.each(PROFILES.map((p) => [p]))('docs/profiles/%s.md lists every family of the profile with its TYPE and HELP', (profile) => {
    const md = files.get(`docs/profiles/${profile}.md`)!;
    for (const e of entriesOf(profile))
      expect(md).toContain(`| \`${e.name}\`${e.noAnalog ? ' (not exposed)' : ''} | ${e.type} |`);
  });

  it('the differences name heartbeat_missed_total (counter) becoming heartbeats_missed_total (gauge) and the families added', () => {
    const d = profilesMd.diffProfiles('doc', 'teleport-12');
    expect(d.renamed.map((r) => [r.from.name, r.from.type, r.to.name, r.to.type])).toContainEqual([
      auth.heartbeatMissedTotal.name,
      'counter',
      auth.heartbeatsMissedTotal.name,
      'gauge',
    ]);
    const md = files.get('docs/profiles/differences.md')!;
    expect(md).toContain(`| \`${auth.heartbeatMissedTotal.name}\` (counter) | \`${auth.heartbeatsMissedTotal.name}\` (gauge) |`);
    for (const [from, to] of [
      ['doc', 'teleport-12'],
      ['teleport-12', 'latest'],
    ] as [Profile, Profile][]) {
      const { added, removed } = profilesMd.diffProfiles(from, to);
      const names = new Set(entriesOf(to).map((e) => e.name));
      for (const e of added) {
        expect(names.has(e.name)).toBe(true);
        expect(entriesOf(from).some((x) => x.name === e.name)).toBe(false);
        expect(md).toContain(`| \`${e.name}\` | ${e.type} |`);
      }
      for (const e of removed) expect(names.has(e.name)).toBe(false);
    }
  });

  it('the differences account for every family: from - removed + added = to (a rename is in neither)', () => {
    for (const [from, to] of [
      ['doc', 'teleport-12'],
      ['teleport-12', 'latest'],
    ] as [Profile, Profile][]) {
      const d = profilesMd.diffProfiles(from, to);
      expect(entriesOf(from).length - d.removed.length + d.added.length).toBe(entriesOf(to).length);
    }
  });

  it('the differences report label and HELP changes of families both profiles hold', () => {
    const changes = profilesMd.diffProfiles('teleport-12', 'latest').changed;
    const registered = authInventory.registeredServers;
    expect(changes).toContainEqual({
      name: registered.name,
      field: 'labels',
      from: byName(registered.name, 'teleport-12')!.labels,
      to: registered.labels,
    });
    for (const c of changes) expect(c.from).not.toEqual(c.to);
  });
});
