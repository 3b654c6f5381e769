/**
 * A component package creating instruments that the followed profile holds none of (today
 * createKubeMetrics on a default diag) says so once, in one `teleport-otel:` line through
 * OpenTelemetry's diag logger, instead of silently recording nothing.
 */
import { auth, db, entriesOf, ingress, kube, proxyDb, usage } from '@teleport-otel/catalog';
import { attachRegistry, createInstruments, Registry } from '@teleport-otel/core';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { sdkPipeline } from '../../../test-support/sdk';
import { captureDiagWarnings } from '../../../test-support/diag-warnings';

const warnings = captureDiagWarnings();

const [firstKube] = Object.values(kube);

describe("instruments following a profile that holds none of their group's families", () => {
  it("warn once, in one teleport-otel: line naming the group, the diag's profile and the profile to choose; they record nothing", () => {
    const registry = new Registry();
    const meterProvider = attachRegistry(new MeterProvider(), registry);
    expect(entriesOf('doc').some((e) => e.group === firstKube!.group)).toBe(false);

    createInstruments(kube, { meterProvider });
    expect(warnings()).toHaveLength(1);
    const [line] = warnings();
    expect(line).toMatch(/^teleport-otel: /);
    expect(line).not.toContain('\n');
    expect(line).toContain(`@teleport-otel/${firstKube!.package}`);
    expect(line).toContain(firstKube!.name);
    expect(line).toContain(`profile "doc" (the diag's profile)`);
    expect(line).toContain(`{ profile: "latest" }`);
    expect(registry.collect().filter((f) => f.entry.group === firstKube!.group)).toEqual([]);

    createInstruments(kube, { meterProvider });
    createInstruments(kube, { registry: new Registry() });
    expect(warnings()).toHaveLength(1);
  });

  it('name the profiles that hold the group, and the default profile when no diag chose one', () => {
    const { meterProvider } = sdkPipeline();
    createInstruments(usage, { meterProvider });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('(the default profile)');
    expect(warnings()[0]).toContain('they are in "teleport-12", "latest"');
  });

  it('say nothing for a group the profile holds in part, a profile given explicitly, or a profile holding the group', () => {
    const registry = new Registry();
    // auth: heartbeats_missed_total is not in doc, the rest is.
    createInstruments(auth, { registry });
    // The caller chose the profile.
    createInstruments(db, { registry, profile: 'doc' });
    createInstruments(ingress, { meterProvider: sdkPipeline().meterProvider, profile: 'teleport-12' });
    // The diag follows latest.
    createInstruments(proxyDb, { registry: new Registry({ profile: 'latest' }) });
    expect(warnings()).toEqual([]);
  });
});
