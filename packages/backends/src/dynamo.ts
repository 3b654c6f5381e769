import { dynamo, type LabelsOf } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';
import { timeCall } from './timing';

/** The DynamoDB API metrics: `dynamo_requests_total`, `dynamo_requests`, `dynamo_requests_seconds`. */
export type DynamoMetrics = Instruments<typeof dynamo>;

/** Which table a call went to: 'backend' (cluster state) or 'events' (audit log). */
export type DynamoTableType = LabelsOf<typeof dynamo.requests>['type'];

/** Creates the DynamoDB instruments on the given MeterProvider (default: the global one). */
export function createDynamoMetrics(options?: InstrumentOptions): DynamoMetrics {
  return createInstruments(dynamo, options);
}

/** Records DynamoDB API calls for one table type. */
export interface DynamoRecorder {
  /**
   * Runs `fn` (sync or async) and, once it has completed, records what Teleport's recordMetrics
   * does for every API call: dynamo_requests_total +1, its latency in dynamo_requests_seconds, and
   * dynamo_requests{result} +1 with 'success' or 'error' (thrown or rejected).
   * `operation` is snake_case as Teleport names it: 'get_item', 'query', 'batch_write_item', ...
   */
  record<R>(operation: string, fn: () => R): R;
}

/**
 * ```ts
 * const dynamo = dynamoRecorder(createDynamoMetrics({ meterProvider }), 'backend');
 * const out = await dynamo.record('get_item', () => client.send(new GetItemCommand(input)));
 * ```
 */
export function dynamoRecorder(metrics: DynamoMetrics, type: DynamoTableType): DynamoRecorder {
  return {
    record<R>(operation: string, fn: () => R): R {
      return timeCall(fn, (seconds, failed) => {
        const labels = { type, operation };
        metrics.requestsTotal.inc(labels);
        metrics.requestsSeconds.record(seconds, labels);
        metrics.requests.inc({ type, operation, result: failed ? 'error' : 'success' });
      });
    },
  };
}
