/** Every pushing process carries its own service.instance.id unless the environment names one. */
import { Worker } from 'node:worker_threads';
import { createDiagMeterProvider, diagOptionsFromEnv, withInstanceId } from '@teleport-otel/diag';

const KEY = 'service.instance.id';

async function resourceOf(options: Parameters<typeof createDiagMeterProvider>[0]) {
  const p = createDiagMeterProvider(options);
  try {
    const { resourceMetrics } = await p.pullReader!.collect();
    return resourceMetrics.resource.attributes;
  } finally {
    await p.shutdown();
  }
}

test('a diag provider carries a random service.instance.id, the same for every provider of the process', async () => {
  const a = await resourceOf({});
  const b = await resourceOf({});
  expect(a[KEY]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(b[KEY]).toBe(a[KEY]);
});

test('OTEL_RESOURCE_ATTRIBUTES (or the given resource) wins', async () => {
  const env = diagOptionsFromEnv({ OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=auth-1,service.name=svc' });
  const attrs = await resourceOf({ resource: env.resource });
  expect(attrs[KEY]).toBe('auth-1');
  expect(attrs['service.name']).toBe('svc');
});

test('each worker thread has its own', async () => {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { withInstanceId } = require('@teleport-otel/diag');
    parentPort.postMessage(withInstanceId().attributes['service.instance.id']);`;
  const ids = await Promise.all(
    [0, 1].map(
      () =>
        new Promise<string>((resolve, reject) => {
          const w = new Worker(code, { eval: true });
          w.once('message', (id: string) => void w.terminate().then(() => resolve(id)));
          w.once('error', reject);
        })
    )
  );
  const mine = withInstanceId().attributes[KEY];
  expect(new Set([...ids, mine]).size).toBe(3);
});
