import { node } from '@teleport-otel/catalog';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { createNodeMetrics, createSessionLimiter } from '@teleport-otel/node';

test('fast path: user_max_concurrent_sessions_hit_total is exposed from registration and counts refusals', async () => {
  const diag = createDiagMeterProvider();
  const m = createNodeMetrics({ meterProvider: diag.meterProvider });
  const entry = node.maxConcurrentSessionsHitTotal;
  let f = parseExposition(await diag.render()).get(entry.name)!;
  expect([f.type, f.help, f.samples[0]!.value]).toEqual([entry.type, entry.help, 0]);
  const limiter = createSessionLimiter(m, 1);
  limiter.tryAcquire('alice');
  limiter.tryAcquire('alice');
  f = parseExposition(await diag.render()).get(entry.name)!;
  expect(f.samples[0]!.value).toBe(1);
  await diag.shutdown();
});
