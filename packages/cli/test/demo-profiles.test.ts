import { entriesOf, type Profile } from '@teleport-otel/catalog';
import type { ParsedFamily } from '@teleport-otel/diag';
import { checkExposition } from '../src/check';
import type { RunningDemo } from '../src/start';
import { exposureProblems, registeredEntries, scrape, startTestDemo } from './support/demo';

// `teleport-otel start --profile P`: every family of P has data, as P states it, and nothing else is exposed.
describe.each([['teleport-12'], ['latest']] as [Profile][])('teleport-otel start --profile %s', (profile) => {
  let demo: RunningDemo;
  let families: Map<string, ParsedFamily>;
  let text: string;

  // Some families of the newer profiles get their first event only after a while of simulated
  // traffic: wait up to 90 s for every family, inside a hook bound above that wait.
  beforeAll(async () => {
    demo = await startTestDemo(90_000, profile);
    ({ text, families } = await scrape(demo));
  }, 120_000);
  afterAll(() => demo.stop());

  it("exposes every family of the profile (self-metrics and no-analog rows aside) with the profile's TYPE, HELP, labels and buckets", () => {
    const entries = registeredEntries(demo);
    const expected = entriesOf(profile).filter((e) => e.origin !== 'self' && !e.noAnalog);
    expect(entries.map((e) => e.name).sort()).toEqual(expected.map((e) => e.name).sort());
    expect(exposureProblems(entries, families)).toEqual([]);
  });

  it('exposes no family outside the profile', () => {
    const names = new Set(entriesOf(profile).map((e) => e.name));
    expect([...families.keys()].filter((n) => !names.has(n))).toEqual([]);
  });

  it('passes `check --profile` for its own profile', () => {
    const result = checkExposition(text, { profile, strict: true });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
