import { createGrpcClientMetrics, createProxyMetrics } from '@teleport-otel/proxy';
import { testFiles, typeErrors } from '../../../test-support/typecheck';

/** Compile-time contract: each @ts-expect-error line must be a type error, or tsc reports it unused. */
export function misuse(): void {
  const { sdkPipeline } = require('../../../test-support/sdk') as typeof import('../../../test-support/sdk');
  const { meterProvider } = sdkPipeline();
  const p = createProxyMetrics({ meterProvider });
  const c = createGrpcClientMetrics({ meterProvider });
  // @ts-expect-error misspelt label name
  p.remoteClusters.set(1, { clustr: 'leaf' });
  // @ts-expect-error misspelt label name
  p.reverseTunnelsConnected.inc({ kind: 'node' });
  // @ts-expect-error an unlabelled counter takes no labels
  p.failedLoginAttemptsTotal.inc({ user: 'bob' });
  // @ts-expect-error grpc_code is a closed set of Go code names
  c.handledTotal.inc({ grpc_type: 'unary', grpc_service: 's', grpc_method: 'm', grpc_code: 'UNAVAILABLE' });
  // @ts-expect-error the only const label is `client`
  createGrpcClientMetrics({ meterProvider, constLabels: { server: 'x' } });
  p.remoteClusters.set(1, { cluster: 'leaf' });
  c.handledTotal.inc({ grpc_type: 'unary', grpc_service: 's', grpc_method: 'm', grpc_code: 'Unavailable' });
}

test('misspelt labels and wrong grpc_code values are compile errors; the package and its tests type-check', () => {
  const errors = typeErrors(testFiles(__dirname));
  expect(errors).toEqual([]);
}, 60000);

test('the same misuse at runtime never throws', () => {
  expect(() => misuse()).not.toThrow();
});
