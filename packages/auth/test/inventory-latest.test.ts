import { authInventory } from '@teleport-otel/catalog';
import { countAccessRequest, createAuthInventoryMetrics, reportInventory } from '@teleport-otel/auth';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { expectGroupExposed } from '../../../test-support/exposition';
import { collectMetrics, expectGroupExported, sdkPipeline, sumAt } from '../../../test-support/sdk';

describe('inventory gauges', () => {
  test('one pass sets totals, upgrade enrolment and per-install-method counts; methods that vanish are reset', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuthInventoryMetrics({ meterProvider, profile: 'latest' });
    reportInventory(m, [
      { upgrader: 'unit', installMethods: 'systemctl' },
      { upgrader: '', installMethods: 'systemctl' },
      { installMethods: 'helm_kube_agent' },
      { upgrader: 'kube' },
    ]);
    let got = await collectMetrics(reader);
    expect(sumAt(got.get(authInventory.totalInstances.name))).toBe(4);
    expect(sumAt(got.get(authInventory.enrolledInUpgrades.name))).toBe(2);
    expect(sumAt(got.get(authInventory.registeredServersByInstallMethods.name), { install_methods: 'systemctl' })).toBe(2);
    expect(sumAt(got.get(authInventory.registeredServersByInstallMethods.name), { install_methods: 'helm_kube_agent' })).toBe(1);

    reportInventory(m, [{ installMethods: 'systemctl' }]);
    got = await collectMetrics(reader);
    expect(sumAt(got.get(authInventory.totalInstances.name))).toBe(1);
    expect(sumAt(got.get(authInventory.enrolledInUpgrades.name))).toBe(0);
    expect(sumAt(got.get(authInventory.registeredServersByInstallMethods.name), { install_methods: 'systemctl' })).toBe(1);
    // Over a plain SDK meter a vanished series cannot be deleted: Gauge.reset sets it to 0.
    expect(sumAt(got.get(authInventory.registeredServersByInstallMethods.name), { install_methods: 'helm_kube_agent' })).toBe(0);
  });

  test('teleport_registered_servers: one series per (os, version, automatic_updates), "true" for an instance advertising an upgrader; vanished sets read 0', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuthInventoryMetrics({ meterProvider, profile: 'latest' });
    const [os] = authInventory.registeredServers.examples.os;
    const [v1, v2] = authInventory.registeredServers.examples.version;
    reportInventory(m, [
      { os, version: v1, upgrader: 'unit' },
      { os, version: v1, upgrader: 'kube' },
      { os, version: v1, upgrader: '' },
      { os, version: v2 },
      {},
    ]);
    const name = authInventory.registeredServers.name;
    let got = await collectMetrics(reader);
    expect(sumAt(got.get(name), { os, version: v1, automatic_updates: 'true' })).toBe(2);
    expect(sumAt(got.get(name), { os, version: v1, automatic_updates: 'false' })).toBe(1);
    expect(sumAt(got.get(name), { os, version: v2, automatic_updates: 'false' })).toBe(1);
    // Teleport labels an instance that reported no OS or version with empty values, and still counts it.
    expect(sumAt(got.get(name), { os: '', version: '', automatic_updates: 'false' })).toBe(1);

    reportInventory(m, [{ os, version: v2, upgrader: 'unit' }]);
    got = await collectMetrics(reader);
    expect(sumAt(got.get(name), { os, version: v2, automatic_updates: 'true' })).toBe(1);
    expect(sumAt(got.get(name), { os, version: v1, automatic_updates: 'true' })).toBe(0);
  });

  test('access requests are labeled with how many roles and resources they ask for', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createAuthInventoryMetrics({ meterProvider, profile: 'latest' });
    countAccessRequest(m, 2, 0);
    countAccessRequest(m, 2, 0);
    countAccessRequest(m, 1, 3);
    const got = await collectMetrics(reader);
    expect(sumAt(got.get(authInventory.accessRequestsCreated.name), { roles: '2', resources: '0' })).toBe(2);
    expect(sumAt(got.get(authInventory.accessRequestsCreated.name), { roles: '1', resources: '3' })).toBe(1);
  });
});

test('every family is exported (SDK) and exposed (diag) with the catalog facts; a vanished install method leaves /metrics', async () => {
  const drive = (m: ReturnType<typeof createAuthInventoryMetrics>) => {
    reportInventory(m, [{ upgrader: 'unit', installMethods: 'node_script' }, { installMethods: 'dockerfile' }]);
    m.rolesTotal.set(7);
    countAccessRequest(m, 1, 1);
    m.userCertificatesGenerated.inc({ private_key_policy: 'none' });
    m.userLoginPerClient.inc({ user_agent_type: 'tsh', proxy_group_id: '', version: '18.1.0' });
  };
  const { meterProvider, reader } = sdkPipeline();
  drive(createAuthInventoryMetrics({ meterProvider, profile: 'latest' }));
  expectGroupExported(authInventory, await collectMetrics(reader), {}, 'latest');
  const diag = createDiagMeterProvider({ profile: 'latest' });
  try {
    const m = createAuthInventoryMetrics({ meterProvider: diag.meterProvider });
    drive(m);
    expectGroupExposed(parseExposition(await diag.render()), authInventory, 'latest');
    reportInventory(m, [{ installMethods: 'node_script', os: 'linux', version: '18.1.0' }]);
    const exposed = parseExposition(await diag.render());
    const samples = exposed.get(authInventory.registeredServersByInstallMethods.name)!.samples;
    expect(samples.map((s) => s.labels.install_methods)).toEqual(['node_script']);
    expect(exposed.get(authInventory.registeredServers.name)!.samples.map((s) => [s.labels, s.value])).toEqual([
      [{ os: 'linux', version: '18.1.0', automatic_updates: 'false' }, 1],
    ]);
  } finally {
    await diag.shutdown();
  }
});
