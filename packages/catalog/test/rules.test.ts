import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// promtool validates and unit-tests the generated rules. Locally it may be missing (skip with a
// note); in CI (CI set) it is installed by .ci/run and this test must run.
const ROOT = path.resolve(__dirname, '../../..');
const RULES = path.join(ROOT, 'docs/alerts/teleport-otel.rules.yml');
const RULE_TESTS = path.join(ROOT, 'docs/alerts/teleport-otel.rules.test.yml');
const KEY_RULES = path.join(ROOT, 'docs/alerts/key-metrics-latest.rules.yml');
const KEY_RULE_TESTS = path.join(ROOT, 'docs/alerts/key-metrics-latest.rules.test.yml');
const KEY_DASHBOARD = path.join(ROOT, 'docs/dashboards/key-metrics-latest.json');
const LATEST_DASHBOARD = path.join(ROOT, 'docs/dashboards/teleport-otel-latest.json');
/* eslint-disable @typescript-eslint/no-require-imports */
const dashboard = require(path.join(ROOT, 'scripts/docs/dashboard')) as {
  panelQueries(d?: unknown): { panel: string; promql: string }[];
};
const keyMetrics = require(path.join(ROOT, 'scripts/docs/key-metrics')) as { keyMetricQueries(): { record: string }[] };
/* eslint-enable @typescript-eslint/no-require-imports */

const promtoolFound = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
const inCI = Boolean(process.env.CI);
if (!promtoolFound && !inCI) {
  // eslint-disable-next-line no-console
  console.warn('rules tests skipped: promtool not found (apt-get install prometheus); they run whenever CI is set');
}
const describePromtool = promtoolFound || inCI ? describe : describe.skip;

function promtool(...args: string[]) {
  const r = spawnSync('promtool', args, { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  if (r.error) throw new Error(`promtool could not run: ${r.error.message}`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describePromtool('generated Prometheus rules (promtool)', () => {
  it('pass promtool check rules', () => {
    const r = promtool('check', 'rules', RULES);
    expect(r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('pass promtool test rules: every alert fires on its fixture and the recordings give the expected values', () => {
    const r = promtool('test', 'rules', RULE_TESTS);
    if (r.status !== 0) throw new Error(r.output);
    expect(r.output).toContain('SUCCESS');
  });

  it('parse every dashboard query as PromQL (Grafana variables substituted)', () => {
    expectQueriesParse(dashboard.panelQueries());
  });

  it("pass promtool check rules for the Key Metrics guide's recording rules (latest)", () => {
    const r = promtool('check', 'rules', KEY_RULES);
    expect(r.output).toContain(`SUCCESS: ${keyMetrics.keyMetricQueries().length} rules found`);
    expect(r.status).toBe(0);
  });

  it('pass promtool test rules: each Key Metrics recording gives the value its catalog-named input series imply', () => {
    const r = promtool('test', 'rules', KEY_RULE_TESTS);
    if (r.status !== 0) throw new Error(r.output);
    expect(r.output).toContain('SUCCESS');
  });

  it('fail promtool test rules when a Key Metrics recording computes something else (the tests can fail)', () => {
    // The same unit tests against rules whose max() became sum() and whose p99 became a p50.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teleport-otel-key-rules-'));
    try {
      const rules = fs
        .readFileSync(KEY_RULES, 'utf8')
        .replace(/max\(/g, 'sum(')
        .replace(/histogram_quantile\(0\.99/g, 'histogram_quantile(0.5');
      fs.writeFileSync(path.join(dir, path.basename(KEY_RULES)), rules);
      fs.copyFileSync(KEY_RULE_TESTS, path.join(dir, 'tests.yml'));
      const r = promtool('test', 'rules', path.join(dir, 'tests.yml'));
      expect(r.status).not.toBe(0);
      expect(r.output).toContain('FAILED');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("parse every query of the latest profile's dashboard as PromQL", () => {
    expectQueriesParse(dashboard.panelQueries(JSON.parse(fs.readFileSync(LATEST_DASHBOARD, 'utf8'))));
  });

  it('parse every query of the Key Metrics dashboard as PromQL', () => {
    expectQueriesParse(dashboard.panelQueries(JSON.parse(fs.readFileSync(KEY_DASHBOARD, 'utf8'))));
  });
});

/** promtool has no offline expression check, but check rules parses each rule's expr. */
function expectQueriesParse(queries: { panel: string; promql: string }[]): void {
  const lines = ['groups:', '  - name: dashboard', '    rules:'];
  queries.forEach((q, i) => lines.push(`      - record: dashboard:query_${i}`, `        expr: ${JSON.stringify(q.promql)}`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teleport-otel-dashboard-'));
  try {
    const file = path.join(dir, 'dashboard.rules.yml');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const r = promtool('check', 'rules', file);
    if (r.status !== 0) throw new Error(r.output);
    expect(r.output).toContain(`${queries.length} rules found`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
