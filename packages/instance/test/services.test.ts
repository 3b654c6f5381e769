import { instanceServices } from '@teleport-otel/catalog';
import { createInstanceServicesMetrics, serviceRunning } from '@teleport-otel/instance';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { expectGroupExposed } from '../../../test-support/exposition';
import { collectMetrics, expectGroupExported, sdkPipeline, sumAt } from '../../../test-support/sdk';

test('a running service counts 1 until it stops; stopping twice is harmless', async () => {
  const { meterProvider, reader } = sdkPipeline();
  const m = createInstanceServicesMetrics({ meterProvider, profile: 'latest' });
  const stopProxy = serviceRunning(m, 'proxy_service');
  serviceRunning(m, 'auth_service');
  stopProxy();
  stopProxy();
  m.breakerConnectorExecutions.inc({ role: 'Instance', state: 'standby', success: 'true' });
  const got = await collectMetrics(reader);
  expectGroupExported(instanceServices, got, {}, 'latest');
  expect(sumAt(got.get(instanceServices.services.name), { service_name: 'proxy_service' })).toBe(0);
  expect(sumAt(got.get(instanceServices.services.name), { service_name: 'auth_service' })).toBe(1);
});

test('over @teleport-otel/diag both families are exposed with the catalog TYPE and HELP', async () => {
  const diag = createDiagMeterProvider({ profile: 'latest' });
  try {
    const m = createInstanceServicesMetrics({ meterProvider: diag.meterProvider });
    serviceRunning(m, 'ssh_service');
    m.breakerConnectorExecutions.inc({ role: 'Instance', state: 'standby', success: 'false' });
    expectGroupExposed(parseExposition(await diag.render()), instanceServices, 'latest');
  } finally {
    await diag.shutdown();
  }
});
