import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auth, DEFAULT_PROFILE, entriesOf, instance, PROFILES } from '@teleport-otel/catalog';
import { requireReference } from '../../../test-support/reference';

// The built CLI, as `npm start` runs it (npm test builds before running jest).
const BIN = join(__dirname, '../dist/bin.js');
// Under CI=true a missing reference folder fails the run (test-support/reference.ts).
const doc = requireReference('teleport-metrics-doc.txt');
const DOC_FILE = doc.paths[0]!;
const run = promisify(execFile);

async function catalogJson(...args: string[]): Promise<{ name: string; type: string; origin: string; package: string }[]> {
  const { stdout } = await run(process.execPath, [BIN, 'catalog', '--json', ...args]);
  return JSON.parse(stdout);
}

describe('teleport-otel catalog --profile', () => {
  it.each(PROFILES.map((p) => [p]))(
    '--json --profile %s lists that profile with name and type, one entry per name',
    async (p) => {
      const entries = await catalogJson('--profile', p);
      expect(entries.length).toBeGreaterThan(100);
      for (const e of entries) expect([e.name, typeof e.type]).toEqual([e.name, 'string']);
      expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    }
  );

  (doc.skip ? it.skip : it)("doc (the default) lists the page's 78 non-runtime names with the page's TYPE", async () => {
    const byDefault = await catalogJson();
    expect(await catalogJson('--profile', 'doc')).toEqual(byDefault);
    // The page's 37 runtime rows are the Go runtime's and promhttp's (packages runtime and diag).
    const page = byDefault.filter((e) => e.origin === 'doc' && e.package !== 'runtime' && e.package !== 'diag');
    expect(page).toHaveLength(78);
    // Each doc line reads name + TYPE + component + description, glued.
    const lines = fs.readFileSync(DOC_FILE, 'utf8').split('\n');
    for (const e of page) expect([e.name, lines.some((l) => l.startsWith(e.name + e.type))]).toEqual([e.name, true]);
  });

  it.each([['teleport-12'], ['latest']])(
    '%s: heartbeats_missed_total is a gauge; heartbeat_missed_total and reversetunnel_connected_proxies are not listed',
    async (p) => {
      const entries = await catalogJson('--profile', p);
      const names = entries.map((e) => e.name);
      expect(entries.find((e) => e.name === auth.heartbeatsMissedTotal.name)?.type).toBe('gauge');
      expect(names).not.toContain(auth.heartbeatMissedTotal.name);
      expect(names).not.toContain(instance.reversetunnelConnectedProxies.name);
    }
  );

  it('refuses an unknown profile in one line naming it, exit 2', async () => {
    const err = await run(process.execPath, [BIN, 'catalog', '--profile', 'teleport-9']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr.trim().split('\n')).toEqual([
      'teleport-otel: unknown profile "teleport-9" (expected doc, teleport-12, latest)',
    ]);
  });
});

describe('teleport-otel catalog (the text table)', () => {
  it('prints a header and one row per entry of the default profile: name, type, unit, labels, package', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'catalog']);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header!.split(/\s+/)).toEqual(['NAME', 'TYPE', 'UNIT', 'LABELS', 'PACKAGE']);
    const expected = entriesOf(DEFAULT_PROFILE);
    expect(rows).toHaveLength(expected.length);
    const byRow = new Map(rows.map((r) => [r.split(/\s+/)[0]!, r.split(/\s+/)]));
    for (const e of expected) {
      const cells = byRow.get(e.name);
      expect([e.name, cells?.slice(1, 3)]).toEqual([e.name, [e.type, e.unit]]);
      // Labels, then const labels (client_golang ConstLabels), comma-separated; none leaves the column empty.
      const labels = [...e.labels, ...Object.keys(e.constLabels ?? {})];
      if (labels.length > 0) expect([e.name, cells?.[3]]).toEqual([e.name, labels.join(',')]);
    }
  });
});
