import { createBackendMetrics, createDynamoMetrics, createS3Metrics, dynamoRecorder } from '@teleport-otel/backends';
import { dynamo, self } from '@teleport-otel/catalog';
import { collectMetrics, sdkPipeline, sumAt } from '../../../test-support/sdk';
import { typeErrors } from '../../../test-support/typecheck';

/**
 * Misuse that must not compile. Each line carries @ts-expect-error: if one of them ever compiles,
 * TypeScript reports the directive as unused and the typecheck test below fails.
 */
function misuse(): void {
  const d = createDynamoMetrics();
  // @ts-expect-error 'failed' is not one of the catalog's result values ('success' | 'error')
  d.requests.inc({ type: 'backend', operation: 'get_item', result: 'failed' });
  // @ts-expect-error 'audit' is not a DynamoDB table type
  dynamoRecorder(d, 'audit');
  // @ts-expect-error misspelt label name: 'operaton'
  d.requestsTotal.inc({ type: 'backend', operaton: 'get_item' });
  const s = createS3Metrics();
  // @ts-expect-error result must be 'success' | 'error'
  s.requests.inc({ operation: 'upload', result: 'ok' });
  const b = createBackendMetrics();
  // @ts-expect-error range is 'true' | 'false', not a boolean
  b.requests.inc({ component: 'backend', req: '/nodes/default', range: true });
  // @ts-expect-error missing label 'component'
  b.readSeconds.record(0.1, {});
}
void misuse;

describe('typed labels', () => {
  test('misspelt labels and values outside the closed sets are compile errors', () => {
    expect(typeErrors([__filename])).toEqual([]);
  }, 60_000);

  test('at run time a misspelt label is dropped into its own series and counted, never thrown', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const d = createDynamoMetrics({ meterProvider });
    const bad = { type: 'backend', operaton: 'get_item' } as unknown as { type: 'backend'; operation: string };
    expect(() => d.requestsTotal.inc(bad)).not.toThrow();
    const dropped = (await collectMetrics(reader)).get(self.droppedMeasurements.name);
    const name = dynamo.requestsTotal.name;
    expect(sumAt(dropped, { metric: name, reason: 'label_missing' })).toBe(1);
    expect(sumAt(dropped, { metric: name, reason: 'label_unknown' })).toBe(1);
  });
});
