import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalog, byName } from '@teleport-otel/catalog';

// The generators are plain CommonJS (scripts/docs); jest maps their @teleport-otel/catalog import
// to the catalog sources, so this test sees exactly the catalog the other tests see.
const ROOT = path.resolve(__dirname, '../../..');
/* eslint-disable @typescript-eslint/no-require-imports */
const docs = require(path.join(ROOT, 'scripts/docs')) as {
  generateAll(root: string): { path: string; content: string }[];
};
const dashboardGen = require(path.join(ROOT, 'scripts/docs/dashboard')) as {
  buildDashboard(): Dashboard;
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

/** A selected name is a catalog name, one of its histogram/summary series, or Prometheus' `up`. */
function isKnownName(name: string, recorded: ReadonlySet<string>): boolean {
  if (byName(name) || recorded.has(name) || name === promql.PROMETHEUS_UP) return true;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const e = byName(base);
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
