import { node } from '@teleport-otel/catalog';
import { createNodeMetrics, createSessionLimiter } from '@teleport-otel/node';
import { collectMetrics, pointValue, recordAll, sdkPipeline } from '../../../test-support/sdk';
import { testFiles, typeErrors } from '../../../test-support/typecheck';

test('every node entry is exported with the catalog name, unit and help', async () => {
  const { meterProvider, reader } = sdkPipeline();
  recordAll(node, createNodeMetrics({ meterProvider }));
  const got = await collectMetrics(reader);
  for (const entry of Object.values(node)) {
    const m = got.get(entry.name);
    expect(m?.descriptor.unit).toBe(entry.unit);
    expect(m?.descriptor.description).toBe(entry.help);
    expect(pointValue(m)).toBe(2);
  }
});

test('createSessionLimiter refuses past maxConnections per user and counts each refusal', async () => {
  const { meterProvider, reader } = sdkPipeline();
  const m = createNodeMetrics({ meterProvider });
  const limiter = createSessionLimiter(m, 2);
  const a1 = limiter.tryAcquire('alice');
  const a2 = limiter.tryAcquire('alice');
  expect(a1 && a2).toBeDefined();
  expect(limiter.tryAcquire('alice')).toBeUndefined();
  expect(limiter.tryAcquire('bob')).toBeDefined(); // limits are per user
  a1!();
  a1!(); // a second release frees nothing more
  expect(limiter.held('alice')).toBe(1);
  expect(limiter.tryAcquire('alice')).toBeDefined();
  expect(limiter.tryAcquire('alice')).toBeUndefined();
  expect(pointValue((await collectMetrics(reader)).get(node.maxConcurrentSessionsHitTotal.name))).toBe(2);
});

/** Compile-time contract: each @ts-expect-error line must be a type error. */
export function misuse(): void {
  const m = createNodeMetrics({ meterProvider: sdkPipeline().meterProvider });
  // @ts-expect-error the counter has no labels
  m.maxConcurrentSessionsHitTotal.inc({ user: 'alice' });
  // @ts-expect-error misspelt instrument key
  m.maxConcurrentSessionHitTotal.inc();
}

test('misuse is a compile error; the package and its tests type-check', () => {
  expect(typeErrors(testFiles(__dirname))).toEqual([]);
}, 60000);
