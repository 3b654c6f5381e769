import * as fs from 'node:fs';
import {
  allEntries,
  byName,
  catalog,
  DEFAULT_PROFILE,
  entriesOf,
  etcd,
  inProfile,
  isProfile,
  parseProfile,
  PROFILE_INFO,
  PROFILES,
  type Profile,
} from '@teleport-otel/catalog';
import { requireReference } from '../../../test-support/reference';

// Under CI=true a missing reference folder fails the run (test-support/reference.ts).
const facts = requireReference('teleport-source-facts.json');
const FACTS_FILE = facts.paths[0]!;
const itFacts = facts.skip ? it.skip : it;

/** `path@commit` (gravitational/teleport), or `docs: path@commit` for a family known only from the docs. */
const SOURCE = /^(docs: )?[\w./-]+@[0-9a-f]{7,40}$/;
const CODE_PROFILES: readonly Profile[] = ['teleport-12', 'latest'];

describe('catalog profiles', () => {
  it('names three profiles, doc by default, and refuses others with one line naming the value', () => {
    expect(PROFILES).toEqual(['doc', 'teleport-12', 'latest']);
    expect(DEFAULT_PROFILE).toBe('doc');
    for (const p of PROFILES) {
      expect(isProfile(p)).toBe(true);
      expect(parseProfile(p)).toBe(p);
      expect(PROFILE_INFO[p].profile).toBe(p);
    }
    expect(isProfile('teleport-13')).toBe(false);
    expect(() => parseProfile('teleport-13')).toThrow(
      /^teleport-otel: unknown profile "teleport-13" \(expected doc, teleport-12, latest\)$/
    );
  });

  it('keeps the default catalog the doc profile', () => {
    expect(catalog).toBe(entriesOf('doc'));
    expect(byName('heartbeat_missed_total')?.type).toBe('counter');
    expect(byName('heartbeats_missed_total')).toBeUndefined();
  });

  it('files every entry under profiles it names, and every entry is in at least one profile', () => {
    for (const e of allEntries) {
      for (const p of e.profiles ?? []) expect(PROFILES).toContain(p);
      expect(PROFILES.some((p) => inProfile(e, p))).toBe(true);
      for (const p of Object.keys(e.overrides ?? {})) expect(inProfile(e, p as Profile)).toBe(true);
    }
  });

  it('gives every family outside the page its source, as path@commit', () => {
    const undocumented = allEntries.filter((e) => e.profiles !== undefined && !e.profiles.includes('doc'));
    expect(undocumented.length).toBeGreaterThan(0);
    for (const e of undocumented) expect([e.name, e.source]).toEqual([e.name, expect.stringMatching(SOURCE)]);
    for (const p of PROFILES) for (const e of entriesOf(p)) if (e.source !== undefined) expect(e.source).toMatch(SOURCE);
  });

  it.each(CODE_PROFILES.map((p) => [p]))(
    'in %s, heartbeats_missed_total is a gauge; heartbeat_missed_total and reversetunnel_connected_proxies are absent',
    (profile) => {
      const names = entriesOf(profile).map((e) => e.name);
      expect(byName('heartbeats_missed_total', profile)?.type).toBe('gauge');
      expect(names).not.toContain('heartbeat_missed_total');
      expect(names).not.toContain('reversetunnel_connected_proxies');
      expect(byName(etcd.writeRequests.name, profile)?.help).toBe('Number of write requests to the database');
    }
  );

  it('restates an entry per profile, and shows the page its own facts', () => {
    const { overrides, ...asOnThePage } = etcd.writeRequests;
    expect(overrides).toBeDefined();
    expect(byName(etcd.writeRequests.name, 'doc')).toEqual(asOnThePage);
    expect(byName(etcd.writeRequests.name, 'doc')?.help).toBe('Number of wrtie requests to the database');
    expect(byName(etcd.writeRequests.name, 'teleport-12')).not.toHaveProperty('overrides');
  });

  // Teleport's code as read at the page's commit: every family it registers is in teleport-12 under the code's name and TYPE.
  itFacts("holds in teleport-12 every page family Teleport's code registers, under the code's name and TYPE", () => {
    const facts = JSON.parse(fs.readFileSync(FACTS_FILE, 'utf8')) as {
      teleport_name: string | null;
      teleport_type: string | null;
    }[];
    const registered = facts.filter((f) => f.teleport_name !== null);
    expect(registered.length).toBeGreaterThan(70);
    for (const f of registered)
      expect([f.teleport_name, byName(f.teleport_name!, 'teleport-12')?.type]).toEqual([f.teleport_name, f.teleport_type]);
  });
});
