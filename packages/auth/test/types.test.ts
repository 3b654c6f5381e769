import { createAuthMetrics, createGrpcServerMetrics } from '@teleport-otel/auth';
import { auth, grpcServer, self } from '@teleport-otel/catalog';
import { testFiles, typeErrors } from '../../../test-support/typecheck';
import type { TestReader } from '../../../test-support/sdk';

/**
 * Compile-time contract: the lines marked @ts-expect-error must be type errors. If one stops being
 * an error, tsc reports the directive as unused and the test below fails.
 */
export function misuse(): TestReader {
  const { sdkPipeline } = require('../../../test-support/sdk') as typeof import('../../../test-support/sdk');
  const { meterProvider, reader } = sdkPipeline();
  const a = createAuthMetrics({ meterProvider });
  const g = createGrpcServerMetrics({ meterProvider });
  // @ts-expect-error misspelt label name
  a.connectedResources.inc({ typ: 'node' });
  // @ts-expect-error label missing
  a.registeredServers.set(1, {});
  // @ts-expect-error an unlabelled counter takes no labels
  a.userLoginTotal.inc({ user: 'alice' });
  // @ts-expect-error grpc_code is a closed set of Go code names ('NotFound', not 'NOT_FOUND')
  g.handledTotal.inc({ grpc_type: 'unary', grpc_service: 's', grpc_method: 'm', grpc_code: 'NOT_FOUND' });
  // @ts-expect-error grpc_type is a closed set
  g.startedTotal.inc({ grpc_type: 'stream', grpc_service: 's', grpc_method: 'm' });
  // @ts-expect-error the only const label is `server`
  createGrpcServerMetrics({ meterProvider, constLabels: { client: 'x' } });
  // The correct forms compile.
  a.connectedResources.inc({ type: 'node' });
  g.handledTotal.inc({ grpc_type: 'unary', grpc_service: 's', grpc_method: 'm', grpc_code: 'NotFound' });
  return reader;
}

test('misspelt labels and wrong grpc_code values are compile errors; the package and its tests type-check', () => {
  const errors = typeErrors(testFiles(__dirname));
  expect(errors).toEqual([]);
}, 60000);

test('the same misuse at runtime never throws (it is dropped and counted instead)', async () => {
  let reader: TestReader | undefined;
  expect(() => (reader = misuse())).not.toThrow();
  const { collectMetrics, sumAt } = require('../../../test-support/sdk') as typeof import('../../../test-support/sdk');
  const dropped = (await collectMetrics(reader!)).get(self.droppedMeasurements.name);
  const at = (metric: string, reason: string) => sumAt(dropped, { metric, reason });
  // One count per misused call and reason, read from the five record-time misuses above.
  expect({
    typMissing: at(auth.connectedResources.name, 'label_missing'),
    typUnknown: at(auth.connectedResources.name, 'label_unknown'),
    versionMissing: at(auth.registeredServers.name, 'label_missing'),
    userUnknown: at(auth.userLoginTotal.name, 'label_unknown'),
    grpcCode: at(grpcServer.handledTotal.name, 'label_value_unknown'),
    grpcType: at(grpcServer.startedTotal.name, 'label_value_unknown'),
  }).toEqual({ typMissing: 1, typUnknown: 1, versionMissing: 1, userUnknown: 1, grpcCode: 1, grpcType: 1 });
});
