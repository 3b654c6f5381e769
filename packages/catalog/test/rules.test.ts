import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// promtool validates and unit-tests the generated rules. Locally it may be missing (skip with a
// note); in CI (CI set) it is installed by .ci/run and this test must run.
const ROOT = path.resolve(__dirname, '../../..');
const RULES = path.join(ROOT, 'docs/alerts/teleport-otel.rules.yml');
const RULE_TESTS = path.join(ROOT, 'docs/alerts/teleport-otel.rules.test.yml');
/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const dashboard = require(path.join(ROOT, 'scripts/docs/dashboard')) as { panelQueries(): { panel: string; promql: string }[] };

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
    // promtool has no offline expression check, but check rules parses each rule's expr.
    const queries = dashboard.panelQueries();
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
  });
});
