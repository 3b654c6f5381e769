import { auth, byName, etcd } from '@teleport-otel/catalog';
import { createAuthMetrics, reportMissedHeartbeats } from '@teleport-otel/auth';
import { createEtcdMetrics } from '@teleport-otel/backends';
import { startDiag, parseExposition, type Diag } from '@teleport-otel/diag';
import { collectMetrics, sdkPipeline } from '../../../test-support/sdk';

async function scrape(diag: Diag) {
  const res = await fetch(`${diag.url}/metrics`);
  return parseExposition(await res.text());
}

describe('a profile chosen once at startDiag decides the families the packages expose', () => {
  const running: Diag[] = [];
  afterAll(() => Promise.all(running.map((d) => d.close())));
  const start = async (profile?: 'doc' | 'teleport-12' | 'latest') => {
    const diag = await startDiag({ addr: '127.0.0.1:0', ...(profile ? { profile } : {}) });
    running.push(diag);
    return diag;
  };

  it.each([['teleport-12'], ['latest']] as const)(
    "%s: reportMissedHeartbeats sets Teleport's gauge heartbeats_missed_total; the page's counter is not exposed",
    async (profile) => {
      const diag = await start(profile);
      const m = createAuthMetrics({ meterProvider: diag.meterProvider });
      reportMissedHeartbeats(m, 3);
      reportMissedHeartbeats(m, 2);
      createEtcdMetrics({ meterProvider: diag.meterProvider }).writeRequests.inc();
      const families = await scrape(diag);
      const gauge = families.get(auth.heartbeatsMissedTotal.name)!;
      expect(gauge.type).toBe('gauge');
      expect(gauge.samples.map((s) => s.value)).toEqual([2]);
      expect(families.has(auth.heartbeatMissedTotal.name)).toBe(false);
      expect(families.get(etcd.writeRequests.name)!.help).toBe(byName(etcd.writeRequests.name, profile)!.help);
      expect(families.get(etcd.writeRequests.name)!.help).not.toBe(etcd.writeRequests.help);
    }
  );

  it('doc (the default): the same calls grow the counter heartbeat_missed_total; the gauge is not exposed', async () => {
    const diag = await start();
    const m = createAuthMetrics({ meterProvider: diag.meterProvider });
    reportMissedHeartbeats(m, 3);
    reportMissedHeartbeats(m, 2);
    createEtcdMetrics({ meterProvider: diag.meterProvider }).writeRequests.inc();
    const families = await scrape(diag);
    expect(families.get(auth.heartbeatMissedTotal.name)!.type).toBe('counter');
    expect(families.get(auth.heartbeatMissedTotal.name)!.samples.map((s) => s.value)).toEqual([5]);
    expect(families.has(auth.heartbeatsMissedTotal.name)).toBe(false);
    expect(families.get(etcd.writeRequests.name)!.help).toBe(etcd.writeRequests.help);
  });

  it("a package's own profile option wins over the provider's", async () => {
    const diag = await start('doc');
    const m = createAuthMetrics({ meterProvider: diag.meterProvider, profile: 'latest' });
    reportMissedHeartbeats(m, 4);
    const families = await scrape(diag);
    expect(families.get(auth.heartbeatsMissedTotal.name)!.samples.map((s) => s.value)).toEqual([4]);
    expect(families.has(auth.heartbeatMissedTotal.name)).toBe(false);
  });

  it('a plain OpenTelemetry MeterProvider follows the profile option too', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuthMetrics({ meterProvider, profile: 'teleport-12' });
    reportMissedHeartbeats(m, 6);
    const got = await collectMetrics(reader);
    expect(got.get(auth.heartbeatsMissedTotal.name)!.dataPoints.map((p) => p.value)).toEqual([6]);
    expect(got.has(auth.heartbeatMissedTotal.name)).toBe(false);
  });

  it('an unknown profile is refused in one line naming it, before anything listens', async () => {
    await expect(startDiag({ addr: '127.0.0.1:0', profile: 'teleport-9' as never })).rejects.toThrow(
      /^teleport-otel: unknown profile "teleport-9" \(expected doc, teleport-12, latest\)$/
    );
    expect(() => createAuthMetrics({ profile: 'x' as never })).toThrow(/^teleport-otel: unknown profile "x"/);
  });
});
