/**
 * The `latest` profile holds the families current Teleport registers, with Teleport's TYPE. The
 * expected list is a fixture written by hand from Teleport's source files (each family with the
 * path@commit it was read from), not derived from the catalog; the built CLI must list every one.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fixture from '../../catalog/test/fixtures/latest-teleport-families.json';

const BIN = join(__dirname, '../dist/bin.js');

interface Listed {
  readonly name: string;
  readonly type: string;
  readonly help: string;
  readonly labels: readonly string[];
  readonly source?: string;
}

/** A fixture family; HELP and labels are given for the families whose var block was read for them. */
interface ReadFamily {
  readonly name: string;
  readonly type: string;
  readonly source: string;
  readonly help?: string;
  readonly labels?: readonly string[];
}

const listed = (profile: string): Listed[] =>
  JSON.parse(execFileSync(process.execPath, [BIN, 'catalog', '--json', '--profile', profile], { encoding: 'utf8' })) as Listed[];

describe('catalog --json --profile latest against the families read from Teleport source', () => {
  const latest = new Map(listed('latest').map((e) => [e.name, e] as const));

  test('the fixture names each family once, with a TYPE and a gravitational/teleport path@commit', () => {
    expect(fixture.families.length).toBeGreaterThanOrEqual(100);
    expect(new Set(fixture.families.map((f) => f.name)).size).toBe(fixture.families.length);
    for (const f of fixture.families) {
      expect(['counter', 'gauge', 'histogram']).toContain(f.type);
      expect(f.source).toMatch(/^[\w./-]+\.go@[0-9a-f]{40}$/);
    }
  });

  // Families the teleport-12 work adds to both profiles (12.x code registers them undocumented; the
  // current source still does). Until they are in the catalog, they are checked when present and
  // listed as to-do; every other family must be listed.
  const pending = new Set(fixture.pendingTeleport12);
  const ready = fixture.families.filter((f) => !pending.has(f.name) || latest.has(f.name));

  test.each(ready.map((f) => [f.name, f.type, f.source] as const))('%s is listed as a %s', (name, type) => {
    expect({ name, type: latest.get(name)?.type }).toEqual({ name, type });
  });

  for (const f of fixture.families.filter((x) => !ready.includes(x)))
    test.todo(`${f.name} (${f.type}, ${f.source}): add to the latest profile`);

  test("every newer family's entry names the same source file as the fixture", () => {
    for (const f of fixture.families) {
      const src = latest.get(f.name)?.source;
      // Families also on Teleport's 12.x page or in 12.0.0 may cite an older release's file; the
      // newer ones must cite exactly the file version they were checked against.
      if (src !== undefined && f.name.startsWith('teleport_') && src.split('@')[0] === f.source.split('@')[0])
        expect(src).toBe(f.source);
    }
  });

  test('families read with their HELP and labels are listed with that HELP and those labels in code order', () => {
    const read = (fixture.families as readonly ReadFamily[]).filter((f) => f.labels !== undefined);
    expect(read.length).toBeGreaterThan(0);
    for (const f of read) {
      const e = latest.get(f.name);
      expect({ name: f.name, help: e?.help, labels: e?.labels }).toEqual({ name: f.name, help: f.help, labels: f.labels });
    }
  });

  test('the page-only names are not in latest', () => {
    // heartbeat_missed_total / reversetunnel_connected_proxies exist only on the 12.x page.
    const docOnly = listed('doc')
      .filter((e) => !latest.has(e.name))
      .map((e) => e.name);
    expect(docOnly.length).toBeGreaterThan(0);
    for (const name of docOnly) expect(fixture.families.map((f) => f.name)).not.toContain(name);
  });
});
